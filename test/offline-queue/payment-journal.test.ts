// PaymentJournal: the source of truth for every payment (payments.md §6). Serials, the allowed
// state edges, cash notes and the cash box, capture + outbox in one transaction, and the
// conservation of money.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  canTransition,
  PAYMENT_STATES,
  type PaymentState,
} from '../../offline-queue/payment-states';
import { TransitionError } from '../../offline-queue/payment-journal';
import {
  DAY,
  newPayment,
  openTestJournal,
  requestBody,
  tempDir,
  TERMINAL,
  type TempDir,
  type TestJournal,
} from './journal-fixture';

let tmp: TempDir;
let t: TestJournal;

beforeEach(() => {
  tmp = tempDir();
  t = openTestJournal(tmp.file('journal.sqlite'));
});
afterEach(() => {
  t.close();
  tmp.remove();
});

/** Shortest allowed path of states from CREATED to `target` (CREATED excluded). */
function pathTo(target: PaymentState): PaymentState[] {
  const prev = new Map<PaymentState, PaymentState | null>([['CREATED', null]]);
  const queue: PaymentState[] = ['CREATED'];
  while (queue.length > 0) {
    const s = queue.shift() as PaymentState;
    if (s === target) break;
    for (const next of PAYMENT_STATES) {
      if (!prev.has(next) && canTransition(s, next)) {
        prev.set(next, s);
        queue.push(next);
      }
    }
  }
  if (!prev.has(target)) throw new Error(`${target} is unreachable from CREATED`);
  const path: PaymentState[] = [];
  for (
    let s: PaymentState | null = target;
    s !== null && s !== 'CREATED';
    s = prev.get(s) ?? null
  ) {
    path.unshift(s);
  }
  return path;
}

/** A new payment walked along allowed edges to `state`. */
function paymentIn(state: PaymentState): number {
  const p = t.journal.create(newPayment());
  for (const s of pathTo(state)) {
    t.db.transaction(() => t.journal.move(p.id, s, `test_${s.toLowerCase()}`))();
  }
  expect(t.journal.get(p.id).state).toBe(state);
  return p.id;
}

const TERMINAL_STATES = PAYMENT_STATES.filter((from) =>
  PAYMENT_STATES.every((to) => !canTransition(from, to)),
);

function outboxRows(paymentId: number): { payment_id: number; next_attempt_at: number }[] {
  return t.db
    .prepare('SELECT payment_id, next_attempt_at FROM outbox WHERE payment_id = ?')
    .all(paymentId) as { payment_id: number; next_attempt_at: number }[];
}

function cashBoxRowsOf(paymentId: number): { value: number }[] {
  return t.db
    .prepare(
      `SELECT b.value FROM cash_box b JOIN cash_note n ON n.id = b.note_id WHERE n.payment_id = ?`,
    )
    .all(paymentId) as { value: number }[];
}

function collecting(): number {
  const p = t.journal.create(newPayment());
  t.journal.startCollecting(p.id);
  return p.id;
}

describe('agent serials', () => {
  it('are terminal-day-sequence, increase within a business day and restart at 000001 on a new day', () => {
    const a = t.journal.create(newPayment()).agentSerial;
    const b = t.journal.create(newPayment()).agentSerial;
    const c = t.journal.create(newPayment()).agentSerial;
    expect([a, b, c]).toEqual([
      `${TERMINAL}-${DAY}-000001`,
      `${TERMINAL}-${DAY}-000002`,
      `${TERMINAL}-${DAY}-000003`,
    ]);
    const nextDay = t.journal.create(newPayment({ businessDay: '20261127' })).agentSerial;
    expect(nextDay).toBe(`${TERMINAL}-20261127-000001`);
    const nextDay2 = t.journal.create(newPayment({ businessDay: '20261127' })).agentSerial;
    expect(nextDay2).toBe(`${TERMINAL}-20261127-000002`);
    // A late record for the earlier day continues that day's counter, never reuses a number.
    const back = t.journal.create(newPayment()).agentSerial;
    expect(back).toBe(`${TERMINAL}-${DAY}-000004`);
  });

  it('are unique across many payments and days and survive reopening the journal', () => {
    const serials: string[] = [];
    for (let i = 0; i < 120; i++) {
      const businessDay = i % 3 === 0 ? '20261127' : DAY;
      serials.push(t.journal.create(newPayment({ businessDay })).agentSerial);
    }
    t.close();
    t = openTestJournal(tmp.file('journal.sqlite'));
    serials.push(t.journal.create(newPayment()).agentSerial);
    expect(new Set(serials).size).toBe(serials.length);
    expect(serials.at(-1)).toBe(`${TERMINAL}-${DAY}-000081`);
    for (const s of serials) expect(s).toMatch(/^SH-XH-WK-0007-2026112[67]-\d{6}$/);
  });

  it('is fixed at creation, in the CREATED state, with a created event carrying the serial', () => {
    const p = t.journal.create(newPayment());
    expect(p.state).toBe('CREATED');
    expect(p.collected).toBe(0);
    expect(p.requestJson).toBeNull();
    const raw = t.db
      .prepare('SELECT data_json FROM payment_event WHERE payment_id = ?')
      .get(p.id) as {
      data_json: string;
    };
    expect(JSON.parse(raw.data_json)).toEqual({ agentSerial: p.agentSerial });
  });
});

describe('state transitions', () => {
  it('every state is reachable from CREATED along allowed edges (so every pair below is tested)', () => {
    for (const s of PAYMENT_STATES) expect(() => pathTo(s)).not.toThrow();
  });

  it('move() follows canTransition for every pair: allowed edges move and log, forbidden ones throw and change nothing', () => {
    let allowed = 0;
    let forbidden = 0;
    for (const from of PAYMENT_STATES) {
      for (const to of PAYMENT_STATES) {
        const id = paymentIn(from);
        const eventsBefore = t.journal.events(id);
        const rowBefore = t.journal.get(id);
        const attempt = () => t.db.transaction(() => t.journal.move(id, to, 'test_move'))();
        if (canTransition(from, to)) {
          allowed++;
          attempt();
          expect(t.journal.get(id).state, `${from} → ${to}`).toBe(to);
          expect(t.journal.events(id)).toEqual([
            ...eventsBefore,
            { type: 'test_move', fromState: from, toState: to },
          ]);
        } else {
          forbidden++;
          expect(attempt, `${from} → ${to}`).toThrow(TransitionError);
          expect(t.journal.get(id), `${from} → ${to}`).toEqual(rowBefore);
          expect(t.journal.events(id), `${from} → ${to}`).toEqual(eventsBefore);
        }
      }
    }
    expect(allowed + forbidden).toBe(PAYMENT_STATES.length ** 2);
    expect(allowed).toBeGreaterThan(0);
    expect(forbidden).toBeGreaterThan(0);
  });

  it('terminal states never change, whatever method is called', () => {
    expect(TERMINAL_STATES).toEqual(
      expect.arrayContaining([
        'ABANDONED',
        'REFUNDED',
        'PREPAID_CREDITED',
        'MANUAL_REFUND',
        'RECONCILED',
        'DISCREPANCY',
      ]),
    );
    for (const state of TERMINAL_STATES) {
      const id = paymentIn(state);
      const before = t.journal.events(id);
      for (const to of PAYMENT_STATES) {
        expect(() => t.db.transaction(() => t.journal.move(id, to, 'x'))()).toThrow(
          TransitionError,
        );
      }
      expect(() => t.journal.startCollecting(id)).toThrow(TransitionError);
      expect(() => t.journal.recordEscrow(id, 10000)).toThrow(TransitionError);
      expect(() => t.journal.captureFunds(id, '{}')).toThrow(TransitionError);
      expect(() => t.journal.abandon(id, 'again')).toThrow(TransitionError);
      expect(t.journal.get(id).state).toBe(state);
      expect(t.journal.events(id)).toEqual(before);
      expect(outboxRows(id)).toEqual([]);
    }
  });

  it('the event log chains: each transition starts where the previous one ended', () => {
    const id = paymentIn('RECONCILED');
    const moves = t.journal.events(id).filter((e) => e.toState !== null);
    expect(moves[0]).toEqual({ type: 'created', fromState: null, toState: 'CREATED' });
    for (let i = 1; i < moves.length; i++) {
      const prev = moves[i - 1];
      const cur = moves[i];
      expect(cur?.fromState).toBe(prev?.toState);
      expect(canTransition(cur?.fromState as PaymentState, cur?.toState as PaymentState)).toBe(
        true,
      );
    }
  });
});

describe('cash notes', () => {
  it('recordEscrow requires COLLECTING and writes nothing otherwise', () => {
    const created = t.journal.create(newPayment());
    expect(() => t.journal.recordEscrow(created.id, 10000)).toThrow(TransitionError);
    const captured = collecting();
    t.journal.recordStacked(captured, t.journal.recordEscrow(captured, 10000));
    t.journal.captureFunds(captured, requestBody('s', [10000]));
    expect(() => t.journal.recordEscrow(captured, 5000)).toThrow(TransitionError);
    const notes = t.db.prepare('SELECT payment_id, value FROM cash_note').all();
    expect(notes).toEqual([{ payment_id: captured, value: 10000 }]);
  });

  it('an escrowed note is not money yet: collected stays 0 and the cash box is empty', () => {
    const id = collecting();
    t.journal.recordEscrow(id, 10000);
    expect(t.journal.get(id).collected).toBe(0);
    expect(t.cash.contents()).toEqual({ notes: {}, total: 0 });
    expect(t.journal.stackedNotes(id)).toEqual([]);
  });

  it('recordStacked credits the note exactly once and puts it in the cash box', () => {
    const id = collecting();
    const note = t.journal.recordEscrow(id, 10000);
    const row = t.journal.recordStacked(id, note);
    expect(row.collected).toBe(10000);
    expect(t.cash.contents()).toEqual({ notes: { '10000': 1 }, total: 10000 });

    expect(() => t.journal.recordStacked(id, note)).toThrow(TransitionError);
    expect(t.journal.get(id).collected).toBe(10000);
    expect(t.cash.contents()).toEqual({ notes: { '10000': 1 }, total: 10000 });
    expect(t.journal.events(id).filter((e) => e.type === 'note_stacked')).toHaveLength(1);
  });

  it("recordStacked refuses another payment's note and an unknown note", () => {
    const a = collecting();
    const b = collecting();
    const noteOfA = t.journal.recordEscrow(a, 5000);
    expect(() => t.journal.recordStacked(b, noteOfA)).toThrow(TransitionError);
    expect(() => t.journal.recordStacked(b, 9999)).toThrow(TransitionError);
    expect(t.journal.get(a).collected).toBe(0);
    expect(t.journal.get(b).collected).toBe(0);
    expect(t.cash.contents().total).toBe(0);
  });

  it('recordReturned does not credit: collected, cash box and stacked notes are unchanged', () => {
    const id = collecting();
    const kept = t.journal.recordEscrow(id, 5000);
    t.journal.recordStacked(id, kept);
    const back = t.journal.recordEscrow(id, 10000);
    t.journal.recordReturned(id, back);
    expect(t.journal.get(id).collected).toBe(5000);
    expect(t.cash.contents()).toEqual({ notes: { '5000': 1 }, total: 5000 });
    expect(t.journal.stackedNotes(id)).toEqual([{ value: 5000, count: 1 }]);
    const state = t.db.prepare('SELECT state FROM cash_note WHERE id = ?').get(back) as {
      state: string;
    };
    expect(state.state).toBe('returned');
    // A returned note can no longer be stacked (credited).
    expect(() => t.journal.recordStacked(id, back)).toThrow(TransitionError);
    expect(t.journal.get(id).collected).toBe(5000);
  });

  it('recordReturned refuses a note that is already stacked, instead of logging a return that did not happen', () => {
    const id = collecting();
    const note = t.journal.recordEscrow(id, 10000);
    t.journal.recordStacked(id, note);
    const eventsBefore = t.journal.events(id);

    expect(() => t.journal.recordReturned(id, note)).toThrow(TransitionError);

    const row = t.db.prepare('SELECT state FROM cash_note WHERE id = ?').get(note) as {
      state: string;
    };
    expect(row.state).toBe('stacked');
    expect(t.journal.events(id)).toEqual(eventsBefore);
  });

  it("recordReturned refuses another payment's note and leaves that note escrowed", () => {
    const a = collecting();
    const b = collecting();
    const noteOfA = t.journal.recordEscrow(a, 5000);
    const eventsOfB = t.journal.events(b);

    expect(() => t.journal.recordReturned(b, noteOfA)).toThrow(TransitionError);

    const row = t.db.prepare('SELECT state FROM cash_note WHERE id = ?').get(noteOfA) as {
      state: string;
    };
    expect(row.state).toBe('escrowed');
    expect(t.journal.events(b)).toEqual(eventsOfB);
    // Payment a can still credit its own note when the acceptor stacks it.
    expect(t.journal.recordStacked(a, noteOfA).collected).toBe(5000);
  });

  it('stackedNotes groups the stacked notes by value, largest first', () => {
    const id = collecting();
    for (const v of [1000, 10000, 5000, 10000, 1000, 1000]) {
      t.journal.recordStacked(id, t.journal.recordEscrow(id, v));
    }
    t.journal.recordReturned(id, t.journal.recordEscrow(id, 2000));
    expect(t.journal.stackedNotes(id)).toEqual([
      { value: 10000, count: 2 },
      { value: 5000, count: 1 },
      { value: 1000, count: 3 },
    ]);
  });
});

describe('abandon', () => {
  it('abandons a payment that holds no money, from CREATED or COLLECTING', () => {
    const created = t.journal.create(newPayment());
    t.journal.abandon(created.id, 'quote_stale');
    expect(t.journal.get(created.id).state).toBe('ABANDONED');
    const id = collecting();
    t.journal.abandon(id, 'customer_cancelled');
    expect(t.journal.get(id).state).toBe('ABANDONED');
    expect(t.journal.events(id).at(-1)).toEqual({
      type: 'abandoned',
      fromState: 'COLLECTING',
      toState: 'ABANDONED',
    });
  });

  it('refuses when money was collected, leaving state and log unchanged', () => {
    const id = collecting();
    t.journal.recordStacked(id, t.journal.recordEscrow(id, 2000));
    const before = t.journal.events(id);
    expect(() => t.journal.abandon(id, 'timeout')).toThrow(TransitionError);
    expect(t.journal.get(id).state).toBe('COLLECTING');
    expect(t.journal.get(id).collected).toBe(2000);
    expect(t.journal.events(id)).toEqual(before);
  });

  it('money never ends up in an ABANDONED payment: a note in escrow at abandon cannot be credited afterwards', () => {
    const id = collecting();
    const note = t.journal.recordEscrow(id, 10000);
    // Either the abandon is refused while a note is in escrow, or the late stack is refused.
    try {
      t.journal.abandon(id, 'customer_cancelled');
    } catch (err) {
      expect(err).toBeInstanceOf(TransitionError);
    }
    try {
      t.journal.recordStacked(id, note);
    } catch (err) {
      expect(err).toBeInstanceOf(TransitionError);
    }
    const p = t.journal.get(id);
    expect(
      p.state === 'ABANDONED' && p.collected > 0,
      `payment is ${p.state} holding ${p.collected} fen`,
    ).toBe(false);
  });
});

describe('captureFunds', () => {
  it('moves to FUNDS_CAPTURED, stores the body and writes the outbox row, due now', () => {
    const id = collecting();
    t.journal.recordStacked(id, t.journal.recordEscrow(id, 10000));
    const body = requestBody(t.journal.get(id).agentSerial, [10000]);
    const row = t.journal.captureFunds(id, body);
    expect(row.state).toBe('FUNDS_CAPTURED');
    expect(row.requestJson).toBe(body);
    expect(outboxRows(id)).toEqual([{ payment_id: id, next_attempt_at: t.clock() }]);
    expect(t.outbox.due(t.clock())).toEqual([
      expect.objectContaining({ paymentId: id, attempts: 0 }),
    ]);
    expect(t.journal.events(id).at(-1)).toEqual({
      type: 'funds_captured',
      fromState: 'COLLECTING',
      toState: 'FUNDS_CAPTURED',
    });
  });

  it('capturing twice fails and leaves one outbox row, the first body and one capture event', () => {
    const id = collecting();
    t.journal.recordStacked(id, t.journal.recordEscrow(id, 10000));
    const first = requestBody('first', [10000]);
    t.journal.captureFunds(id, first);
    const before = t.journal.events(id);
    expect(() => t.journal.captureFunds(id, requestBody('second', [10000]))).toThrow();
    expect(outboxRows(id)).toHaveLength(1);
    expect(t.journal.get(id).requestJson).toBe(first);
    expect(t.journal.get(id).state).toBe('FUNDS_CAPTURED');
    expect(t.journal.events(id)).toEqual(before);
  });

  it('is one transaction: when the outbox insert fails the state change and body roll back too', () => {
    const id = collecting();
    t.journal.recordStacked(id, t.journal.recordEscrow(id, 10000));
    const before = t.journal.events(id);
    // Make the outbox insert fail (payment_id is UNIQUE in the outbox).
    t.db
      .prepare(`INSERT INTO outbox(payment_id, kind, next_attempt_at) VALUES (?, 'writeoff', 0)`)
      .run(id);
    expect(() => t.journal.captureFunds(id, requestBody('s', [10000]))).toThrow(/UNIQUE/);
    const p = t.journal.get(id);
    expect(p.state).toBe('COLLECTING');
    expect(p.requestJson).toBeNull();
    expect(t.journal.events(id)).toEqual(before);
    expect(t.db.inTransaction).toBe(false);
  });

  it('refuses from CREATED (nothing collected yet) and writes no outbox row', () => {
    const p = t.journal.create(newPayment());
    expect(() => t.journal.captureFunds(p.id, '{}')).toThrow(TransitionError);
    expect(outboxRows(p.id)).toEqual([]);
    expect(t.journal.get(p.id).state).toBe('CREATED');
  });

  it('collected never changes after capture: a note still in escrow at capture cannot be credited later', () => {
    const id = collecting();
    t.journal.recordStacked(id, t.journal.recordEscrow(id, 10000));
    const late = t.journal.recordEscrow(id, 5000);
    // Either capture is refused while a note is in escrow, or the late stack is refused.
    let captured = false;
    try {
      t.journal.captureFunds(id, requestBody(t.journal.get(id).agentSerial, [10000]));
      captured = true;
    } catch (err) {
      expect(err).toBeInstanceOf(TransitionError);
    }
    try {
      t.journal.recordStacked(id, late);
    } catch (err) {
      expect(err).toBeInstanceOf(TransitionError);
    }
    if (captured) {
      const p = t.journal.get(id);
      const body = JSON.parse(p.requestJson ?? '{}') as { amount: number };
      // The write-off amount was fixed at capture; the journal must still agree with it.
      expect(p.collected).toBe(body.amount);
    }
  });
});

describe('pendingSync and the cash box contents', () => {
  it('are zero on an empty journal', () => {
    expect(t.journal.pendingSync()).toEqual({ count: 0, total: 0, oldestAt: null });
    expect(t.cash.contents()).toEqual({ notes: {}, total: 0 });
  });

  it('pendingSync counts captured, unsettled payments only (not collecting, not settled)', () => {
    const t0 = t.clock();
    const capture = (notes: number[]): number => {
      const id = collecting();
      for (const v of notes) t.journal.recordStacked(id, t.journal.recordEscrow(id, v));
      t.journal.captureFunds(id, requestBody(t.journal.get(id).agentSerial, notes));
      return id;
    };
    const a = capture([10000, 10000]);
    t.clock.advance(60_000);
    const b = capture([5000]);
    t.clock.advance(60_000);
    const c = capture([1000]);
    const settled = capture([2000]);
    const stillCollecting = collecting();
    t.journal.recordStacked(stillCollecting, t.journal.recordEscrow(stillCollecting, 10000));

    expect(t.journal.pendingSync()).toEqual({ count: 4, total: 28000, oldestAt: t0 });

    const step = (id: number, to: PaymentState) =>
      t.db.transaction(() => t.journal.move(id, to, 'test'))();
    step(b, 'WRITEOFF_SENT');
    step(c, 'WRITEOFF_SENT');
    step(c, 'WRITEOFF_UNKNOWN');
    step(c, 'AWAIT_RECON');
    step(settled, 'WRITEOFF_SENT');
    step(settled, 'WRITTEN_OFF');
    expect(t.journal.pendingSync()).toEqual({ count: 3, total: 26000, oldestAt: t0 });

    step(a, 'WRITEOFF_SENT');
    step(a, 'REFUND_REQUIRED');
    expect(t.journal.pendingSync()).toEqual({ count: 2, total: 6000, oldestAt: t0 + 60_000 });
  });

  it('the cash box contents count stacked notes by value, not escrowed or returned ones, until collected', () => {
    const a = collecting();
    const b = collecting();
    for (const v of [10000, 10000, 5000]) t.journal.recordStacked(a, t.journal.recordEscrow(a, v));
    t.journal.recordStacked(b, t.journal.recordEscrow(b, 2000));
    t.journal.recordReturned(b, t.journal.recordEscrow(b, 10000));
    t.journal.recordEscrow(b, 5000);
    expect(t.cash.contents()).toEqual({
      notes: { '10000': 2, '5000': 1, '2000': 1 },
      total: 27000,
    });
    // A technician's collection (清机) empties the box.
    t.db.prepare('UPDATE cash_box SET collection_id = 1').run();
    expect(t.cash.contents()).toEqual({ notes: {}, total: 0 });
    t.journal.recordStacked(a, t.journal.recordEscrow(a, 1000));
    expect(t.cash.contents()).toEqual({ notes: { '1000': 1 }, total: 1000 });
  });
});

describe('conservation', () => {
  type Op =
    | { kind: 'escrow'; value: number }
    | { kind: 'stack'; pick: number }
    | { kind: 'return'; pick: number }
    | { kind: 'restack'; pick: number };

  const DENOMINATIONS = [100, 500, 1000, 2000, 5000, 10000];
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.constantFrom(...DENOMINATIONS).map((value) => ({ kind: 'escrow' as const, value })),
    fc.nat().map((pick) => ({ kind: 'stack' as const, pick })),
    fc.nat().map((pick) => ({ kind: 'return' as const, pick })),
    fc.nat().map((pick) => ({ kind: 'restack' as const, pick })),
  );

  it('collected = Σ stacked notes = Σ cash box rows, per payment and overall, for any note sequence', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(2), op), { maxLength: 40 }), (script) => {
        const ids = [collecting(), collecting(), collecting()];
        const escrowed = new Map<number, number[]>(ids.map((id) => [id, []]));
        const stacked = new Map<number, number[]>(ids.map((id) => [id, []]));
        for (const [which, o] of script) {
          const id = ids[which] as number;
          const esc = escrowed.get(id) as number[];
          const stk = stacked.get(id) as number[];
          if (o.kind === 'escrow') {
            esc.push(t.journal.recordEscrow(id, o.value));
          } else if (o.kind === 'stack' && esc.length > 0) {
            const [note] = esc.splice(o.pick % esc.length, 1);
            t.journal.recordStacked(id, note as number);
            stk.push(note as number);
          } else if (o.kind === 'return' && esc.length > 0) {
            const [note] = esc.splice(o.pick % esc.length, 1);
            t.journal.recordReturned(id, note as number);
          } else if (o.kind === 'restack' && stk.length > 0) {
            const note = stk[o.pick % stk.length] as number;
            const before = t.journal.get(id).collected;
            expect(() => t.journal.recordStacked(id, note)).toThrow(TransitionError);
            expect(t.journal.get(id).collected).toBe(before);
          }
        }
        let all = 0;
        for (const id of ids) {
          const collected = t.journal.get(id).collected;
          const byNotes = t.journal.stackedNotes(id).reduce((s, n) => s + n.value * n.count, 0);
          const inBox = cashBoxRowsOf(id).reduce((s, n) => s + n.value, 0);
          expect(collected).toBeGreaterThanOrEqual(0);
          expect(byNotes).toBe(collected);
          expect(inBox).toBe(collected);
          all += collected;
        }
        expect(t.cash.contents().total).toBe(all);
        // Each property run starts from an empty box.
        t.db.prepare('UPDATE cash_box SET collection_id = 1').run();
      }),
      { numRuns: 100 },
    );
  });
});
