// Cash refused because its quote expired before the write-off arrived is re-applied to a fresh
// quote under a new serial (the rest becomes prepaid balance), through the host's compensation
// against the real gateway simulator; any other refusal becomes a refund slip.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMoneyServices, type MoneyServices } from '../../src/host/money-services';
import { cashPaymentRequest } from '../../src/host/payment-request';
import { startGatewaySim, type GatewaySim } from '../../sim/gateway/server';
import { testConfig } from '../support/kiosk-fixture';

let sim: GatewaySim;
let money: MoneyServices;

beforeEach(async () => {
  sim = await startGatewaySim({ dbPath: ':memory:', port: 0 });
  const config = testConfig(mkdtempSync(path.join(tmpdir(), 'kiosk-reapply-')));
  money = openMoneyServices(
    { ...config, gateway: { ...config.gateway, baseUrl: sim.url } },
    { clock: Date.now, log: pino({ level: 'silent' }) },
  );
});
afterEach(async () => {
  await money.close();
  await sim.close();
});

/** A cash payment of `notes` for the account's current quote, refused by the biller with `code`. */
async function refusedCash(billerId: string, account: string, notes: number[], code: string) {
  const { journal, db } = money;
  const quote = await money.gateway.queryBills({ billerId, account });
  if (!quote.ok) throw new Error('no quote');
  const p = journal.create({
    terminalId: 'SH-XH-WK-0007',
    businessDay: '20261126',
    billerId,
    account,
    quoteId: quote.body.quoteId,
    quoteJson: JSON.stringify(quote.body),
    amountDue: quote.body.totalDue,
    acceptsOverpayment: billerId !== 'sh-cabletv',
    method: 'cash',
  });
  journal.startCollecting(p.id);
  for (const v of notes) journal.recordStacked(p.id, journal.recordEscrow(p.id, v));
  journal.captureFunds(p.id, cashPaymentRequest(journal, journal.get(p.id), Date.now()));
  db.transaction(() => {
    journal.move(p.id, 'WRITEOFF_SENT', 'writeoff_sent');
    journal.move(p.id, 'REFUND_REQUIRED', 'writeoff_rejected', { code });
    db.prepare(`UPDATE payment SET reject_code = ? WHERE id = ?`).run(code, p.id);
    money.outbox.closeForPayment(p.id, Date.now());
  })();
  return p.id;
}

async function settle() {
  for (let i = 0; i < 100 && money.journal.pendingSync().count > 0; i++) {
    money.syncWorker.kick();
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('refused cash', () => {
  it('whose quote expired is re-applied to a fresh quote and written off under a new serial', async () => {
    const id = await refusedCash(
      'sh-power',
      '3100123456',
      [10_000, 10_000, 10_000, 10_000, 10_000],
      'quote_expired',
    );
    await money.compensate();
    await settle();

    const old = money.journal.get(id);
    expect(old.state).toBe('PREPAID_CREDITED');
    const next = money.journal.inStates(['WRITTEN_OFF']);
    expect(next).toHaveLength(1);
    const successor = next[0];
    expect(successor).toMatchObject({ collected: 50_000, method: 'cash' });
    expect(successor?.agentSerial).not.toBe(old.agentSerial);
    const body = JSON.parse(successor?.requestJson ?? '{}') as { tender: { notes: unknown } };
    expect(body.tender.notes).toEqual([{ value: 10_000, count: 5 }]); // the notes the first payment took
    const result = JSON.parse(successor?.resultJson ?? '{}') as { prepaidCredited: number };
    expect(result.prepaidCredited).toBeGreaterThan(0);
    expect(sim.stats().payments[successor?.agentSerial ?? '']).toMatchObject({
      commits: 1,
      amount: 50_000,
    });
    // The cash box still counts the five notes once.
    expect(money.cashBox.contents().total).toBe(50_000);
    expect(money.staff.openItems()).toEqual([]);
  });

  it('whose quote expired but is now short of what is due becomes a refund slip', async () => {
    const id = await refusedCash('sh-power', '3100123456', [100], 'quote_expired');
    await money.compensate();
    expect(money.journal.get(id).state).toBe('MANUAL_REFUND');
    expect(money.staff.openItems()).toMatchObject([{ kind: 'cash_refund', amount: 100 }]);
  });

  it('refused for any other reason becomes a refund slip at once', async () => {
    const id = await refusedCash('sh-cabletv', '880012345678', [10_000], 'overpayment_not_allowed');
    await money.compensate();
    expect(money.journal.get(id).state).toBe('MANUAL_REFUND');
    expect(money.staff.openItems()).toMatchObject([
      { kind: 'cash_refund', amount: 10_000, reason: 'overpayment_not_allowed' },
    ]);
  });
});
