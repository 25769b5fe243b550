// The day summary against the journal: per biller and method, what was written off today (a
// reversed payment not counted), what waits for the gateway, the reversals, the cash in the box
// and the open items by kind — each figure equal to the journal's own.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CashLedger } from '../../offline-queue/cash-ledger';
import type { AuthenticatedPerson } from '../../src/service/authenticator';
import { can } from '../../src/service/roles';
import { PINS } from './service-fixture';
import {
  auditOf,
  captured,
  collecting,
  openDesk,
  people,
  recover,
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

interface Figure {
  billerId: string;
  method: string;
  count: number;
  amount: number;
}

/** The journal's own figures for a day, straight from SQL. */
function journalFigures(day: string): { writtenOff: Figure[]; pending: Figure[] } {
  const db = desk.room.db;
  return {
    writtenOff: db
      .prepare(
        `SELECT biller_id AS billerId, method, count(*) AS count, sum(collected) AS amount
           FROM payment WHERE written_off_day = ? AND coalesce(reject_code, '') <> 'reversed'
          GROUP BY biller_id, method ORDER BY biller_id, method`,
      )
      .all(day) as Figure[],
    pending: db
      .prepare(
        `SELECT biller_id AS billerId, method, count(*) AS count, sum(collected) AS amount
           FROM payment WHERE state IN ('FUNDS_CAPTURED', 'WRITEOFF_SENT', 'WRITEOFF_UNKNOWN', 'AWAIT_RECON')
          GROUP BY biller_id, method ORDER BY biller_id, method`,
      )
      .all() as Figure[],
  };
}

describe('the day summary', () => {
  it('equals the journal: written off by biller and method, pending, reversed, the box, open items', async () => {
    const power = await writtenOff(desk);
    const water = await writtenOff(desk, { billerId: 'sh-water', account: '210012345' });
    const gas = await writtenOff(desk, { billerId: 'sh-gas', account: '50012345' });
    expect(
      await desk.services.requestReversal(wang, {
        agentSerial: gas.agentSerial,
        reason: 'duplicate_payment',
        approver: { staffNumber: '9001' },
        approverPin: PINS['9001'] ?? '',
      }),
    ).toMatchObject({ ok: true, outcome: 'reversed' });
    desk.sim.sim.setFaults([{ route: 'POST /v1/payments', kind: '503', retryAfter: 60 }]);
    const pending = await captured(desk, { billerId: 'sh-telecom', account: '13301234567' });
    await desk.sync();
    await collecting(desk, { account: '3100000002', escrowed: [2000] });
    recover(desk); // one more pending (captured by recovery) and a note under review

    const r = desk.services.daySummary(wang);
    if (!r.ok) throw new Error(r.reason);
    const mine = journalFigures('2026-11-26');
    expect(r.day).toBe('2026-11-26');
    expect(r.writtenOff.rows.map(({ billerName: _, ...f }) => f)).toEqual(mine.writtenOff);
    expect(r.writtenOff.rows.map((f) => f.billerName)).toEqual([
      '国网上海市电力公司',
      '上海城投水务',
    ]);
    expect(r.writtenOff).toMatchObject({ count: 2, amount: power.collected + water.collected });
    expect(r.pendingSync.rows.map(({ billerName: _, ...f }) => f)).toEqual(mine.pending);
    expect(r.pendingSync.count).toBe(2);
    expect(r.pendingSync.rows.map((f) => f.billerId).sort()).toEqual(['sh-power', 'sh-telecom']);
    expect(r.reversed).toEqual({ count: 1, amount: gas.collected });
    expect(desk.journal.get(pending.id).state).toBe('WRITEOFF_UNKNOWN');

    const box = new CashLedger(desk.room.db).live();
    const stacked = desk.room.db
      .prepare(`SELECT sum(value) AS total, count(*) AS n FROM cash_note WHERE state = 'stacked'`)
      .get() as { total: number; n: number };
    expect(r.cashBox).toMatchObject({ count: box.count, total: box.total, unknownValue: 0 });
    expect(r.cashBox.total).toBe(stacked.total);
    expect(r.cashBox.count).toBe(stacked.n);
    expect(r.openItems).toEqual({
      refund_slip: 1,
      note_review: 1,
      stray_note: 0,
      discrepancy: 0,
      payment: 0,
    });
    expect(auditOf(desk, 'day_summary.view')).toMatchObject([
      {
        actor: { staffNumber: '1001' },
        amountAfter: r.writtenOff.amount,
        detail: { count: 2, cashInBox: r.cashBox.total },
      },
    ]);
  });

  it('is refused to a role that may not see it', async () => {
    await desk.reopen({
      can: (role, action) => action !== 'day_summary.view' && can(role, action),
    });
    ({ wang } = await people(desk));
    expect(desk.services.daySummary(wang)).toEqual({ ok: false, reason: 'not_allowed' });
    expect(auditOf(desk, 'day_summary.view')).toMatchObject([
      { detail: { outcome: 'refused', reason: 'not_allowed' } },
    ]);
  });
});
