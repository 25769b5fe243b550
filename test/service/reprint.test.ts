// Reprint (副本) against the journal and the gateway simulator: receipts of the last 7 days found
// by serial or account tail; the copy marked 重印 / 副本 COPY on paper and screen, never more
// than the payment took, counted per receipt, audited, and never an outbox row or a request.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refundPartialCash } from '../../offline-queue/compensation';
import { COPY_MARK } from '../../src/receipts/layout';
import type { AuthenticatedPerson } from '../../src/service/authenticator';
import { largestAmount, REPRINT_WINDOW_MS } from '../../src/service/reprint';
import { can } from '../../src/service/roles';
import {
  auditOf,
  captured,
  collecting,
  openDesk,
  people,
  writtenOff,
  type Desk,
} from './staff-fixture';

let desk: Desk;
let wang: AuthenticatedPerson;

beforeEach(async () => {
  desk = await openDesk();
  ({ wang } = await people(desk));
});
afterEach(() => desk.close());

const outboxRows = () => desk.room.db.prepare('SELECT * FROM outbox ORDER BY id').all();

describe('reprint', () => {
  it('finds a paid receipt by serial or account tail and prints it again as a copy, counted, no write-off', async () => {
    const p = await writtenOff(desk);
    const outbox = outboxRows();
    const requests = desk.sim.sim.requests().length;

    const bySerial = desk.services.findReceipts(wang, { agentSerial: p.agentSerial });
    const byTail = desk.services.findReceipts(wang, { accountTail: '3456' });
    const found = {
      agentSerial: p.agentSerial,
      kind: 'paid',
      billerName: '国网上海市电力公司',
      account: '3100****56',
      amount: p.collected,
      copies: 0,
    };
    expect(bySerial).toMatchObject({ ok: true, receipts: [found] });
    expect(byTail).toMatchObject({ ok: true, receipts: [found] });

    const first = desk.services.reprint(wang, p.agentSerial);
    if (!first.ok) throw new Error(first.reason);
    expect(first).toMatchObject({ kind: 'paid', copyNumber: 1, amount: p.collected });
    expect(first.layout.copy).toBe(true);
    expect(first.paperLines[0]).toBe(COPY_MARK);
    expect(first.screenLines[0]).toBe(COPY_MARK);
    expect(first.paperLines[1]).toBe('缴费凭证');
    expect(COPY_MARK).toContain('副本');
    expect(COPY_MARK).toContain('COPY');
    expect(largestAmount(first.layout)).toBe(p.collected);
    expect(first.paperLines.join('\n')).not.toContain('3100123456');

    const second = desk.services.reprint(wang, p.agentSerial);
    expect(second).toMatchObject({ ok: true, copyNumber: 2 });
    expect(desk.services.findReceipts(wang, { agentSerial: p.agentSerial })).toMatchObject({
      receipts: [{ copies: 2 }],
    });
    // Paper only: the outbox is as it was, the gateway heard nothing, the payment is unchanged.
    expect(outboxRows()).toEqual(outbox);
    expect(desk.sim.sim.requests()).toHaveLength(requests);
    expect(desk.journal.get(p.id).state).toBe('WRITTEN_OFF');

    expect(auditOf(desk, 'receipt.reprint')).toMatchObject([
      { detail: { step: 'search', by: 'serial', found: 1 } },
      { detail: { step: 'search', by: 'account_tail', found: 1 } },
      {
        actor: { staffNumber: '1001' },
        subject: `payment:${p.agentSerial}`,
        amountBefore: p.collected,
        amountAfter: p.collected,
        detail: { step: 'copy', kind: 'paid', copy: 1 },
      },
      { detail: { step: 'copy', copy: 2 } },
      { detail: { step: 'search' } },
    ]);
  });

  it('prints the provisional receipt while the write-off is pending, and the refund slip once refunded', async () => {
    const pending = await captured(desk, { billerId: 'sh-water', account: '210012345' });
    const copy = desk.services.reprint(wang, pending.agentSerial);
    expect(copy).toMatchObject({ ok: true, kind: 'provisional' });
    if (copy.ok) {
      expect(copy.paperLines.slice(0, 3)).toEqual([COPY_MARK, '受理凭证', '销账处理中']);
      expect(largestAmount(copy.layout)).toBeLessThanOrEqual(pending.collected);
    }

    const { payment } = await collecting(desk, { notes: [5000] });
    refundPartialCash(desk.room.db, desk.journal, desk.staff, payment.id, desk.clock());
    const slip = desk.services.reprint(wang, payment.agentSerial);
    expect(slip).toMatchObject({ ok: true, kind: 'refundSlip', amount: 5000 });
    if (slip.ok) {
      expect(slip.paperLines.slice(0, 2)).toEqual([COPY_MARK, '退款审核单']);
      expect(largestAmount(slip.layout)).toBe(5000);
    }
    expect(desk.outbox.openRows().map((r) => r.paymentId)).toEqual([pending.id]);
  });

  it('refuses receipts older than 7 days, unknown serials, bad queries and roles that may not reprint', async () => {
    const p = await writtenOff(desk);
    expect(desk.services.reprint(wang, 'SH-XH-WK-0007-20261126-999999')).toEqual({
      ok: false,
      reason: 'no_receipt',
      why: 'none_in_7_days',
    });
    expect(desk.services.findReceipts(wang, { accountTail: '34' })).toEqual({
      ok: false,
      reason: 'bad_query',
      why: 'account_tail',
    });
    desk.advance(REPRINT_WINDOW_MS + 60_000);
    expect(desk.services.findReceipts(wang, { agentSerial: p.agentSerial })).toMatchObject({
      ok: true,
      receipts: [],
    });
    expect(desk.services.reprint(wang, p.agentSerial)).toMatchObject({
      ok: false,
      reason: 'no_receipt',
    });
    expect(desk.journal.receiptCopies(p.id)).toBe(0);

    await desk.reopen({ can: (role, action) => action !== 'receipt.reprint' && can(role, action) });
    ({ wang } = await people(desk));
    expect(desk.services.reprint(wang, p.agentSerial)).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
    expect(auditOf(desk, 'receipt.reprint').map((r) => r.detail?.reason ?? r.detail?.step)).toEqual(
      ['no_receipt', 'bad_query', 'search', 'no_receipt', 'not_allowed'],
    );
  });
});
