import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaymentResult, ReconciliationResponse } from '../../src/gateway/contract';
import { isoShanghai } from '../../sim/gateway/shanghai-time';
import { HOUR, MINUTE, paymentFor, startTestSim, type TestSim } from './sim-fixture';

let gw: TestSim;
beforeEach(async () => {
  gw = await startTestSim();
});
afterEach(() => gw.close());

const nowIso = () => isoShanghai(gw.now());

/** Pays an account's full due plus `extra`, in cash. */
async function pay(serial: string, billerId: string, account: string, extra = 0) {
  const quote = await gw.quote(billerId, account);
  const res = await gw.post(
    '/v1/payments',
    paymentFor(quote, serial, quote.totalDue + extra, nowIso()),
  );
  return PaymentResult.parse(res.body);
}

describe('gateway simulator: reversal (冲正)', () => {
  it('reverses a same-day payment and restores the bills and the prepaid balance', async () => {
    await pay('S-1', 'sh-power', '3100123456', 1000);
    gw.advance(MINUTE);
    const res = await gw.post('/v1/payments/S-1/reversal', { reason: 'bill acceptor jam' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'reversed' });
    expect((await gw.get('/v1/payments/S-1')).body).toMatchObject({
      status: 'reversed',
      agentSerial: 'S-1',
    });
    const quote = await gw.quote('sh-power', '3100123456');
    expect(quote.bills.map((b) => b.billId)).toEqual(['b_2026_09', 'b_2026_11']);
    expect(quote.prepaidBalance).toBe(0);
    // Reversing again is harmless.
    expect((await gw.post('/v1/payments/S-1/reversal', { reason: 'retry' })).body).toEqual({
      status: 'reversed',
    });
  });

  it('answers 409 too_late after the day cut and 404 for an unknown serial', async () => {
    await pay('S-1', 'sh-gas', '50012345');
    gw.advance(10 * HOUR); // 14:03 → 00:03 the next day
    const late = await gw.post('/v1/payments/S-1/reversal', { reason: 'too late' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'too_late' });
    const unknown = await gw.post('/v1/payments/NOPE/reversal', { reason: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'not_found' });
    const bad = await gw.post('/v1/payments/S-1/reversal', { reason: '' });
    expect(bad.body).toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/^reason: /),
    });
  });
});

describe('gateway simulator: reconciliation (对账)', () => {
  it('lists the business day of this terminal with the written-off count and total', async () => {
    const a = await pay('S-1', 'sh-power', '3100123456', 9227); // 40773 + 9227 = 50000
    await pay('S-2', 'sh-water', '210012345'); // 16221
    await pay('S-3', 'sh-telecom', '13301234567'); // 12900 + 774 + 12900 = 26574
    await gw.post('/v1/payments/S-3/reversal', { reason: 'customer cancelled' });
    gw.advance(10 * HOUR); // next business day
    await pay('S-4', 'sh-gas', '50012345');

    const res = await gw.get('/v1/reconciliation/2026-11-26');
    expect(res.status).toBe(200);
    const day = ReconciliationResponse.parse(res.body);
    expect(day).toMatchObject({ date: '2026-11-26', count: 2, total: 66221 }); // 50000 + 16221
    expect(day.records).toEqual([
      { agentSerial: 'S-1', amount: 50000, status: 'written_off', writtenOffAt: a.writtenOffAt },
      { agentSerial: 'S-2', amount: 16221, status: 'written_off', writtenOffAt: a.writtenOffAt },
      { agentSerial: 'S-3', amount: 26574, status: 'reversed', writtenOffAt: a.writtenOffAt },
    ]);
    const next = ReconciliationResponse.parse((await gw.get('/v1/reconciliation/2026-11-27')).body);
    expect(next.records.map((r) => r.agentSerial)).toEqual(['S-4']);
  });

  it('answers 400 to a date that is not a calendar day', async () => {
    expect((await gw.get('/v1/reconciliation/2026-02-30')).status).toBe(400);
    expect((await gw.get('/v1/reconciliation/yesterday')).status).toBe(400);
  });
});

describe('gateway simulator: heartbeat', () => {
  const heartbeat = {
    at: '2026-11-26T14:03:10.000+08:00',
    version: '1.4.0',
    mode: 'in_service',
    devices: {
      billAcceptor: { status: 'online', stacker: 'ok' },
      printer: { status: 'online', paper: 'low' },
    },
    cashBox: { notes: { '10000': 12, '5000': 3 }, total: 135000 },
    pendingSync: { count: 0, total: 0, oldestAt: null },
  };

  it('answers the server time and no commands', async () => {
    const res = await gw.post('/v1/terminals/SH-XH-WK-0007/heartbeat', heartbeat);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ serverTime: '2026-11-26T14:03:11.000+08:00', commands: [] });
  });

  it('rejects a bad heartbeat and one for another terminal', async () => {
    const bad = await gw.post('/v1/terminals/SH-XH-WK-0007/heartbeat', {
      ...heartbeat,
      mode: 'asleep',
    });
    expect(bad.body).toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/^mode: /),
    });
    const other = await gw.post('/v1/terminals/SH-XH-WK-0099/heartbeat', heartbeat);
    expect(other.status).toBe(403);
  });
});
