import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BillersResponse, Quote } from '../../src/gateway/contract';
import { startTestSim, type TestSim } from './sim-fixture';

let gw: TestSim;
beforeEach(async () => {
  gw = await startTestSim();
});
afterEach(() => gw.close());

describe('gateway simulator: billers and bill query', () => {
  it('lists the five billers, one per kind, as the contract shapes them', async () => {
    const res = await gw.get('/v1/billers');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const { billers } = BillersResponse.parse(res.body);
    expect(billers.map((b) => [b.id, b.kind])).toEqual([
      ['sh-power', 'electricity'],
      ['sh-water', 'water'],
      ['sh-gas', 'gas'],
      ['sh-telecom', 'telecom'],
      ['sh-cabletv', 'cabletv'],
    ]);
    expect(billers[0]).toEqual({
      id: 'sh-power',
      kind: 'electricity',
      name: { 'zh-CN': '国网上海市电力公司', en: 'State Grid Shanghai' },
      accountPattern: '^\\d{10}$',
      acceptsOverpayment: true,
      allowsPartial: false,
      scanPatterns: ['^SGCC:(\\d{10})$'],
    });
    expect(billers.find((b) => b.id === 'sh-cabletv')?.acceptsOverpayment).toBe(false);
  });

  it('quotes an account with an overdue and a current bill', async () => {
    const res = await gw.post('/v1/bills/query', { billerId: 'sh-power', account: '3100123456' });
    expect(res.status).toBe(200);
    const quote = Quote.parse(res.body);
    expect(quote).toMatchObject({
      billerId: 'sh-power',
      account: '3100123456',
      holder: '张*明',
      address: '武康路**弄**号',
      // 18650 + 783 late fee (18650 × 1‰ × 42 = 783.3) + 21340
      totalDue: 40773,
      prepaidBalance: 0,
      quotedAt: '2026-11-26T14:03:11.000+08:00',
      expiresAt: '2026-11-26T14:13:11.000+08:00',
    });
    expect(quote.quoteId).toMatch(/^q_[0-9a-f]+$/);
    expect(quote.bills).toEqual([
      {
        billId: 'b_2026_09',
        period: '2026-09',
        principal: 18650,
        lateFee: 783,
        dueDate: '2026-10-15',
        daysOverdue: 42,
      },
      {
        billId: 'b_2026_11',
        period: '2026-11',
        principal: 21340,
        lateFee: 0,
        dueDate: '2026-12-03',
        daysOverdue: 0,
      },
    ]);
  });

  it('charges the 1-yuan minimum late fee on a small overdue electricity bill', async () => {
    const quote = await gw.quote('sh-power', '3100000002');
    // 1200 × 1‰ × 5 days = 6 fen, charged as 100
    expect(quote.bills).toMatchObject([{ principal: 1200, lateFee: 100, daysOverdue: 5 }]);
    expect(quote.totalDue).toBe(1300);
  });

  it('finds the account from a scanned bill code, trailing CR/LF included', async () => {
    const power = await gw.post('/v1/bills/query', { scan: 'SGCC:3100123456\r\n' });
    expect(power.status).toBe(200);
    expect(Quote.parse(power.body)).toMatchObject({
      billerId: 'sh-power',
      account: '3100123456',
      totalDue: 40773,
    });
    const water = await gw.post('/v1/bills/query', { scan: 'SHWATER:210012345' });
    // 8620 + 151 (8620 × 0.5‰ × 35 = 150.85) + 7450
    expect(Quote.parse(water.body)).toMatchObject({
      billerId: 'sh-water',
      account: '210012345',
      totalDue: 16221,
    });
  });

  it('quotes a fully paid account with no bills', async () => {
    const quote = await gw.quote('sh-power', '3100000001');
    expect(quote.bills).toEqual([]);
    expect(quote.totalDue).toBe(0);
  });

  it('ends a quote at local midnight when that comes before 10 minutes', async () => {
    gw.advance((9 * 60 + 52) * 60_000); // 23:55:11
    const quote = await gw.quote('sh-gas', '50012345');
    expect(quote.quotedAt).toBe('2026-11-26T23:55:11.000+08:00');
    expect(quote.expiresAt).toBe('2026-11-27T00:00:00.000+08:00');
  });

  it.each([
    [{ billerId: 'sh-power', account: '3100000999' }, 404, 'account_not_found'],
    [{ billerId: 'sh-power', account: '12345' }, 422, 'invalid_account'],
    [{ billerId: 'sh-nope', account: '3100123456' }, 404, 'biller_not_found'],
    [{ scan: 'HELLO:42' }, 422, 'unrecognised_scan'],
    [{ billerId: 'sh-power', account: '3100999999' }, 409, 'account_locked'],
    [{ scan: 'SGCC:3100999999' }, 409, 'account_locked'],
  ])('answers %j with %i %s', async (query, status, code) => {
    const res = await gw.post('/v1/bills/query', query);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ code, message: expect.any(String) });
  });

  it('names the bad field of a malformed query', async () => {
    const res = await gw.post('/v1/bills/query', { billerId: 'sh-power' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 'bad_request', message: expect.stringMatching(/^account: /) });
  });
});
