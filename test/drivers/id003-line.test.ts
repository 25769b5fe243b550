// Faults of the wire between the driver and the acceptor: silence, corrupt CRCs, split and
// merged frames, a pulled cable, and garbage. Every note is still credited exactly once.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { EscrowDecision } from '../../drivers/bill-acceptor/bill-acceptor';
import { FrameParser } from '../../drivers/bill-acceptor/id003/frame';
import {
  buildRig,
  enableAll,
  gate,
  recorder,
  settled,
  sleep,
  startRig,
  waitFor,
} from './id003-rig';
import type { HostCalls, Rig } from './id003-rig';

/** CURRENCY ASSIGN, C0, C1; C3 only if IDLING/DISABLED does not already say the inhibit. */
const SETTINGS = [0x8a, 0xc0, 0xc1];

/** Inserts a note and waits until the box has it; the host must have credited it once. */
async function stacksOnce(rig: Rig, calls: HostCalls, fen: number): Promise<void> {
  const before = rig.emulator.counters().stacked;
  expect(rig.emulator.insertNote(fen)).toBe(true);
  await waitFor(`¥${fen / 100} stacked`, () => rig.emulator.counters().stacked === before + 1);
  await settled(rig);
  expect(calls.credit.filter((v) => v === fen)).toHaveLength(1);
  expect(rig.seen.credited.filter((v) => v === fen)).toHaveLength(1);
}

/** How many frames each chunk completes, read in order as the host reads them. */
function framesPerChunk(chunks: Buffer[]): number[] {
  const parser = new FrameParser();
  return chunks.map((c) => parser.push(c).length);
}

/** The driver re-reads the table and resends every setting after the line comes back. */
async function reconfigured(rig: Rig, from: number): Promise<void> {
  const sent = (): number[] => rig.hostCommands().slice(from);
  await waitFor('settings resent', () => SETTINGS.every((c) => sent().includes(c)));
}

describe('ID-003 line faults', () => {
  it('silence mid-note: offline, then back, re-configured, and the note credited once', async () => {
    const decision = gate<EscrowDecision>();
    const rig = await startRig();
    const { calls, handlers } = recorder(() => decision.promise);
    await enableAll(rig, handlers);
    rig.emulator.insertNote(10000);
    await waitFor('escrow asked', () => calls.escrow.length === 1);
    rig.emulator.line.silent = true;
    await waitFor('offline', () => rig.driver.status.device === 'offline');
    expect(rig.driver.status.detail).toBe('no reply from acceptor');
    decision.open('stack'); // the answer comes while the line is dead
    await sleep(100);
    expect(rig.emulator.counters().stacked).toBe(0);
    const from = rig.hostCommands().length;
    rig.emulator.line.silent = false;
    await waitFor('stacked', () => rig.emulator.counters().stacked === 1);
    await reconfigured(rig, from);
    await settled(rig);
    expect(calls).toEqual({ escrow: [10000], credit: [10000], returned: [], uncertain: [] });
    await stacksOnce(rig, calls, 500);
  });

  it.each([
    ['ESCROW', 0x13],
    ['STACKING', 0x14],
    ['VEND VALID', 0x15],
  ])('bad CRC on the frames after %s: the note is still credited once', async (_, code) => {
    const rig = await startRig();
    const { calls, handlers } = recorder('stack');
    await enableAll(rig, handlers);
    rig.onReply(code, () => (rig.emulator.line.badCrcFrames = 3));
    await stacksOnce(rig, calls, 2000);
    await waitFor('3 corrupt frames', () => rig.replyStats.crcErrors === 3);
    expect(calls.returned).toEqual([]);
  });

  it.each([
    { split: true, merge: false },
    { split: false, merge: true },
    { split: true, merge: true },
  ])('split $split, merged $merge: notes are credited once each', async ({ split, merge }) => {
    const rig = await startRig();
    const { calls, handlers } = recorder('stack');
    await enableAll(rig, handlers);
    rig.emulator.line.splitFrames = split;
    rig.emulator.line.mergeFrames = merge;
    const from = rig.replyChunks.length;
    await stacksOnce(rig, calls, 1000);
    await stacksOnce(rig, calls, 5000);
    const chunks = rig.replyChunks.slice(from);
    if (split) expect(framesPerChunk(chunks)).toContain(0); // a chunk that completes nothing
    if (merge) expect(Math.max(...framesPerChunk(chunks))).toBeGreaterThanOrEqual(2);
    rig.emulator.line.splitFrames = false;
    rig.emulator.line.mergeFrames = false;
    await stacksOnce(rig, calls, 100);
    expect(calls.credit).toEqual([1000, 5000, 100]);
    expect(calls.returned).toEqual([]);
  });

  it('a pulled cable: offline, reopens with backoff, re-reads the table, resends settings', async () => {
    const decision = gate<EscrowDecision>();
    const rig = await startRig({ driver: { reconnectMinMs: 20, reconnectMaxMs: 80 } });
    const { calls, handlers } = recorder(() => decision.promise);
    await enableAll(rig, handlers);
    rig.emulator.insertNote(5000);
    await waitFor('escrow asked', () => calls.escrow.length === 1);
    rig.cable.plugged = false;
    await waitFor('offline', () => rig.driver.status.device === 'offline');
    const opensBefore = rig.cable.opens;
    await sleep(400);
    const attempts = rig.cable.opens - opensBefore;
    // Backoff 20, 40, 80, 80… ms: a handful of attempts, not one per 10 ms poll.
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(attempts).toBeLessThanOrEqual(10);
    expect(rig.driver.status.device).toBe('offline');
    decision.open('stack');
    const from = rig.hostCommands().length;
    rig.cable.plugged = true;
    await waitFor('stacked', () => rig.emulator.counters().stacked === 1);
    await reconfigured(rig, from);
    await settled(rig);
    expect(calls).toEqual({ escrow: [5000], credit: [5000], returned: [], uncertain: [] });
    expect(rig.seen.credited).toEqual([5000]);
    await stacksOnce(rig, calls, 2000);
  });

  it('start() with the cable out keeps trying until it is plugged in', async () => {
    const rig = buildRig();
    rig.cable.plugged = false;
    const driver = rig.newDriver();
    await driver.start();
    expect(driver.status.device).toBe('offline');
    await sleep(100);
    rig.cable.plugged = true;
    await waitFor('online', () => driver.status.device === 'online');
    expect(driver.status.denominations).toHaveLength(6);
  });
});

// ID003_FUZZ_RUNS=200 for a long run.
describe('ID-003 driver under random line faults (fast-check)', () => {
  const fault = fc.oneof(
    fc.record({ kind: fc.constant('garbage' as const), bytes: fc.uint8Array({ maxLength: 40 }) }),
    fc.record({ kind: fc.constant('badCrc' as const), n: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ kind: fc.constant('split' as const), on: fc.boolean() }),
    fc.record({ kind: fc.constant('merge' as const), on: fc.boolean() }),
    fc.record({ kind: fc.constant('silence' as const), ms: fc.integer({ min: 0, max: 400 }) }),
  );
  const plan = fc.record({
    faults: fc.array(fc.tuple(fault, fc.integer({ min: 0, max: 60 })), { maxLength: 8 }),
    noteAt: fc.integer({ min: 0, max: 8 }),
  });

  it('never throws out, settles online with no escrow, and credits a fresh note once', async () => {
    await fc.assert(
      fc.asyncProperty(plan, async ({ faults, noteAt }) => {
        const rig = await startRig();
        const { calls, handlers } = recorder('stack');
        await enableAll(rig, handlers);
        for (const [i, [f, pauseMs]] of faults.entries()) {
          if (i === noteAt) rig.emulator.insertNote(1000);
          if (f.kind === 'garbage') rig.injectGarbage(Buffer.from(f.bytes));
          else if (f.kind === 'badCrc') rig.emulator.line.badCrcFrames = f.n;
          else if (f.kind === 'split') rig.emulator.line.splitFrames = f.on;
          else if (f.kind === 'merge') rig.emulator.line.mergeFrames = f.on;
          else {
            rig.emulator.line.silent = true;
            await sleep(f.ms);
            rig.emulator.line.silent = false;
          }
          await sleep(pauseMs);
        }
        Object.assign(rig.emulator.line, {
          splitFrames: false,
          mergeFrames: false,
          badCrcFrames: 0,
        });
        await settled(rig, 8000);
        // Any note caught in the faults was credited once or handed back, never both.
        expect(calls.credit).toEqual(rig.seen.credited);
        expect(rig.emulator.counters().stacked).toBe(calls.credit.length);
        expect(calls.credit.length + calls.returned.length).toBe(
          rig.seen.credited.length + rig.seen.returned.length,
        );
        expect(calls.uncertain).toEqual([]);
        await stacksOnce(rig, calls, 5000);
        expect(rig.logs.filter((l) => l.level === 'error')).toEqual([]);
        await rig.driver.stop();
      }),
      { numRuns: Number(process.env.ID003_FUZZ_RUNS ?? 8) },
    );
  });
});
