// What reaches the log file of the running host, end to end with the simulated devices and the
// gateway simulator: a scanned bill's account, a staff card's name, a customer's payment code and
// a holder name the gateway sent whole are never written in clear (docs/LOGGING.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/api/kiosk-api';
import type { KioskConfig } from '../../src/config/schema';
import type { PeopleConfig } from '../../src/service/people';
import { startTestKiosk, type TestKioskHandle } from '../support/kiosk-fixture';

let kiosk: TestKioskHandle | null = null;
afterEach(async () => {
  await kiosk?.stop();
  kiosk = null;
});

const ACCOUNT = '3100123456';
const STAFF_NAME = '王小明';
const STAFF_UID = '04C0FFEE000001';
const PAYMENT_CODE = '134567890123456789'; // WeChat: 1[0-5] and 16 digits
const FULL_HOLDER = '张三明';

const PEOPLE: PeopleConfig = [
  { staffNumber: '1001', name: STAFF_NAME, role: 'staff', cardUid: STAFF_UID },
];

interface LogLine {
  msg?: string;
  [key: string]: unknown;
}

function logText(k: TestKioskHandle): string {
  return readFileSync(path.join(k.dir, 'log', 'kiosk.log'), 'utf8');
}

/** The first log line with this message, once the host has written it. */
async function logLine(k: TestKioskHandle, msg: string): Promise<LogLine> {
  let found: LogLine | undefined;
  await expect
    .poll(
      () => {
        const lines = logText(k)
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as LogLine);
        found = lines.find((l) => l.msg === msg);
        return found !== undefined;
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return found as LogLine;
}

function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(textsOf);
  return [];
}

async function screen(k: TestKioskHandle, name: Snapshot['screen']['name']): Promise<Snapshot> {
  await expect.poll(() => k.host.latest().screen.name, { timeout: 10_000 }).toBe(name);
  return k.host.latest();
}

async function startKiosk(): Promise<TestKioskHandle> {
  return startTestKiosk({
    devices: {
      billAcceptor: { driver: 'id003', port: 'sim://bill-acceptor', pollIntervalMs: 100 },
      scanner: { driver: 'serial-line', port: 'sim://scanner' },
      cardReader: { driver: 'pcsc', reader: 'sim://card-reader', retryMs: 200 },
    },
    people: PEOPLE,
  } as Partial<KioskConfig>);
}

describe('the host log keeps personal data and payment codes out', () => {
  it('a scanned bill: the account is masked as on receipts', async () => {
    kiosk = await startKiosk();
    kiosk.scanner.scan(`SGCC:${ACCOUNT}`);
    await screen(kiosk, 'bills');
    const line = await logLine(kiosk, 'scanned');
    expect(line.scan).toEqual({ kind: 'bill', billerId: 'sh-power', account: '3100****56' });
    expect(logText(kiosk)).not.toContain(ACCOUNT);
  });

  it('a staff card: the name keeps its first and last character', async () => {
    kiosk = await startKiosk();
    await new Promise((r) => setTimeout(r, 300)); // the reader is up
    kiosk.cards.set(STAFF_UID);
    const line = await logLine(kiosk, 'staff card presented');
    expect(line).toMatchObject({ kind: 'staff', name: '王*明' });
    expect(logText(kiosk)).not.toContain(STAFF_NAME);
  });

  it('a payment code scanned at the attract screen is never written whole', async () => {
    kiosk = await startKiosk();
    await screen(kiosk, 'attract');
    kiosk.scanner.scan(PAYMENT_CODE);
    await screen(kiosk, 'problem');
    const line = await logLine(kiosk, 'scanned');
    expect(line.scan).toMatchObject({ kind: 'paymentCode', wallet: 'wechat' });
    expect(logText(kiosk)).not.toContain(PAYMENT_CODE);
    // No text anywhere in the file carries a run of digits as long as an account or a code.
    const texts = logText(kiosk)
      .split('\n')
      .filter(Boolean)
      .flatMap((l) => textsOf(JSON.parse(l)));
    expect(texts.filter((t) => /[0-9]{10,}/.test(t))).toEqual([]);
  });

  it('a holder name the gateway sends whole is masked before the screen, the journal and the log', async () => {
    kiosk = await startKiosk();
    // The simulator's store, as a gateway that forgot to mask would hold it.
    const gatewayDb = new Database(path.join(kiosk.dir, 'gateway.sqlite'));
    gatewayDb
      .prepare('UPDATE accounts SET holder = ?, address = ? WHERE account = ?')
      .run(FULL_HOLDER, '武康路100弄5号', ACCOUNT);
    gatewayDb.close();

    kiosk.scanner.scan(`SGCC:${ACCOUNT}`);
    const bills = await screen(kiosk, 'bills');
    expect(bills.screen).toMatchObject({ quote: { holder: '张*明', address: '武康路***弄*号' } });
    kiosk.host.send({ type: 'PAY_CASH' });
    const confirm = await screen(kiosk, 'confirm');
    expect(confirm.screen).toMatchObject({ holder: '张*明' });
    kiosk.host.send({ type: 'CONFIRM' });
    await screen(kiosk, 'insertCash');
    const [payment] = kiosk.host.journal.inStates(['COLLECTING']);
    expect(payment?.quoteJson).toContain('"holder":"张*明"');
    expect(payment?.quoteJson).not.toContain(FULL_HOLDER);
    kiosk.host.send({ type: 'CANCEL' });
    await screen(kiosk, 'attract');
    expect(logText(kiosk)).not.toContain(FULL_HOLDER);
  });
});
