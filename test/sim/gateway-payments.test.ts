import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaymentResult, type Quote } from '../../src/gateway/contract';
import { isoShanghai } from '../../sim/gateway/shanghai-time';
import { HOUR, MINUTE, paymentFor, startTestSim, type TestSim } from './sim-fixture';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';

let gw: TestSim;
beforeEach(async () => {
  gw = await startTestSim();
});
afterEach(() => gw.close());

const SERIAL = 'SH-XH-WK-0007-20261126-000042';
const nowIso = () => isoShanghai(gw.now());

describe('gateway simulator: payments', () => {
  it('writes off the quoted bills and credits the excess as prepaid', async () => {
    const quote = await gw.quote('sh-power', '3100123456'); // totalDue 40773
    gw.advance(2 * MINUTE);
    const res = await gw.post('/v1/payments', paymentFor(quote, SERIAL, 50000, nowIso()));
    expect(res.status).toBe(200);
    expect(PaymentResult.parse(res.body)).toEqual({
      agentSerial: SERIAL,
      status: 'written_off',
      billerTxnId: 'SGCC-889120001',
      writtenOffAt: '2026-11-26T14:05:11.000+08:00',
      appliedToBills: ['b_2026_09', 'b_2026_11'],
      principalCharged: 39990, // 18650 + 21340
      lateFeeCharged: 783,
      prepaidCredited: 9227, // 50000 − 40773
    });
    const after = await gw.quote('sh-power', '3100123456');
    expect(after.bills).toEqual([]);
    expect(after.prepaidBalance).toBe(9227);
  });

  it('replays the first answer for the same serial and body, and stores one payment only', async () => {
    const quote = await gw.quote('sh-power', '3100123456');
    const body = paymentFor(quote, SERIAL, 50000, nowIso());
    const first = await gw.post('/v1/payments', body);
    gw.advance(5 * MINUTE);
    // Same body with its keys in another order is the same body (canonical JSON).
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await gw.post('/v1/payments', reordered);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const stored = await gw.get(`/v1/payments/${SERIAL}`);
    expect(stored.body).toEqual(first.body);
    // The next payment gets the next txn id: the replay consumed none.
    const gas = await gw.quote('sh-gas', '50012345');
    const next = await gw.post('/v1/payments', paymentFor(gas, 'SERIAL-2', gas.totalDue, nowIso()));
    expect(PaymentResult.parse(next.body).billerTxnId).toBe('SHGAS-700001');
    const power = await gw.quote('sh-power', '3100000002');
    const third = await gw.post(
      '/v1/payments',
      paymentFor(power, 'SERIAL-3', power.totalDue, nowIso()),
    );
    expect(PaymentResult.parse(third.body).billerTxnId).toBe('SGCC-889120002');
  });

  it('answers 409 serial_conflict to the same serial with another body', async () => {
    const quote = await gw.quote('sh-power', '3100123456');
    await gw.post('/v1/payments', paymentFor(quote, SERIAL, 50000, nowIso()));
    const res = await gw.post('/v1/payments', paymentFor(quote, SERIAL, 60000, nowIso()));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'serial_conflict' });
  });

  it('GET answers 404 before the payment and 200 after', async () => {
    expect((await gw.get(`/v1/payments/${SERIAL}`)).body).toMatchObject({ code: 'not_found' });
    const quote = await gw.quote('sh-water', '210012345');
    // A qr write-off needs a paid QR attempt of the same amount (README, "QR payments").
    await gw.post('/v1/qr/micropay', {
      qrPaymentId: `qr-${SERIAL}`,
      authCode: '134567890123456780',
      amount: quote.totalDue,
      description: 'water',
    });
    const paid = await gw.post(
      '/v1/payments',
      paymentFor(quote, SERIAL, quote.totalDue, nowIso(), 'qr'),
    );
    const res = await gw.get(`/v1/payments/${SERIAL}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(paid.body);
  });

  it('a biller that takes part payments settles whole bills oldest first; the rest is prepaid', async () => {
    // Telecom: 12900 + 774 overdue, 12900 current (allowsPartial: true).
    const quote = await gw.quote('sh-telecom', '13301234567');
    const [overdue, current] = quote.bills;
    const overdueDue = (overdue?.principal ?? 0) + (overdue?.lateFee ?? 0);
    expect(overdueDue).toBe(13674);
    const res = await gw.post('/v1/payments', paymentFor(quote, SERIAL, 14000, nowIso()));
    expect(res.status).toBe(200);
    expect(PaymentResult.parse(res.body)).toMatchObject({
      appliedToBills: [overdue?.billId],
      principalCharged: 12900,
      lateFeeCharged: 774,
      prepaidCredited: 326,
    });
    const after = await gw.quote('sh-telecom', '13301234567');
    expect(after.bills.map((b) => b.billId)).toEqual([current?.billId]);
    expect(after.prepaidBalance).toBe(326);

    // Less than the oldest bill pays no bill: it is all prepaid balance.
    const small = await gw.post('/v1/payments', paymentFor(after, 'SERIAL-2', 5000, nowIso()));
    expect(PaymentResult.parse(small.body)).toMatchObject({
      appliedToBills: [],
      principalCharged: 0,
      lateFeeCharged: 0,
      prepaidCredited: 5000,
    });
  });

  it('lets a terminal see only its own payments', async () => {
    await gw.close();
    gw = await startTestSim({
      terminals: { ...DEMO_TERMINALS, 'SH-XH-WK-0008': 's8' },
    });
    const quote = await gw.quote('sh-power', '3100123456');
    await gw.post('/v1/payments', paymentFor(quote, SERIAL, 50000, nowIso()));
    const other = await gw.get(`/v1/payments/${SERIAL}`, {
      terminalId: 'SH-XH-WK-0008',
      secret: 's8',
    });
    expect(other.status).toBe(404);
  });

  it('rejects an amount below the due, and replays that rejection', async () => {
    const quote = await gw.quote('sh-power', '3100123456');
    const body = paymentFor(quote, SERIAL, 40000, nowIso());
    const res = await gw.post('/v1/payments', body);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'amount_below_due' });
    expect((await gw.post('/v1/payments', body)).body).toEqual(res.body);
    expect((await gw.get(`/v1/payments/${SERIAL}`)).status).toBe(404); // never committed
  });

  it('refuses overpayment where the biller does not accept it (sh-cabletv)', async () => {
    const quote = await gw.quote('sh-cabletv', '880012345678');
    // 2650 + 41 (2650 × 0.5‰ × 31 = 41.075) + 2650
    expect(quote.totalDue).toBe(5341);
    const over = await gw.post('/v1/payments', paymentFor(quote, SERIAL, 6000, nowIso()));
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ code: 'overpayment_not_allowed' });
    const exact = await gw.post('/v1/payments', paymentFor(quote, 'SERIAL-EXACT', 5341, nowIso()));
    expect(PaymentResult.parse(exact.body)).toMatchObject({
      prepaidCredited: 0,
      lateFeeCharged: 41,
    });
  });

  it('rejects a payment against an unknown or foreign quote', async () => {
    const quote = await gw.quote('sh-power', '3100123456');
    const res = await gw.post('/v1/payments', {
      ...paymentFor(quote, SERIAL, 50000, nowIso()),
      account: '3100000001',
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'unknown_quote' });
  });

  it.each([
    ['malformed JSON', '{"agentSerial": ', /^body: malformed JSON/],
    ['a missing field', { omit: 'quoteId' }, /^quoteId: /],
    ['a float amount', { amount: 500.5 }, /^amount: /],
    ['a negative amount', { amount: -500 }, /^amount: /],
    ['an unknown field', { extra: true }, /^extra: unrecognized field/],
    [
      'a fractional note count',
      { tender: { notes: [{ value: 10000, count: 0.5 }] } },
      /^tender\.notes\.0\.count: /,
    ],
    [
      'a cash tender not adding up',
      { tender: { notes: [{ value: 10000, count: 1 }] } },
      /^tender: /,
    ],
  ])('answers 400 naming the field for %s', async (_name, change, message) => {
    const quote: Quote = await gw.quote('sh-power', '3100123456');
    const valid: Record<string, unknown> = { ...paymentFor(quote, SERIAL, 50000, nowIso()) };
    let raw: string;
    if (typeof change === 'string') raw = change;
    else if ('omit' in change) raw = JSON.stringify({ ...valid, [change.omit]: undefined });
    else raw = JSON.stringify({ ...valid, ...change });
    const res = await gw.post('/v1/payments', undefined, { rawBody: raw });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 'bad_request', message: expect.stringMatching(message) });
  });

  it('answers 409 account_locked when the account was locked after the quote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-sim-'));
    await gw.close();
    gw = await startTestSim({ dbPath: join(dir, 'gw.sqlite') });
    try {
      const quote = await gw.quote('sh-power', '3100123456');
      // A dispute is opened meanwhile: lock the account behind the simulator's back (WAL allows it).
      const db = new Database(join(dir, 'gw.sqlite'));
      db.prepare("UPDATE accounts SET locked = 1 WHERE account = '3100123456'").run();
      db.close();
      const body = paymentFor(quote, SERIAL, 50000, nowIso());
      const res = await gw.post('/v1/payments', body);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'account_locked' });
      expect((await gw.post('/v1/payments', body)).body).toEqual(res.body); // stored, replayed
    } finally {
      await gw.close();
      gw = await startTestSim(); // afterEach closes this one
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('gateway simulator: store-and-forward of expired quotes', () => {
  it('accepts a payment collected before expiry and sent within 72 h, fees as of collectedAt', async () => {
    const quote = await gw.quote('sh-power', '3100123456'); // expires 14:13:11
    gw.advance(5 * MINUTE);
    const collectedAt = nowIso(); // 14:08:11, inside the quote
    gw.advance(2 * 24 * HOUR); // the kiosk was offline for two days
    const res = await gw.post('/v1/payments', paymentFor(quote, SERIAL, 50000, collectedAt));
    expect(res.status).toBe(200);
    // Late fee as of collectedAt (42 days: 783), not as of now (44 days: 821).
    expect(PaymentResult.parse(res.body)).toMatchObject({
      lateFeeCharged: 783,
      prepaidCredited: 9227,
    });
  });

  it('rejects it when sent more than 72 h after collectedAt', async () => {
    const quote = await gw.quote('sh-power', '3100123456');
    gw.advance(5 * MINUTE);
    const collectedAt = nowIso();
    gw.advance(72 * HOUR + MINUTE);
    const res = await gw.post('/v1/payments', paymentFor(quote, SERIAL, 50000, collectedAt));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'quote_expired' });
  });

  it('rejects money collected after the quote expired', async () => {
    const quote = await gw.quote('sh-power', '3100123456');
    gw.advance(11 * MINUTE);
    const res = await gw.post('/v1/payments', paymentFor(quote, SERIAL, 50000, nowIso()));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'quote_expired' });
  });
});
