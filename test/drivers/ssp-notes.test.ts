// NoteTracker alone: the outcome each event gives a note, tracked or not.
import { describe, it, expect } from 'vitest';
import type { StrayNote } from '../../drivers/bill-acceptor/bill-acceptor';
import { NoteTracker } from '../../drivers/bill-acceptor/ssp/note-tracker';
import { recorder } from './ssp-rig';

function tracker(accepts = true) {
  const strays: StrayNote[] = [];
  const escrow: (number | null)[] = [];
  const log = { info: () => {}, warn: () => {}, error: () => {} };
  const notes = new NoteTracker({
    accepts: () => accepts,
    escrow: (v) => escrow.push(v),
    stray: async (n) => {
      strays.push(n);
      return true;
    },
    wake: () => undefined,
    log,
  });
  return { notes, strays, escrow };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('NoteTracker', () => {
  it('escrow → hold until the host answers, then nothing (stack) or reject (return)', async () => {
    const t = tracker();
    const stack = recorder('stack');
    t.notes.onReading(stack.handlers);
    expect(t.notes.command()).toBeNull();
    t.notes.onEscrow(2000, stack.handlers);
    expect(t.notes.command()).toBe('hold');
    await tick();
    expect(t.notes.command()).toBeNull(); // the next POLL accepts it
    expect(t.notes.inEscrow).toBe(true);

    const u = tracker();
    u.notes.onEscrow(2000, recorder('return').handlers);
    await tick();
    expect(u.notes.command()).toBe('reject');
    u.notes.onEscrowLeft();
    expect(u.notes.command()).toBeNull();
  });

  it('returns at once a note of unknown value, or one the host no longer takes', () => {
    const t = tracker(false);
    const { calls, handlers } = recorder('stack');
    t.notes.onEscrow(5000, handlers);
    expect(t.notes.command()).toBe('reject');
    const u = tracker();
    u.notes.onEscrow(null, handlers);
    expect(u.notes.command()).toBe('reject');
    expect(calls.escrow).toEqual([]);
  });

  it('cleared from the front at power-up: onReturned for a tracked note, else a stray', () => {
    const t = tracker();
    const { calls, handlers } = recorder('stack');
    t.notes.onEscrow(1000, handlers);
    t.notes.onReturned(1000, 'cleared from the front at power-up');
    expect(calls.returned).toEqual([1000]);
    t.notes.onReturned(500, 'cleared from the front at power-up');
    expect(t.strays).toEqual([
      {
        value: 500,
        outcome: 'returned',
        inBox: false,
        reason: 'cleared from the front at power-up',
      },
    ]);
    expect(t.escrow).toEqual([1000, null]);
  });

  it('a note in escrow while no payment takes notes is rejected and reported as refused there', () => {
    const t = tracker();
    t.notes.onEscrow(2000, null);
    expect(t.notes.command()).toBe('reject');
    t.notes.onEscrowLeft();
    t.notes.onReturned(null, 'rejected');
    expect(t.strays).toEqual([
      { value: 2000, outcome: 'returned', inBox: false, reason: 'rejected', refusedAtEscrow: true },
    ]);
  });

  it('cleared into the box: uncertain unless we credited it; untracked → stray uncertain', async () => {
    const t = tracker();
    const { calls, handlers } = recorder('stack');
    t.notes.onEscrow(2000, handlers);
    t.notes.onStacking();
    t.notes.onClearedToCashbox(2000);
    expect(calls.uncertain).toEqual([
      { value: 2000, reason: 'cleared into the cash box at power-up', inBox: true },
    ]);

    t.notes.onEscrow(5000, handlers);
    await t.notes.onCredit(5000, handlers);
    t.notes.onClearedToCashbox(5000);
    expect(calls.credit).toEqual([5000]);
    expect(calls.uncertain).toHaveLength(1);

    t.notes.onClearedToCashbox(100);
    expect(t.strays).toEqual([
      {
        value: 100,
        outcome: 'uncertain',
        inBox: true,
        reason: 'cleared into the cash box at power-up',
      },
    ]);
  });

  it('a credit with no escrow decision of ours is a stray "stacked"', async () => {
    const t = tracker();
    await expect(t.notes.onCredit(10000, null)).resolves.toBe(true);
    expect(t.strays).toEqual([
      {
        value: 10000,
        outcome: 'stacked',
        inBox: true,
        reason: 'credit outside any escrow decision',
      },
    ]);
  });

  it('STACKED for a note never credited (its credit was lost) is uncertain', async () => {
    const t = tracker();
    const { calls, handlers } = recorder('stack', async () => {
      throw new Error('disk full');
    });
    t.notes.onEscrow(2000, handlers);
    await expect(t.notes.onCredit(2000, handlers)).resolves.toBe(false);
    t.notes.onStacked();
    expect(calls.uncertain).toEqual([
      { value: 2000, reason: 'stacked without a journalled credit', inBox: true },
    ]);
  });

  it('a jam leaves a note in the acceptor tracked, and makes one stacking uncertain', () => {
    const t = tracker();
    const { calls, handlers } = recorder('stack');
    t.notes.onEscrow(500, handlers);
    t.notes.onFault('unsafe jam');
    expect(t.notes.inEscrow).toBe(true);
    t.notes.onStacking();
    t.notes.onFault('safe jam');
    t.notes.onFault('safe jam'); // repeated on every poll: reported once
    expect(calls.uncertain).toEqual([{ value: 500, reason: 'safe jam', inBox: false }]);
  });

  it('a reset with a note nobody accounted for makes it uncertain', () => {
    const t = tracker();
    const { calls, handlers } = recorder('stack');
    t.notes.onEscrow(1000, handlers);
    t.notes.afterReset();
    expect(calls.uncertain).toEqual([
      { value: 1000, reason: 'device reset mid-note', inBox: false },
    ]);
    t.notes.onReading(handlers);
    t.notes.afterReset();
    expect(t.strays).toEqual([
      { value: null, outcome: 'uncertain', inBox: false, reason: 'device reset mid-note' },
    ]);
  });
});
