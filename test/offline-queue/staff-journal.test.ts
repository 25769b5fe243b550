// The journal side of assisted mode: staff items closed with a recorded outcome, a note of
// unknown fate found in the box credited to a follow-up payment and written off once (across a
// failure inside the credit, a restart and a second try), a note given back, receipt copies
// counted without touching the outbox, reversals journalled as intents with one live per
// payment, one payment's write-off made due now within the worker's rules, the day's figures
// and the receipts a search finds.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CashBox } from '../../offline-queue/cash-box';
import {
  STORE_AND_FORWARD_MS,
  TransitionError,
  type PaymentRow,
} from '../../offline-queue/payment-journal';
import { reconcileDay } from '../../offline-queue/reconciliation';
import { recoverJournal } from '../../offline-queue/recovery';
import { ReversalOpen, Reversals } from '../../offline-queue/reversals';
import { StaffItemClosed, StaffItems } from '../../offline-queue/staff-items';
import { cashPaymentRequest } from '../../src/host/payment-request';
import {
  capturedPayment,
  collectingPayment,
  DAY,
  drain,
  moveAlong,
  openTestJournal,
  outboxRowOf,
  paymentInState,
  RecordingPort,
  TERMINAL,
  tempDir,
  testWorker,
  type TempDir,
  type TestJournal,
} from './journal-fixture';

let tmp: TempDir;
let t: TestJournal;
let staff: StaffItems;

beforeEach(() => {
  tmp = tempDir();
  t = openTestJournal(tmp.file('journal.sqlite'));
  staff = new StaffItems(t.db, t.clock);
});
afterEach(() => {
  t.close();
  tmp.remove();
});

const build = (journal: TestJournal['journal']) => (p: PaymentRow, at: number) =>
  cashPaymentRequest(journal, p, at);

/** A payment whose last note was in escrow at a restart: recovered, the note under review. */
function unknownNoteAfterRestart(o: { stacked?: number[]; note?: number } = {}): {
  paymentId: number;
  noteId: number;
  itemId: number;
} {
  const { id, escrowedNoteIds } = collectingPayment(t, {
    stacked: o.stacked ?? [10000],
    escrowed: [o.note ?? 5000],
  });
  recoverJournal({
    db: t.db,
    journal: t.journal,
    staff,
    buildRequest: build(t.journal),
    buildQrRequest: () => '{}',
  });
  const item = staff.openItems().find((i) => i.kind === 'note_review' && i.paymentId === id);
  if (!item) throw new Error('no note review');
  return { paymentId: id, noteId: escrowedNoteIds[0] as number, itemId: item.id };
}

const credit = (noteId: number, journal = t.journal) =>
  journal.creditFoundNote({
    noteId,
    terminalId: TERMINAL,
    businessDay: DAY,
    buildRequest: build(journal),
  });

const count = (sql: string, ...args: unknown[]): number =>
  (t.db.prepare(sql).get(...args) as { n: number }).n;

/** Σ stacked notes = Σ collected of cash payments not re-applied (the ledger's conservation). */
function expectConserved(): void {
  const stacked = count(
    `SELECT coalesce(sum(value), 0) AS n FROM cash_note WHERE state = 'stacked'`,
  );
  const collected = count(
    `SELECT coalesce(sum(collected), 0) AS n FROM payment
      WHERE method = 'cash' AND replaces_payment_id IS NULL`,
  );
  expect(stacked).toBe(collected);
}

describe('StaffItems: closed with a recorded outcome', () => {
  it('keeps who, when, the outcome and its particulars; closes once', () => {
    const id = staff.open({ kind: 'cash_refund', paymentId: null, amount: 500, reason: 'x' });
    t.clock.advance(1000);
    staff.resolve(id, '1001', 'paid_out', { amount: 500, via: 'scanned' });
    expect(staff.get(id)).toMatchObject({
      closedAt: t.clock(),
      closedBy: '1001',
      outcome: 'paid_out',
      outcomeDetail: { amount: 500, via: 'scanned' },
    });
    expect(() => staff.resolve(id, '1002', 'paid_out')).toThrow(StaffItemClosed);
    expect(staff.get(id)?.closedBy).toBe('1001');
    expect(staff.get(999)).toBeNull();
  });

  it('counts open items by kind', () => {
    staff.open({ kind: 'cash_refund', paymentId: null, amount: 1, reason: 'x' });
    const closed = staff.open({ kind: 'discrepancy', paymentId: null, amount: 1, reason: 'x' });
    staff.open({ kind: 'note_review', paymentId: null, amount: 1, reason: 'x' });
    staff.resolve(closed, '1001', 'explained');
    expect(staff.openCountsByKind()).toEqual({ cash_refund: 1, discrepancy: 0, note_review: 1 });
  });
});

describe('a note found in the box: credited to a follow-up payment, written off once', () => {
  it('makes a follow-up payment of its own serial, the note its tender, collected when escrowed, queued in the outbox', () => {
    const { paymentId, noteId } = unknownNoteAfterRestart();
    const first = t.journal.get(paymentId);
    const escrowedAt = t.journal.reviewedNote(noteId)?.escrowedAt;
    t.clock.advance(3_600_000);
    expect(t.journal.foundNoteProblem(noteId, t.clock())).toBeNull();

    const next = credit(noteId);
    expect(next.agentSerial).not.toBe(first.agentSerial);
    expect(next).toMatchObject({
      state: 'FUNDS_CAPTURED',
      method: 'cash',
      collected: 5000,
      billerId: first.billerId,
      account: first.account,
      quoteId: first.quoteId,
      collectedAt: escrowedAt,
    });
    expect(JSON.parse(next.requestJson ?? '{}')).toMatchObject({
      agentSerial: next.agentSerial,
      amount: 5000,
      tender: { notes: [{ value: 5000, count: 1 }] },
    });
    expect(outboxRowOf(t, next.id)).toMatchObject({ done_at: null, attempts: 0 });
    expect(t.journal.reviewedNote(noteId)).toMatchObject({
      paymentId: next.id,
      state: 'stacked',
      boxed: 1,
    });
    // The first payment keeps what it took, and its log says where the note went.
    expect(t.journal.get(paymentId).collected).toBe(first.collected);
    expect(t.journal.events(paymentId).at(-1)?.type).toBe('note_found_credited');
    expect(t.journal.events(next.id).map((e) => e.type)).toEqual([
      'created',
      'collecting',
      'note_stacked',
      'funds_captured',
    ]);
    expect(count('SELECT count(*) AS n FROM cash_box WHERE note_id = ?', noteId)).toBe(1);
    expectConserved();
  });

  it('a note the device already put in the box is not counted twice', () => {
    const p = collectingPayment(t, { escrowed: [2000] });
    const box = new CashBox(t.db, t.journal, staff, t.clock);
    box.noteUncertain(p.id, p.escrowedNoteIds[0] as number, 'jam', true);
    t.journal.abandon(p.id, 'test');
    const noteId = p.escrowedNoteIds[0] as number;
    const before = count('SELECT count(*) AS n FROM cash_box');
    credit(noteId);
    expect(count('SELECT count(*) AS n FROM cash_box')).toBe(before);
    expectConserved();
  });

  it('a second credit changes nothing: one follow-up payment, one outbox row', () => {
    const { noteId } = unknownNoteAfterRestart();
    credit(noteId);
    const payments = count('SELECT count(*) AS n FROM payment');
    const outbox = count('SELECT count(*) AS n FROM outbox');
    expect(() => credit(noteId)).toThrow(TransitionError);
    expect(count('SELECT count(*) AS n FROM payment')).toBe(payments);
    expect(count('SELECT count(*) AS n FROM outbox')).toBe(outbox);
  });

  it('a failure inside the credit leaves nothing behind: the note is still of unknown fate', () => {
    const { noteId } = unknownNoteAfterRestart();
    const payments = count('SELECT count(*) AS n FROM payment');
    const serials = count('SELECT coalesce(sum(last), 0) AS n FROM serial_counter');
    expect(() =>
      t.journal.creditFoundNote({
        noteId,
        terminalId: TERMINAL,
        businessDay: DAY,
        buildRequest: () => {
          throw new Error('power lost');
        },
      }),
    ).toThrow('power lost');
    expect(count('SELECT count(*) AS n FROM payment')).toBe(payments);
    expect(count('SELECT coalesce(sum(last), 0) AS n FROM serial_counter')).toBe(serials);
    expect(t.journal.reviewedNote(noteId)).toMatchObject({ state: 'unknown', boxed: 0 });
    expect(t.journal.foundNoteProblem(noteId, t.clock())).toBeNull();
  });

  it('goes to the gateway once across a restart after the credit and a second worker', async () => {
    const { noteId } = unknownNoteAfterRestart();
    const next = credit(noteId);
    // The kiosk stops before any worker ran: the credit and its outbox row are on disk.
    t.close();
    t = openTestJournal(tmp.file('journal.sqlite'), t.clock);
    const port = new RecordingPort();
    // The first answer is lost: the outcome is unknown.
    port.onSubmit = () => ({ kind: 'unknown', reason: 'timeout' });
    const w1 = testWorker(t, port);
    await drain(w1);
    await w1.stop();
    t.close();
    t = openTestJournal(tmp.file('journal.sqlite'), t.clock);
    staff = new StaffItems(t.db, t.clock);
    // The gateway did commit it: the restarted worker asks first and sends nothing again.
    port.onQuery = (s) => ({
      kind: 'written_off',
      billerTxnId: `T-${s}`,
      resultJson: JSON.stringify({ agentSerial: s }),
      writtenOffDay: '2026-11-26',
    });
    t.clock.advance(60_000);
    const w2 = testWorker(t, port);
    await drain(w2);
    await drain(w2);
    await w2.stop();
    expect(port.ops(next.agentSerial)).toEqual(['submit', 'query']);
    expect(t.journal.get(next.id).state).toBe('WRITTEN_OFF');
    expect(() => credit(noteId)).toThrow(TransitionError);
  });

  it('says why a note cannot be credited', () => {
    const now = () => t.clock();
    // The visit is still on.
    const live = collectingPayment(t, { escrowed: [1000] });
    new CashBox(t.db, t.journal, staff, t.clock).noteUncertain(
      live.id,
      live.escrowedNoteIds[0] as number,
      'jam',
    );
    expect(t.journal.foundNoteProblem(live.escrowedNoteIds[0] as number, now())).toBe(
      'payment_in_progress',
    );
    // The biller takes no more than is due, and the payment already paid it all.
    const full = unknownNoteAfterRestart({ stacked: [20000, 20000, 773], note: 1000 });
    t.db.prepare('UPDATE payment SET accepts_overpayment = 0 WHERE id = ?').run(full.paymentId);
    expect(t.journal.foundNoteProblem(full.noteId, now())).toBe('overpayment_not_allowed');
    // The gateway's store-and-forward window has passed.
    const old = unknownNoteAfterRestart();
    t.clock.advance(STORE_AND_FORWARD_MS + 1);
    expect(t.journal.foundNoteProblem(old.noteId, now())).toBe('store_and_forward_expired');
    expect(() => credit(old.noteId)).toThrow(/store_and_forward_expired/);
    // Settled already, or no such note.
    expect(t.journal.foundNoteProblem(9999, now())).toBe('note_settled');
  });
});

describe('a note given back by staff', () => {
  it('is returned when the box does not hold it, else paid from petty cash and left in the box', () => {
    const a = unknownNoteAfterRestart();
    expect(t.journal.recordNoteReturnedByStaff(a.noteId)).toBe('note');
    expect(t.journal.reviewedNote(a.noteId)?.state).toBe('returned');

    const p = collectingPayment(t, { escrowed: [2000] });
    new CashBox(t.db, t.journal, staff, t.clock).noteUncertain(
      p.id,
      p.escrowedNoteIds[0] as number,
      'jam',
      true,
    );
    const noteId = p.escrowedNoteIds[0] as number;
    expect(t.journal.recordNoteReturnedByStaff(noteId)).toBe('petty_cash');
    expect(t.journal.reviewedNote(noteId)).toMatchObject({ state: 'unknown', boxed: 1 });
    expect(t.journal.events(p.id).at(-1)?.type).toBe('note_returned_by_staff');
    expect(() => t.journal.recordNoteReturnedByStaff(a.noteId)).toThrow(TransitionError);
  });
});

describe('receipt copies', () => {
  it('are counted in the payment’s log and never touch the outbox', () => {
    const id = paymentInState(t, 'WRITTEN_OFF');
    const outbox = t.db.prepare('SELECT * FROM outbox ORDER BY id').all();
    expect(t.journal.receiptCopies(id)).toBe(0);
    expect(t.journal.recordReceiptCopy(id)).toBe(1);
    expect(t.journal.recordReceiptCopy(id)).toBe(2);
    expect(t.journal.get(id).state).toBe('WRITTEN_OFF');
    expect(t.db.prepare('SELECT * FROM outbox ORDER BY id').all()).toEqual(outbox);
  });
});

describe('reversals', () => {
  it('one live reversal per payment; reversed → refund slip item, MANUAL_REFUND', () => {
    const id = paymentInState(t, 'RECEIPTED');
    const reversals = new Reversals(t.db, t.clock);
    const r = reversals.intend({
      paymentId: id,
      reason: 'wrong_account',
      amount: 20000,
      requestedBy: '1001',
      approvedBy: '1002',
    });
    expect(() =>
      reversals.intend({
        paymentId: id,
        reason: 'wrong_account',
        amount: 20000,
        requestedBy: '1001',
        approvedBy: '9001',
      }),
    ).toThrow(ReversalOpen);
    expect(reversals.unsettled().map((x) => x.id)).toEqual([r]);
    reversals.markUnknown(r, 'timeout');
    expect(reversals.get(r)).toMatchObject({ state: 'unknown', lastError: 'timeout' });

    const item = reversals.settleReversed(r, t.journal, staff);
    expect(t.journal.get(id)).toMatchObject({ state: 'MANUAL_REFUND', rejectCode: 'reversed' });
    expect(staff.get(item)).toMatchObject({
      kind: 'cash_refund',
      paymentId: id,
      amount: 20000,
      reason: 'reversed',
    });
    expect(reversals.liveFor(id)?.state).toBe('reversed');
    expect(reversals.unsettled()).toEqual([]);
    expect(() => reversals.settleReversed(r, t.journal, staff)).toThrow();
  });

  it('a reversed payment reconciles quietly against the gateway’s reversed record', () => {
    const id = paymentInState(t, 'WRITTEN_OFF');
    t.db.prepare('UPDATE payment SET written_off_day = ? WHERE id = ?').run('2026-11-26', id);
    const reversals = new Reversals(t.db, t.clock);
    const r = reversals.intend({
      paymentId: id,
      reason: 'wrong_account',
      amount: 20000,
      requestedBy: '1001',
      approvedBy: '1002',
    });
    reversals.settleReversed(r, t.journal, staff);
    const p = t.journal.get(id);
    const result = reconcileDay({
      db: t.db,
      journal: t.journal,
      outbox: t.outbox,
      staff,
      day: '2026-11-26',
      gateway: {
        date: '2026-11-26',
        count: 0,
        total: 0,
        records: [
          {
            agentSerial: p.agentSerial,
            amount: 20000,
            status: 'reversed',
            writtenOffAt: '2026-11-26T14:05:41+08:00',
          },
        ],
      },
      clock: t.clock,
    });
    expect(result).toEqual({ matched: 0, differences: [] });
    expect(t.journal.get(id).state).toBe('MANUAL_REFUND');
    expect(staff.openCountsByKind()).toEqual({ cash_refund: 1, discrepancy: 0, note_review: 0 });
  });

  it('a final refusal leaves the payment written off and allows a new intent', () => {
    const id = paymentInState(t, 'WRITTEN_OFF');
    const reversals = new Reversals(t.db, t.clock);
    const r = reversals.intend({
      paymentId: id,
      reason: 'x',
      amount: 1,
      requestedBy: '1001',
      approvedBy: '1002',
    });
    reversals.settleUnreversed(r, 'too_late', 'day cut');
    expect(t.journal.get(id).state).toBe('WRITTEN_OFF');
    expect(reversals.liveFor(id)).toBeNull();
    expect(() => reversals.settleUnreversed(r, 'refused', null)).toThrow();
    expect(() =>
      t.db
        .prepare(
          `INSERT INTO payment_reversal(payment_id, state, reason, amount, requested_by, approved_by,
             requested_at) VALUES (?, 'requested', 'x', 1, '1001', '1001', 0)`,
        )
        .run(id),
    ).toThrow(/CHECK/);
  });

  it('only WRITTEN_OFF and RECEIPTED payments can be reversed in the journal', () => {
    const pending = capturedPayment(t);
    expect(() => t.journal.recordReversal(pending)).toThrow(TransitionError);
    const reconciled = paymentInState(t, 'RECONCILED');
    expect(() => t.journal.recordReversal(reconciled)).toThrow(TransitionError);
  });
});

describe('one payment’s write-off made due now', () => {
  it('only that one, and never before its Retry-After', async () => {
    const a = capturedPayment(t);
    const b = capturedPayment(t);
    const port = new RecordingPort();
    port.onSubmit = (s) =>
      s === t.journal.get(a).agentSerial
        ? { kind: 'unknown', reason: 'http_503', retryAfterMs: 30_000 }
        : { kind: 'unknown', reason: 'timeout' };
    const worker = testWorker(t, port);
    await drain(worker);
    const dueA = outboxRowOf(t, a)?.next_attempt_at;
    const dueB = outboxRowOf(t, b)?.next_attempt_at ?? 0;
    expect(dueB).toBeGreaterThan(t.clock());
    expect(t.outbox.openRows().map((r) => r.lastError)).toEqual(['http_503', 'timeout']);

    port.onQuery = () => ({ kind: 'not_found' });
    worker.retryNow(a);
    await drain(worker);
    expect(port.ops()).toEqual(['submit', 'submit']);
    expect(outboxRowOf(t, a)?.next_attempt_at).toBe(dueA);
    expect(t.outbox.openRowFor(a)?.notBefore).toBe(t.clock() + 30_000);

    worker.retryNow(b);
    await drain(worker);
    // The one after an unknown outcome asks first.
    expect(port.ops(t.journal.get(b).agentSerial)).toEqual(['submit', 'query', 'submit']);
    expect(port.ops(t.journal.get(a).agentSerial)).toEqual(['submit']);
    await worker.stop();
  });
});

describe('the day’s figures and the receipts a search finds', () => {
  it('count written-off payments of the day by biller and method, reversed ones not, pending ones apart', () => {
    const a = paymentInState(t, 'WRITTEN_OFF', { notes: [10000] });
    const b = paymentInState(t, 'RECEIPTED', {
      notes: [5000],
      payment: { billerId: 'sh-water', account: '2200334455' },
    });
    const c = paymentInState(t, 'RECEIPTED', { notes: [2000] });
    const day = '2026-11-26';
    for (const id of [a, b, c])
      t.db.prepare('UPDATE payment SET written_off_day = ? WHERE id = ?').run(day, id);
    t.db.transaction(() => t.journal.recordReversal(c))();
    capturedPayment(t, [1000]);
    moveAlong(t, paymentInState(t, 'WRITTEN_OFF', { notes: [500] }), []);
    expect(t.journal.daySummary(day)).toEqual({
      writtenOff: [
        { billerId: 'sh-power', method: 'cash', count: 1, amount: 10000 },
        { billerId: 'sh-water', method: 'cash', count: 1, amount: 5000 },
      ],
      pending: [{ billerId: 'sh-power', method: 'cash', count: 1, amount: 1000 }],
    });
  });

  it('finds receipts by serial or account tail within the window, newest first', () => {
    const a = paymentInState(t, 'WRITTEN_OFF');
    const b = paymentInState(t, 'FUNDS_CAPTURED', { payment: { account: '3100999456' } });
    paymentInState(t, 'ABANDONED');
    const since = t.clock() - 1000;
    const serialOf = (id: number) => t.journal.get(id).agentSerial;
    expect(t.journal.receiptable(since, { agentSerial: serialOf(a) }).map((p) => p.id)).toEqual([
      a,
    ]);
    expect(t.journal.receiptable(since, { accountTail: '3456' }).map((p) => p.id)).toEqual([a]);
    expect(t.journal.receiptable(since, { accountTail: '9456' }).map((p) => p.id)).toEqual([b]);
    expect(t.journal.receiptable(t.clock() + 1, { agentSerial: serialOf(a) })).toEqual([]);
  });
});
