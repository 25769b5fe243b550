// SspBillAcceptor through the real SerialPortStream and the emulator: start-up and the money path.
import { describe, it, expect } from 'vitest';
import { Cmd } from '../../drivers/bill-acceptor/ssp/codes';
import type { StrayNote } from '../../drivers/bill-acceptor/bill-acceptor';
import { SspBillAcceptor } from '../../drivers/bill-acceptor/ssp/ssp-driver';
import { CNY_FEN, enableAll, gate, recorder, sleep, startRig, waitFor } from './ssp-rig';
import type { Rig } from './ssp-rig';

const count = (rig: Rig, cmd: number): number => rig.commands().filter((c) => c === cmd).length;

/** POLL frames sent right after a POLL with the same SEQ: re-sends, not new polls. */
const repeatedPolls = (rig: Rig): number =>
  rig.sent.filter((f, i) => {
    const prev = rig.sent[i - 1];
    return f.data[0] === Cmd.POLL && prev?.data[0] === Cmd.POLL && prev.seq === f.seq;
  }).length;

describe('SspBillAcceptor: start-up', () => {
  it('SYNC, protocol 6, channel table, inhibits, disabled; denominations from the device', async () => {
    const rig = await startRig();
    expect(rig.driver.status).toMatchObject({
      device: 'online',
      stacker: 'ok',
      escrow: null,
      denominations: CNY_FEN,
      detail: null,
    });
    const start = rig.sent.slice(0, 7).map((f) => [f.seq, ...f.data]);
    expect(start).toEqual([
      [0x80, Cmd.SYNC],
      [0x00, Cmd.HOST_PROTOCOL_VERSION, 6],
      [0x80, Cmd.SETUP_REQUEST],
      [0x00, Cmd.REJECT], // a note some earlier run left in escrow goes back first
      [0x80, Cmd.SET_INHIBITS, 0, 0],
      [0x00, Cmd.DISABLE],
      [0x80, Cmd.POLL],
    ]);
    expect(rig.emulator.state).toBe('disabled');
  });

  it('takes its denominations from whatever table the device reports', async () => {
    const rig = await startRig({
      emulator: { dataset: { country: 'EUR', values: [5, 10, 20, 50], realValueMultiplier: 100 } },
    });
    expect(rig.driver.status.denominations).toEqual([500, 1000, 2000, 5000]);
    rig.driver.enable([1000, 10000], recorder('stack').handlers);
    await waitFor('idle', () => rig.emulator.state === 'idle');
    expect(rig.commands()).toContain(Cmd.ENABLE);
    expect(
      rig.sent.find((f) => f.data[0] === Cmd.SET_INHIBITS && f.data[1] === 0b10),
    ).toBeDefined();
  });

  it('enables only the channels of the values asked for', async () => {
    const rig = await startRig();
    rig.driver.enable([2000, 5000], recorder('stack').handlers);
    await waitFor('idle', () => rig.emulator.state === 'idle');
    expect(rig.emulator.insertNote(10000)).toBe(false);
    expect(rig.emulator.insertNote(100)).toBe(false);
    expect(rig.emulator.insertNote(5000)).toBe(true);
    await waitFor('stacked', () => rig.notes.stacked.length === 1);
    rig.driver.disable();
    await waitFor('disabled', () => rig.emulator.state === 'disabled');
    expect(rig.emulator.insertNote(5000)).toBe(false);
  });
});

describe('SspBillAcceptor: the money path', () => {
  it('a ¥100 note: one escrow, one credit, stacked once, counters agree', async () => {
    const rig = await startRig();
    const { calls, handlers } = recorder('stack');
    await enableAll(rig, handlers);
    expect(rig.emulator.insertNote(10000)).toBe(true);
    await waitFor(
      'escrow cleared',
      () => rig.notes.stacked.length === 1 && rig.driver.status.escrow === null,
    );
    await sleep(30);
    expect(calls).toEqual({ escrow: [10000], credit: [10000], returned: [], uncertain: [] });
    expect(rig.notes).toEqual({ stacked: [10000], returned: [], credited: [10000] });
    expect(rig.strays).toEqual([]);
    await expect(rig.driver.readCounters()).resolves.toEqual({ stacked: 1, byValue: null });
  });

  it('holds the note with HOLD, never POLL, while the host decides', async () => {
    const decision = gate<'stack'>();
    const rig = await startRig();
    const { calls, handlers } = recorder(() => decision.promise);
    await enableAll(rig, handlers);
    rig.emulator.insertNote(2000);
    await waitFor('asked', () => calls.escrow.length === 1);
    expect(rig.driver.status.escrow).toBe(2000);
    const polls = count(rig, Cmd.POLL);
    await sleep(60);
    expect(count(rig, Cmd.POLL)).toBe(polls); // a POLL now would accept the note
    expect(count(rig, Cmd.HOLD)).toBeGreaterThan(3);
    expect(rig.emulator.state).toBe('escrow');
    decision.settle('stack');
    await waitFor('stacked', () => rig.notes.stacked.length === 1);
    expect(calls.credit).toEqual([2000]);
  });

  it('sends no POLL after CREDIT until onCredit resolves (journal before acknowledgement)', async () => {
    const journal = gate<undefined>();
    const rig = await startRig();
    const { calls, handlers } = recorder('stack', () => journal.promise);
    await enableAll(rig, handlers);
    rig.emulator.insertNote(5000);
    await waitFor('credit asked', () => calls.credit.length === 1);
    const frames = rig.sent.length;
    await sleep(60); // a dozen poll intervals while the journal is "writing"
    expect(rig.sent.length).toBe(frames);
    expect(rig.emulator.state).toBe('credited');
    expect(rig.driver.status.escrow).toBe(5000);
    journal.settle(undefined);
    await waitFor('stacked', () => rig.notes.stacked.length === 1);
    expect(rig.sent[frames]?.data[0]).toBe(Cmd.POLL);
    expect(calls.credit).toEqual([5000]);
  });

  it('onCredit failing: the same POLL (same SEQ) again, the device repeats CREDIT, one credit', async () => {
    let failures = 2;
    const rig = await startRig();
    const { calls, handlers } = recorder('stack', async () => {
      if (failures-- > 0) throw new Error('journal busy');
    });
    await enableAll(rig, handlers);
    rig.emulator.insertNote(1000);
    await waitFor('stacked', () => rig.notes.stacked.length === 1);
    expect(calls.credit).toEqual([1000, 1000, 1000]); // two failures, then journalled
    expect(rig.notes.credited).toEqual([1000]); // the device reported it once…
    expect(repeatedPolls(rig)).toBe(2); // …and was asked for it again twice, same SEQ
    expect(rig.log.lines.filter((l) => l.msg.includes('onCredit failed'))).toHaveLength(2);
  });

  it('a lost reply: the POLL goes again with the same SEQ and the CREDIT counts once', async () => {
    const rig = await startRig({ driver: { responseTimeoutMs: 500 } });
    const { calls, handlers } = recorder('stack');
    rig.emulator.events.once('credited', () => {
      rig.emulator.line.badCrcFrames = 1; // the reply carrying CREDIT arrives corrupt
    });
    await enableAll(rig, handlers);
    const started = Date.now();
    rig.emulator.insertNote(2000);
    await waitFor('stacked', () => rig.notes.stacked.length === 1);
    expect(Date.now() - started).toBeLessThan(400); // re-sent at once, not after the timeout
    expect(calls.credit).toEqual([2000]);
    expect(rig.notes.credited).toEqual([2000]);
    expect(rig.driver.status.device).toBe('online');
    expect(repeatedPolls(rig)).toBe(1);
  });

  it('the host says return: REJECT, the note comes back, nothing credited', async () => {
    const rig = await startRig();
    const { calls, handlers } = recorder('return');
    await enableAll(rig, handlers);
    rig.emulator.insertNote(5000);
    await waitFor('returned', () => calls.returned.length === 1);
    expect(calls).toEqual({ escrow: [5000], credit: [], returned: [5000], uncertain: [] });
    expect(rig.notes).toEqual({ stacked: [], returned: [5000], credited: [] });
    expect(count(rig, Cmd.REJECT)).toBe(2); // the orphan check at start, and this one
  });

  it('a rejected note: onReturned(null), and the reason read with LAST REJECT CODE', async () => {
    const rig = await startRig();
    const { calls, handlers } = recorder('stack');
    await enableAll(rig, handlers);
    rig.emulator.rejectNext(0x1c);
    rig.emulator.insertNote(5000);
    await waitFor('reason', () => rig.log.lines.some((l) => l.msg === 'ssp: note rejected'));
    expect(calls).toEqual({ escrow: [], credit: [], returned: [null], uncertain: [] });
    expect(rig.notes.returned).toEqual([5000]);
    expect(count(rig, Cmd.LAST_REJECT_CODE)).toBe(1);
    const line = rig.log.lines.find((l) => l.msg === 'ssp: note rejected');
    expect(line?.obj).toEqual({ reason: 'double note' });
  });

  it('disable() while the host decides returns the note; a late "stack" changes nothing', async () => {
    const decision = gate<'stack'>();
    const rig = await startRig();
    const { calls, handlers } = recorder(() => decision.promise);
    await enableAll(rig, handlers);
    rig.emulator.insertNote(2000);
    await waitFor('asked', () => calls.escrow.length === 1);
    rig.driver.disable();
    await waitFor('returned', () => calls.returned.length === 1);
    decision.settle('stack');
    await waitFor('disabled', () => rig.emulator.state === 'disabled');
    await sleep(20);
    expect(calls).toEqual({ escrow: [2000], credit: [], returned: [2000], uncertain: [] });
    expect(rig.notes.stacked).toEqual([]);
  });

  it('an escrow decision slower than 10 s: HOLD keeps the note, then it is stacked', async () => {
    let now = 0;
    const decision = gate<'stack'>();
    const rig = await startRig({ emulator: { clock: () => now } });
    const { calls, handlers } = recorder(() => decision.promise);
    await enableAll(rig, handlers);
    rig.emulator.insertNote(10000);
    await waitFor('asked', () => calls.escrow.length === 1);
    for (let i = 0; i < 6; i++) {
      now += 3_000; // 18 s of device time, a HOLD every 3 s
      const holds = count(rig, Cmd.HOLD);
      await waitFor('a HOLD', () => count(rig, Cmd.HOLD) > holds);
    }
    expect(rig.emulator.state).toBe('escrow');
    decision.settle('stack');
    await waitFor('stacked', () => rig.notes.stacked.length === 1);
    expect(calls.credit).toEqual([10000]);
  });

  it('counters: read as stacked, reset to zero; null when stopped', async () => {
    const rig = await startRig();
    await enableAll(rig, recorder('stack').handlers);
    for (const fen of [100, 500]) {
      rig.emulator.insertNote(fen);
      await waitFor('stacked', () => rig.notes.stacked.includes(fen));
      await waitFor('idle', () => rig.emulator.state === 'idle');
    }
    await expect(rig.driver.readCounters()).resolves.toEqual({ stacked: 2, byValue: null });
    expect(rig.emulator.counters().stacked).toBe(2);
    await expect(rig.driver.resetCounters()).resolves.toBe(true);
    await expect(rig.driver.readCounters()).resolves.toEqual({ stacked: 0, byValue: null });
    await rig.driver.stop();
    await expect(rig.driver.readCounters()).resolves.toBeNull();
    await expect(rig.driver.resetCounters()).resolves.toBe(false);
  });
});

describe('SspBillAcceptor: notes outside any escrow decision', () => {
  /** A second driver on the same emulator, as after a host restart. */
  async function restart(rig: Rig) {
    await rig.driver.stop();
    const strays: StrayNote[] = [];
    const listener = gate<undefined>();
    const driver = new SspBillAcceptor({
      port: { path: rig.path },
      binding: rig.binding,
      pollIntervalMs: 5,
      responseTimeoutMs: 40,
      retries: 3,
    });
    driver.onStrayNote((note) => {
      strays.push(note);
      return note.outcome === 'stacked' ? listener.promise : undefined;
    });
    await driver.start();
    return { driver, strays, listener };
  }

  it('a CREDIT after a restart is a stray "stacked", journalled before the next POLL', async () => {
    const rig = await startRig({ driver: { pollIntervalMs: 150 } });
    await enableAll(rig, recorder('stack').handlers);
    rig.emulator.insertNote(2000);
    await waitFor('accepted', () => rig.emulator.state === 'stacking', 3000);
    const b = await restart(rig);
    try {
      await waitFor('stray', () => b.strays.length === 1);
      expect(b.strays[0]).toMatchObject({ value: 2000, outcome: 'stacked' });
      const frames = rig.sent.length;
      await sleep(50);
      expect(rig.sent.length).toBe(frames); // holding the line for the listener
      b.listener.settle(undefined);
      await waitFor('stacked', () => rig.notes.stacked.length === 1);
      expect(rig.notes.credited).toEqual([2000]);
    } finally {
      await b.driver.stop();
    }
  });

  it('a note left in escrow by an earlier run is handed back, never stacked', async () => {
    const rig = await startRig();
    await enableAll(rig, recorder(() => new Promise(() => {})).handlers);
    rig.emulator.insertNote(5000);
    await waitFor('escrow', () => rig.emulator.state === 'escrow');
    const b = await restart(rig);
    try {
      await waitFor('returned', () => rig.notes.returned.length === 1);
      await waitFor('stray', () => b.strays.length === 1);
      expect(b.strays[0]).toMatchObject({ value: null, outcome: 'returned' });
      expect(rig.notes.stacked).toEqual([]);
    } finally {
      await b.driver.stop();
    }
  });
});
