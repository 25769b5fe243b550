// SspBillAcceptor through the emulator when things go wrong: every device fault, power loss at
// each point, silence, and a damaged line. Each asserts the handler calls and the emulator's
// own account of where the notes went.
import { describe, it, expect } from 'vitest';
import type { AcceptorFault } from '../../sim/devices/acceptor-emulator';
import { Cmd } from '../../drivers/bill-acceptor/ssp/codes';
import { SspBillAcceptor } from '../../drivers/bill-acceptor/ssp/ssp-driver';
import { createEmulatorBinding } from '../../sim/devices/emulator-binding';
import { enableAll, gate, recorder, sleep, startRig, waitFor } from './ssp-rig';
import type { Rig } from './ssp-rig';

/** Inserts a note and waits until its credit is journalled and the device is idle again. */
async function payOnce(rig: Rig, fen: number, credits: number[]): Promise<void> {
  const before = credits.length;
  await waitFor('slot open', () => rig.emulator.insertNote(fen), 6000);
  await waitFor('credited', () => credits.length === before + 1, 6000);
  await waitFor('idle', () => rig.emulator.state === 'idle' && rig.driver.status.escrow === null);
}

describe('SspBillAcceptor: device faults', () => {
  const cases: { fault: AcceptorFault; stacker: string; detail: RegExp }[] = [
    { fault: 'jamInAcceptor', stacker: 'ok', detail: /unsafe jam/ },
    { fault: 'jamInStacker', stacker: 'ok', detail: /safe jam/ },
    { fault: 'stackerFull', stacker: 'full', detail: /stacker full/ },
    { fault: 'stackerOpen', stacker: 'open', detail: /cash box removed/ },
    { fault: 'cheated', stacker: 'ok', detail: /fraud/ },
    { fault: 'failure', stacker: 'ok', detail: /POLL answered fail/ },
  ];
  for (const { fault, stacker, detail } of cases) {
    it(`${fault}: hardwareError while it lasts, online after, and notes flow again`, async () => {
      const rig = await startRig();
      const { calls, handlers } = recorder('stack');
      await enableAll(rig, handlers);
      rig.emulator.setFault(fault);
      await waitFor('fault', () => rig.driver.status.device === 'hardwareError');
      expect(rig.driver.status.stacker).toBe(stacker);
      expect(rig.driver.status.detail).toMatch(detail);
      expect(rig.emulator.insertNote(1000)).toBe(false);
      rig.emulator.setFault(null);
      await waitFor('online', () => rig.driver.status.device === 'online');
      expect(rig.driver.status).toMatchObject({ stacker: 'ok', detail: null });
      await payOnce(rig, 1000, calls.credit);
      expect(calls).toMatchObject({ credit: [1000], returned: [], uncertain: [] });
      expect(rig.notes).toEqual({ stacked: [1000], returned: [], credited: [1000] });
    });
  }

  it('a jam with the note stacking, uncredited: onUncertain once; the box has it', async () => {
    const rig = await startRig({ driver: { pollIntervalMs: 60 } });
    const { calls, handlers } = recorder('stack');
    await enableAll(rig, handlers);
    rig.emulator.insertNote(5000);
    await waitFor('stacking', () => rig.emulator.state === 'stacking');
    rig.emulator.setFault('jamInStacker');
    await waitFor('uncertain', () => calls.uncertain.length === 1);
    await sleep(150); // the jam is repeated on every poll: still one report
    rig.emulator.setFault(null);
    await waitFor('online', () => rig.driver.status.device === 'online');
    expect(calls.uncertain).toEqual([
      { value: 5000, reason: expect.stringMatching(/jam/), inBox: false },
    ]);
    expect(calls.credit).toEqual([]);
    expect(rig.notes).toEqual({ stacked: [5000], returned: [], credited: [] });
    expect(rig.driver.status.escrow).toBeNull();
  });

  it('a fault with the note in escrow: it is handed back once the fault clears', async () => {
    const decision = gate<'stack'>();
    const rig = await startRig();
    const { calls, handlers } = recorder(() => decision.promise);
    await enableAll(rig, handlers);
    rig.emulator.insertNote(2000);
    await waitFor('asked', () => calls.escrow.length === 1);
    rig.emulator.setFault('cheated');
    await waitFor('fault', () => rig.driver.status.device === 'hardwareError');
    decision.settle('stack'); // too late: the device no longer holds it
    await sleep(30);
    rig.emulator.setFault(null);
    await waitFor('returned', () => calls.returned.length === 1);
    expect(calls).toEqual({ escrow: [2000], credit: [], returned: [2000], uncertain: [] });
    expect(rig.notes).toEqual({ stacked: [], returned: [2000], credited: [] });
  });

  it('a fault right after the credit point: nothing is left in escrow, one credit', async () => {
    const rig = await startRig();
    const { calls, handlers } = recorder('stack', async () => rig.emulator.setFault('stackerFull'));
    await enableAll(rig, handlers);
    rig.emulator.insertNote(10000);
    await waitFor('fault', () => rig.driver.status.device === 'hardwareError');
    await waitFor('escrow clear', () => rig.driver.status.escrow === null);
    expect(rig.notes.stacked).toEqual([]); // STACKED not reported yet: the device is frozen
    rig.emulator.setFault(null);
    await waitFor('stacked', () => rig.notes.stacked.length === 1);
    await waitFor('idle', () => rig.emulator.state === 'idle');
    expect(calls).toEqual({ escrow: [10000], credit: [10000], returned: [], uncertain: [] });
  });

  it('the cash box pulled and put back: open until CASHBOX REPLACED', async () => {
    const rig = await startRig();
    const seen: string[] = [];
    rig.driver.onStatus((s) => seen.push(s.stacker));
    rig.emulator.setFault('stackerOpen');
    await waitFor('open', () => rig.driver.status.stacker === 'open');
    rig.emulator.setFault(null);
    await waitFor('ok', () => rig.driver.status.stacker === 'ok');
    expect(seen).toEqual(['open', 'ok']);
  });
});

describe('SspBillAcceptor: power loss', () => {
  it('in escrow: at power-up the note is cleared out of the front: onReturned, no credit', async () => {
    const rig = await startRig();
    const { calls, handlers } = recorder(() => new Promise(() => {}));
    await enableAll(rig, handlers);
    rig.emulator.powerLoss('inEscrow');
    rig.emulator.insertNote(5000);
    await waitFor('asked', () => calls.escrow.length === 1);
    expect(rig.emulator.state).toBe('off');
    await sleep(50);
    rig.emulator.powerOn();
    await waitFor('returned', () => calls.returned.length === 1);
    await waitFor('online', () => rig.driver.status.device === 'online');
    expect(calls).toEqual({ escrow: [5000], credit: [], returned: [5000], uncertain: [] });
    expect(rig.notes).toEqual({ stacked: [], returned: [5000], credited: [] });
    expect(rig.driver.status.escrow).toBeNull();
  });

  it('while stacking: at power-up it is cleared into the box: onUncertain, never credited', async () => {
    const rig = await startRig();
    const { calls, handlers } = recorder('stack');
    await enableAll(rig, handlers);
    rig.emulator.powerLoss('whileStacking');
    rig.emulator.insertNote(2000);
    await waitFor('off', () => rig.emulator.state === 'off');
    await sleep(50);
    rig.emulator.powerOn();
    await waitFor('uncertain', () => calls.uncertain.length === 1);
    await waitFor('online', () => rig.driver.status.device === 'online');
    expect(calls.uncertain).toEqual([
      { value: 2000, reason: expect.stringMatching(/cash box/), inBox: true },
    ]);
    expect(calls.credit).toEqual([]);
    expect(rig.notes).toEqual({ stacked: [2000], returned: [], credited: [] });
    expect(rig.emulator.counters().stacked).toBe(1);
    await expect(rig.driver.readCounters()).resolves.toEqual({ stacked: 1, byValue: null });
  });

  it('long enough to go offline: the driver re-SYNCs with backoff and starts the device afresh', async () => {
    const rig = await startRig();
    const { calls, handlers } = recorder('stack');
    await enableAll(rig, handlers);
    rig.emulator.powerLoss('now');
    await waitFor('offline', () => rig.driver.status.device === 'offline');
    expect(rig.driver.status.detail).toBe('no reply from acceptor');
    await expect(rig.driver.readCounters()).resolves.toBeNull();
    const syncs = rig.commands().filter((c) => c === Cmd.SYNC).length;
    await sleep(200);
    const tried = rig.commands().filter((c) => c === Cmd.SYNC).length - syncs;
    expect(tried).toBeGreaterThan(0);
    expect(tried).toBeLessThan(10); // backoff 10 → 20 → 40 ms, not every tick
    rig.emulator.powerOn();
    await waitFor('online', () => rig.driver.status.device === 'online');
    await waitFor('enabled again', () => rig.emulator.state === 'idle');
    await payOnce(rig, 100, calls.credit);
    expect(rig.notes).toEqual({ stacked: [100], returned: [], credited: [100] });
  });
});

describe('SspBillAcceptor: silence and a damaged line', () => {
  it('silence in escrow past 10 s: the device rejects it (escrow timeout), the host is told', async () => {
    let now = 0;
    const decision = gate<'stack'>();
    const rig = await startRig({ emulator: { clock: () => now } });
    const { calls, handlers } = recorder(() => decision.promise);
    await enableAll(rig, handlers);
    rig.emulator.insertNote(10000);
    await waitFor('asked', () => calls.escrow.length === 1);
    rig.emulator.line.silent = true; // no HOLD reaches the device now
    await waitFor('offline', () => rig.driver.status.device === 'offline');
    now += 11_000;
    rig.emulator.line.silent = false;
    await waitFor('returned', () => calls.returned.length === 1);
    decision.settle('stack');
    await waitFor('reason', () => rig.log.lines.some((l) => l.msg === 'ssp: note rejected'));
    expect(rig.log.lines.find((l) => l.msg === 'ssp: note rejected')?.obj).toEqual({
      reason: 'escrow timeout',
    });
    await sleep(30);
    expect(calls).toEqual({ escrow: [10000], credit: [], returned: [10000], uncertain: [] });
    expect(rig.notes).toEqual({ stacked: [], returned: [10000], credited: [] });
  });

  it('silence while the note is stacking: after it, the credit comes through once', async () => {
    const rig = await startRig({ driver: { pollIntervalMs: 40 } });
    const { calls, handlers } = recorder('stack');
    await enableAll(rig, handlers);
    rig.emulator.insertNote(5000);
    await waitFor('stacking', () => rig.emulator.state === 'stacking');
    rig.emulator.line.silent = true;
    await waitFor('offline', () => rig.driver.status.device === 'offline');
    rig.emulator.line.silent = false;
    await waitFor('stacked', () => rig.notes.stacked.length === 1);
    await waitFor('online', () => rig.driver.status.device === 'online');
    expect(calls.credit).toEqual([5000]);
    expect(rig.notes).toEqual({ stacked: [5000], returned: [], credited: [5000] });
  });

  for (const damage of ['badCrcFrames', 'splitFrames', 'mergeFrames'] as const) {
    it(`${damage}: every note is credited exactly once`, async () => {
      const rig = await startRig();
      const { calls, handlers } = recorder('stack');
      await enableAll(rig, handlers);
      if (damage === 'badCrcFrames') rig.emulator.line.badCrcFrames = 8;
      else rig.emulator.line[damage] = true;
      for (const fen of [1000, 2000, 5000]) await payOnce(rig, fen, calls.credit);
      expect(calls.credit).toEqual([1000, 2000, 5000]);
      expect(rig.notes.credited).toEqual([1000, 2000, 5000]);
      expect(rig.notes.stacked).toEqual([1000, 2000, 5000]);
      if (damage === 'badCrcFrames') expect(rig.emulator.line.badCrcFrames).toBe(0);
    });
  }

  it('start() does not reject without a port; the acceptor is offline and keeps trying', async () => {
    const driver = new SspBillAcceptor({
      port: { path: 'sim://nowhere' },
      binding: createEmulatorBinding({}),
      pollIntervalMs: 5,
      reconnectMinMs: 10,
    });
    try {
      await expect(driver.start()).resolves.toBeUndefined();
      expect(driver.status).toMatchObject({ device: 'offline', detail: 'port not open' });
      await expect(driver.readCounters()).resolves.toBeNull();
    } finally {
      await driver.stop();
    }
  });
});
