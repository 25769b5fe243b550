// Device faults, scripted in the emulator, through the real driver: the host hears of every
// note exactly once (credit, returned or uncertain), and the driver comes back online.
import { describe, it, expect } from 'vitest';
import type { EscrowDecision } from '../../drivers/bill-acceptor/bill-acceptor';
import type { AcceptorFault } from '../../sim/devices/acceptor-emulator';
import {
  enableAll,
  gate,
  recorder,
  settled,
  sleep,
  startRig,
  strayRecorder,
  waitFor,
} from './id003-rig';
import type { HostCalls, Rig } from './id003-rig';

const ESCROW = 0x13;
const STACKING = 0x14;

/** A fresh note after a fault has cleared: credited exactly once, as the emulator says. */
async function creditsAFreshNote(rig: Rig, calls: HostCalls, fen = 2000): Promise<void> {
  await settled(rig);
  const credits = calls.credit.length;
  const stacked = rig.emulator.counters().stacked;
  expect(rig.emulator.insertNote(fen)).toBe(true);
  await waitFor('fresh note stacked', () => rig.emulator.counters().stacked === stacked + 1);
  await settled(rig);
  expect(calls.credit.slice(credits)).toEqual([fen]);
  expect(rig.seen.credited.at(-1)).toBe(fen);
}

const FAULTS: { fault: AcceptorFault; detail: string; stacker: string }[] = [
  { fault: 'jamInAcceptor', detail: 'acceptor jam', stacker: 'ok' },
  { fault: 'jamInStacker', detail: 'stacker jam', stacker: 'ok' },
  { fault: 'stackerFull', detail: 'stacker full', stacker: 'full' },
  { fault: 'stackerOpen', detail: 'stacker open', stacker: 'open' },
  { fault: 'cheated', detail: 'cheated', stacker: 'ok' },
  { fault: 'failure', detail: 'failure: stack motor failure', stacker: 'ok' },
];

describe('ID-003 device faults', () => {
  it('rejects with every reason 0x71–0x7E: returned, never escrowed or credited', async () => {
    const rig = await startRig();
    const { calls, handlers } = recorder('stack');
    await enableAll(rig, handlers);
    const reasons = Array.from({ length: 14 }, (_, i) => 0x71 + i);
    for (const [n, reason] of reasons.entries()) {
      rig.emulator.rejectNext(reason);
      expect(rig.emulator.insertNote(500)).toBe(true);
      await waitFor(`reject ${reason}`, () => calls.returned.length === n + 1);
      await settled(rig);
    }
    expect(calls.returned).toEqual(reasons.map(() => null)); // the note was never read
    expect(calls.escrow).toEqual([]);
    expect(calls.credit).toEqual([]);
    expect(rig.seen.returned).toEqual(reasons.map(() => 500));
    expect(rig.emulator.counters().stacked).toBe(0);
    const rejectingSent = rig.replyChunks.filter((c) => c[2] === 0x17).map((c) => c[3]);
    expect(new Set(rejectingSent)).toEqual(new Set(reasons));
    await creditsAFreshNote(rig, calls);
  });

  it.each(FAULTS)('$fault while idle: reported, then back online', async (f) => {
    const rig = await startRig();
    const { calls, handlers } = recorder('stack');
    await enableAll(rig, handlers);
    rig.emulator.setFault(f.fault);
    await waitFor('fault', () => rig.driver.status.device === 'hardwareError');
    expect(rig.driver.status).toMatchObject({ detail: f.detail, stacker: f.stacker, escrow: null });
    expect(rig.emulator.insertNote(1000)).toBe(false);
    rig.emulator.setFault(null);
    await creditsAFreshNote(rig, calls);
    expect(calls).toMatchObject({ escrow: [2000], returned: [], uncertain: [] });
    expect(rig.emulator.counters().stacked).toBe(1);
  });

  it.each(FAULTS)('$fault while stacking: the note is uncertain, never credited', async (f) => {
    const rig = await startRig();
    const { calls, handlers } = recorder('stack');
    await enableAll(rig, handlers);
    rig.onReply(STACKING, () => rig.emulator.setFault(f.fault));
    rig.emulator.insertNote(5000);
    await waitFor('uncertain', () => calls.uncertain.length === 1);
    // The device never says where it went: not counted in the box.
    expect(calls.uncertain).toEqual([{ value: 5000, reason: f.detail, inBox: false }]);
    expect(rig.driver.status).toMatchObject({ device: 'hardwareError', detail: f.detail });
    expect(rig.emulator.state).toBe('stacking');
    await sleep(50); // the fault repeats: still one call
    expect(calls.uncertain).toHaveLength(1);
    rig.emulator.setFault(null); // cleared: the note ends up in the box, uncredited
    await settled(rig);
    expect(rig.emulator.counters()).toEqual({ stacked: 1, byValue: { 5000: 1 } });
    expect(rig.seen.credited).toEqual([]);
    expect(calls.credit).toEqual([]);
    expect(calls.returned).toEqual([]);
    await creditsAFreshNote(rig, calls);
    expect(calls.uncertain).toHaveLength(1);
  });

  it('a jam in the acceptor keeps an escrowed note, then hands it back', async () => {
    const decision = gate<EscrowDecision>();
    const rig = await startRig();
    const { calls, handlers } = recorder(() => decision.promise);
    await enableAll(rig, handlers);
    rig.onReply(ESCROW, () => rig.emulator.setFault('jamInAcceptor'));
    rig.emulator.insertNote(10000);
    await waitFor('jam', () => rig.driver.status.detail === 'acceptor jam');
    expect(rig.driver.status.escrow).toBe(10000);
    decision.open('stack'); // too late: the acceptor refuses to move the note
    await sleep(100);
    expect(rig.emulator.state).toBe('escrow');
    rig.emulator.setFault(null);
    await waitFor('handed back', () => rig.seen.returned.length === 1);
    await settled(rig);
    expect(calls).toEqual({ escrow: [10000], credit: [], returned: [10000], uncertain: [] });
    expect(rig.seen.returned).toEqual([10000]);
    expect(rig.emulator.counters().stacked).toBe(0);
    await creditsAFreshNote(rig, calls);
  });

  it('power loss in escrow: POWER UP 41, the note is returned, never credited', async () => {
    const decision = gate<EscrowDecision>();
    const rig = await startRig();
    const { calls, handlers } = recorder(() => decision.promise);
    await enableAll(rig, handlers);
    rig.emulator.powerLoss('inEscrow');
    rig.emulator.insertNote(2000);
    await waitFor('escrow asked', () => calls.escrow.length === 1);
    await waitFor('offline', () => rig.driver.status.device === 'offline');
    rig.emulator.powerOn();
    await waitFor('returned', () => rig.seen.returned.length === 1);
    await settled(rig);
    decision.open('stack'); // the host's late answer moves nothing
    await sleep(100);
    expect(calls).toEqual({ escrow: [2000], credit: [], returned: [2000], uncertain: [] });
    expect(rig.seen.returned).toEqual([2000]);
    expect(rig.emulator.counters().stacked).toBe(0);
    expect(rig.replyChunks.some((c) => c[2] === 0x41)).toBe(true);
    await creditsAFreshNote(rig, calls, 5000);
  });

  it('power loss while stacking: POWER UP 42, uncertain, the box counts it', async () => {
    const rig = await startRig();
    const { calls, handlers } = recorder('stack');
    await enableAll(rig, handlers);
    const strays = strayRecorder(rig.driver);
    rig.emulator.powerLoss('whileStacking');
    rig.emulator.insertNote(10000);
    await waitFor('cut', () => rig.emulator.state === 'off');
    await waitFor('offline', () => rig.driver.status.device === 'offline');
    // Silence after the first 42 report: the acceptor reports it again once the line is back.
    rig.onReply(0x42, () => (rig.emulator.line.silent = true));
    rig.emulator.powerOn();
    await waitFor('uncertain', () => calls.uncertain.length === 1);
    await sleep(300);
    rig.emulator.line.silent = false;
    await settled(rig);
    expect(rig.replyChunks.filter((c) => c[2] === 0x42).length).toBeGreaterThanOrEqual(2);
    expect(strays).toEqual([]);
    expect(calls.uncertain).toEqual([
      { value: 10000, reason: 'power up with the note in the stacker', inBox: true },
    ]);
    expect(calls.credit).toEqual([]);
    expect(calls.returned).toEqual([]);
    expect(rig.seen.credited).toEqual([]);
    expect(rig.emulator.counters()).toEqual({ stacked: 1, byValue: { 10000: 1 } });
    await creditsAFreshNote(rig, calls);
  });

  it('a power cut after VEND VALID is a credit, not an uncertain note', async () => {
    const journal = gate();
    const rig = await startRig();
    const { calls, handlers } = recorder('stack', () => journal.promise);
    await enableAll(rig, handlers);
    rig.emulator.insertNote(1000);
    await waitFor('credit asked', () => calls.credit.length === 1);
    rig.emulator.powerCycle(); // 42: RESET stacks it
    await waitFor('stacked', () => rig.emulator.counters().stacked === 1);
    journal.open();
    await settled(rig);
    expect(calls.credit).toEqual([1000]);
    expect(calls.uncertain).toEqual([]);
    expect(rig.seen.credited).toEqual([1000]);
  });
});
