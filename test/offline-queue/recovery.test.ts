// recoverJournal (offline-queue/recovery.ts): every unfinished payment is resumed or compensated
// from its journal row before the kiosk takes a new customer. Per state; idempotence; a crash
// during recovery; and crash equivalence (payments.md §6 invariants 1, 6, 8, 9) as a property:
// random session histories cut at a random point, recovered, then written off, conserve money.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compensateCash } from '../../offline-queue/compensation';
import type { PaymentRow } from '../../offline-queue/payment-journal';
import {
  PAYMENT_STATES,
  PENDING_SYNC_STATES,
  type PaymentState,
} from '../../offline-queue/payment-states';
import { recoverJournal, type RecoveryReport } from '../../offline-queue/recovery';
import { StaffItems } from '../../offline-queue/staff-items';
import type {
  QueryOutcome,
  SyncSettled,
  WriteOffOutcome,
  WriteOffPort,
} from '../../offline-queue/sync-worker';
import { startGatewaySim, type GatewaySim } from '../../sim/gateway/server';
import { GatewayClient, type FetchFn } from '../../src/gateway/client';
import { authHeaders } from '../../src/gateway/signature';
import { gatewayWriteOffPort } from '../../src/gateway/write-off-port';
import { cashPaymentRequest, qrPaymentRequest } from '../../src/host/payment-request';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';
import {
  capturedPayment,
  collectingPayment,
  drain,
  expectAllowedTransitions,
  newPayment,
  openTestJournal,
  outboxRowOf,
  paymentInState,
  RecordingPort,
  staffRows,
  tempDir,
  testClock,
  testWorker,
  transitionsOf,
  workerPass,
  writtenOffOutcome,
  type TempDir,
  type TestJournal,
} from './journal-fixture';

const SIM_TERMINAL = 'SH-XH-WK-0007';
const SIM_SECRET = DEMO_TERMINALS['SH-XH-WK-0007'] ?? '';

let tmp: TempDir;
let t: TestJournal;
let staff: StaffItems;

beforeEach(() => {
  tmp = tempDir('kiosk-recovery-');
  t = openTestJournal(tmp.file('journal.sqlite'));
  staff = new StaffItems(t.db, t.clock);
});
afterEach(() => {
  if (t.db.open) t.close();
  tmp.remove();
});

/** The host's write-off body for a payment recovery captures (src/host/money-services.ts). */
/** The host's wiring (src/host/money-services.ts): the body dated when the money was taken. */
function hostBody(j: TestJournal = t) {
  return (p: PaymentRow, at: number) => cashPaymentRequest(j.journal, p, at);
}

function recover(buildRequest: (p: PaymentRow, at: number) => string = hostBody()): RecoveryReport {
  return recoverJournal({
    db: t.db,
    journal: t.journal,
    staff,
    buildRequest,
    buildQrRequest: qrPaymentRequest,
  });
}

function cashBoxTotal(j: TestJournal = t): number {
  return j.cash.contents().total;
}

function noteState(noteId: number): string {
  const row = t.db.prepare('SELECT state FROM cash_note WHERE id = ?').get(noteId) as {
    state: string;
  };
  return row.state;
}

/** Everything recovery may touch, to prove a run changed nothing. */
function journalImage(j: TestJournal = t): unknown {
  const all = (sql: string) => j.db.prepare(sql).all();
  return {
    payments: all('SELECT * FROM payment ORDER BY id'),
    events: all('SELECT * FROM payment_event ORDER BY id'),
    notes: all('SELECT * FROM cash_note ORDER BY id'),
    box: all('SELECT * FROM cash_box ORDER BY id'),
    outbox: all('SELECT * FROM outbox ORDER BY id'),
    staff: all('SELECT * FROM staff_item ORDER BY id'),
  };
}

const EMPTY_REPORT: RecoveryReport = {
  abandoned: [],
  captured: [],
  notesForReview: [],
  compensated: [],
  resumed: [],
  qrToQuery: [],
};

describe('recoverJournal: per unfinished state', () => {
  it('CREATED → ABANDONED (nothing was taken)', () => {
    const { id } = t.journal.create(newPayment());
    expect(recover()).toEqual({ ...EMPTY_REPORT, abandoned: [id] });
    expect(t.journal.get(id)).toMatchObject({ state: 'ABANDONED', collected: 0 });
    expect(transitionsOf(t, id)).toEqual(['∅→CREATED', 'CREATED→ABANDONED']);
    expect(staffRows(t)).toEqual([]);
    expect(outboxRowOf(t, id)).toBeUndefined();
  });

  it('COLLECTING with nothing collected → ABANDONED (also when every note went back)', () => {
    const empty = collectingPayment(t).id;
    const returned = collectingPayment(t, { returned: [10000, 5000] }).id;
    const report = recover();
    expect(report).toEqual({ ...EMPTY_REPORT, abandoned: [empty, returned] });
    for (const id of [empty, returned]) {
      expect(t.journal.get(id)).toMatchObject({ state: 'ABANDONED', collected: 0 });
      expect(outboxRowOf(t, id)).toBeUndefined();
    }
    expect(staffRows(t)).toEqual([]);
    expect(cashBoxTotal()).toBe(0);
  });

  it('COLLECTING with stacked money → FUNDS_CAPTURED with the buildRequest body and an outbox row; the write-off then resumes', async () => {
    const { id } = collectingPayment(t, { stacked: [10000, 5000, 10000], returned: [2000] });
    t.clock.advance(42_000);
    const built: { row: PaymentRow; body: string }[] = [];
    const report = recover((row, at) => {
      const body = hostBody()(row, at);
      built.push({ row, body });
      return body;
    });

    expect(report).toEqual({ ...EMPTY_REPORT, captured: [id] });
    expect(built).toHaveLength(1);
    expect(built[0]?.row).toMatchObject({ id, state: 'COLLECTING', collected: 25000 });
    const p = t.journal.get(id);
    // Dated when its last note was stacked, before the 42 s the kiosk was away.
    expect(p).toMatchObject({
      state: 'FUNDS_CAPTURED',
      collected: 25000,
      collectedAt: t.journal.lastStackedAt(id),
    });
    expect(p.requestJson).toBe(built[0]?.body);
    expect(JSON.parse(p.requestJson ?? 'null')).toMatchObject({
      agentSerial: p.agentSerial,
      amount: 25000,
      method: 'cash',
      tender: {
        notes: [
          { value: 10000, count: 2 },
          { value: 5000, count: 1 },
        ],
      },
    });
    expect(outboxRowOf(t, id)).toEqual({
      attempts: 0,
      next_attempt_at: t.clock(),
      last_error: null,
      done_at: null,
    });
    expect(cashBoxTotal()).toBe(25000);

    const port = new RecordingPort();
    await workerPass(t, port);
    expect(port.calls).toEqual([{ op: 'submit', serial: p.agentSerial, body: p.requestJson }]);
    expect(t.journal.get(id).state).toBe('WRITTEN_OFF');
    expectAllowedTransitions(t, id);
  });

  it('COLLECTING with a note in escrow and nothing stacked: the note becomes unknown, staff review it, nothing is credited, the payment is abandoned', () => {
    const { id, escrowedNoteIds } = collectingPayment(t, { escrowed: [5000] });
    const noteId = escrowedNoteIds[0] as number;
    const report = recover();

    expect(report).toEqual({ ...EMPTY_REPORT, abandoned: [id], notesForReview: [noteId] });
    expect(noteState(noteId)).toBe('unknown');
    const p = t.journal.get(id);
    expect(p).toMatchObject({ state: 'ABANDONED', collected: 0 });
    expect(cashBoxTotal()).toBe(0);
    expect(staff.openItems()).toEqual([
      {
        id: expect.any(Number),
        kind: 'note_review',
        paymentId: id,
        amount: 5000,
        reason: 'note_in_escrow_at_restart',
        detail: { noteId, agentSerial: p.agentSerial },
        createdAt: t.clock(),
      },
    ]);
    expect(t.journal.events(id).map((e) => e.type)).toEqual([
      'created',
      'collecting',
      'note_escrowed',
      'note_unknown',
      'abandoned',
    ]);
  });

  it('COLLECTING with a note in escrow and stacked money: the note goes to staff uncredited, the stacked money is captured', () => {
    const { id, escrowedNoteIds } = collectingPayment(t, {
      stacked: [10000, 2000],
      escrowed: [10000],
    });
    const noteId = escrowedNoteIds[0] as number;
    const report = recover();

    expect(report).toEqual({ ...EMPTY_REPORT, captured: [id], notesForReview: [noteId] });
    const p = t.journal.get(id);
    expect(p).toMatchObject({ state: 'FUNDS_CAPTURED', collected: 12000 });
    expect(noteState(noteId)).toBe('unknown');
    expect(JSON.parse(p.requestJson ?? 'null')).toMatchObject({
      amount: 12000,
      tender: {
        notes: [
          { value: 10000, count: 1 },
          { value: 2000, count: 1 },
        ],
      },
    });
    expect(cashBoxTotal()).toBe(12000);
    expect(staffRows(t)).toMatchObject([
      { kind: 'note_review', payment_id: id, amount: 10000, closed_at: null },
    ]);
    expect(outboxRowOf(t, id)?.done_at).toBeNull();
  });

  it('REFUND_REQUIRED (cash) → MANUAL_REFUND with one cash_refund staff item for the collected amount', async () => {
    const id = capturedPayment(t, [10000, 5000]);
    const port = new RecordingPort();
    port.onSubmit = () => ({ kind: 'rejected', code: 'amount_below_due', message: 'below due' });
    await workerPass(t, port);
    expect(t.journal.get(id).state).toBe('REFUND_REQUIRED');

    const report = recover();
    expect(report).toEqual({ ...EMPTY_REPORT, compensated: [id] });
    const p = t.journal.get(id);
    expect(p.state).toBe('MANUAL_REFUND');
    expect(staffRows(t)).toMatchObject([
      { kind: 'cash_refund', payment_id: id, amount: 15000, reason: 'amount_below_due' },
    ]);
    expect(JSON.parse(staffRows(t)[0]?.detail_json ?? 'null')).toEqual({
      agentSerial: p.agentSerial,
      billerId: p.billerId,
      account: p.account,
      notes: [
        { value: 10000, count: 1 },
        { value: 5000, count: 1 },
      ],
    });
    expect(transitionsOf(t, id).slice(-1)).toEqual(['REFUND_REQUIRED→MANUAL_REFUND']);
    expect(cashBoxTotal()).toBe(15000);
  });

  it('REFUND_REQUIRED cash refused only for an expired quote, at a biller taking prepayment, waits to be re-applied', async () => {
    const id = capturedPayment(t, [10000, 5000]);
    const port = new RecordingPort();
    port.onSubmit = () => ({ kind: 'rejected', code: 'quote_expired', message: 'expired' });
    await workerPass(t, port);
    expect(t.journal.get(id)).toMatchObject({ state: 'REFUND_REQUIRED', acceptsOverpayment: true });

    expect(recover()).toEqual(EMPTY_REPORT);
    expect(t.journal.get(id).state).toBe('REFUND_REQUIRED');
    expect(staffRows(t)).toEqual([]);
  });

  it('REFUND_REQUIRED of a QR payment is left for the QR flow (no cash slip)', () => {
    const id = paymentInState(t, 'REFUND_REQUIRED', { payment: { method: 'qr' }, notes: [] });
    const before = journalImage();
    expect(recover()).toEqual(EMPTY_REPORT);
    expect(journalImage()).toEqual(before);
    expect(t.journal.get(id).state).toBe('REFUND_REQUIRED');
  });

  it.each<PaymentState>(['FUNDS_CAPTURED', 'WRITEOFF_SENT', 'WRITEOFF_UNKNOWN', 'AWAIT_RECON'])(
    '%s is left for the sync worker: reported as resumed, nothing changed',
    (state) => {
      const id = paymentInState(t, state);
      const before = journalImage();
      expect(recover()).toEqual({ ...EMPTY_REPORT, resumed: [id] });
      expect(journalImage()).toEqual(before);
      expect(outboxRowOf(t, id)?.done_at).toBeNull();
    },
  );

  it('settled and terminal states are not touched at all', () => {
    const untouched: PaymentState[] = [
      'WRITTEN_OFF',
      'RECEIPTED',
      'RECONCILED',
      'DISCREPANCY',
      'ABANDONED',
      'MANUAL_REFUND',
      'REFUNDED',
      'PREPAID_CREDITED',
      'PAYMENT_UNKNOWN',
    ];
    for (const state of untouched) paymentInState(t, state);
    const before = journalImage();
    expect(recover()).toEqual(EMPTY_REPORT);
    expect(journalImage()).toEqual(before);
  });

  it('a QR payment still collecting with its wallet attempt open is not abandoned: the attempt must be queried first (invariant 4)', () => {
    const { id } = collectingPayment(t, { payment: { method: 'qr' } });
    // The attempt row is journalled before the wallet call; the kiosk stopped before the answer.
    t.db
      .prepare(
        `INSERT INTO qr_attempt(payment_id, qr_payment_id, kind, amount, state, created_at, updated_at)
         VALUES (?, 'QR-1', 'micropay', 40773, 'user_paying', ?, ?)`,
      )
      .run(id, t.clock(), t.clock());

    recover();

    // The customer may be confirming on the phone right now: the money may be taken, so the
    // record must stay open (COLLECTING, or PAYMENT_UNKNOWN for the query), never ABANDONED.
    expect(['COLLECTING', 'PAYMENT_UNKNOWN']).toContain(t.journal.get(id).state);
  });

  it('a QR payment the wallet paid and the kiosk recorded, stopped before the capture: written off as that wallet payment, never as cash', () => {
    const { id } = collectingPayment(t, { payment: { method: 'qr' } });
    const amount = t.journal.get(id).amountDue;
    t.db
      .prepare(
        `INSERT INTO qr_attempt(payment_id, qr_payment_id, kind, amount, state, created_at, updated_at)
         VALUES (?, 'QR-7', 'micropay', ?, 'success', ?, ?)`,
      )
      .run(id, amount, t.clock(), t.clock());
    t.journal.recordQrPaid(id, amount);

    const report = recover();

    expect(report.captured).toEqual([id]);
    const p = t.journal.get(id);
    expect(p.state).toBe('FUNDS_CAPTURED');
    expect(JSON.parse(p.requestJson ?? '{}')).toMatchObject({
      method: 'qr',
      tender: { qrPaymentId: 'QR-7' },
      amount,
    });
  });

  it('a QR payment holding money without a successful attempt is asked of the wallet, not captured', () => {
    const { id } = collectingPayment(t, { payment: { method: 'qr' } });
    t.db
      .prepare(
        `INSERT INTO qr_attempt(payment_id, qr_payment_id, kind, amount, state, created_at, updated_at)
         VALUES (?, 'QR-8', 'micropay', 100, 'failed', ?, ?)`,
      )
      .run(id, t.clock(), t.clock());
    t.db.prepare('UPDATE payment SET collected = 100 WHERE id = ?').run(id);

    const report = recover();

    expect(report.qrToQuery).toEqual([id]);
    expect(t.journal.get(id).state).toBe('PAYMENT_UNKNOWN');
  });
});

describe('recoverJournal: the time the money was taken survives the restart', () => {
  it('a payment captured by recovery is dated when its last note was stacked, not when the kiosk came back', () => {
    const { id } = collectingPayment(t, { stacked: [10000] });
    t.clock.advance(20_000);
    t.journal.recordStacked(id, t.journal.recordEscrow(id, 10000));
    const lastNoteAt = t.clock();
    // The kiosk is off for 40 minutes.
    t.clock.advance(40 * 60_000);

    recover();

    const p = t.journal.get(id);
    expect(p.state).toBe('FUNDS_CAPTURED');
    const body = JSON.parse(p.requestJson ?? '{}') as { collectedAt?: string };
    expect(Date.parse(body.collectedAt ?? ''), 'collectedAt in the write-off body').toBe(
      lastNoteAt,
    );
    expect(p.collectedAt, 'payment.collected_at').toBe(lastNoteAt);
  });

  describe('against the real gateway simulator (store-and-forward)', () => {
    const SIM_T0 = Date.parse('2026-11-26T14:03:11+08:00');
    let sim: GatewaySim;
    let simNow = SIM_T0;

    beforeEach(async () => {
      simNow = SIM_T0;
      sim = await startGatewaySim({ dbPath: ':memory:', port: 0, now: () => new Date(simNow) });
    });
    afterEach(() => sim.close());

    /** The real client, its requests signed at the simulator's (hand-driven) time. */
    function client(): GatewayClient {
      const signedAtSimTime: FetchFn = (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        const method = init?.method ?? 'GET';
        const body = typeof init?.body === 'string' ? init.body : '';
        const headers = {
          ...(init?.headers as Record<string, string>),
          ...authHeaders(
            SIM_TERMINAL,
            SIM_SECRET,
            { method, pathWithQuery: `${url.pathname}${url.search}`, body },
            simNow,
          ),
        };
        return fetch(url, { ...init, headers });
      };
      return new GatewayClient({
        baseUrl: sim.url,
        terminalId: SIM_TERMINAL,
        secret: SIM_SECRET,
        timeoutMs: 5_000,
        fetch: signedAtSimTime,
      });
    }

    /**
     * A customer pays a quote in full in cash; the kiosk dies before capturing; it is back after
     * `offMs`; recovery captures and the worker writes off. Returns the payment's end state.
     */
    async function paidThenPowerCut(offMs: number): Promise<PaymentRow> {
      const gw = client();
      const clock = testClock(SIM_T0);
      t.close();
      t = openTestJournal(tmp.file(`cut-${offMs}.sqlite`), clock);
      const quoted = await gw.queryBills({ billerId: 'sh-power', account: '3100123456' });
      if (!quoted.ok) throw new Error(`quote failed: ${JSON.stringify(quoted)}`);
      const q = quoted.body;
      const p = t.journal.create(
        newPayment({
          quoteId: q.quoteId,
          quoteJson: JSON.stringify(q),
          amountDue: q.totalDue,
          billerId: q.billerId,
          account: q.account,
        }),
      );
      t.journal.startCollecting(p.id);
      clock.advance(60_000);
      for (let paid = 0; paid < q.totalDue; paid += 10000) {
        t.journal.recordStacked(p.id, t.journal.recordEscrow(p.id, 10000));
      }

      t.close(); // power cut before captureFunds
      clock.advance(offMs);
      simNow = clock();
      t = openTestJournal(tmp.file(`cut-${offMs}.sqlite`), clock);
      staff = new StaffItems(t.db, clock);
      recover(hostBody(t));
      const worker = testWorker(t, gatewayWriteOffPort(gw));
      try {
        const settled = new Promise<SyncSettled>((resolve) => worker.once('settled', resolve));
        worker.kick();
        await settled;
      } finally {
        await worker.stop();
      }
      return t.journal.get(p.id);
    }

    it('back within the quote’s life: written off', async () => {
      expect((await paidThenPowerCut(5 * 60_000)).state).toBe('WRITTEN_OFF');
    });

    it('back after the quote expired: still written off, as the uninterrupted run would have been (crash equivalence)', async () => {
      const p = await paidThenPowerCut(15 * 60_000);
      expect({ state: p.state, rejectCode: p.rejectCode }).toEqual({
        state: 'WRITTEN_OFF',
        rejectCode: null,
      });
    });
  });
});

describe('recoverJournal: idempotence and crashes during recovery', () => {
  /** One payment in each state recovery acts on, plus some it leaves alone. */
  function mixedJournal(): void {
    t.journal.create(newPayment());
    collectingPayment(t);
    collectingPayment(t, { stacked: [10000] });
    collectingPayment(t, { escrowed: [2000] });
    collectingPayment(t, { stacked: [5000, 5000], escrowed: [1000] });
    const rejected = paymentInState(t, 'WRITEOFF_SENT', { notes: [10000] });
    t.db.transaction(() => {
      t.journal.move(rejected, 'REFUND_REQUIRED', 'writeoff_rejected', { code: 'account_locked' });
      t.db.prepare("UPDATE payment SET reject_code = 'account_locked' WHERE id = ?").run(rejected);
      t.outbox.closeForPayment(rejected, t.clock());
    })();
    paymentInState(t, 'FUNDS_CAPTURED');
    paymentInState(t, 'WRITEOFF_UNKNOWN');
    paymentInState(t, 'WRITTEN_OFF');
  }

  it('recovering twice is the same as once: no second staff item, no event, no change', () => {
    mixedJournal();
    const first = recover();
    expect(first.abandoned).toHaveLength(3);
    expect(first.captured).toHaveLength(2);
    expect(first.notesForReview).toHaveLength(2);
    expect(first.compensated).toHaveLength(1);
    const once = journalImage();
    expect(staffRows(t)).toHaveLength(3);

    t.clock.advance(60_000);
    const second = recover();
    expect(journalImage()).toEqual(once);
    expect(second).toEqual({
      ...EMPTY_REPORT,
      resumed: [...first.resumed, ...first.captured].sort((a, b) => a - b),
    });
    for (const p of t.journal.inStates(PAYMENT_STATES)) expectAllowedTransitions(t, p.id);
  });

  it('a crash in the middle of a step rolls that step back whole; the next recovery finishes it, once', () => {
    const a = collectingPayment(t, { stacked: [10000], escrowed: [5000] });
    const b = collectingPayment(t, { stacked: [2000], escrowed: [1000] });
    const bNote = b.escrowedNoteIds[0] as number;

    expect(() =>
      recover((row, at) => {
        if (row.id === b.id) throw new Error('power lost while building the body');
        return hostBody()(row, at);
      }),
    ).toThrow(/power lost/);
    // a's step committed; b's step (note unknown + staff item + capture) did not happen at all.
    expect(t.journal.get(a.id).state).toBe('FUNDS_CAPTURED');
    expect(t.journal.get(b.id)).toMatchObject({ state: 'COLLECTING', collected: 2000 });
    expect(noteState(bNote)).toBe('escrowed');
    expect(staffRows(t).map((s) => s.payment_id)).toEqual([a.id]);

    // The restart: reopen and recover again.
    t.close();
    t = openTestJournal(tmp.file('journal.sqlite'), t.clock);
    staff = new StaffItems(t.db, t.clock);
    const report = recover();
    expect(report).toEqual({
      ...EMPTY_REPORT,
      captured: [b.id],
      notesForReview: [bNote],
      resumed: [a.id],
    });
    expect(t.journal.get(b.id)).toMatchObject({ state: 'FUNDS_CAPTURED', collected: 2000 });
    expect(staffRows(t).map((s) => [s.payment_id, s.amount])).toEqual([
      [a.id, 5000],
      [b.id, 1000],
    ]);
    expect(cashBoxTotal()).toBe(12000);
  });
});

// ---------------------------------------------------------------------------------------------
// Crash equivalence. A session history (create, start, notes in escrow, stacked or returned,
// capture, leave; sync-worker runs against a gateway that commits, rejects, loses replies or
// hangs) is cut at a random point — the kiosk dies there — then the journal is reopened,
// recovered, and a worker writes off everything still pending. Whatever the cut, the ledger is
// the one the history implies.

type Reply = 'ok' | 'reject' | 'lost' | 'down' | 'hang';

type Op =
  | { kind: 'create' }
  | { kind: 'start' }
  | { kind: 'escrow'; value: number }
  | { kind: 'stack' }
  | { kind: 'return' }
  | { kind: 'capture' }
  | { kind: 'leave' }
  | { kind: 'worker'; replies: Reply[]; compensate: boolean };

const workerRun: fc.Arbitrary<Op> = fc.record({
  kind: fc.constant('worker' as const),
  replies: fc.array(fc.constantFrom<Reply>('ok', 'ok', 'reject', 'lost', 'down', 'hang'), {
    maxLength: 4,
  }),
  compensate: fc.boolean(),
});

/**
 * One customer: create, start, notes each stacked or returned, then pay or leave; sometimes a
 * worker run (or two) before the next customer. Sessions are flattened into one history.
 */
const sessionOps: fc.Arbitrary<Op[]> = fc
  .record({
    notes: fc.array(
      fc.record({
        value: fc.constantFrom(1000, 2000, 5000, 10000),
        fate: fc.constantFrom<'stack' | 'return'>('stack', 'stack', 'stack', 'return'),
      }),
      { maxLength: 4 },
    ),
    end: fc.constantFrom<'capture' | 'leave'>('capture', 'capture', 'leave'),
    workers: fc.array(workerRun, { maxLength: 2 }),
  })
  .map(({ notes, end, workers }) => [
    { kind: 'create' as const },
    { kind: 'start' as const },
    ...notes.flatMap((n): Op[] => [{ kind: 'escrow', value: n.value }, { kind: n.fate }]),
    { kind: end },
    ...workers,
  ]);

const history: fc.Arbitrary<Op[]> = fc
  .array(sessionOps, { minLength: 1, maxLength: 5 })
  .map((sessions) => sessions.flat());

/** A consistent gateway: decides a serial once and replays it; answers queries truthfully. */
class ModelGateway implements WriteOffPort {
  readonly committed = new Map<string, string>();
  readonly rejected = new Set<string>();
  /** Submits after the serial was already decided (must never happen: query first). */
  redundantSubmits = 0;
  hung = false;
  private script: Reply[] = [];

  /** The replies of the next calls, in order; 'ok' after them. */
  play(replies: readonly Reply[]): void {
    this.script = [...replies];
  }

  submit(serial: string, body: string): Promise<WriteOffOutcome> {
    const reply = this.script.shift() ?? 'ok';
    if (reply === 'down') return Promise.resolve({ kind: 'unknown', reason: 'http_503' });
    if (this.committed.has(serial) || this.rejected.has(serial)) this.redundantSubmits++;
    else if (reply === 'reject') this.rejected.add(serial);
    else this.committed.set(serial, body);
    const answer: WriteOffOutcome = this.committed.has(serial)
      ? writtenOffOutcome(serial)
      : { kind: 'rejected', code: 'amount_below_due', message: 'below due' };
    return this.deliver(reply, answer);
  }

  query(serial: string): Promise<QueryOutcome> {
    const reply = this.script.shift() ?? 'ok';
    if (reply === 'down') return Promise.resolve({ kind: 'unknown', reason: 'http_503' });
    const answer: QueryOutcome = this.committed.has(serial)
      ? writtenOffOutcome(serial)
      : { kind: 'not_found' };
    return this.deliver(reply, answer);
  }

  private deliver<T>(reply: Reply, answer: T): Promise<T> {
    if (reply === 'hang') {
      this.hung = true;
      return new Promise<T>(() => undefined);
    }
    if (reply === 'lost') return Promise.resolve({ kind: 'unknown', reason: 'timeout' } as T);
    return Promise.resolve(answer);
  }
}

/** What the executed history says each payment holds. */
interface Model {
  stacked: Map<number, number>;
  /** Notes still in escrow when the kiosk died, by payment. */
  inEscrow: Map<number, { noteId: number; value: number }>;
}

async function runHistory(
  j: TestJournal,
  jStaff: StaffItems,
  gw: ModelGateway,
  ops: readonly Op[],
): Promise<Model> {
  const model: Model = { stacked: new Map(), inEscrow: new Map() };
  let session: number | null = null;
  const state = (id: number) => j.journal.get(id).state;

  for (const o of ops) {
    if (o.kind === 'create') {
      if (session !== null) continue;
      session = j.journal.create(newPayment()).id;
      model.stacked.set(session, 0);
      continue;
    }
    if (o.kind === 'worker') {
      j.clock.advance(60_000);
      gw.play(o.replies);
      const worker = testWorker(j, gw);
      if (o.compensate) {
        // The host compensates a refused cash write-off as soon as it is settled.
        worker.on('settled', (e) => {
          if (e.state === 'REFUND_REQUIRED') compensateCash(j.db, j.journal, jStaff, e.paymentId);
        });
      }
      await drain(worker);
      if (gw.hung) {
        // The kiosk dies with a request in flight: the attempt is never settled.
        void worker.stop();
        break;
      }
      await worker.stop();
      continue;
    }
    if (session === null) continue;
    const id = session;
    const escrow = model.inEscrow.get(id);
    switch (o.kind) {
      case 'start':
        if (state(id) === 'CREATED') j.journal.startCollecting(id);
        break;
      case 'escrow':
        if (state(id) === 'COLLECTING' && !escrow) {
          model.inEscrow.set(id, { noteId: j.journal.recordEscrow(id, o.value), value: o.value });
        }
        break;
      case 'stack':
        if (escrow) {
          j.journal.recordStacked(id, escrow.noteId);
          model.stacked.set(id, (model.stacked.get(id) ?? 0) + escrow.value);
          model.inEscrow.delete(id);
        }
        break;
      case 'return':
        if (escrow) {
          j.journal.recordReturned(id, escrow.noteId);
          model.inEscrow.delete(id);
        }
        break;
      case 'capture':
      case 'leave': {
        if (escrow) break;
        const p = j.journal.get(id);
        if (p.collected > 0 && p.state === 'COLLECTING') {
          j.journal.captureFunds(id, cashPaymentRequest(j.journal, p, j.clock()));
          session = null;
        } else if (p.collected === 0 && o.kind === 'leave') {
          j.journal.abandon(id, 'customer_left');
          session = null;
        }
        break;
      }
    }
  }
  return model;
}

describe('recoverJournal: crash equivalence (property)', () => {
  it('any history cut anywhere, recovered and written off: the ledger is conserved and every state moved along allowed edges', async () => {
    let runNo = 0;
    // Guards against a vacuous pass: the interesting endings must all have happened.
    const seen = { writtenOff: 0, refunded: 0, unknownNote: 0, hung: 0, capturedByRecovery: 0 };
    await fc.assert(
      fc.asyncProperty(history, fc.nat(), async (ops, cutAt) => {
        const file = tmp.file(`crash-${runNo++}.sqlite`);
        const clock = testClock();
        const gw = new ModelGateway();
        // A logical crash (close and reopen), not a power cut: fsync adds nothing here but time.
        const open = () => {
          const j = openTestJournal(file, clock);
          j.db.pragma('synchronous = OFF');
          return j;
        };
        let j = open();
        const cut = ops.slice(0, cutAt % (ops.length + 1));
        try {
          const model = await runHistory(j, new StaffItems(j.db, clock), gw, cut);
          if (gw.hung) seen.hung++;

          // The kiosk dies here. Restart: reopen, recover, then the worker drains the outbox.
          j.close();
          j = open();
          const jStaff = new StaffItems(j.db, clock);
          const report = recoverJournal({
            db: j.db,
            journal: j.journal,
            staff: jStaff,
            buildRequest: hostBody(j),
            buildQrRequest: qrPaymentRequest,
          });
          seen.capturedByRecovery += report.captured.length;
          gw.hung = false;
          gw.play([]);
          for (let pass = 0; pass < 3 && j.outbox.nextDueAt() !== null; pass++) {
            clock.advance(60_000);
            await workerPass(j, gw);
          }

          expect(gw.redundantSubmits, 'a submit for a serial the gateway had decided').toBe(0);
          expect(j.outbox.nextDueAt(), 'nothing left in the outbox').toBeNull();
          const payments = j.journal.inStates(PAYMENT_STATES);
          expect(payments.map((p) => p.id).sort((a, b) => a - b)).toEqual(
            [...model.stacked.keys()].sort((a, b) => a - b),
          );
          const items = staffRows(j);
          let sumCollected = 0;
          for (const p of payments) {
            const collected = model.stacked.get(p.id) ?? -1;
            expect(p.collected, `payment ${p.id}: collected = Σ its stacked notes`).toBe(collected);
            sumCollected += p.collected;
            expectAllowedTransitions(j, p.id);
            const refunds = items.filter((s) => s.kind === 'cash_refund' && s.payment_id === p.id);
            if (collected === 0) {
              expect(p.state, `payment ${p.id} took nothing`).toBe('ABANDONED');
              expect(gw.committed.has(p.agentSerial) || gw.rejected.has(p.agentSerial)).toBe(false);
            } else if (gw.rejected.has(p.agentSerial)) {
              expect(p.state, `payment ${p.id} refused by the biller`).toBe('MANUAL_REFUND');
              expect(refunds.map((s) => s.amount)).toEqual([collected]);
            } else {
              expect(p.state, `payment ${p.id} holds money`).toBe('WRITTEN_OFF');
              const body = gw.committed.get(p.agentSerial);
              expect(body, 'the gateway wrote off the stored body').toBe(p.requestJson);
              expect((JSON.parse(body ?? '{}') as { amount?: number }).amount).toBe(collected);
              expect(refunds).toEqual([]);
            }
            expect(['CREATED', 'COLLECTING', ...PENDING_SYNC_STATES]).not.toContain(p.state);
            if (p.state === 'WRITTEN_OFF') seen.writtenOff++;
            if (p.state === 'MANUAL_REFUND') seen.refunded++;
          }
          seen.unknownNote += model.inEscrow.size;

          // Notes in escrow at the crash: unknown, one staff review each, never credited.
          const reviews = items.filter((s) => s.kind === 'note_review');
          expect(
            reviews
              .map((s) => [s.payment_id, s.amount])
              .sort((a, b) => Number(a[0]) - Number(b[0])),
          ).toEqual([...model.inEscrow].map(([id, n]) => [id, n.value]));
          const notes = j.db
            .prepare('SELECT id, payment_id, value, state FROM cash_note ORDER BY id')
            .all() as { id: number; payment_id: number; value: number; state: string }[];
          expect(notes.filter((n) => n.state === 'escrowed')).toEqual([]);
          expect(notes.filter((n) => n.state === 'unknown').map((n) => n.id)).toEqual(
            [...model.inEscrow.values()].map((n) => n.noteId),
          );
          expect(items).toHaveLength(
            reviews.length + payments.filter((p) => p.state === 'MANUAL_REFUND').length,
          );

          // The cash box: Σ stacked notes = Σ collected of the payments that kept money.
          const stackedTotal = notes
            .filter((n) => n.state === 'stacked')
            .reduce((s, n) => s + n.value, 0);
          expect(j.cash.contents().total).toBe(stackedTotal);
          expect(stackedTotal).toBe(sumCollected);
          expect(
            payments.filter((p) => p.state !== 'ABANDONED').reduce((s, p) => s + p.collected, 0),
          ).toBe(sumCollected);
        } finally {
          if (j.db.open) j.close();
        }
      }),
      { numRuns: 150 },
    );
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(0);
  });
});
