// Queue caps (offline-queue/caps.ts, payments.md §6 invariant 11): what is waiting to be
// written off per biller, and which cap that breaks. Exactly at a cap counts as a breach: the
// kiosk stops taking that biller's payments before the queue grows past it.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  capBreach,
  pendingForBiller,
  type PendingFigures,
  type QueueCaps,
} from '../../offline-queue/caps';
import {
  PAYMENT_STATES,
  PENDING_SYNC_STATES,
  type PaymentState,
} from '../../offline-queue/payment-states';
import {
  collectingPayment,
  openTestJournal,
  paymentInState,
  tempDir,
  type TempDir,
  type TestJournal,
} from './journal-fixture';

let tmp: TempDir;
let t: TestJournal;

beforeEach(() => {
  tmp = tempDir('kiosk-caps-');
  t = openTestJournal(tmp.file('journal.sqlite'));
});
afterEach(() => {
  t.close();
  tmp.remove();
});

const POWER = { billerId: 'sh-power' };
const WATER = { billerId: 'sh-water' };

describe('pendingForBiller', () => {
  it('is zero, with no oldest, on an empty journal and for a biller with nothing pending', () => {
    expect(pendingForBiller(t.db, 'sh-power')).toEqual({ count: 0, total: 0, oldestAt: null });
    paymentInState(t, 'WRITTEN_OFF', { payment: POWER });
    expect(pendingForBiller(t.db, 'sh-power')).toEqual({ count: 0, total: 0, oldestAt: null });
  });

  it('counts the four pending-sync states of that biller, and nothing else', () => {
    const start = t.clock();
    const pending: number[] = [];
    for (const state of PENDING_SYNC_STATES) {
      t.clock.advance(60_000);
      pending.push(paymentInState(t, state, { payment: POWER, notes: [10000, 5000] }));
    }
    // Every other state of the same biller, some holding money.
    for (const state of PAYMENT_STATES.filter((s) => !PENDING_SYNC_STATES.includes(s))) {
      paymentInState(t, state, { payment: POWER, notes: [10000] });
    }
    collectingPayment(t, { stacked: [10000, 10000], payment: POWER });
    // Another biller's pending write-offs, captured earlier than any of sh-power's.
    t.clock.set(start - 3_600_000);
    paymentInState(t, 'WRITEOFF_UNKNOWN', { payment: WATER, notes: [2000] });
    paymentInState(t, 'FUNDS_CAPTURED', { payment: WATER, notes: [1000] });

    expect(pending).toHaveLength(4);
    expect(pendingForBiller(t.db, 'sh-power')).toEqual({
      count: 4,
      total: 4 * 15000,
      oldestAt: start + 60_000,
    });
    expect(pendingForBiller(t.db, 'sh-water')).toEqual({
      count: 2,
      total: 3000,
      oldestAt: start - 3_600_000,
    });
    expect(pendingForBiller(t.db, 'sh-gas')).toEqual({ count: 0, total: 0, oldestAt: null });
  });

  it('the age runs from capture (collected_at), not from when the record was created', () => {
    const created = t.clock();
    const { id } = collectingPayment(t, { stacked: [10000], payment: POWER });
    t.clock.advance(9 * 60_000); // the customer took nine minutes to feed the notes
    t.journal.captureFunds(id, '{"body":1}');
    expect(pendingForBiller(t.db, 'sh-power').oldestAt).toBe(created + 9 * 60_000);
  });

  it('settling a write-off takes it out of the figures', () => {
    const id = paymentInState(t, 'WRITEOFF_UNKNOWN', { payment: POWER, notes: [5000] });
    expect(pendingForBiller(t.db, 'sh-power').count).toBe(1);
    t.db.transaction(() => t.journal.move(id, 'WRITTEN_OFF', 'written_off'))();
    expect(pendingForBiller(t.db, 'sh-power')).toEqual({ count: 0, total: 0, oldestAt: null });
  });

  it('matches a count over the journal for any mix of states and billers (property)', () => {
    const billers = ['sh-power', 'sh-water', 'sh-gas'];
    const states: PaymentState[] = [
      'CREATED',
      'COLLECTING',
      ...PENDING_SYNC_STATES,
      'WRITTEN_OFF',
      'REFUND_REQUIRED',
      'MANUAL_REFUND',
      'RECONCILED',
    ];
    const entry = fc.record({
      biller: fc.constantFrom(...billers),
      state: fc.constantFrom(...states),
      note: fc.constantFrom(1000, 5000, 10000),
      after: fc.integer({ min: 0, max: 600_000 }),
    });
    let run = 0;
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (entries) => {
        const j = openTestJournal(tmp.file(`prop-${run++}.sqlite`));
        try {
          j.db.pragma('synchronous = OFF'); // speed only: nothing here depends on fsync
          const expected = new Map<string, PendingFigures>(
            billers.map((b) => [b, { count: 0, total: 0, oldestAt: null }]),
          );
          for (const e of entries) {
            j.clock.advance(e.after);
            paymentInState(j, e.state, { payment: { billerId: e.biller }, notes: [e.note] });
            if (!PENDING_SYNC_STATES.includes(e.state)) continue;
            const f = expected.get(e.biller) as PendingFigures;
            f.count++;
            f.total += e.note;
            f.oldestAt = f.oldestAt ?? j.clock();
          }
          for (const b of billers) expect(pendingForBiller(j.db, b)).toEqual(expected.get(b));
        } finally {
          j.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('capBreach', () => {
  const caps: QueueCaps = { maxCount: 5, maxTotal: 100_000, maxAgeMs: 30 * 60_000 };
  const NOW = Date.parse('2026-11-26T14:03:11+08:00');
  const figures = (f: Partial<PendingFigures>): PendingFigures => ({
    count: 1,
    total: 1000,
    oldestAt: NOW,
    ...f,
  });

  it('is null within every cap, and with nothing pending at all', () => {
    expect(capBreach(figures({}), caps, NOW)).toBeNull();
    expect(capBreach({ count: 0, total: 0, oldestAt: null }, caps, NOW)).toBeNull();
    expect(
      capBreach(figures({ count: 4, total: 99_999, oldestAt: NOW - caps.maxAgeMs + 1 }), caps, NOW),
    ).toBeNull();
  });

  it('count: one below is fine, exactly at the cap breaches, above breaches', () => {
    expect(capBreach(figures({ count: 4 }), caps, NOW)).toBeNull();
    expect(capBreach(figures({ count: 5 }), caps, NOW)).toBe('count');
    expect(capBreach(figures({ count: 6 }), caps, NOW)).toBe('count');
  });

  it('total: one fen below is fine, exactly at the cap breaches, above breaches', () => {
    expect(capBreach(figures({ total: 99_999 }), caps, NOW)).toBeNull();
    expect(capBreach(figures({ total: 100_000 }), caps, NOW)).toBe('total');
    expect(capBreach(figures({ total: 100_001 }), caps, NOW)).toBe('total');
  });

  it('age: one ms younger is fine, exactly the cap breaches, older breaches; no oldest, no age', () => {
    expect(capBreach(figures({ oldestAt: NOW - caps.maxAgeMs + 1 }), caps, NOW)).toBeNull();
    expect(capBreach(figures({ oldestAt: NOW - caps.maxAgeMs }), caps, NOW)).toBe('age');
    expect(capBreach(figures({ oldestAt: NOW - caps.maxAgeMs - 1 }), caps, NOW)).toBe('age');
    expect(capBreach(figures({ oldestAt: null }), caps, NOW + 10 * caps.maxAgeMs)).toBeNull();
  });

  it('names the first cap broken: count, then total, then age', () => {
    const old = NOW - caps.maxAgeMs;
    expect(capBreach({ count: 5, total: 100_000, oldestAt: old }, caps, NOW)).toBe('count');
    expect(capBreach({ count: 1, total: 100_000, oldestAt: old }, caps, NOW)).toBe('total');
    expect(capBreach({ count: 1, total: 1, oldestAt: old }, caps, NOW)).toBe('age');
  });

  it('with the journal: the fifth pending payment pauses the biller, settling one resumes it; the clock alone can pause it', () => {
    const ids = Array.from({ length: 4 }, () =>
      paymentInState(t, 'FUNDS_CAPTURED', { payment: POWER, notes: [1000] }),
    );
    expect(capBreach(pendingForBiller(t.db, 'sh-power'), caps, t.clock())).toBeNull();
    paymentInState(t, 'WRITEOFF_UNKNOWN', { payment: POWER, notes: [1000] });
    expect(capBreach(pendingForBiller(t.db, 'sh-power'), caps, t.clock())).toBe('count');
    expect(capBreach(pendingForBiller(t.db, 'sh-water'), caps, t.clock())).toBeNull();

    t.db.transaction(() => {
      t.journal.move(ids[0] as number, 'WRITEOFF_SENT', 'writeoff_sent');
      t.journal.move(ids[0] as number, 'WRITTEN_OFF', 'written_off');
    })();
    expect(capBreach(pendingForBiller(t.db, 'sh-power'), caps, t.clock())).toBeNull();

    t.clock.advance(caps.maxAgeMs - 1);
    expect(capBreach(pendingForBiller(t.db, 'sh-power'), caps, t.clock())).toBeNull();
    t.clock.advance(1);
    expect(capBreach(pendingForBiller(t.db, 'sh-power'), caps, t.clock())).toBe('age');
  });
});
