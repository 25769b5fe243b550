// GatewayClient and the write-off port: against the real gateway simulator over HTTP, and
// against a small stub server of our own for replies the simulator never gives (bad JSON, schema
// violations, 503 + Retry-After, silence, refused connections).
import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GatewayClient, isDefinitiveRejection } from '../../src/gateway/client';
import type { Quote } from '../../src/gateway/contract';
import { signatureMatches } from '../../src/gateway/signature';
import { gatewayQrWalletPort } from '../../src/gateway/qr-wallet-port';
import { gatewayWriteOffPort } from '../../src/gateway/write-off-port';
import { DEMO_BILLERS, DEMO_TERMINALS } from '../../sim/gateway/seed';
import { startGatewaySim, type GatewaySim } from '../../sim/gateway/server';
import { isoShanghai } from '../../sim/gateway/shanghai-time';
import { paymentFor } from '../sim/sim-fixture';

const TERMINAL = 'SH-XH-WK-0007';
const SECRET = DEMO_TERMINALS[TERMINAL] ?? '';

let serialNo = 0;
/** A fresh agent serial per payment, in the kiosk's format. */
function nextSerial(): string {
  serialNo++;
  return `${TERMINAL}-20261126-${String(900000 + serialNo).padStart(6, '0')}`;
}

function clientFor(baseUrl: string, opts: { secret?: string; timeoutMs?: number } = {}) {
  return new GatewayClient({
    baseUrl,
    terminalId: TERMINAL,
    secret: opts.secret ?? SECRET,
    timeoutMs: opts.timeoutMs ?? 5_000,
  });
}

describe('GatewayClient against the gateway simulator', () => {
  let sim: GatewaySim;
  let client: GatewayClient;

  beforeAll(async () => {
    sim = await startGatewaySim({ dbPath: ':memory:', port: 0 });
    client = clientFor(sim.url);
  });
  afterAll(() => sim.close());

  async function quote(billerId: string, account: string): Promise<Quote> {
    const reply = await client.queryBills({ billerId, account });
    if (!reply.ok) throw new Error(`quote failed: ${JSON.stringify(reply)}`);
    return reply.body;
  }

  function body(q: Quote, serial: string, amount: number): string {
    return JSON.stringify(paymentFor(q, serial, amount, isoShanghai(new Date())));
  }

  it('lists the billers and parses them with the contract schema', async () => {
    const reply = await client.billers();
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.status).toBe(200);
    expect(reply.body.billers.map((b) => b.id)).toEqual(DEMO_BILLERS.map((b) => b.id));
    const cable = reply.body.billers.find((b) => b.id === 'sh-cabletv');
    expect(cable?.acceptsOverpayment).toBe(false);
    expect(reply.body.billers.find((b) => b.id === 'sh-power')).toMatchObject({
      kind: 'electricity',
      accountPattern: '^\\d{10}$',
      acceptsOverpayment: true,
    });
  });

  it('queries bills by account and by scan, with the overdue bill carrying a late fee', async () => {
    const byAccount = await quote('sh-power', '3100123456');
    expect(byAccount.billerId).toBe('sh-power');
    expect(byAccount.account).toBe('3100123456');
    expect(byAccount.bills).toHaveLength(2);
    const [overdue, current] = byAccount.bills;
    expect(overdue?.daysOverdue).toBeGreaterThan(0);
    expect(overdue?.lateFee).toBeGreaterThan(0);
    expect(current?.lateFee).toBe(0);
    expect(byAccount.totalDue).toBe(
      byAccount.bills.reduce((s, b) => s + b.principal + b.lateFee, 0),
    );
    expect(Date.parse(byAccount.expiresAt)).toBeGreaterThan(Date.parse(byAccount.quotedAt));

    const byScan = await client.queryBills({ scan: 'SGCC:3100123456' });
    expect(byScan.ok && byScan.body.account).toBe('3100123456');
  });

  it('classifies bill-query errors with status and code', async () => {
    const missing = await client.queryBills({ billerId: 'sh-power', account: '3100555555' });
    expect(missing).toMatchObject({
      ok: false,
      kind: 'error',
      status: 404,
      code: 'account_not_found',
    });
    const locked = await client.queryBills({ billerId: 'sh-power', account: '3100999999' });
    expect(locked).toMatchObject({ ok: false, kind: 'error', status: 409, code: 'account_locked' });
  });

  it('a signed payment is written off, replayed identically, and found by query', async () => {
    const q = await quote('sh-power', '3100123456');
    const serial = nextSerial();
    const requestJson = body(q, serial, q.totalDue + 1_000);

    const first = await client.submitPayment(requestJson);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.body).toMatchObject({
      agentSerial: serial,
      status: 'written_off',
      prepaidCredited: 1_000,
      lateFeeCharged: q.bills.reduce((s, b) => s + b.lateFee, 0),
    });

    const port = gatewayWriteOffPort(client);
    // The same body again (a retry after not_found) returns the first result, not a new one.
    const again = await port.submit(serial, requestJson);
    expect(again).toEqual({
      kind: 'written_off',
      billerTxnId: first.body.billerTxnId,
      resultJson: JSON.stringify(first.body),
      // The gateway's business day, read off its +08:00 timestamp.
      writtenOffDay: first.body.writtenOffAt.slice(0, 10),
    });
    const found = await client.queryPayment(serial);
    expect(found.ok && found.body).toEqual(first.body);
    expect(await port.query(serial)).toMatchObject({
      kind: 'written_off',
      billerTxnId: first.body.billerTxnId,
    });
  });

  it('GET of an unknown serial is error 404 not_found, which the port reports as not_found', async () => {
    const serial = nextSerial();
    const reply = await client.queryPayment(serial);
    expect(reply).toMatchObject({ ok: false, kind: 'error', status: 404, code: 'not_found' });
    expect(await gatewayWriteOffPort(client).query(serial)).toEqual({ kind: 'not_found' });
  });

  it('overpayment on sh-cabletv is a definitive rejection (overpayment_not_allowed)', async () => {
    const q = await quote('sh-cabletv', '880012345678');
    const serial = nextSerial();
    const requestJson = body(q, serial, q.totalDue + 100);
    const reply = await client.submitPayment(requestJson);
    expect(reply).toMatchObject({
      ok: false,
      kind: 'error',
      status: 422,
      code: 'overpayment_not_allowed',
    });
    const outcome = await gatewayWriteOffPort(client).submit(serial, requestJson);
    expect(outcome).toMatchObject({ kind: 'rejected', code: 'overpayment_not_allowed' });
    // A rejected payment was never committed: the query says not_found.
    expect(await gatewayWriteOffPort(client).query(serial)).toEqual({ kind: 'not_found' });
  });

  it('paying less than due is a definitive rejection (amount_below_due)', async () => {
    const q = await quote('sh-power', '3100000002');
    const serial = nextSerial();
    const outcome = await gatewayWriteOffPort(client).submit(
      serial,
      body(q, serial, q.totalDue - 1),
    );
    expect(outcome).toMatchObject({ kind: 'rejected', code: 'amount_below_due' });
    expect(isDefinitiveRejection('amount_below_due')).toBe(true);
  });

  it('a wrong secret is 401 bad_signature: an unknown outcome, never a rejection', async () => {
    const wrong = clientFor(sim.url, { secret: 'not-the-secret' });
    const reply = await wrong.billers();
    expect(reply).toMatchObject({ ok: false, kind: 'error', status: 401, code: 'bad_signature' });
    const port = gatewayWriteOffPort(wrong);
    expect(await port.query(nextSerial())).toMatchObject({
      kind: 'unknown',
      reason: 'bad_signature',
    });
    expect(await port.submit('x', '{}')).toMatchObject({
      kind: 'unknown',
      reason: 'bad_signature',
    });
  });
});

// ---------------------------------------------------------------------------------------------

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

type Handler = (req: Seen, res: ServerResponse) => void;

/** A local HTTP server that records each request and answers with the current handler. */
class StubServer {
  readonly seen: Seen[] = [];
  handler: Handler = (_req, res) => res.writeHead(500).end();
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const seen: Seen = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.seen.push(seen);
        this.handler(seen, res);
      });
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    const server = this.server;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}

const GOOD_RESULT = {
  agentSerial: 'SH-XH-WK-0007-20261126-000042',
  status: 'written_off',
  billerTxnId: 'SGCC-889120031',
  writtenOffAt: '2026-11-26T14:05:41+08:00',
  appliedToBills: ['b_2026_09', 'b_2026_10'],
  principalCharged: 39990,
  lateFeeCharged: 1119,
  prepaidCredited: 8891,
};

function header(h: IncomingHttpHeaders, name: string): string {
  const v = h[name];
  return typeof v === 'string' ? v : '';
}

function signedBy(secret: string, seen: Seen): boolean {
  return signatureMatches(
    secret,
    {
      method: seen.method,
      pathWithQuery: seen.url,
      timestamp: header(seen.headers, 'x-timestamp'),
      nonce: header(seen.headers, 'x-nonce'),
      body: seen.body,
    },
    header(seen.headers, 'x-signature'),
  );
}

describe('GatewayClient against a stub server', () => {
  let stub: StubServer;
  let url: string;

  beforeAll(async () => {
    stub = new StubServer();
    url = await stub.start();
  });
  afterAll(() => stub.close());
  afterEach(() => {
    stub.seen.length = 0;
  });

  it('signs every request: the four X- headers, and the server-side signature matches', async () => {
    stub.handler = json(200, GOOD_RESULT);
    const client = clientFor(url);
    const requestJson = JSON.stringify({ agentSerial: GOOD_RESULT.agentSerial, amount: 50000 });
    const t0 = Date.now();
    await client.submitPayment(requestJson);
    await client.queryPayment('SH-XH-WK-0007-20261126-000042');
    expect(stub.seen).toHaveLength(2);

    const [post, get] = stub.seen as [Seen, Seen];
    expect(post.method).toBe('POST');
    expect(post.url).toBe('/v1/payments');
    expect(post.body).toBe(requestJson); // the exact stored bytes
    expect(header(post.headers, 'content-type')).toBe('application/json');
    expect(get.method).toBe('GET');
    expect(get.url).toBe('/v1/payments/SH-XH-WK-0007-20261126-000042');
    expect(get.body).toBe('');

    for (const seen of [post, get]) {
      expect(header(seen.headers, 'x-terminal-id')).toBe(TERMINAL);
      const ts = Number(header(seen.headers, 'x-timestamp'));
      expect(ts).toBeGreaterThanOrEqual(t0 - 1_000);
      expect(ts).toBeLessThanOrEqual(Date.now() + 1_000);
      expect(header(seen.headers, 'x-nonce')).toMatch(/^[0-9a-f]{32,}$/);
      expect(header(seen.headers, 'x-signature')).toMatch(/^[0-9a-f]{64}$/);
      expect(signedBy(SECRET, seen)).toBe(true);
      expect(signedBy('another-secret', seen)).toBe(false);
    }
    expect(header(post.headers, 'x-nonce')).not.toBe(header(get.headers, 'x-nonce'));
  });

  it('a body that is not JSON is bad_reply, and the port calls it unknown', async () => {
    stub.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>gateway maintenance</html>');
    };
    const client = clientFor(url);
    expect(await client.billers()).toEqual({
      ok: false,
      kind: 'bad_reply',
      status: 200,
      reason: 'reply is not JSON',
    });
    const port = gatewayWriteOffPort(client);
    expect(await port.submit('s', '{}')).toMatchObject({
      kind: 'unknown',
      reason: 'reply is not JSON',
    });
    expect(await port.query('s')).toMatchObject({ kind: 'unknown' });
  });

  it('a 200 whose amount is a string is bad_reply naming the field, never a write-off', async () => {
    stub.handler = json(200, { ...GOOD_RESULT, principalCharged: '39990' });
    const client = clientFor(url);
    const reply = await client.submitPayment('{}');
    expect(reply).toMatchObject({ ok: false, kind: 'bad_reply', status: 200 });
    expect(!reply.ok && reply.kind === 'bad_reply' && reply.reason).toMatch(/^principalCharged: /);
    const outcome = await gatewayWriteOffPort(client).submit('s', '{}');
    expect(outcome.kind).toBe('unknown');
  });

  it('a 200 without billerTxnId is bad_reply naming billerTxnId, for submit and query', async () => {
    const { billerTxnId: _omitted, ...withoutTxn } = GOOD_RESULT;
    stub.handler = json(200, withoutTxn);
    const client = clientFor(url);
    const reply = await client.queryPayment('s');
    expect(!reply.ok && reply.kind === 'bad_reply' && reply.reason).toMatch(/^billerTxnId: /);
    const port = gatewayWriteOffPort(client);
    expect((await port.submit('s', '{}')).kind).toBe('unknown');
    expect((await port.query('s')).kind).toBe('unknown');
  });

  it('a quote whose totalDue is a string is bad_reply naming totalDue', async () => {
    stub.handler = json(200, {
      quoteId: 'q1',
      billerId: 'sh-power',
      account: '3100123456',
      holder: '张*明',
      address: '武康路**弄**号',
      bills: [],
      totalDue: '41109',
      prepaidBalance: 0,
      quotedAt: '2026-11-26T14:03:11+08:00',
      expiresAt: '2026-11-26T14:13:11+08:00',
    });
    const reply = await clientFor(url).queryBills({ billerId: 'sh-power', account: '3100123456' });
    expect(!reply.ok && reply.kind === 'bad_reply' && reply.reason).toMatch(/^totalDue: /);
  });

  it('503 with Retry-After: 7 is an error with retryAfterMs 7000; the port says unknown with retryAfterMs', async () => {
    stub.handler = json(503, { code: 'unavailable', message: 'try later' }, { 'retry-after': '7' });
    const client = clientFor(url);
    expect(await client.submitPayment('{}')).toEqual({
      ok: false,
      kind: 'error',
      status: 503,
      code: 'unavailable',
      message: 'try later',
      retryAfterMs: 7000,
    });
    const port = gatewayWriteOffPort(client);
    expect(await port.submit('s', '{}')).toEqual({
      kind: 'unknown',
      reason: 'unavailable',
      retryAfterMs: 7000,
    });
    // On a query the 503 is unknown too, never not_found.
    expect(await port.query('s')).toEqual({
      kind: 'unknown',
      reason: 'unavailable',
      retryAfterMs: 7000,
    });
  });

  it('a 5xx is unknown even when its code names a definitive rejection', async () => {
    stub.handler = json(500, { code: 'quote_expired', message: 'internal' });
    const outcome = await gatewayWriteOffPort(clientFor(url)).submit('s', '{}');
    expect(outcome).toEqual({ kind: 'unknown', reason: 'quote_expired' });
  });

  it('only a 404 on the query means not_found; a 404 on the POST is unknown', async () => {
    stub.handler = json(404, { code: 'not_found', message: 'no route' });
    const port = gatewayWriteOffPort(clientFor(url));
    expect(await port.query('s')).toEqual({ kind: 'not_found' });
    expect(await port.submit('s', '{}')).toEqual({ kind: 'unknown', reason: 'not_found' });
  });

  it('a server that never answers is unreachable within timeoutMs, and unknown for the port', async () => {
    stub.handler = () => undefined; // hold the request open
    const client = clientFor(url, { timeoutMs: 300 });
    const started = Date.now();
    const reply = await client.submitPayment('{}');
    const elapsed = Date.now() - started;
    expect(reply).toEqual({ ok: false, kind: 'unreachable', reason: 'TimeoutError' });
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2_000);
    expect(await gatewayWriteOffPort(client).query('s')).toEqual({
      kind: 'unknown',
      reason: 'TimeoutError',
    });
  });

  it('a refused connection is unreachable (ECONNREFUSED), and unknown for the port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const client = clientFor(`http://127.0.0.1:${port}`, { timeoutMs: 2_000 });
    expect(await client.billers()).toEqual({
      ok: false,
      kind: 'unreachable',
      reason: 'ECONNREFUSED',
    });
    expect(await gatewayWriteOffPort(client).submit('s', '{}')).toEqual({
      kind: 'unknown',
      reason: 'ECONNREFUSED',
    });
  });
});

describe('GatewayClient: a baseUrl with a path prefix', () => {
  let stub: StubServer;
  let origin: string;

  beforeAll(async () => {
    stub = new StubServer();
    origin = await stub.start();
  });
  afterAll(() => stub.close());

  it.each(['/collect', '/collect/'])(
    'keeps the prefix (%s) before /v1/…, and signs the path as sent',
    async (prefix) => {
      stub.seen.length = 0;
      stub.handler = json(200, GOOD_RESULT);
      const client = clientFor(`${origin}${prefix}`);
      await client.queryPayment('SH-XH-WK-0007-20261126-000042');
      await client.billers();
      expect(stub.seen.map((s) => s.url)).toEqual([
        '/collect/v1/payments/SH-XH-WK-0007-20261126-000042',
        '/collect/v1/billers',
      ]);
      for (const seen of stub.seen) expect(signedBy(SECRET, seen)).toBe(true);
    },
  );
});

describe('GatewayClient: Retry-After', () => {
  let stub: StubServer;
  let url: string;
  const NOW = Date.parse('2026-11-26T06:00:00Z');

  beforeAll(async () => {
    stub = new StubServer();
    url = await stub.start();
  });
  afterAll(() => stub.close());

  function clientWith(o: { maxRetryAfterMs?: number } = {}) {
    return new GatewayClient({
      baseUrl: url,
      terminalId: TERMINAL,
      secret: SECRET,
      timeoutMs: 5_000,
      clock: () => NOW,
      ...o,
    });
  }

  async function retryAfterMs(value: string, client = clientWith()) {
    stub.handler = json(503, { code: 'unavailable', message: 'later' }, { 'retry-after': value });
    const reply = await client.submitPayment('{}');
    if (reply.ok || reply.kind !== 'error') throw new Error('expected an error reply');
    return reply.retryAfterMs;
  }

  it('reads an HTTP-date against the client clock', async () => {
    expect(await retryAfterMs('Thu, 26 Nov 2026 06:02:00 GMT')).toBe(120_000);
  });

  it('caps a year at the default of 15 minutes, as seconds or as a date', async () => {
    expect(await retryAfterMs(String(365 * 24 * 3600))).toBe(900_000);
    expect(await retryAfterMs('Fri, 26 Nov 2027 06:00:00 GMT')).toBe(900_000);
  });

  it('caps at the configured maximum', async () => {
    expect(await retryAfterMs('3600', clientWith({ maxRetryAfterMs: 60_000 }))).toBe(60_000);
  });

  it.each(['soon', '-5', '1.5', '', 'Thu, 26 Nov 2026 05:00:00 GMT'])(
    'ignores a value that is no delay (%j)',
    async (value) => {
      expect(await retryAfterMs(value)).toBeUndefined();
    },
  );
});

describe('GatewayClient: QR replies must answer the request', () => {
  let stub: StubServer;
  let url: string;
  const ID = 'SH-XH-WK-0007-20261126-000042-Q1';
  const OTHER = 'SH-XH-WK-0007-20261126-000041-Q1';

  beforeAll(async () => {
    stub = new StubServer();
    url = await stub.start();
  });
  afterAll(() => stub.close());

  const badReply = (reason: RegExp) => ({
    ok: false,
    kind: 'bad_reply',
    status: 200,
    reason: expect.stringMatching(reason),
  });

  it('a status reply of another attempt, or for another amount, is bad_reply', async () => {
    const client = clientFor(url);
    stub.handler = json(200, { qrPaymentId: OTHER, status: 'success', amount: 4_000 });
    expect(await client.qrStatus(ID, 4_000)).toEqual(badReply(/^qrPaymentId: /));
    stub.handler = json(200, { qrPaymentId: ID, status: 'success', amount: 1 });
    expect(await client.qrStatus(ID, 4_000)).toEqual(badReply(/^amount: /));
    stub.handler = json(200, { qrPaymentId: ID, status: 'success', amount: 4_000 });
    expect(await client.qrStatus(ID, 4_000)).toMatchObject({
      ok: true,
      body: { status: 'success' },
    });
  });

  it('a micropay or Native order reply of another attempt is bad_reply', async () => {
    const client = clientFor(url);
    const req = { qrPaymentId: ID, amount: 4_000, description: '电费' };
    stub.handler = json(200, { qrPaymentId: OTHER, status: 'success', wallet: 'wechat' });
    expect(await client.qrMicropay({ ...req, authCode: '134567890123456789' })).toEqual(
      badReply(/^qrPaymentId: /),
    );
    stub.handler = json(200, {
      qrPaymentId: OTHER,
      codeUrl: 'weixin://wxpay/bizpayurl?pr=x',
      expiresAt: '2026-11-26T14:05:41+08:00',
      status: 'pending',
    });
    expect(await client.qrOrder(req)).toEqual(badReply(/^qrPaymentId: /));
  });

  it('a cancel reply naming another attempt is bad_reply; one naming none is the contract', async () => {
    const client = clientFor(url);
    stub.handler = json(200, { qrPaymentId: OTHER, status: 'refunded' });
    expect(await client.qrCancel(ID)).toEqual(badReply(/^qrPaymentId: /));
    stub.handler = json(200, { status: 'refunded' });
    expect(await client.qrCancel(ID)).toMatchObject({ ok: true, body: { status: 'refunded' } });
  });

  it('the wallet port takes a mismatched success as unknown, never as paid', async () => {
    const port = gatewayQrWalletPort(clientFor(url));
    stub.handler = json(200, { qrPaymentId: OTHER, status: 'success', amount: 4_000 });
    expect(await port.status(ID, 4_000)).toBe('unknown');
    stub.handler = json(200, { qrPaymentId: ID, status: 'success', amount: 4_001 });
    expect(await port.status(ID, 4_000)).toBe('unknown');
    stub.handler = json(200, { qrPaymentId: OTHER, status: 'refunded' });
    expect(await port.cancel(ID)).toBe('unknown');
  });
});
