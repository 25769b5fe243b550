// Same-day reversal (冲正) against the gateway simulator: only with a second person's approval,
// the intent journalled before the request, the outcome recorded with an audit row naming both;
// reversed → the money goes back by the refund-slip path (a cash_refund item paid out against
// the slip's serial); 409 too_late recorded; an unknown outcome, or a restart while the request
// was out, settled by a query first; and every refusal (wrong role, same person, wrong PIN, an
// approver who may not approve, not the same day, not cash, reversed already).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Reversals } from '../../offline-queue/reversals';
import type { AuthenticatedPerson } from '../../src/service/authenticator';
import { can } from '../../src/service/roles';
import type { ReversalRequest } from '../../src/service/staff-services';
import { PINS } from './service-fixture';
import { auditOf, openDesk, people, writtenOff, type Desk } from './staff-fixture';

let desk: Desk;
let wang: AuthenticatedPerson;
let li: AuthenticatedPerson;

beforeEach(async () => {
  desk = await openDesk();
  ({ wang, li } = await people(desk));
});
afterEach(() => desk.close());

const REVERSAL = 'POST /v1/payments/:serial/reversal';
const QUERY = 'GET /v1/payments/:serial';

/** Approved by 赵丽 (1002) with her staff number and PIN, unless told otherwise. */
function asked(serial: string, o: Partial<ReversalRequest> = {}): ReversalRequest {
  return {
    agentSerial: serial,
    reason: 'wrong_account',
    approver: { staffNumber: '1002' },
    approverPin: PINS['1002'] ?? '',
    ...o,
  };
}

const routesOf = (serial: string) =>
  desk.sim.sim
    .requests({ serial })
    .map((r) => r.route)
    .filter((r) => r !== 'POST /v1/payments');

describe('same-day reversal', () => {
  it('with a second person’s approval: reversed, refunded by slip, audited with actor and approver', async () => {
    const p = await writtenOff(desk);
    const r = await desk.services.requestReversal(wang, asked(p.agentSerial));
    if (!r.ok) throw new Error(`${r.reason} ${r.why ?? ''}`);
    expect(r).toMatchObject({ outcome: 'reversed', amount: p.collected, message: null });
    expect(r.slip?.paperLines[0]).toBe('冲正退款单');
    expect(r.slip?.paperLines).toContain('经办人工号                                  1001');
    expect(r.slip?.paperLines).toContain('复核人工号                                  1002');
    expect(desk.journal.get(p.id)).toMatchObject({
      state: 'MANUAL_REFUND',
      rejectCode: 'reversed',
    });
    expect(desk.sim.sim.stats().payments[p.agentSerial]?.stored).toBe('reversed');
    expect(routesOf(p.agentSerial)).toEqual([REVERSAL]);

    // The intent went first, with both people; then the outcome.
    const audit = auditOf(desk, 'reversal.request');
    expect(audit).toMatchObject([
      {
        actor: { staffNumber: '1001', role: 'staff' },
        approver: { staffNumber: '1002', role: 'staff' },
        subject: `payment:${p.agentSerial}`,
        amountBefore: p.collected,
        detail: { step: 'intent', reason: 'wrong_account' },
      },
      {
        actor: { staffNumber: '1001' },
        approver: { staffNumber: '1002' },
        amountBefore: p.collected,
        amountAfter: 0,
        detail: { step: 'outcome', outcome: 'reversed', refundItem: r.refundItemId },
      },
    ]);
    expect(new Reversals(desk.room.db).liveFor(p.id)).toMatchObject({
      state: 'reversed',
      requestedBy: '1001',
      approvedBy: '1002',
      attempts: 1,
    });

    // The money goes back by the refund-slip path.
    const items = desk.services.openItems(wang);
    expect(items).toMatchObject({
      ok: true,
      items: [
        { kind: 'refund_slip', itemId: r.refundItemId, amount: p.collected, reason: 'reversed' },
      ],
    });
    expect(
      desk.services.resolveItem(li, {
        itemId: r.refundItemId ?? -1,
        action: 'pay_out',
        slipSerial: p.agentSerial,
        via: 'scanned',
        amount: p.collected,
      }),
    ).toMatchObject({ ok: true, outcome: 'paid_out' });

    // A second request for the same payment is refused: it is reversed already.
    expect(await desk.services.requestReversal(wang, asked(p.agentSerial))).toEqual({
      ok: false,
      reason: 'already_reversed',
      why: 'MANUAL_REFUND',
    });
    expect(routesOf(p.agentSerial)).toEqual([REVERSAL]);
  });

  it('409 too_late is recorded and the payment stays written off', async () => {
    // Written off at 23:57; the kiosk's clock reads 23:59 when asked, the gateway's already 00:02.
    desk.advance(Date.parse('2026-11-26T23:57:00+08:00') - desk.clock());
    const p = await writtenOff(desk);
    desk.clock.advance(2 * 60_000);
    desk.sim.advance(5 * 60_000);
    const r = await desk.services.requestReversal(wang, asked(p.agentSerial));
    expect(r).toMatchObject({ ok: true, outcome: 'too_late', refundItemId: null, slip: null });
    expect(desk.journal.get(p.id).state).toBe('WRITTEN_OFF');
    expect(new Reversals(desk.room.db).unsettled()).toEqual([]);
    expect(desk.room.db.prepare('SELECT state FROM payment_reversal').all()).toEqual([
      { state: 'too_late' },
    ]);
    expect(
      auditOf(desk, 'reversal.request').map((a) => a.detail?.outcome ?? a.detail?.step),
    ).toEqual(['intent', 'too_late']);
  });

  it('an unknown outcome is settled by a query first: reversed there, never sent again', async () => {
    const p = await writtenOff(desk);
    desk.sim.sim.setFaults([{ route: REVERSAL, kind: 'drop_after_commit', times: 1 }]);
    const r = await desk.services.requestReversal(wang, asked(p.agentSerial));
    expect(r).toMatchObject({ ok: true, outcome: 'unknown', refundItemId: null });
    expect(desk.journal.get(p.id).state).toBe('WRITTEN_OFF');
    const items = desk.services.openItems(wang);
    expect(items).toMatchObject({
      ok: true,
      items: [{ kind: 'payment', need: 'reversal_unknown', actions: ['resume_reversal'] }],
    });
    expect(await desk.services.requestReversal(wang, asked(p.agentSerial))).toMatchObject({
      ok: false,
      reason: 'reversal_open',
    });
    // Found again (the screen left meanwhile): it says the reversal is open, to be asked again.
    const bySerial = { agentSerial: p.agentSerial };
    expect(desk.services.findReceipts(wang, bySerial)).toMatchObject({
      ok: true,
      receipts: [{ kind: 'paid', reversalOpen: true }],
    });

    const resumed = await desk.services.resumeReversal(li, p.agentSerial);
    expect(resumed).toMatchObject({ ok: true, outcome: 'reversed' });
    expect(routesOf(p.agentSerial)).toEqual([REVERSAL, QUERY]);
    expect(desk.journal.get(p.id).state).toBe('MANUAL_REFUND');
    expect(auditOf(desk, 'reversal.request').map((a) => [a.actor?.staffNumber, a.detail])).toEqual([
      ['1001', { step: 'intent', reason: 'wrong_account' }],
      ['1001', { step: 'outcome', outcome: 'unknown' }],
      ['1001', { outcome: 'refused', reason: 'reversal_open', why: 'WRITTEN_OFF' }],
      ['9001', { step: 'query', answer: 'reversed' }],
      ['9001', { step: 'outcome', outcome: 'reversed', refundItem: expect.any(Number) }],
    ]);
    expect(await desk.services.resumeReversal(li, p.agentSerial)).toMatchObject({
      ok: false,
      reason: 'no_open_reversal',
    });
    expect(desk.services.findReceipts(wang, bySerial)).toMatchObject({
      ok: true,
      receipts: [{ kind: 'refundSlip', reversalOpen: false }],
    });
  });

  it('a restart while the request was out: queried first, and sent again only because it never arrived', async () => {
    const p = await writtenOff(desk);
    const real = desk.reversalPort;
    // The request never leaves: the kiosk stops with the intent journalled.
    desk.reversalPort = { reverse: () => new Promise(() => undefined), query: real.query };
    void desk.services.requestReversal(wang, asked(p.agentSerial));
    for (let i = 0; i < 50 && new Reversals(desk.room.db).unsettled().length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    desk.reversalPort = real;
    await desk.reopen();
    ({ wang } = await people(desk));
    expect(new Reversals(desk.room.db).unsettled()).toMatchObject([{ state: 'requested' }]);

    const resumed = await desk.services.resumeReversal(wang, p.agentSerial);
    expect(resumed).toMatchObject({ ok: true, outcome: 'reversed' });
    expect(routesOf(p.agentSerial)).toEqual([QUERY, REVERSAL]);
    expect(new Reversals(desk.room.db).liveFor(p.id)).toMatchObject({
      state: 'reversed',
      approvedBy: '1002',
      attempts: 2,
    });
  });

  it('refuses the asker as approver, a wrong PIN, a role that may not ask or approve, another day, a QR payment', async () => {
    const p = await writtenOff(desk);
    const refused = async (o: Partial<ReversalRequest>, by = wang) =>
      desk.services.requestReversal(by, asked(p.agentSerial, o));

    expect(
      await refused({ approver: { staffNumber: '1001' }, approverPin: PINS['1001'] ?? '' }),
    ).toEqual({ ok: false, reason: 'same_person' });
    expect(await refused({ approverPin: '000000' })).toEqual({
      ok: false,
      reason: 'approver_refused',
      why: 'wrong_pin',
    });
    expect(await refused({ reason: 'bored' as 'wrong_account' })).toEqual({
      ok: false,
      reason: 'bad_reason',
    });
    expect(await refused({}, { ...wang })).toEqual({ ok: false, reason: 'not_signed_in' });

    await desk.reopen({
      can: (role, action) =>
        !(role === 'staff' && action === 'reversal.approve') && can(role, action),
    });
    ({ wang, li } = await people(desk));
    expect(await refused({})).toEqual({ ok: false, reason: 'approver_not_allowed', why: 'staff' });
    await desk.reopen({
      can: (role, action) => action !== 'reversal.request' && can(role, action),
    });
    ({ wang } = await people(desk));
    expect(await refused({})).toEqual({ ok: false, reason: 'not_allowed' });

    await desk.reopen();
    ({ wang } = await people(desk));
    desk.advance(12 * 3600_000);
    expect(await refused({})).toEqual({ ok: false, reason: 'not_same_day', why: 'WRITTEN_OFF' });
    expect(await refused({}, wang).then(() => routesOf(p.agentSerial))).toEqual([]);
    expect(desk.room.db.prepare('SELECT count(*) AS n FROM payment_reversal').get()).toEqual({
      n: 0,
    });
    expect(desk.journal.get(p.id).state).toBe('WRITTEN_OFF');

    const qr = desk.journal.create({
      terminalId: 'SH-XH-WK-0007',
      businessDay: '20261127',
      billerId: 'sh-power',
      account: '3100123456',
      quoteId: 'q',
      quoteJson: '{}',
      amountDue: 100,
      acceptsOverpayment: true,
      method: 'qr',
    });
    expect(await desk.services.requestReversal(wang, asked(qr.agentSerial))).toMatchObject({
      ok: false,
      reason: 'not_cash',
    });
    expect(
      await desk.services.requestReversal(wang, asked('SH-XH-WK-0007-20261126-999999')),
    ).toEqual({
      ok: false,
      reason: 'no_such_payment',
    });
    const reasons = auditOf(desk, 'reversal.request').map((a) => a.detail?.reason);
    expect(reasons).toEqual([
      'same_person',
      'approver_refused',
      'bad_reason',
      'not_signed_in',
      'approver_not_allowed',
      'not_allowed',
      'not_same_day',
      'not_same_day',
      'not_cash',
      'no_such_payment',
    ]);
    // Every approval tried was audited as an entry attempt, the wrong PIN too.
    expect(auditOf(desk, 'auth.wrong_pin')).toMatchObject([{ detail: { purpose: 'approve' } }]);
  });
});
