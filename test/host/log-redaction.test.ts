// What reaches the log file, at the logger itself: the real createLogger writes to a temporary
// folder, and each line is read back. Personal data and payment codes are masked at any depth,
// secrets removed, long digit runs in free text masked; everything else is left readable.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '../../src/host/logger';
import { redactText } from '../../src/host/log-redaction';

let dir: string;
let logging: { log: Logger; close(): Promise<void> };

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kiosk-log-'));
  logging = createLogger({ dir, level: 'debug', maxSize: '10M', maxFiles: 3 });
});
afterEach(async () => {
  await logging.close();
  rmSync(dir, { recursive: true, force: true });
});

type Line = Record<string, unknown>;

/** Everything written so far, one parsed object per line (the logger is closed first). */
async function written(): Promise<Line[]> {
  await logging.close();
  return readFileSync(path.join(dir, 'kiosk.log'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);
}

/** The fields a line carries besides pino's own. */
function fields(line: Line | undefined): Line {
  const { level: _l, time: _t, app: _a, msg: _m, ...rest } = line ?? {};
  return rest;
}

const CODE = '134567890123456789'; // a WeChat payment code

// What the caller logs → what the file holds.
const TABLE: [string, object, object][] = [
  ['an account', { account: '3100123456' }, { account: '3100****56' }],
  ['an account sent as a number', { account: 3100123456 }, { account: '3100****56' }],
  [
    'an account deep inside',
    { reply: { body: { quote: { account: '880012345678' } } } },
    { reply: { body: { quote: { account: '8800******78' } } } },
  ],
  ['a holder name', { holder: '张三明' }, { holder: '张*明' }],
  ['a staff name', { kind: 'staff', name: '欧阳娜娜' }, { kind: 'staff', name: '欧**娜' }],
  ['an address', { address: '武康路100弄5号' }, { address: '武*******号' }],
  ['a phone number', { phone: '13812345678' }, { phone: '1381*****78' }],
  ['a payment code as authCode', { authCode: CODE }, { authCode: '1345**********6789' }],
  ['a payment code as code', { code: CODE }, { code: '1345**********6789' }],
  ['an error code', { code: 'ENOSPC' }, { code: 'ENOSPC' }],
  ['a reply code', { code: 'account_not_found' }, { code: 'account_not_found' }],
  ['a raw scan', { text: `SGCC:3100123456` }, { text: '[15 characters]' }],
  ['a stored quote', { quoteJson: '{"holder":"张三明"}' }, { quoteJson: '[16 characters]' }],
  ['the terminal secret', { secret: 'demo-secret' }, { secret: '[redacted]' }],
  [
    'request headers',
    { headers: { Authorization: 'HMAC x', 'X-Signature': 'ab12', cookie: 'k=v' } },
    { headers: { Authorization: '[redacted]', 'X-Signature': '[redacted]', cookie: '[redacted]' } },
  ],
  [
    'a secret under any name ending so, whatever it holds',
    { terminalSecret: { value: 'x' }, sessionToken: 42 },
    { terminalSecret: '[redacted]', sessionToken: '[redacted]' },
  ],
  [
    'a token in a URL',
    { url: 'http://k/?token=abc&s=1' },
    { url: 'http://k/?token=[redacted]&s=1' },
  ],
  [
    'a payment code in an unknown field',
    { note: `customer showed ${CODE}` },
    { note: 'customer showed 1345************89' },
  ],
  ['accounts in a list', { accounts: ['3100123456', 'x'] }, { accounts: ['3100****56', 'x'] }],
  ['bytes', { frame: Buffer.from(CODE) }, { frame: '[18 bytes]' }],
  [
    'identifiers the kiosk and the gateway issue',
    { agentSerial: 'SH-XH-WK-0007-20261126-000042', billerTxnId: 'SGCC-8891200012345' },
    { agentSerial: 'SH-XH-WK-0007-20261126-000042', billerTxnId: 'SGCC-8891200012345' },
  ],
  [
    'money and states',
    { paymentId: 42, amount: 18_650, billerId: 'sh-power', state: 'WRITTEN_OFF', ok: true },
    { paymentId: 42, amount: 18_650, billerId: 'sh-power', state: 'WRITTEN_OFF', ok: true },
  ],
];

describe('the log file', () => {
  it.each(TABLE)('%s', async (_what, input, expected) => {
    logging.log.info(input, 'case');
    const [line] = await written();
    expect(fields(line)).toEqual(expected);
  });

  it('masks long digit runs in messages and in interpolated values', async () => {
    logging.log.warn(`account 3100123456 paid with ${CODE}`);
    logging.log.info('scan %s', CODE);
    const lines = await written();
    expect(lines.map((l) => l.msg)).toEqual([
      'account 3100****56 paid with 1345************89',
      'scan 1345************89',
    ]);
  });

  it('keeps an error whole but redacted: type, message, stack, its fields, its cause', async () => {
    const cause = new Error(`wallet refused ${CODE}`);
    const err = Object.assign(new Error('lookup of 3100123456 failed', { cause }), {
      account: '3100123456',
      code: 'E_LOOKUP',
    });
    logging.log.error({ err }, 'bill query failed');
    logging.log.error(new Error(`scan ${CODE} is not a bill`));
    const [first, second] = await written();
    const e = first?.err as Record<string, string>;
    expect(e).toMatchObject({
      type: 'Error',
      message: 'lookup of 3100****56 failed: wallet refused 1345************89',
      account: '3100****56',
      code: 'E_LOOKUP',
    });
    expect(e.stack).toMatch(/^Error: lookup of 3100\*\*\*\*56 failed\n\s+at /);
    expect(e.stack).toContain('caused by: Error: wallet refused 1345************89');
    expect(e.stack).toContain('log-redaction.test.ts');
    // An error alone: its (masked) message is the line's message.
    expect(second?.msg).toBe('scan 1345************89 is not a bill');
    expect((second?.err as Record<string, string>).stack).not.toContain(CODE);
  });

  it("keeps an error class's name readable", async () => {
    class ListenError extends Error {
      override name = 'ListenError';
    }
    logging.log.error({ err: new ListenError('port busy') }, 'x');
    const [line] = await written();
    expect(line?.err).toMatchObject({ type: 'ListenError', name: 'ListenError' });
  });

  it("masks a child logger's fields, and never changes the caller's object", async () => {
    const input = { account: '3100123456', nested: { holder: '张三明' } };
    logging.log.child({ device: 'cardReader', uid: '04C0FFEE000001' }).info(input, 'card');
    expect(input).toEqual({ account: '3100123456', nested: { holder: '张三明' } });
    const [line] = await written();
    expect(fields(line)).toEqual({
      device: 'cardReader',
      uid: '04C0********01',
      account: '3100****56',
      nested: { holder: '张*明' },
    });
  });

  it('writes the line even when a field cannot be read', async () => {
    const hostile = {
      get account(): string {
        throw new Error('no');
      },
    };
    expect(() => logging.log.warn({ hostile }, 'odd object 3100123456')).not.toThrow();
    const [line] = await written();
    expect(line).toMatchObject({ fields: '[unreadable]', msg: 'odd object 3100****56' });
  });

  it('ends a cycle instead of following it', async () => {
    const loop: Record<string, unknown> = { account: '3100123456' };
    loop.self = loop;
    logging.log.info({ loop }, 'cycle');
    const [line] = await written();
    expect(fields(line)).toEqual({ loop: { account: '3100****56', self: '[circular]' } });
  });
});

describe('the safety net for free text', () => {
  it.each([
    ['short numbers stay', 'port 8730, 3 notes, 2026-11-26T14:03:11+08:00', null],
    ['9 digits stay', 'SGCC-889120001', null],
    ['10 digits are masked', 'acct 3100123456', 'acct 3100****56'],
    ['24 digits are masked', `x${'7'.repeat(24)}y`, `x7777${'*'.repeat(18)}77y`],
    ['every run', '1234567890 and 0987654321', '1234****90 and 0987****21'],
    [
      'secrets in a query',
      'GET /cb?access_token=a1&x=2&apiKey=k#f',
      'GET /cb?access_token=[redacted]&x=2&apiKey=[redacted]#f',
    ],
  ])('%s', (_what, text, expected) => {
    expect(redactText(text)).toBe(expected ?? text);
  });
});
