// The facade as the host opens it, over the real money services and the gateway simulator: a
// captured payment written off by "try now" through the host's sync worker, reprinted as a copy,
// reversed with a technician's approval, and counted in the day summary.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMoneyServices, type MoneyServices } from '../../src/host/money-services';
import { cashPaymentRequest } from '../../src/host/payment-request';
import { COPY_MARK } from '../../src/receipts/layout';
import { AuditLog } from '../../src/service/audit-log';
import { ServiceAuth } from '../../src/service/authenticator';
import { openStaffServices } from '../../src/service/open-staff-services';
import { People, PeopleConfig } from '../../src/service/people';
import { startGatewaySim, type GatewaySim } from '../../sim/gateway/server';
import { testConfig } from '../support/kiosk-fixture';
import { hashPin } from '../../src/service/pin-hash';
import { PinStore } from '../../src/service/pin-store';
import { PINS, TEST_PEOPLE, TEST_PIN_HASH } from './service-fixture';

let sim: GatewaySim;
let money: MoneyServices;
let dir: string;

beforeEach(async () => {
  sim = await startGatewaySim({ dbPath: ':memory:', port: 0 });
  dir = mkdtempSync(path.join(tmpdir(), 'kiosk-staff-open-'));
  const config = testConfig(dir);
  money = openMoneyServices(
    { ...config, gateway: { ...config.gateway, baseUrl: sim.url } },
    { clock: Date.now, log: pino({ level: 'silent' }) },
  );
});
afterEach(async () => {
  await money.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openStaffServices', () => {
  it('drives the host’s worker and the gateway: try now, reprint, reversal, day summary', async () => {
    const audit = new AuditLog(money.db);
    const auth = new ServiceAuth({
      db: money.db,
      people: new People(PeopleConfig.parse(TEST_PEOPLE)),
      audit,
      pinHash: TEST_PIN_HASH,
    });
    const pins = new PinStore(money.db);
    for (const n of ['1001', '9001'])
      pins.put(n, await hashPin(PINS[n] ?? '', TEST_PIN_HASH), null, 0);
    const entered = await auth.authenticate({ staffNumber: '1001' }, PINS['1001'] ?? '');
    if (!entered.ok) throw new Error(entered.reason);
    const wang = entered.person;
    const services = openStaffServices({
      money,
      room: { audit, auth },
      terminalId: 'SH-XH-WK-0007',
      billerName: () => '上海燃气',
      clock: Date.now,
    });

    const quote = await money.gateway.queryBills({ billerId: 'sh-gas', account: '50012345' });
    if (!quote.ok) throw new Error('no quote');
    const { journal } = money;
    const p = journal.create({
      terminalId: 'SH-XH-WK-0007',
      businessDay: '20261126',
      billerId: 'sh-gas',
      account: '50012345',
      quoteId: quote.body.quoteId,
      quoteJson: JSON.stringify(quote.body),
      amountDue: quote.body.totalDue,
      acceptsOverpayment: true,
      method: 'cash',
    });
    journal.startCollecting(p.id);
    for (let i = 0; i < Math.ceil(quote.body.totalDue / 10000); i++)
      journal.recordStacked(p.id, journal.recordEscrow(p.id, 10000));
    journal.captureFunds(p.id, cashPaymentRequest(journal, journal.get(p.id), Date.now()));

    expect(services.tryNow(wang, p.agentSerial)).toMatchObject({
      ok: true,
      requested: [p.agentSerial],
    });
    for (let i = 0; i < 100 && journal.get(p.id).state !== 'WRITTEN_OFF'; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(journal.get(p.id).state).toBe('WRITTEN_OFF');

    const copy = services.reprint(wang, p.agentSerial);
    expect(copy).toMatchObject({ ok: true, kind: 'paid', copyNumber: 1 });
    if (copy.ok) expect(copy.paperLines[0]).toBe(COPY_MARK);

    const reversed = await services.requestReversal(wang, {
      agentSerial: p.agentSerial,
      reason: 'wrong_account',
      approver: { card: '04C0FFEE000002' },
      approverPin: PINS['9001'] ?? '',
    });
    expect(reversed).toMatchObject({ ok: true, outcome: 'reversed' });
    expect(journal.get(p.id).state).toBe('MANUAL_REFUND');

    expect(services.daySummary(wang)).toMatchObject({
      ok: true,
      writtenOff: { count: 0, amount: 0 },
      reversed: { count: 1, amount: journal.get(p.id).collected },
      openItems: { refund_slip: 1 },
    });
  });
});
