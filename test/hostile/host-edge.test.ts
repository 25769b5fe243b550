// The hostile-input suite against the production host, compiled, in its own process: the
// attacks seen in the field by name, then generated ones (URLs, headers, upgrade paths, frame
// sizes, raw frames, JSON shapes) and floods. After every case the process is alive, answers
// GET /, and the kiosk's own page — its screen — is still read and answered.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { Key, WS_PATH, type Snapshot } from '../../src/api/kiosk-api';
import { STAFF_EVENT_SCHEMAS } from '../../src/api/kiosk-api';
import { USER_EVENT_TYPES } from '../flows/session-model-graph';

const STAFF_TYPES = STAFF_EVENT_SCHEMAS.map((schema) => String(schema.shape.type.def.values[0]));
import { kioskSocket } from '../support/kiosk-pass';
import { rawGet, rawRequest, slowClients } from './raw-http';
import { startHostTarget, stillServing as stillServingTarget, type HostTarget } from './targets';

let t: HostTarget;
beforeAll(async () => {
  t = await startHostTarget();
}, 90_000);
afterAll(() => t?.stop());

const base = () => `http://127.0.0.1:${t.port}`;
const host = () => `Host: 127.0.0.1:${t.port}`;

/** The process lives, answers GET / (no pass: the 403 page), and its screen is answered. */
const stillServing = () => stillServingTarget(t);

/** A GET / as quick as the host can answer: after every generated case. */
async function answersGet(): Promise<boolean> {
  const a = await rawRequest(t.port, rawGet('/', [host(), 'Connection: close']));
  return t.host.alive && 'status' in a && a.status === 403;
}

const socketOutcome = (ws: WebSocket) =>
  new Promise<string>((resolve) => {
    ws.on('unexpected-response', (_q, res) => resolve(`http ${res.statusCode}`));
    ws.on('open', () => resolve('open'));
    ws.on('error', () => resolve('error'));
  });

describe('named cases seen in the field', () => {
  it('GET /%E0%A4%A (a malformed escape): 400, and the host serves on', async () => {
    expect(await rawRequest(t.port, rawGet('/%E0%A4%A', [host()]))).toEqual({ status: 400 });
    expect(await rawRequest(t.port, rawGet('/%E0%A4%A?launch=x', [host()]))).toEqual({
      status: 400,
    });
    await stillServing();
  });

  it('a WebSocket upgrade to //[ is refused, and the host serves on', async () => {
    const upgrade = rawGet('//[', [
      host(),
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      `Origin: ${base()}`,
      t.screen.pass.cookie ? `Cookie: ${t.screen.pass.cookie}` : '',
    ]);
    const a = await rawRequest(t.port, upgrade);
    expect(a).not.toEqual({ status: 101 });
    await stillServing();
  });

  it('a WebSocket message over the size limit closes that socket (1009) and nothing else', async () => {
    await t.screen.open();
    const closes = t.screen.closes.length;
    t.screen.sendRaw('x'.repeat(5_000));
    await expect.poll(() => t.screen.closes.length, { timeout: 5_000 }).toBe(closes + 1);
    expect(t.screen.closes.at(-1)).toBe(1009);
    await stillServing();
  });

  it('a local process that reads GET / learns nothing that lets it drive the kiosk', async () => {
    const page = await (await fetch(base())).text();
    expect(page).not.toMatch(/token|<script/i);
    const noPass = kioskSocket({ origin: base(), cookie: '' });
    expect(await socketOutcome(noPass)).toBe('http 401');
    const forged = kioskSocket({
      origin: base(),
      cookie: `kiosk_pass_${t.port}=${'A'.repeat(43)}`,
    });
    expect(await socketOutcome(forged)).toBe('http 401');
    await stillServing();
  });

  it("a second client cannot touch a customer's cash insert: the note stays the customer's", async () => {
    const s = t.screen;
    await s.open();
    const until = (
      name: Snapshot['screen']['name'],
      extra: (x: Snapshot) => boolean = () => true,
    ) => s.until((x) => x.screen.name === name && extra(x), `the ${name} screen`, 15_000);
    s.send({ type: 'CANCEL' });
    await until('attract');
    s.send({ type: 'START' });
    await until(
      'chooseBiller',
      (x) => x.screen.name === 'chooseBiller' && x.screen.billers.length > 0,
    );
    s.send({ type: 'CHOOSE_BILLER', billerId: 'sh-power' });
    for (const d of '3100123456') s.send({ type: 'KEY', key: Key.parse(d) });
    s.send({ type: 'SUBMIT_ACCOUNT' });
    await until('bills');
    s.send({ type: 'PAY_CASH' });
    await until('confirm');
    s.send({ type: 'CONFIRM' });
    await until('insertCash');

    // Everything another client could try while the customer inserts a note.
    const attempts = [
      kioskSocket({ origin: base(), cookie: '' }),
      kioskSocket({ origin: base(), cookie: `kiosk_pass_${t.port}=stolen` }),
      kioskSocket({ origin: 'http://evil.example', cookie: t.screen.pass.cookie }),
    ];
    const outcomes = await Promise.all(attempts.map(socketOutcome));
    expect(outcomes).toEqual(['http 401', 'http 401', 'error']);
    // The same browser in a second tab gets a socket, closed at once: one screen only.
    const tab = kioskSocket(t.screen.pass);
    const tabClosed = new Promise<number>((r) => tab.on('close', (c) => r(c)));
    tab.on('open', () => tab.send(JSON.stringify({ type: 'event', event: { type: 'CANCEL' } })));
    expect(await tabClosed).toBe(4009);

    await expect
      .poll(() => t.emulator.client.tryInsertNote(10_000), { timeout: 10_000 })
      .toBe(true);
    const paid = await until(
      'insertCash',
      (x) => x.screen.name === 'insertCash' && x.screen.collected === 10_000,
    );
    expect(paid.screen.name).toBe('insertCash');
    s.send({ type: 'CANCEL' }); // the customer stops short: the partial-cash rules take over
    await stillServing();
  }, 60_000);

  it('logs a flood of refusals once, not once per request', async () => {
    const before = refusalLines();
    await Promise.all(
      Array.from({ length: 300 }, () => rawRequest(t.port, rawGet('/%zz', [host()]))),
    );
    await new Promise((r) => setTimeout(r, 500)); // the log writes asynchronously
    expect(refusalLines() - before).toBeLessThanOrEqual(2);
    await stillServing();
  });
});

function refusalLines(): number {
  try {
    return readFileSync(t.logFile, 'utf8')
      .split('\n')
      .filter((l) => l.includes('refused a request')).length;
  } catch {
    return 0;
  }
}

const nasty = fc.constantFrom(
  '%',
  '%E0',
  '%A4%A',
  '%00',
  '/',
  '//',
  '..',
  '[',
  ']',
  '?',
  '#',
  '\\',
  '?launch=',
  'launch',
  '%2F..',
  '\u0000',
  '\u00ff',
  '💥',
  ' ',
  '\t',
);
const target = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.webPath(),
  fc.array(nasty, { maxLength: 20 }).map((parts) => parts.join('')),
  fc.array(nasty, { maxLength: 8 }).map((parts) => `/${parts.join('')}`),
);
const headerText = fc.string({ unit: 'binary', maxLength: 200 });
const headerName = fc.oneof(
  fc.constantFrom(
    'Host',
    'Origin',
    'Cookie',
    'Content-Length',
    'Transfer-Encoding',
    'Upgrade',
    'Connection',
    'Sec-WebSocket-Key',
    'Sec-WebSocket-Version',
    'Expect',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
);

describe('generated requests', () => {
  it('any request target: an answer or a closed connection, never a stop', async () => {
    await fc.assert(
      fc.asyncProperty(target, async (path) => {
        await rawRequest(t.port, rawGet(path, [host(), 'Connection: close']));
        return answersGet();
      }),
      { numRuns: 150 },
    );
    await stillServing();
  }, 120_000);

  it('any headers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(headerName, headerText), { maxLength: 12 }),
        fc.boolean(),
        async (headers, withHost) => {
          const lines = headers.map(([n, v]) => `${n}: ${v}`);
          await rawRequest(t.port, rawGet('/', withHost ? [host(), ...lines] : lines));
          return answersGet();
        },
      ),
      { numRuns: 150 },
    );
    await stillServing();
  }, 120_000);

  it('any upgrade: path, origin, cookie, key and version', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(target, fc.constant(WS_PATH)),
        fc.oneof(fc.constant(base()), headerText),
        fc.oneof(fc.constant(''), headerText),
        fc.oneof(fc.constant('dGhlIHNhbXBsZSBub25jZQ=='), headerText),
        fc.oneof(fc.constant('13'), headerText),
        async (path, origin, cookie, key, version) => {
          const a = await rawRequest(
            t.port,
            rawGet(path, [
              host(),
              'Connection: Upgrade',
              'Upgrade: websocket',
              `Origin: ${origin}`,
              `Cookie: ${cookie}`,
              `Sec-WebSocket-Key: ${key}`,
              `Sec-WebSocket-Version: ${version}`,
            ]),
            1_000,
          );
          // Without the page's pass no upgrade is ever granted.
          return !('status' in a && a.status === 101) && (await answersGet());
        },
      ),
      { numRuns: 150 },
    );
    await stillServing();
  }, 120_000);

  it('any message size and kind on the screen socket', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 100_000 }), fc.boolean(), async (size, binary) => {
        await t.screen.open();
        t.screen.sendRaw(binary ? Buffer.alloc(size, 0xab) : 'y'.repeat(size));
        await new Promise((r) => setTimeout(r, 20));
        await t.screen.probe();
        return answersGet();
      }),
      { numRuns: 40 },
    );
    await stillServing();
  }, 120_000);

  it('any bytes after a real handshake (malformed frames)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 2_000 }), async (bytes) => {
        t.screen.close(); // the raw socket becomes the screen for this case
        await new Promise((r) => setTimeout(r, 20));
        await rawFrames(Buffer.from(bytes));
        return answersGet();
      }),
      { numRuns: 60 },
    );
    await stillServing();
  }, 120_000);

  it('any JSON, and events of every type with any fields', async () => {
    const eventish = fc.record(
      {
        // The customer's events and the staff screens' (sign-in, keypad, every tool and screen).
        type: fc.oneof(fc.constantFrom(...USER_EVENT_TYPES, ...STAFF_TYPES), fc.string()),
        billerId: fc.oneof(fc.constantFrom('sh-power', 'sh-water', '__proto__'), fc.string()),
        key: fc.oneof(fc.constantFrom(...Key.options), fc.string()),
        scale: fc.oneof(fc.constantFrom(1, 1.25, 1.5), fc.double()),
        volume: fc.oneof(fc.integer(), fc.double()),
        muted: fc.anything(),
        topicId: fc.oneof(fc.constant(null), fc.string({ maxLength: 100 })),
        locale: fc.oneof(fc.constantFrom('zh-CN', 'en'), fc.string()),
        screen: fc.oneof(
          fc.constantFrom(null, 'diagnostics', 'cashExchange', 'pins', 'care', 'notices'),
          fc.string(),
        ),
        action: fc.oneof(
          fc.constantFrom(
            'back',
            'cancel',
            'handBack',
            'begin',
            'pay_out',
            'choose',
            'outcome',
            'send',
          ),
          fc.anything(),
        ),
        tool: fc.oneof(fc.constantFrom('testPage', 'gateway', 'bundle'), fc.string()),
        field: fc.oneof(fc.constantFrom('box', 'seal', '10000'), fc.string()),
        agentSerial: fc.oneof(fc.constant(null), fc.string({ maxLength: 100 })),
        staffNumber: fc.string({ maxLength: 20 }),
        inService: fc.anything(),
        reason: fc.oneof(fc.constantFrom('maintenance', 'counting_error'), fc.string()),
        alertId: fc.oneof(fc.constantFrom('ca_0001', '__proto__'), fc.string({ maxLength: 100 })),
        outcome: fc.oneof(fc.constantFrom('visited_ok', 'false_alarm'), fc.anything()),
      },
      { requiredKeys: ['type'] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          eventish.map((event) => ({ type: 'event', event })),
        ),
        async (message) => {
          await t.screen.open();
          t.screen.sendRaw(JSON.stringify(message) ?? 'null');
          await new Promise((r) => setTimeout(r, 60)); // under the message rate
          return answersGet();
        },
      ),
      { numRuns: 200 },
    );
    t.screen.send({ type: 'STAFF_LOCK' }); // any mode a generated tap opened
    t.screen.send({ type: 'CANCEL' });
    await stillServing();
  }, 120_000);
});

/** A handshake with the page's pass, then `bytes` as if they were frames. */
function rawFrames(bytes: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const s = connect(t.port, '127.0.0.1');
    const done = () => {
      clearTimeout(timer);
      s.destroy();
      resolve();
    };
    const timer = setTimeout(done, 1_000);
    s.on('error', done);
    s.on('close', done);
    let upgraded = false;
    s.on('data', (chunk: Buffer) => {
      if (upgraded || !chunk.toString('latin1').startsWith('HTTP/1.1 101')) return;
      upgraded = true;
      s.write(bytes);
    });
    s.write(
      rawGet(WS_PATH, [
        host(),
        'Connection: Upgrade',
        'Upgrade: websocket',
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        `Origin: ${base()}`,
        `Cookie: ${t.screen.pass.cookie}`,
      ]),
    );
  });
}

describe('floods', () => {
  it('500 connections at once', async () => {
    await Promise.all(
      Array.from({ length: 500 }, () => rawRequest(t.port, rawGet('/', [host()]), 10_000)),
    );
    await stillServing();
  }, 60_000);

  it('2,000 requests, 50 at a time, while the screen works', async () => {
    for (let i = 0; i < 40; i++) {
      await Promise.all(
        Array.from({ length: 50 }, () =>
          fetch(`${base()}/assets/none.js`).then(
            (r) => r.arrayBuffer(),
            () => undefined,
          ),
        ),
      );
    }
    await stillServing();
  }, 60_000);

  it('300 upgrade attempts without a pass', async () => {
    await Promise.all(
      Array.from({ length: 300 }, () => socketOutcome(kioskSocket({ origin: base(), cookie: '' }))),
    );
    await stillServing();
  }, 60_000);

  it('slow clients holding connections open: the screen works meanwhile, and they are dropped', async () => {
    const slow = await slowClients(t.port, 100);
    await t.screen.probe();
    await slow.allClosed; // past the connection limit at once, the rest at the header timeout
    await stillServing();
  }, 30_000);

  it('a flood of 1,000 messages on the screen socket closes it (1008); the page reconnects', async () => {
    await t.screen.open();
    const closes = t.screen.closes.length;
    for (let i = 0; i < 1_000; i++) t.screen.sendRaw('{}');
    await expect.poll(() => t.screen.closes.length, { timeout: 5_000 }).toBe(closes + 1);
    expect(t.screen.closes.at(-1)).toBe(1008);
    await stillServing();
  }, 30_000);
});
