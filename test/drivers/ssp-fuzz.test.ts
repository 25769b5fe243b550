// The driver over the emulator binding under random garbage (both ways), line faults and notes:
// nothing throws out, every note the device stacked is credited or reported uncertain (never
// both, never twice), and once the faults clear a fresh note is credited exactly once.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CNY_FEN, enableAll, recorder, sleep, startRig, waitFor } from './ssp-rig';
import type { Rig } from './ssp-rig';

type Action =
  | { kind: 'toHost'; bytes: Uint8Array }
  | { kind: 'toDevice'; bytes: Uint8Array }
  | { kind: 'line'; fault: 'silent' | 'splitFrames' | 'mergeFrames'; ms: number }
  | { kind: 'badCrc'; frames: number }
  | { kind: 'note'; fen: number }
  | { kind: 'wait'; ms: number };

/** Noise rich in STX bytes and plausible SEQ/LEN values, so it looks like frames. */
const noise = fc
  .array(fc.oneof(fc.constant(0x7f), fc.constantFrom(0x00, 0x80, 0x01, 0xf0), fc.nat(255)), {
    minLength: 1,
    maxLength: 60,
  })
  .map((a) => Uint8Array.from(a));

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('toHost' as const), bytes: noise }),
  fc.record({ kind: fc.constant('toDevice' as const), bytes: noise }),
  fc.record({
    kind: fc.constant('line' as const),
    fault: fc.constantFrom('silent' as const, 'splitFrames' as const, 'mergeFrames' as const),
    ms: fc.integer({ min: 5, max: 250 }),
  }),
  fc.record({ kind: fc.constant('badCrc' as const), frames: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('note' as const), fen: fc.constantFrom(...CNY_FEN) }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 60 }) }),
);

async function play(rig: Rig, a: Action): Promise<void> {
  switch (a.kind) {
    case 'toHost':
      return rig.toHost(Buffer.from(a.bytes));
    case 'toDevice':
      return rig.emulator.receive(Buffer.from(a.bytes));
    case 'badCrc':
      rig.emulator.line.badCrcFrames = a.frames;
      return;
    case 'note':
      rig.emulator.insertNote(a.fen);
      return;
    case 'wait':
      return sleep(a.ms);
    case 'line':
      rig.emulator.line[a.fault] = true;
      await sleep(a.ms);
      rig.emulator.line[a.fault] = false;
  }
}

describe('SspBillAcceptor under fuzzing', () => {
  it('garbage and line faults: no throw, every stacked note accounted once, then a clean credit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 8 }), async (actions) => {
        const rig = await startRig({ driver: { responseTimeoutMs: 25, retries: 2 } });
        try {
          const { calls, handlers } = recorder('stack');
          await enableAll(rig, handlers);
          for (const a of actions) await play(rig, a);
          Object.assign(rig.emulator.line, { badCrcFrames: 0 });
          await waitFor(
            'settled',
            () =>
              rig.driver.status.device === 'online' &&
              rig.driver.status.escrow === null &&
              rig.emulator.state === 'idle',
            8000,
          );
          await sleep(20);
          const uncertain = () =>
            calls.uncertain.length + rig.strays.filter((s) => s.outcome !== 'returned').length;
          expect(calls.credit.length + uncertain()).toBe(rig.notes.stacked.length);
          expect(calls.credit.length).toBeLessThanOrEqual(rig.notes.credited.length);
          expect(calls.returned.length).toBe(rig.notes.returned.length);

          const before = { credit: calls.credit.length, stacked: rig.notes.stacked.length };
          expect(rig.emulator.insertNote(2000)).toBe(true);
          await waitFor('fresh note', () => rig.notes.stacked.length === before.stacked + 1, 4000);
          await waitFor('credited', () => calls.credit.length === before.credit + 1);
          await sleep(30);
          expect(calls.credit.slice(before.credit)).toEqual([2000]);
          expect(rig.driver.status).toMatchObject({ device: 'online', escrow: null });
        } finally {
          await rig.driver.stop();
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
