// Fault injection in the gateway simulator: the fault table and the --fault flag as units, then
// every fault kind over real HTTP, the admin endpoint (/__sim/…), statistics and the request log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaymentResult, type Quote } from '../../src/gateway/contract';
import { authHeaders } from '../../src/gateway/signature';
import { parseFaultFlag } from '../../sim/gateway/fault-flag';
import { FaultList, FaultTable, type FaultInput } from '../../sim/gateway/faults';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';
import { startGatewaySim } from '../../sim/gateway/server';
import { isoShanghai } from '../../sim/gateway/shanghai-time';
import { paymentFor, startTestSim, type TestSim } from './sim-fixture';
import { TERMINAL } from './signed-fetch';

const SERIAL = 'SH-XH-WK-0007-20261126-000042';

describe('fault table', () => {
  const table = (faults: FaultInput[]) => {
    const t = new FaultTable();
    t.set(FaultList.parse(faults));
    return t;
  };

  it('counts down `times` and forgets a fault when it is used up', () => {
    const t = table([{ route: 'POST /v1/payments', kind: '503', times: 2 }]);
    expect(t.list()).toEqual([
      {
        route: 'POST /v1/payments',
        kind: '503',
        times: 2,
        retryAfter: 1,
        when: 'before_commit',
        body: 'json',
        remaining: 2,
      },
    ]);
    expect(t.take('GET /v1/billers')).toBeUndefined();
    expect(t.take('POST /v1/payments')?.kind).toBe('503');
    expect(t.list()[0]?.remaining).toBe(1);
    expect(t.take('POST /v1/payments')?.kind).toBe('503');
    expect(t.list()).toEqual([]);
    expect(t.take('POST /v1/payments')).toBeUndefined();
  });

  it('applies a fault without `times` until cleared, and the first matching entry wins', () => {
    const t = table([
      { route: 'GET /v1/payments/:serial', kind: 'timeout', times: 1 },
      { route: '*', kind: 'slow', delayMs: 10 },
    ]);
    expect(t.take('GET /v1/payments/:serial')?.kind).toBe('timeout');
    for (let i = 0; i < 5; i++) expect(t.take('GET /v1/payments/:serial')?.kind).toBe('slow');
    expect(t.take('GET /v1/billers')?.kind).toBe('slow');
    expect(t.list()).toMatchObject([{ kind: 'slow', remaining: null }]);
    t.clear();
    expect(t.take('GET /v1/billers')).toBeUndefined();
  });
});

describe('--fault flag parser', () => {
  it('parses ROUTE=KIND[:OPTION=VALUE]… into a validated fault', () => {
    expect(parseFaultFlag('POST /v1/payments=503:retryAfter=2:times=3')).toEqual({
      ok: true,
      value: {
        route: 'POST /v1/payments',
        kind: '503',
        retryAfter: 2,
        times: 3,
        when: 'before_commit',
        body: 'json',
      },
    });
    expect(parseFaultFlag('GET /v1/payments/:serial=slow:delayMs=800:when=after_commit')).toEqual({
      ok: true,
      value: {
        route: 'GET /v1/payments/:serial',
        kind: 'slow',
        delayMs: 800,
        when: 'after_commit',
      },
    });
    expect(parseFaultFlag('*=drop_after_commit:times=1')).toEqual({
      ok: true,
      value: { route: '*', kind: 'drop_after_commit', times: 1 },
    });
    expect(parseFaultFlag('*=429:body=html:retryAfter=30')).toMatchObject({
      ok: true,
      value: { route: '*', kind: '429', body: 'html', retryAfter: 30 },
    });
    expect(parseFaultFlag(' POST /v1/bills/query = 429 ')).toMatchObject({
      ok: true,
      value: { route: 'POST /v1/bills/query', kind: '429', retryAfter: 1 },
    });
  });

  it.each([
    ['POST /v1/payments', 'no "=" between route and kind'],
    ['POST /v1/payments=504', 'kind: Invalid discriminator value'],
    ['POST /v1/paymentz=503', 'route: unknown route'],
    ['POST /v1/payments=503:times', 'option "times" is not NAME=VALUE'],
    ['POST /v1/payments=503:times=1:times=2', 'times given twice'],
    ['POST /v1/payments=503:times=0', 'times: Too small'],
    ['POST /v1/payments=slow', 'delayMs: Invalid input'],
    ['POST /v1/payments=drop_after_commit:when=before_commit', 'when: unrecognized field'],
    ['POST /v1/payments=503:when=later', 'when: Invalid option'],
    ['POST /v1/payments=503:retryAfter=soon', 'retryAfter: Invalid input: expected number'],
  ])('refuses %j, naming the problem', (flag, problem) => {
    const parsed = parseFaultFlag(flag);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toContain(`--fault '${flag}'`);
      expect(parsed.message).toContain(problem);
    }
  });
});

describe('gateway simulator under faults, over HTTP', () => {
  let gw: TestSim;
  let quote: Quote;
  let paymentBody: string;

  beforeEach(async () => {
    gw = await startTestSim();
    quote = await gw.quote('sh-power', '3100123456');
    paymentBody = JSON.stringify(paymentFor(quote, SERIAL, quote.totalDue, isoShanghai(gw.now())));
  });
  afterEach(() => gw.close());

  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${gw.sim.url}/__sim/${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });

  const setFaults = async (faults: FaultInput[]) => {
    const res = await admin('PUT', 'faults', faults);
    expect(res.status).toBe(200);
  };

  /** A signed request whose raw reply the test reads itself (some replies are not JSON). */
  const signed = (method: 'GET' | 'POST', path: string, body?: string, signal?: AbortSignal) => {
    const text = body ?? '';
    const headers = authHeaders(
      TERMINAL,
      DEMO_TERMINALS[TERMINAL] ?? '',
      { method, pathWithQuery: path, body: text },
      gw.now().getTime(),
    );
    return fetch(gw.sim.url + path, {
      method,
      headers: method === 'POST' ? { ...headers, 'content-type': 'application/json' } : headers,
      ...(method === 'POST' ? { body: text } : {}),
      ...(signal ? { signal } : {}),
    });
  };

  const pay = (signal?: AbortSignal) => signed('POST', '/v1/payments', paymentBody, signal);
  const lookUp = () => gw.get(`/v1/payments/${SERIAL}`);
  const serialStats = () => gw.sim.stats().payments[SERIAL];

  it('503 before commit: Retry-After, nothing committed, then the fault is used up', async () => {
    await setFaults([{ route: 'POST /v1/payments', kind: '503', retryAfter: 2, times: 1 }]);
    const res = await pay();
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(await res.json()).toMatchObject({ code: 'service_unavailable' });
    expect((await lookUp()).status).toBe(404);
    expect((await pay()).status).toBe(200);
    expect(serialStats()).toMatchObject({ commits: 1, replays: 0, stored: 'written_off' });
  });

  it('503 with body html: a proxy error page, still with Retry-After', async () => {
    await setFaults([{ route: 'POST /v1/payments', kind: '503', retryAfter: 4, body: 'html' }]);
    const res = await pay();
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('4');
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toContain('<h1>503 Service Temporarily Unavailable</h1>');
    expect((await lookUp()).status).toBe(404);
  });

  it('503 after commit: the client sees 503, yet the payment is committed', async () => {
    await setFaults([{ route: 'POST /v1/payments', kind: '503', when: 'after_commit', times: 1 }]);
    const res = await pay();
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    const found = await lookUp();
    expect(found.status).toBe(200);
    expect(PaymentResult.parse(found.body).status).toBe('written_off');
  });

  it('429 carries Retry-After and commits nothing', async () => {
    await setFaults([{ route: 'POST /v1/payments', kind: '429', retryAfter: 7 }]);
    const res = await pay();
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toMatchObject({ code: 'rate_limited' });
    expect((await lookUp()).status).toBe(404);
    expect(serialStats()).toBeUndefined();
  });

  it('slow: answers normally after the delay', async () => {
    await setFaults([{ route: 'POST /v1/payments', kind: 'slow', delayMs: 250, times: 1 }]);
    const started = Date.now();
    const res = await pay();
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(res.status).toBe(200);
    expect(PaymentResult.parse(await res.json()).agentSerial).toBe(SERIAL);
  });

  it('slow before commit: the payment is still committed after a client that gave up', async () => {
    await setFaults([{ route: 'POST /v1/payments', kind: 'slow', delayMs: 500, times: 1 }]);
    await expect(pay(AbortSignal.timeout(80))).rejects.toThrow();
    expect((await lookUp()).status).toBe(404);
    await new Promise((r) => setTimeout(r, 600));
    expect((await lookUp()).status).toBe(200);
    const [record] = gw.sim.requests({ route: 'POST /v1/payments' });
    expect(record).toMatchObject({ fault: 'slow', performed: 1, delivery: 'gone', status: null });
  });

  it('timeout: never answers, so the client AbortSignal fires; nothing is committed', async () => {
    await setFaults([{ route: 'POST /v1/payments', kind: 'timeout', times: 1 }]);
    const signal = AbortSignal.timeout(150);
    await expect(pay(signal)).rejects.toThrow();
    expect(signal.aborted).toBe(true);
    expect((await lookUp()).status).toBe(404);
    expect(gw.sim.requests({ route: 'POST /v1/payments' })).toMatchObject([
      { fault: 'timeout', performed: 0, delivery: 'held', status: null },
    ]);
  });

  it('timeout after commit: the client gives up, the payment is committed', async () => {
    await setFaults([{ route: 'POST /v1/payments', kind: 'timeout', when: 'after_commit' }]);
    await expect(pay(AbortSignal.timeout(150))).rejects.toThrow();
    expect((await lookUp()).status).toBe(200);
  });

  it('drop_after_commit: the fetch fails, and a later GET shows the payment committed', async () => {
    await setFaults([{ route: 'POST /v1/payments', kind: 'drop_after_commit', times: 1 }]);
    await expect(pay()).rejects.toThrow('fetch failed');
    const found = await lookUp();
    expect(found.status).toBe(200);
    expect(PaymentResult.parse(found.body).agentSerial).toBe(SERIAL);
    expect(gw.sim.requests({ serial: SERIAL })).toMatchObject([
      { route: 'POST /v1/payments', fault: 'drop_after_commit', performed: 1, delivery: 'dropped' },
      { route: 'GET /v1/payments/:serial', fault: null, status: 200 },
    ]);
  });

  it('drop_before_commit: the fetch fails and nothing is committed', async () => {
    await setFaults([{ route: 'POST /v1/payments', kind: 'drop_before_commit', times: 1 }]);
    await expect(pay()).rejects.toThrow('fetch failed');
    expect((await lookUp()).status).toBe(404);
    expect(gw.sim.stats().committed).toEqual({ count: 0, total: 0 });
  });

  it('duplicate: delivered twice, answered once, stored once', async () => {
    await setFaults([{ route: 'POST /v1/payments', kind: 'duplicate', times: 1 }]);
    const res = await pay();
    expect(res.status).toBe(200);
    expect(PaymentResult.parse(await res.json()).billerTxnId).toBe('SGCC-889120001');
    expect(serialStats()).toEqual({
      commits: 1,
      rejections: 0,
      replays: 1,
      conflicts: 0,
      stored: 'written_off',
      amount: quote.totalDue,
    });
    expect(gw.sim.stats().committed).toEqual({ count: 1, total: quote.totalDue });
    expect(gw.sim.requests({ serial: SERIAL })).toMatchObject([{ performed: 2, status: 200 }]);
  });

  it('malformed_json: commits, then answers 200 with a body that is not JSON', async () => {
    await setFaults([{ route: 'POST /v1/payments', kind: 'malformed_json', times: 1 }]);
    const res = await pay();
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(text.startsWith('{"agentSerial"')).toBe(true);
    expect((await lookUp()).status).toBe(200);
  });

  it('bad_schema: commits, then answers 200 with JSON missing a required field', async () => {
    await setFaults([{ route: 'POST /v1/payments', kind: 'bad_schema', times: 1 }]);
    const res = await pay();
    expect(res.status).toBe(200);
    const body: unknown = await res.json();
    expect(body).not.toHaveProperty('agentSerial');
    expect(body).toHaveProperty('billerTxnId');
    expect(PaymentResult.safeParse(body).success).toBe(false);
    expect((await lookUp()).status).toBe(200);
  });

  it('faults on the query route leave the payment route alone, and "*" hits every route', async () => {
    await setFaults([
      { route: 'GET /v1/payments/:serial', kind: '503', times: 1 },
      { route: '*', kind: '429', times: 2 },
    ]);
    expect((await pay()).status).toBe(429); // '*' matches, the GET fault does not
    expect((await lookUp()).status).toBe(503); // the first matching entry wins
    expect((await gw.get('/v1/billers')).status).toBe(429);
    expect((await gw.get('/v1/billers')).status).toBe(200);
    expect(await (await admin('GET', 'faults')).json()).toEqual([]);
  });

  it('requests that fail authentication are answered as usual and use up no fault', async () => {
    await setFaults([{ route: '*', kind: '503', times: 1 }]);
    const res = await fetch(`${gw.sim.url}/v1/billers`);
    expect(res.status).toBe(401);
    expect(await (await admin('GET', 'faults')).json()).toMatchObject([{ remaining: 1 }]);
    expect(gw.sim.requests().at(-1)).toMatchObject({ route: null, fault: null, status: 401 });
  });

  describe('admin endpoint', () => {
    it('PUT replaces the faults and answers them with defaults and remaining counts', async () => {
      const put = await admin('PUT', 'faults', [
        { route: 'POST /v1/payments', kind: '503', times: 3 },
        { route: '*', kind: 'slow', delayMs: 5, when: 'after_commit' },
      ]);
      expect(put.status).toBe(200);
      const expected = [
        {
          route: 'POST /v1/payments',
          kind: '503',
          times: 3,
          retryAfter: 1,
          when: 'before_commit',
          body: 'json',
          remaining: 3,
        },
        { route: '*', kind: 'slow', delayMs: 5, when: 'after_commit', remaining: null },
      ];
      expect(await put.json()).toEqual(expected);
      await pay();
      expected[0] = { ...expected[0], remaining: 2 } as (typeof expected)[0];
      expect(await (await admin('GET', 'faults')).json()).toEqual(expected);
      expect(gw.sim.faults()).toEqual(expected);
      const del = await admin('DELETE', 'faults');
      expect(del.status).toBe(200);
      expect(await del.json()).toEqual([]);
      expect(gw.sim.faults()).toEqual([]);
    });

    it.each([
      [[{ route: 'POST /v1/payments', kind: 'explode' }], '0.kind: Invalid discriminator value'],
      [
        [
          { route: 'POST /v1/payments', kind: '503' },
          { route: 'POST /v1/payments', kind: '503', times: 1.5 },
        ],
        '1.times: Invalid input: expected int',
      ],
      [[{ route: 'GET /v2/x', kind: '503' }], '0.route: unknown route'],
      [[{ route: '*', kind: 'slow' }], '0.delayMs: Invalid input: expected number'],
      [[{ route: '*', kind: 'duplicate', when: 'after_commit' }], '0.when: unrecognized field'],
      [[{ route: '*', kind: '503', retryAfter: -1 }], '0.retryAfter: Too small'],
      [{ route: '*', kind: '503' }, 'body: Invalid input: expected array'],
      ['[{', 'body: malformed JSON'],
    ])('refuses a bad list with 400 naming the field (%#)', async (body, message) => {
      const res = await admin('PUT', 'faults', body);
      expect(res.status).toBe(400);
      const error = (await res.json()) as { code: string; message: string };
      expect(error.code).toBe('bad_request');
      expect(error.message).toContain(message);
      expect(gw.sim.faults()).toEqual([]);
    });

    it('answers 404 to unknown admin paths and 405 to wrong methods', async () => {
      expect((await admin('GET', 'nothing')).status).toBe(404);
      expect((await admin('POST', 'faults', [])).status).toBe(405);
      expect((await admin('PUT', 'stats', {})).status).toBe(405);
    });

    it('stats count requests per route and committed payments; DELETE resets the counters', async () => {
      const other = await gw.quote('sh-gas', '50012345');
      await gw.post(
        '/v1/payments',
        paymentFor(other, 'SERIAL-GAS', other.totalDue, isoShanghai(gw.now())),
      );
      await pay();
      await pay();
      await lookUp();
      const res = await admin('GET', 'stats');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        requests: {
          total: 6,
          byRoute: {
            'POST /v1/bills/query': 2,
            'POST /v1/payments': 3,
            'GET /v1/payments/:serial': 1,
          },
        },
        payments: {
          'SERIAL-GAS': {
            commits: 1,
            rejections: 0,
            replays: 0,
            conflicts: 0,
            stored: 'written_off',
            amount: other.totalDue,
          },
          [SERIAL]: {
            commits: 1,
            rejections: 0,
            replays: 1,
            conflicts: 0,
            stored: 'written_off',
            amount: quote.totalDue,
          },
        },
        // No community request in this test (uploads, applications, … count there).
        community: {},
        committed: { count: 2, total: quote.totalDue + other.totalDue },
      });
      const reset = (await (await admin('DELETE', 'stats')).json()) as {
        requests: { total: number };
        payments: Record<string, { commits: number; stored: string }>;
        committed: { count: number };
      };
      expect(reset.requests.total).toBe(0);
      expect(reset.payments[SERIAL]).toMatchObject({ commits: 0, stored: 'written_off' });
      expect(reset.committed.count).toBe(2);
      expect(gw.sim.requests()).toEqual([]);
    });

    it('GET /__sim/requests lists the log, filtered by serial or route', async () => {
      await setFaults([{ route: 'POST /v1/payments', kind: 'drop_after_commit', times: 1 }]);
      await expect(pay()).rejects.toThrow();
      await lookUp();
      await pay();
      const res = await admin('GET', `requests?serial=${SERIAL}`);
      const { requests } = (await res.json()) as { requests: unknown[] };
      expect(requests).toMatchObject([
        { seq: 2, method: 'POST', path: '/v1/payments', delivery: 'dropped', handlerStatus: 200 },
        { seq: 3, method: 'GET', route: 'GET /v1/payments/:serial', status: 200 },
        { seq: 4, method: 'POST', fault: null, status: 200, handlerStatus: 200 },
      ]);
      const byRoute = await admin(
        'GET',
        `requests?route=${encodeURIComponent('POST /v1/bills/query')}`,
      );
      expect(((await byRoute.json()) as { requests: unknown[] }).requests).toHaveLength(1);
    });
  });
});

describe('faults set in code', () => {
  it('startGatewaySim({faults}) applies them from the first request; setFaults validates', async () => {
    const sim = await startGatewaySim({
      dbPath: ':memory:',
      faults: [{ route: 'GET /v1/billers', kind: '503', retryAfter: 3, times: 1 }],
    });
    try {
      expect(sim.faults()).toMatchObject([{ kind: '503', remaining: 1 }]);
      expect(() => sim.setFaults([{ route: '*', kind: 'slow' } as FaultInput])).toThrow(
        'invalid faults: 0.delayMs',
      );
      sim.setFaults([{ route: '*', kind: 'timeout' }]);
      expect(sim.faults()).toMatchObject([{ kind: 'timeout', when: 'before_commit' }]);
      sim.clearFaults();
      expect(sim.faults()).toEqual([]);
    } finally {
      await sim.close();
    }
    await expect(
      startGatewaySim({ dbPath: ':memory:', faults: [{ route: 'nope', kind: '503' }] }),
    ).rejects.toThrow('invalid faults: 0.route: unknown route');
  });

  it('closes promptly with requests held by timeout and slow faults', async () => {
    const gw = await startTestSim();
    gw.sim.setFaults([
      { route: 'GET /v1/billers', kind: 'timeout' },
      { route: 'POST /v1/bills/query', kind: 'slow', delayMs: 60_000 },
    ]);
    const held = gw.get('/v1/billers').catch((err: unknown) => err);
    const slow = gw.post('/v1/bills/query', { billerId: 'sh-power', account: '3100123456' });
    const slowDone = slow.catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await gw.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await held).toBeInstanceOf(Error);
    expect(await slowDone).toBeInstanceOf(Error);
  });
});
