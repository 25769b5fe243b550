// 冲正 through the kiosk's client against the simulator: a written-off payment is reversed the
// same day, a reversed payment then reads as reversed, and an unknown serial is 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayClient } from '../../src/gateway/client';
import { startGatewaySim, type GatewaySim } from '../../sim/gateway/server';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';

let sim: GatewaySim;
let client: GatewayClient;

beforeAll(async () => {
  sim = await startGatewaySim({ dbPath: ':memory:', port: 0 });
  client = new GatewayClient({
    baseUrl: sim.url,
    terminalId: 'SH-XH-WK-0007',
    secret: DEMO_TERMINALS['SH-XH-WK-0007'] ?? '',
    timeoutMs: 3000,
  });
});
afterAll(() => sim.close());

describe('reversal', () => {
  it('reverses a write-off of the same day', async () => {
    const quote = await client.queryBills({ billerId: 'sh-gas', account: '50012345' });
    if (!quote.ok) throw new Error('no quote');
    const serial = 'SH-XH-WK-0007-20261126-777001';
    const paid = await client.submitPayment(
      JSON.stringify({
        agentSerial: serial,
        quoteId: quote.body.quoteId,
        billerId: 'sh-gas',
        account: '50012345',
        amount: quote.body.totalDue,
        method: 'cash',
        tender: { notes: [{ value: quote.body.totalDue, count: 1 }] },
        collectedAt: new Date(Date.now() + 8 * 3600_000).toISOString().replace('Z', '+08:00'),
      }),
    );
    expect(paid).toMatchObject({ ok: true, body: { status: 'written_off' } });
    expect(await client.reversePayment(serial, 'wrong account, customer present')).toMatchObject({
      ok: true,
      body: { status: 'reversed' },
    });
    expect(await client.queryPayment(serial)).toMatchObject({
      ok: true,
      body: { status: 'reversed' },
    });
  });

  it('says not_found for a serial the gateway never committed', async () => {
    expect(await client.reversePayment('SH-XH-WK-0007-20261126-999999', 'test')).toMatchObject({
      ok: false,
      status: 404,
    });
  });
});
