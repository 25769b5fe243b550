import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedFetch } from './signed-fetch';
import { startTestSim, type TestSim } from './sim-fixture';

let gw: TestSim;
beforeEach(async () => {
  gw = await startTestSim();
});
afterEach(() => gw.close());

const badSignature = (why: RegExp) => ({
  code: 'bad_signature',
  message: expect.stringMatching(why),
});

describe('gateway simulator: authentication and HTTP edges', () => {
  it('accepts a correctly signed request, query string included in the signing line', async () => {
    const res = await gw.get('/v1/billers?lang=en');
    expect(res.status).toBe(200);
  });

  it('rejects a wrong secret', async () => {
    const res = await gw.get('/v1/billers', { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(badSignature(/wrong signature/));
  });

  it('rejects a signature over another path or a tampered body', async () => {
    const path = await gw.get('/v1/billers?lang=en', { signedPath: '/v1/billers' });
    expect(path.body).toEqual(badSignature(/wrong signature/));
    const honest = JSON.stringify({ billerId: 'sh-power', account: '3100123456' });
    const first = await gw.post('/v1/bills/query', undefined, { rawBody: honest });
    expect(first.status).toBe(200);
    // Same headers, body changed: the signature is checked (and fails) before the nonce.
    const tampered = await gw.post('/v1/bills/query', undefined, {
      rawBody: honest.replace('3100123456', '3100000001'),
      headers: first.sent,
    });
    expect(tampered.status).toBe(401);
    expect(tampered.body).toEqual(badSignature(/wrong signature/));
  });

  it('rejects a clock skew over 300 s either way, and accepts 300 s exactly', async () => {
    const t = gw.now().getTime();
    expect((await gw.get('/v1/billers', { at: t - 301_000 })).body).toEqual(badSignature(/skew/));
    expect((await gw.get('/v1/billers', { at: t + 301_000 })).body).toEqual(badSignature(/skew/));
    expect((await gw.get('/v1/billers', { at: t - 300_000 })).status).toBe(200);
  });

  it('rejects a replayed nonce within 10 minutes', async () => {
    const first = await gw.get('/v1/billers');
    expect(first.status).toBe(200);
    const replay = await gw.get('/v1/billers', { headers: first.sent });
    expect(replay.status).toBe(401);
    expect(replay.body).toEqual(badSignature(/replayed nonce/));
  });

  it('rejects an unknown terminal and missing headers', async () => {
    const unknown = await gw.get('/v1/billers', { terminalId: 'SH-XX-0000', secret: 'x' });
    expect(unknown.body).toEqual(badSignature(/unknown terminal/));
    const res = await fetch(`${gw.sim.url}/v1/billers`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(badSignature(/missing header/));
  });

  it('rejects a nonce shorter than 16 bytes', async () => {
    const ok = await gw.get('/v1/billers');
    const res = await gw.get('/v1/billers', {
      headers: { ...ok.sent, 'X-Nonce': 'ab'.repeat(15) },
    });
    expect(res.body).toEqual(badSignature(/nonce/i));
  });

  it('answers unknown routes 404 and wrong methods 405', async () => {
    expect((await gw.get('/v1/nothing-here')).body).toMatchObject({ code: 'not_found' });
    expect((await fetch(`${gw.sim.url}/favicon.ico`)).status).toBe(404);
    const wrongMethod = await gw.post('/v1/billers', {});
    expect(wrongMethod.status).toBe(405);
    const qr = await gw.get('/v1/qr/x/cancel');
    expect(qr.status).toBe(405);
    expect(qr.body).toMatchObject({ code: 'method_not_allowed' });
  });

  it('refuses bodies over 64 KiB with 413', async () => {
    const big = JSON.stringify({ scan: 'x'.repeat(70 * 1024) });
    const res = await signedFetch(gw.sim.url, 'POST', '/v1/bills/query', undefined, {
      rawBody: big,
      at: gw.now().getTime(),
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'payload_too_large' });
  });
});
