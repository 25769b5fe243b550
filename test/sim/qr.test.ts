// QR payments (wallets) in the gateway simulator, over real HTTP: 付款码 with every scripted
// customer, polling, cancel (撤销/关单), idempotency, Native orders with the admin customer,
// write-offs paid by QR, and faults on the QR routes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  PaymentResult,
  QrCancelReply,
  QrMicropayReply,
  QrOrderReply,
  QrStatusReply,
  type Quote,
} from '../../src/gateway/contract';
import { parseFaultFlag } from '../../sim/gateway/fault-flag';
import { CODE_URL_PREFIX } from '../../sim/gateway/qr';
import { walletOf } from '../../sim/gateway/qr-script';
import { isoShanghai } from '../../sim/gateway/shanghai-time';
import { MINUTE, paymentFor, startTestSim, type TestSim } from './sim-fixture';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';

let gw: TestSim;
beforeEach(async () => {
  gw = await startTestSim();
});
afterEach(() => gw.close());

const SECOND = 1000;
const OTHER = { terminalId: 'SH-XH-WK-0008', secret: 's8' };

/** A payment code of `length` digits: prefix, filler, then the script's last digit. */
const code = (prefix: string, length: number, last: number) =>
  `${prefix}${'7'.repeat(length - prefix.length - 1)}${last}`;
const wechat = (last: number) => code('13', 18, last);
const alipay = (last: number) => code('28', 20, last);
const unionpay = (last: number) => code('62', 19, last);

const micropay = (qrPaymentId: string, authCode: string, amount = 40773) =>
  gw.post('/v1/qr/micropay', { qrPaymentId, authCode, amount, description: '电费 3100123456' });
const order = (qrPaymentId: string, amount = 40773) =>
  gw.post('/v1/qr/orders', { qrPaymentId, amount, description: '电费 3100123456' });
const poll = (id: string) => gw.get(`/v1/qr/${id}`);
const cancel = (id: string) => gw.post(`/v1/qr/${id}/cancel`, {});
const statusOf = async (id: string) => QrStatusReply.parse((await poll(id)).body).status;

/** The simulator's customer (admin endpoint, unauthenticated). */
const customer = async (id: string, action: 'scan' | 'pay', body?: unknown) => {
  const res = await fetch(`${gw.sim.url}/__sim/qr/${id}/${action}`, {
    method: 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
};

describe('QR payment codes (付款码)', () => {
  it.each([
    ['wechat', '100000000000000000'],
    ['wechat', '159999999999999990'],
    ['alipay', '2500000000000000'],
    ['alipay', '300000000000000000000000'],
    ['unionpay', '6200000000000000000'],
  ])('derives the wallet %s from the prefix of %s', async (wallet, authCode) => {
    expect(walletOf(authCode)).toBe(wallet);
    const res = await micropay('qr-1', authCode);
    expect(res.status).toBe(200);
    expect(QrMicropayReply.parse(res.body)).toEqual({
      qrPaymentId: 'qr-1',
      status: 'success',
      wallet,
    });
  });

  it.each([
    ['a WeChat-like code starting 16', '160000000000000000'],
    ['a WeChat code one digit short', '13000000000000000'],
    ['an Alipay-like code of 15 digits', '280000000000000'],
    ['a UnionPay code of 20 digits', '62000000000000000000'],
    ['letters', 'abc'],
  ])('refuses %s with 422 invalid_auth_code, storing nothing', async (_name, authCode) => {
    const res = await micropay('qr-1', authCode);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'invalid_auth_code' });
    expect((await poll('qr-1')).status).toBe(404);
    // Nothing was charged: the kiosk may scan again under the same id.
    expect((await micropay('qr-1', wechat(0))).body).toMatchObject({ status: 'success' });
  });

  it('…0: success at once; the poll shows the wallet and the amount', async () => {
    expect((await micropay('qr-1', alipay(0), 12345)).body).toEqual({
      qrPaymentId: 'qr-1',
      status: 'success',
      wallet: 'alipay',
    });
    const res = await poll('qr-1');
    expect(res.status).toBe(200);
    expect(QrStatusReply.parse(res.body)).toEqual({
      qrPaymentId: 'qr-1',
      status: 'success',
      wallet: 'alipay',
      amount: 12345,
    });
  });

  it.each([5, 6, 7, 8, 9])('…%i: success at once, like …0', async (last) => {
    expect((await micropay('qr-1', unionpay(last))).body).toMatchObject({ status: 'success' });
  });

  it('…1: user_paying, then success on the second poll', async () => {
    expect((await micropay('qr-1', wechat(1))).body).toEqual({
      qrPaymentId: 'qr-1',
      status: 'user_paying',
      wallet: 'wechat',
    });
    expect(await statusOf('qr-1')).toBe('user_paying');
    expect(await statusOf('qr-1')).toBe('success');
    expect(await statusOf('qr-1')).toBe('success');
  });

  it('…1: or success at the first look 10 s after the micropay', async () => {
    await micropay('qr-1', wechat(1));
    gw.advance(9 * SECOND);
    expect(await statusOf('qr-1')).toBe('user_paying'); // poll 1, 9 s
    await micropay('qr-2', wechat(1));
    gw.advance(10 * SECOND);
    expect(await statusOf('qr-2')).toBe('success'); // poll 1, 10 s
  });

  it('…2: user_paying, then failed (the customer cancelled in the wallet); cancel ends it', async () => {
    expect((await micropay('qr-1', alipay(2))).body).toMatchObject({ status: 'user_paying' });
    expect(await statusOf('qr-1')).toBe('user_paying');
    expect(await statusOf('qr-1')).toBe('failed');
    const res = await cancel('qr-1');
    expect(res.status).toBe(200);
    expect(QrCancelReply.parse(res.body)).toEqual({ status: 'cancelled' });
    expect(await statusOf('qr-1')).toBe('cancelled');
  });

  it('…3: failed at once (insufficient funds); cancel ends it', async () => {
    expect((await micropay('qr-1', unionpay(3))).body).toEqual({
      qrPaymentId: 'qr-1',
      status: 'failed',
      wallet: 'unionpay',
    });
    expect(await statusOf('qr-1')).toBe('failed');
    expect((await cancel('qr-1')).body).toEqual({ status: 'cancelled' });
  });

  it('…4: user_paying for ever; cancel is 409 for 45 s, then cancels', async () => {
    expect((await micropay('qr-1', wechat(4))).body).toMatchObject({ status: 'user_paying' });
    for (let i = 0; i < 6; i++) {
      expect(await statusOf('qr-1')).toBe('user_paying');
      gw.advance(5 * SECOND);
    }
    gw.advance(14 * SECOND); // 44 s
    const early = await cancel('qr-1');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'user_paying' });
    expect(early.headers.get('retry-after')).toBe('5');
    expect(await statusOf('qr-1')).toBe('user_paying');
    gw.advance(SECOND); // 45 s: the wallet lets the kiosk revoke
    expect((await cancel('qr-1')).body).toEqual({ status: 'cancelled' });
    expect(await statusOf('qr-1')).toBe('cancelled');
  });

  it('…4: the admin customer can still pay it', async () => {
    await micropay('qr-1', wechat(4));
    expect(await customer('qr-1', 'pay')).toEqual({
      status: 200,
      body: { qrPaymentId: 'qr-1', status: 'success', wallet: 'wechat', amount: 40773 },
    });
    expect(await statusOf('qr-1')).toBe('success');
  });
});

describe('QR cancel (撤销/关单)', () => {
  it('refunds a paid attempt, and answers the same final status again', async () => {
    await micropay('qr-1', wechat(0));
    expect((await cancel('qr-1')).body).toEqual({ status: 'refunded' });
    expect((await cancel('qr-1')).body).toEqual({ status: 'refunded' });
    expect(await statusOf('qr-1')).toBe('refunded');
  });

  it('cancels an unpaid Native order, and answers cancelled again', async () => {
    await order('qr-1');
    expect((await cancel('qr-1')).body).toEqual({ status: 'cancelled' });
    expect((await cancel('qr-1')).body).toEqual({ status: 'cancelled' });
  });

  it('answers 409 user_paying while the customer is confirming', async () => {
    await micropay('qr-1', wechat(1));
    const res = await cancel('qr-1');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'user_paying', message: expect.any(String) });
    // The customer then pays: the cancel becomes a refund.
    gw.advance(10 * SECOND);
    expect((await cancel('qr-1')).body).toEqual({ status: 'refunded' });
  });

  it('answers 404 not_found for an unknown id and for another terminal’s attempt', async () => {
    await gw.close();
    gw = await startTestSim({
      terminals: { ...DEMO_TERMINALS, [OTHER.terminalId]: OTHER.secret },
    });
    const unknown = await cancel('qr-nobody');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'not_found' });
    await micropay('qr-1', wechat(0));
    expect((await gw.get('/v1/qr/qr-1', OTHER)).status).toBe(404);
    expect((await gw.post('/v1/qr/qr-1/cancel', {}, OTHER)).status).toBe(404);
    // Another terminal cannot take the id either.
    const taken = await gw.post(
      '/v1/qr/micropay',
      { qrPaymentId: 'qr-1', authCode: wechat(0), amount: 40773, description: '电费 3100123456' },
      OTHER,
    );
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'qr_conflict' });
    expect(await statusOf('qr-1')).toBe('success'); // untouched
  });
});

describe('QR idempotency and validation', () => {
  it('answers the same qrPaymentId and body again, whatever the key order', async () => {
    const body = { qrPaymentId: 'qr-1', authCode: wechat(0), amount: 500, description: 'd' };
    const first = await gw.post('/v1/qr/micropay', body);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await gw.post('/v1/qr/micropay', reordered);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
  });

  it('answers a repeated micropay with the current status, without counting a poll', async () => {
    expect((await micropay('qr-1', wechat(1))).body).toMatchObject({ status: 'user_paying' });
    expect((await micropay('qr-1', wechat(1))).body).toMatchObject({ status: 'user_paying' });
    expect(await statusOf('qr-1')).toBe('user_paying'); // still the first poll
    expect(await statusOf('qr-1')).toBe('success');
    expect((await micropay('qr-1', wechat(1))).body).toEqual({
      qrPaymentId: 'qr-1',
      status: 'success',
      wallet: 'wechat',
    });
    // No second charge: one attempt, one amount.
    expect((await poll('qr-1')).body).toMatchObject({ amount: 40773 });
  });

  it.each([
    ['another amount', () => micropay('qr-1', wechat(0), 40774)],
    ['another auth code', () => micropay('qr-1', wechat(5))],
    ['the Native route', () => order('qr-1')],
  ])('answers 409 qr_conflict to the same id with %s', async (_name, send) => {
    await micropay('qr-1', wechat(0));
    const res = await send();
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'qr_conflict' });
    expect((await poll('qr-1')).body).toMatchObject({ status: 'success', amount: 40773 });
  });

  it('answers a repeated Native order with the same code', async () => {
    const first = QrOrderReply.parse((await order('qr-1')).body);
    gw.advance(MINUTE);
    expect((await order('qr-1')).body).toEqual(first);
    expect((await order('qr-1', 1)).body).toMatchObject({ code: 'qr_conflict' });
  });

  const valid = { qrPaymentId: 'qr-1', authCode: wechat(0), amount: 500, description: 'd' };
  it.each([
    ['a zero amount', { amount: 0 }, /^amount: /],
    ['a negative amount', { amount: -5 }, /^amount: /],
    ['a float amount', { amount: 5.5 }, /^amount: /],
    ['an amount in yuan text', { amount: '5.00' }, /^amount: /],
    ['a missing description', { description: undefined }, /^description: /],
    ['an unknown field', { tip: 1 }, /^tip: unrecognized field/],
    ['a qrPaymentId with a slash', { qrPaymentId: 'qr/1' }, /^qrPaymentId: /],
    ['a missing authCode', { authCode: undefined }, /^authCode: /],
  ])('answers 400 naming the field for %s', async (_name, change, message) => {
    const res = await gw.post('/v1/qr/micropay', { ...valid, ...change });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 'bad_request', message: expect.stringMatching(message) });
    const native = await gw.post('/v1/qr/orders', {
      qrPaymentId: 'qr-2',
      amount: 0,
      description: 'd',
    });
    expect(native.body).toEqual({
      code: 'bad_request',
      message: expect.stringMatching(/^amount: /),
    });
  });
});

describe('QR Native orders (the customer scans the kiosk)', () => {
  it('creates a pending order; the admin customer scans and pays; cancel refunds', async () => {
    const res = await order('qr-1', 5341);
    expect(res.status).toBe(200);
    const created = QrOrderReply.parse(res.body);
    expect(created).toEqual({
      qrPaymentId: 'qr-1',
      codeUrl: expect.stringMatching(/^https:\/\/qr\.gateway-sim\.invalid\/p\/[0-9a-f]{24}$/),
      expiresAt: '2026-11-26T14:08:11.000+08:00', // 5 minutes
      status: 'pending',
    });
    expect(created.codeUrl.startsWith(CODE_URL_PREFIX)).toBe(true);
    expect((await poll('qr-1')).body).toEqual({
      qrPaymentId: 'qr-1',
      status: 'pending',
      amount: 5341,
    });

    expect(await customer('qr-1', 'scan', { wallet: 'alipay' })).toEqual({
      status: 200,
      body: { qrPaymentId: 'qr-1', status: 'user_paying', wallet: 'alipay', amount: 5341 },
    });
    expect((await cancel('qr-1')).body).toMatchObject({ code: 'user_paying' });
    expect((await customer('qr-1', 'pay')).body).toMatchObject({
      status: 'success',
      wallet: 'alipay',
    });
    expect((await customer('qr-1', 'pay')).status).toBe(200); // paying again answers it again
    expect((await poll('qr-1')).body).toEqual({
      qrPaymentId: 'qr-1',
      status: 'success',
      wallet: 'alipay',
      amount: 5341,
    });
    expect((await cancel('qr-1')).body).toEqual({ status: 'refunded' });
    expect((await customer('qr-1', 'pay')).body).toMatchObject({ code: 'qr_not_payable' });
  });

  it('pays without a scan, as WeChat by default', async () => {
    await order('qr-1');
    expect((await customer('qr-1', 'pay', {})).body).toMatchObject({
      status: 'success',
      wallet: 'wechat',
    });
  });

  it('stays pending after expiresAt (it cannot be paid) until the kiosk closes it', async () => {
    await order('qr-1');
    gw.advance(5 * MINUTE);
    expect((await customer('qr-1', 'pay')).body).toMatchObject({ code: 'qr_expired' });
    expect((await customer('qr-1', 'scan')).body).toMatchObject({ code: 'qr_expired' });
    expect(await statusOf('qr-1')).toBe('pending');
    expect((await cancel('qr-1')).body).toEqual({ status: 'cancelled' });
    expect((await customer('qr-1', 'pay')).status).toBe(409);
  });

  it('lets a scanned order be cancelled once the confirm window is over', async () => {
    await order('qr-1');
    gw.advance(MINUTE);
    await customer('qr-1', 'scan');
    gw.advance(44 * SECOND);
    expect((await cancel('qr-1')).status).toBe(409);
    gw.advance(SECOND);
    expect((await cancel('qr-1')).body).toEqual({ status: 'cancelled' });
  });

  it('admin routes: 404 unknown id, 405 wrong method, 400 bad wallet, 409 scanning a 付款码', async () => {
    expect((await customer('qr-nobody', 'pay')).status).toBe(404);
    expect((await customer('qr-1', 'refund' as 'pay')).status).toBe(404);
    await order('qr-1');
    const get = await fetch(`${gw.sim.url}/__sim/qr/qr-1/pay`);
    expect(get.status).toBe(405);
    expect(await customer('qr-1', 'pay', { wallet: 'paypal' })).toMatchObject({
      status: 400,
      body: { code: 'bad_request', message: expect.stringMatching(/^wallet: /) },
    });
    await micropay('qr-2', wechat(1));
    expect((await customer('qr-2', 'scan')).body).toMatchObject({ code: 'not_native' });
  });

  it('GET /__sim/qr lists the attempts, newest first, optionally by status', async () => {
    await micropay('qr-1', wechat(0));
    await order('qr-2');
    const all = await (await fetch(`${gw.sim.url}/__sim/qr`)).json();
    expect(all).toMatchObject({
      attempts: [
        { qrPaymentId: 'qr-2', kind: 'native', status: 'pending', wallet: null },
        { qrPaymentId: 'qr-1', kind: 'micropay', status: 'success', script: 'pays_at_once' },
      ],
    });
    expect(JSON.stringify(all)).not.toContain(wechat(0)); // the auth code is never stored
    const pending = await (await fetch(`${gw.sim.url}/__sim/qr?status=pending`)).json();
    expect(pending).toMatchObject({ attempts: [{ qrPaymentId: 'qr-2' }] });
    expect((await fetch(`${gw.sim.url}/__sim/qr?status=paid`)).status).toBe(400);
  });
});

describe('write-offs paid by QR', () => {
  const SERIAL = 'SH-XH-WK-0007-20261126-000042';
  const QR_ID = `qr-${SERIAL}`; // what paymentFor puts in the tender
  let quote: Quote;
  const pay = (serial = SERIAL, amount = quote.totalDue) =>
    gw.post('/v1/payments', {
      ...paymentFor(quote, serial, amount, isoShanghai(gw.now()), 'qr'),
      tender: { qrPaymentId: QR_ID },
    });

  beforeEach(async () => {
    quote = await gw.quote('sh-power', '3100123456'); // totalDue 40773
  });

  it('writes off when the attempt succeeded with the same amount', async () => {
    await micropay(QR_ID, wechat(0), quote.totalDue);
    const res = await pay();
    expect(res.status).toBe(200);
    expect(PaymentResult.parse(res.body)).toMatchObject({
      status: 'written_off',
      prepaidCredited: 0,
    });
  });

  it('counts a confirming customer who has paid by now (no poll needed)', async () => {
    await micropay(QR_ID, alipay(1), quote.totalDue);
    gw.advance(10 * SECOND);
    expect((await pay()).status).toBe(200);
  });

  it('rejects an unknown attempt with 422 qr_not_paid, stored and replayed', async () => {
    const res = await pay();
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'qr_not_paid' });
    await micropay(QR_ID, wechat(0), quote.totalDue);
    expect((await pay()).body).toEqual(res.body); // the definitive answer is replayed
    expect((await gw.get(`/v1/payments/${SERIAL}`)).status).toBe(404);
  });

  it.each([
    ['still user_paying', wechat(4), 40773],
    ['failed', wechat(3), 40773],
    ['for another amount', wechat(0), 40000],
  ])('rejects an attempt %s with 422 qr_not_paid', async (_name, authCode, amount) => {
    await micropay(QR_ID, authCode, amount);
    const res = await pay();
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'qr_not_paid' });
  });

  it('rejects a refunded attempt', async () => {
    await micropay(QR_ID, wechat(0), quote.totalDue);
    await cancel(QR_ID);
    expect((await pay()).body).toMatchObject({
      code: 'qr_not_paid',
      message: expect.stringMatching(/refunded/),
    });
  });

  it('rejects another terminal’s attempt', async () => {
    await gw.close();
    gw = await startTestSim({
      terminals: { ...DEMO_TERMINALS, [OTHER.terminalId]: OTHER.secret },
    });
    quote = await gw.quote('sh-power', '3100123456');
    await gw.post(
      '/v1/qr/micropay',
      { qrPaymentId: QR_ID, authCode: wechat(0), amount: quote.totalDue, description: 'd' },
      OTHER,
    );
    expect((await pay()).body).toMatchObject({ code: 'qr_not_paid' });
  });

  it('uses the money once: a second write-off is 422 qr_already_used; no refund until reversed', async () => {
    await micropay(QR_ID, wechat(0), quote.totalDue);
    expect((await pay()).status).toBe(200);
    const again = await pay('SH-XH-WK-0007-20261126-000043');
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ code: 'qr_already_used' });
    const refund = await cancel(QR_ID);
    expect(refund.status).toBe(409);
    expect(refund.body).toMatchObject({ code: 'qr_written_off' });
    const reversal = await gw.post(`/v1/payments/${SERIAL}/reversal`, { reason: 'test' });
    expect(reversal.body).toEqual({ status: 'reversed' });
    expect((await cancel(QR_ID)).body).toEqual({ status: 'refunded' });
  });

  it('still needs the method to match the tender', async () => {
    await micropay(QR_ID, wechat(0), quote.totalDue);
    const res = await gw.post('/v1/payments', {
      ...paymentFor(quote, SERIAL, quote.totalDue, isoShanghai(gw.now()), 'cash'),
      tender: { qrPaymentId: QR_ID },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ message: expect.stringMatching(/^tender: cash needs notes/) });
  });
});

describe('faults on the QR routes', () => {
  it('accepts the QR route keys in the --fault flag', () => {
    for (const route of [
      'POST /v1/qr/micropay',
      'POST /v1/qr/orders',
      'GET /v1/qr/:id',
      'POST /v1/qr/:id/cancel',
    ]) {
      expect(parseFaultFlag(`${route}=503`)).toMatchObject({ ok: true, value: { route } });
    }
  });

  it('503 before commit on micropay: nothing is charged', async () => {
    gw.sim.setFaults([{ route: 'POST /v1/qr/micropay', kind: '503', retryAfter: 3, times: 1 }]);
    const res = await micropay('qr-1', wechat(0));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('3');
    expect((await poll('qr-1')).status).toBe(404);
  });

  it('drop_after_commit on micropay: the poll shows the charge', async () => {
    gw.sim.setFaults([{ route: 'POST /v1/qr/micropay', kind: 'drop_after_commit', times: 1 }]);
    await expect(micropay('qr-1', wechat(0))).rejects.toThrow('fetch failed');
    expect(await statusOf('qr-1')).toBe('success');
    expect(gw.sim.requests({ serial: 'qr-1' })).toMatchObject([
      {
        route: 'POST /v1/qr/micropay',
        fault: 'drop_after_commit',
        performed: 1,
        delivery: 'dropped',
      },
      { route: 'GET /v1/qr/:id', fault: null, status: 200 },
    ]);
  });

  it('bad_schema on the poll: the reply lacks qrPaymentId', async () => {
    await micropay('qr-1', wechat(0));
    gw.sim.setFaults([{ route: 'GET /v1/qr/:id', kind: 'bad_schema', times: 1 }]);
    const res = await poll('qr-1');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'success', wallet: 'wechat', amount: 40773 });
    expect(QrStatusReply.safeParse(res.body).success).toBe(false);
  });

  it('duplicate on the poll: delivered twice, so it counts two polls', async () => {
    await micropay('qr-1', wechat(1));
    gw.sim.setFaults([{ route: 'GET /v1/qr/:id', kind: 'duplicate', times: 1 }]);
    expect(await statusOf('qr-1')).toBe('success');
  });

  it('drop_after_commit on cancel: the attempt is cancelled, and cancelling again says so', async () => {
    await order('qr-1');
    gw.sim.setFaults([{ route: 'POST /v1/qr/:id/cancel', kind: 'drop_after_commit', times: 1 }]);
    await expect(cancel('qr-1')).rejects.toThrow('fetch failed');
    expect(await statusOf('qr-1')).toBe('cancelled');
    expect((await cancel('qr-1')).body).toEqual({ status: 'cancelled' });
  });

  it('429 on Native orders: no order is opened', async () => {
    gw.sim.setFaults([{ route: 'POST /v1/qr/orders', kind: '429', times: 1 }]);
    expect((await order('qr-1')).status).toBe(429);
    expect((await poll('qr-1')).status).toBe(404);
    expect((await order('qr-1')).body).toMatchObject({ status: 'pending' });
  });
});
