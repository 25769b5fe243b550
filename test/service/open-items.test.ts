// Open items, one list, against the journal and the gateway simulator: each kind with the actions
// it allows, each closing once with a recorded outcome and an audit row; the refusals (wrong
// role, not signed in, wrong serial, wrong amount, closed already, an action the kind does not
// allow, a reason off the list, a note with personal data); a note found in the box credited and
// written off exactly once across a second try and restarts; payments waiting for staff asked
// again by their state's own path (the worker queries before it re-sends).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CashBox } from '../../offline-queue/cash-box';
import { refundPartialCash } from '../../offline-queue/compensation';
import type { AuthenticatedPerson } from '../../src/service/authenticator';
import { can } from '../../src/service/roles';
import type { OpenItemView } from '../../src/service/staff-services';
import {
  auditOf,
  captured,
  collecting,
  openDesk,
  people,
  recover,
  type Desk,
} from './staff-fixture';

let desk: Desk;
let wang: AuthenticatedPerson;
let li: AuthenticatedPerson;

beforeEach(async () => {
  desk = await openDesk();
  ({ wang, li } = await people(desk));
});
afterEach(() => desk.close());

function list(by = wang): OpenItemView[] {
  const r = desk.services.openItems(by);
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r.items;
}

function only<K extends OpenItemView['kind']>(kind: K): Extract<OpenItemView, { kind: K }> {
  const items = list().filter((i): i is Extract<OpenItemView, { kind: K }> => i.kind === kind);
  expect(items).toHaveLength(1);
  return items[0] as Extract<OpenItemView, { kind: K }>;
}

/** A refund slip to pay out: cash short of the due at a biller that takes no part payment. */
async function refundItem(): Promise<{ serial: string; amount: number }> {
  const { payment } = await collecting(desk, { notes: [10000] });
  refundPartialCash(desk.room.db, desk.journal, desk.staff, payment.id, desk.clock());
  return { serial: payment.agentSerial, amount: 10000 };
}

describe('refund slips paid out from petty cash', () => {
  it('checks the slip’s serial and amount, records who, when, how, and closes once', async () => {
    const { serial, amount } = await refundItem();
    const item = only('refund_slip');
    expect(item).toMatchObject({
      agentSerial: serial,
      amount,
      account: '3100****56',
      billerName: '国网上海市电力公司',
      reason: 'partial_payment_not_allowed',
      actions: ['pay_out'],
    });
    const pay = (slipSerial: string, paid = amount, by = wang) =>
      desk.services.resolveItem(by, {
        itemId: item.itemId,
        action: 'pay_out',
        slipSerial,
        via: 'scanned',
        amount: paid,
      });

    expect(pay('SH-XH-WK-0007-20261126-999999')).toEqual({
      ok: false,
      reason: 'wrong_serial',
      why: 'scanned',
    });
    expect(pay(serial, amount - 100)).toEqual({ ok: false, reason: 'wrong_amount' });
    expect(desk.services.resolveItem(wang, { itemId: item.itemId, action: 'returned' })).toEqual({
      ok: false,
      reason: 'wrong_action',
      why: 'returned',
    });
    desk.advance(60_000);
    expect(pay(` ${serial.toLowerCase()} `)).toEqual({
      ok: true,
      itemId: item.itemId,
      outcome: 'paid_out',
    });
    expect(desk.staff.get(item.itemId)).toMatchObject({
      closedBy: '1001',
      closedAt: desk.clock(),
      outcome: 'paid_out',
      outcomeDetail: { amount, slipSerial: serial, via: 'scanned', from: 'petty_cash' },
    });
    expect(pay(serial, amount, li)).toEqual({
      ok: false,
      reason: 'already_closed',
      why: 'paid_out',
    });
    expect(list()).toEqual([]);

    const rows = auditOf(desk, 'open_items.resolve');
    expect(rows.map((r) => [r.actor?.staffNumber, r.detail?.outcome, r.detail?.reason])).toEqual([
      ['1001', 'refused', 'wrong_serial'],
      ['1001', 'refused', 'wrong_amount'],
      ['1001', 'refused', 'wrong_action'],
      ['1001', 'paid_out', undefined],
      ['9001', 'refused', 'already_closed'],
    ]);
    expect(rows[3]).toMatchObject({
      subject: `item:${item.itemId}`,
      amountBefore: amount,
      amountAfter: 0,
    });
  });

  it('refuses a role that may not resolve items, and a person who never entered', async () => {
    await desk.reopen({
      can: (role, action) => action !== 'open_items.resolve' && can(role, action),
    });
    ({ wang } = await people(desk));
    const { serial, amount } = await refundItem();
    const item = only('refund_slip');
    const payOut = {
      itemId: item.itemId,
      action: 'pay_out',
      slipSerial: serial,
      via: 'typed',
      amount,
    } as const;
    expect(desk.services.resolveItem(wang, payOut)).toEqual({ ok: false, reason: 'not_allowed' });
    const stranger = { ...wang };
    expect(desk.services.resolveItem(stranger, payOut)).toEqual({
      ok: false,
      reason: 'not_signed_in',
    });
    expect(desk.staff.get(item.itemId)?.closedAt).toBeNull();
    expect(
      auditOf(desk, 'open_items.resolve').map((r) => [
        r.actor?.staffNumber ?? null,
        r.detail?.reason,
      ]),
    ).toEqual([
      ['1001', 'not_allowed'],
      [null, 'not_signed_in'],
    ]);
  });
});

describe('a note under review found in the box', () => {
  it('is credited to a follow-up payment and written off at the gateway exactly once, across a second try and restarts', async () => {
    const { payment } = await collecting(desk, { escrowed: [5000] });
    recover(desk); // the kiosk restarted with the note in escrow: captured without it
    await desk.sync();
    expect(desk.journal.get(payment.id).state).toBe('WRITTEN_OFF');
    const review = only('note_review');
    expect(review).toMatchObject({
      agentSerial: payment.agentSerial,
      noteValue: 5000,
      inBox: false,
      creditProblem: null,
      actions: ['credit_found', 'returned'],
    });

    const credited = desk.services.resolveItem(wang, {
      itemId: review.itemId,
      action: 'credit_found',
    });
    if (!credited.ok) throw new Error(credited.reason);
    const serial = credited.creditedTo ?? '';
    expect(serial).not.toBe(payment.agentSerial);
    expect(desk.requests).toEqual([{ op: 'kick' }]);
    expect(
      desk.services.resolveItem(wang, { itemId: review.itemId, action: 'credit_found' }),
    ).toEqual({ ok: false, reason: 'already_closed', why: 'credited' });

    // Restart before the worker sent it: the credit is on disk, once.
    await desk.reopen();
    ({ wang } = await people(desk));
    expect(
      desk.services.resolveItem(wang, { itemId: review.itemId, action: 'credit_found' }),
    ).toMatchObject({ ok: false, reason: 'already_closed' });
    await desk.sync();
    const next = desk.journal.bySerial(serial);
    expect(next).toMatchObject({ state: 'WRITTEN_OFF', collected: 5000 });
    expect(JSON.parse(next?.resultJson ?? '{}')).toMatchObject({ prepaidCredited: 5000 });

    // Another restart and another pass of the worker: nothing more reaches the gateway.
    await desk.reopen();
    await desk.sync();
    expect(desk.sim.sim.stats().payments[serial]).toMatchObject({ commits: 1, replays: 0 });
    expect(desk.sim.sim.requests({ serial }).map((r) => r.route)).toEqual(['POST /v1/payments']);
    expect(
      desk.room.db.prepare('SELECT count(*) AS n FROM outbox WHERE payment_id = ?').get(next?.id),
    ).toEqual({ n: 1 });

    const audit = auditOf(desk, 'open_items.resolve');
    expect(audit[0]).toMatchObject({
      actor: { staffNumber: '1001', role: 'staff' },
      subject: `item:${review.itemId}`,
      amountBefore: payment.collected,
      amountAfter: payment.collected + 5000,
      detail: { kind: 'note_review', outcome: 'credited', value: 5000 },
    });
    expect(audit.slice(1).map((r) => r.detail?.reason)).toEqual([
      'already_closed',
      'already_closed',
    ]);
  });

  it('says why it cannot be credited while the visit is on; given back instead', async () => {
    const { payment, escrowedNoteIds } = await collecting(desk, { escrowed: [2000] });
    new CashBox(desk.room.db, desk.journal, desk.staff, desk.clock).noteUncertain(
      payment.id,
      escrowedNoteIds[0] as number,
      'stacker jam',
    );
    const review = only('note_review');
    expect(review.creditProblem).toBe('payment_in_progress');
    expect(
      desk.services.resolveItem(wang, { itemId: review.itemId, action: 'credit_found' }),
    ).toEqual({
      ok: false,
      reason: 'not_creditable',
      why: 'payment_in_progress',
    });
    expect(desk.services.resolveItem(wang, { itemId: review.itemId, action: 'returned' })).toEqual({
      ok: true,
      itemId: review.itemId,
      outcome: 'returned',
      returnedFrom: 'note',
    });
    expect(desk.journal.reviewedNote(escrowedNoteIds[0] as number)?.state).toBe('returned');
    expect(desk.journal.get(payment.id)).toMatchObject({
      state: 'COLLECTING',
      collected: payment.collected,
    });
    expect(auditOf(desk, 'open_items.resolve').map((r) => r.detail?.outcome)).toEqual([
      'refused',
      'returned',
    ]);
  });
});

describe('stray notes', () => {
  it('offer in the box, given back or not found; the outcome is recorded', () => {
    const box = new CashBox(desk.room.db, desk.journal, desk.staff, desk.clock);
    box.strayNote({ value: 2000, outcome: 'stacked', inBox: true, reason: 'credit after restart' });
    box.notePathClear();
    box.strayNote({
      value: null,
      outcome: 'uncertain',
      inBox: false,
      reason: 'power-up with bill',
    });
    const strays = list().filter((i) => i.kind === 'stray_note');
    expect(strays).toMatchObject([
      {
        value: 2000,
        inBox: true,
        deviceOutcome: 'stacked',
        actions: ['in_box', 'returned', 'not_found'],
      },
      { value: null, inBox: false, deviceOutcome: 'uncertain' },
    ]);
    const [a, b] = strays as Extract<OpenItemView, { kind: 'stray_note' }>[];
    if (!a || !b) throw new Error('two strays');
    expect(
      desk.services.resolveItem(wang, { itemId: a.itemId, action: 'credit_found' }),
    ).toMatchObject({
      ok: false,
      reason: 'wrong_action',
    });
    expect(desk.services.resolveItem(wang, { itemId: a.itemId, action: 'in_box' })).toMatchObject({
      ok: true,
      outcome: 'in_box',
    });
    expect(desk.services.resolveItem(li, { itemId: b.itemId, action: 'not_found' })).toMatchObject({
      ok: true,
      outcome: 'not_found',
    });
    expect(desk.staff.get(b.itemId)).toMatchObject({ closedBy: '9001', outcome: 'not_found' });
    expect(list()).toEqual([]);
    expect(auditOf(desk, 'open_items.resolve').map((r) => r.detail?.outcome)).toEqual([
      'refused',
      'in_box',
      'not_found',
    ]);
  });
});

describe('differences (长款/短款)', () => {
  it('are explained by a reason from the list and a short note without personal data', () => {
    const itemId = desk.staff.open({
      kind: 'discrepancy',
      paymentId: null,
      amount: 5000,
      reason: 'gateway_only',
      detail: {
        kind: 'gateway_only',
        label: '短款',
        agentSerial: 'SH-XH-WK-0007-20261125-000003',
        kioskAmount: 0,
        gatewayAmount: 5000,
      },
    });
    expect(only('discrepancy')).toMatchObject({
      label: '短款',
      difference: 'gateway_only',
      kioskAmount: 0,
      gatewayAmount: 5000,
      actions: ['explain'],
    });
    const explain = (reason: string, note?: string) =>
      desk.services.resolveItem(wang, {
        itemId,
        action: 'explain',
        reason: reason as 'other',
        ...(note === undefined ? {} : { note }),
      });
    expect(explain('because')).toEqual({ ok: false, reason: 'bad_reason' });
    expect(explain('other')).toEqual({ ok: false, reason: 'bad_note', why: 'other_needs_a_note' });
    expect(explain('refund_paid', '居民电话13812345678')).toEqual({
      ok: false,
      reason: 'bad_note',
      why: 'holds_a_number',
    });
    expect(explain('refund_paid', 'x'.repeat(81))).toEqual({
      ok: false,
      reason: 'bad_note',
      why: 'too_long',
    });
    expect(explain('late_write_off', '次日到账')).toEqual({
      ok: true,
      itemId,
      outcome: 'explained',
    });
    expect(desk.staff.get(itemId)).toMatchObject({
      outcome: 'explained',
      outcomeDetail: { reason: 'late_write_off', note: '次日到账' },
    });
    expect(auditOf(desk, 'open_items.resolve').at(-1)).toMatchObject({
      amountBefore: 5000,
      detail: { outcome: 'explained', reason: 'late_write_off', note: '次日到账' },
    });
  });
});

describe('payments waiting for staff', () => {
  it('AWAIT_RECON is asked again through the sync worker, which queries before it re-sends', async () => {
    const p = await captured(desk);
    desk.room.db.transaction(() => {
      desk.journal.move(p.id, 'WRITEOFF_SENT', 'test');
      desk.journal.move(p.id, 'WRITEOFF_UNKNOWN', 'test');
      desk.journal.move(p.id, 'AWAIT_RECON', 'test');
    })();
    desk.outbox.reschedule(
      desk.outbox.openRowFor(p.id)?.id ?? -1,
      3,
      { now: desk.clock(), waitMs: 3_600_000 },
      'timeout',
    );
    expect(only('payment')).toMatchObject({
      key: `payment:${p.agentSerial}`,
      state: 'AWAIT_RECON',
      need: 'await_recon',
      actions: ['ask_again'],
    });
    const r = await desk.services.askAgain(wang, p.agentSerial);
    expect(r).toMatchObject({ ok: true, agentSerial: p.agentSerial });
    expect(desk.requests).toEqual([{ op: 'retryNow', paymentId: p.id }]);
    await desk.sync();
    expect(desk.journal.get(p.id).state).toBe('WRITTEN_OFF');
    expect(desk.sim.sim.requests({ serial: p.agentSerial }).map((x) => x.route)).toEqual([
      'GET /v1/payments/:serial',
      'POST /v1/payments',
    ]);
    expect(await desk.services.askAgain(wang, p.agentSerial)).toEqual({
      ok: false,
      reason: 'not_needed',
      why: 'WRITTEN_OFF',
    });
    expect(auditOf(desk, 'open_items.resolve').map((x) => x.detail?.outcome)).toEqual([
      'asked_again',
      'refused',
    ]);
  });

  it('a QR payment of unknown outcome is asked again through the compensation job', async () => {
    const quote = await desk.sim.quote('sh-water', '210012345');
    const p = desk.journal.create({
      terminalId: 'SH-XH-WK-0007',
      businessDay: '20261126',
      billerId: 'sh-water',
      account: quote.account,
      quoteId: quote.quoteId,
      quoteJson: JSON.stringify(quote),
      amountDue: quote.totalDue,
      acceptsOverpayment: true,
      method: 'qr',
    });
    desk.journal.startCollecting(p.id);
    desk.journal.markPaymentUnknown(p.id, 'wallet silent');
    expect(only('payment')).toMatchObject({ need: 'payment_unknown', actions: ['ask_again'] });
    expect(await desk.services.askAgain(wang, p.agentSerial)).toMatchObject({
      ok: true,
      state: 'PAYMENT_UNKNOWN',
    });
    expect(desk.compensations).toBe(1);
    expect(await desk.services.askAgain(wang, 'SH-XH-WK-0007-20261126-999999')).toEqual({
      ok: false,
      reason: 'no_such_payment',
    });
  });
});

describe('the list', () => {
  it('is audited when viewed, and refused to a role that may not view it', async () => {
    list();
    expect(auditOf(desk, 'open_items.view')).toMatchObject([
      { actor: { staffNumber: '1001' }, detail: { count: 0 } },
    ]);
    await desk.reopen({
      can: (role, action) => !(role === 'staff' && action === 'open_items.view'),
    });
    ({ wang, li } = await people(desk));
    expect(desk.services.openItems(wang)).toEqual({ ok: false, reason: 'not_allowed' });
    expect(desk.services.openItems(li)).toMatchObject({ ok: true, items: [] });
  });
});
