// The diagnostic bundle: written whole to the configured folder, read back with the system's
// tar, its manifest's checksums and its own checksum as sha256sum gives them, and every file in
// it searched with grep for the terminal secret, the secret file's content, account numbers,
// holder names, addresses, people's names, whole card UIDs and a token: none may be there.
// Then the refusals: no folder set, no folder, not a folder, read-only, a write that fails.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceDiagnosis } from '../../drivers/diagnosis';
import { CashBox } from '../../offline-queue/cash-box';
import { reconcileDay } from '../../offline-queue/reconciliation';
import { StaffItems } from '../../offline-queue/staff-items';
import packageJson from '../../package.json' with { type: 'json' };
import { loadConfig } from '../../src/config/load-config';
import { KioskConfig } from '../../src/config/schema';
import { readJournalFigures } from '../../src/service/bundle-journal';
import {
  BundleError,
  writeDiagnosticBundle,
  type DiagnosticBundleOptions,
} from '../../src/service/diagnostic-bundle';
import {
  newPayment,
  openTestJournal,
  paymentInState,
  tempDir,
  type TempDir,
  type TestJournal,
} from '../offline-queue/journal-fixture';
import { emptyFigures } from './bundle-fixture';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TERMINAL = 'SH-XH-WK-0007';
const NOW = Date.parse('2026-11-26T14:03:11+08:00');

/** What a config may name and a journal or log may hold: none of it may reach the bundle. */
const INLINE_SECRET = randomBytes(32).toString('hex');
const FILE_SECRET = randomBytes(32).toString('base64url');
const TOKEN = 'tok9f8e7d6c5b4a3928170655';
const PEOPLE = [
  { staffNumber: '1001', name: '王小明', role: 'staff', cardUid: '04C0FFEE000001' },
  { staffNumber: '9001', name: '欧阳娜娜', role: 'technician', cardUid: '04C0FFEE0000A2' },
];
const CARD = {
  uid: '04A1B2C3D4E5F6',
  kind: 'account',
  billerId: 'sh-power',
  account: '3100987654',
};
const ACCOUNTS = ['3100123456', '4400555566667'];
const HOLDERS = ['张三明', '李四光'];
const ADDRESS = '武康路100弄5号';
const PAYMENT_CODE = '134567890123456789';

let tmp: TempDir;
let t: TestJournal;

beforeEach(() => {
  tmp = tempDir('kiosk-bundle-');
  mkdirSync(tmp.file('usb'));
  mkdirSync(tmp.file('log'));
  t = openTestJournal(tmp.file('journal.sqlite'));
});
afterEach(() => {
  t.close();
  tmp.remove();
});

/** The config file a terminal would have, with its secret inline or in a secret file. */
function configFile(secret: 'inline' | 'file', extra: Record<string, unknown> = {}): string {
  const terminal: Record<string, string> = { id: TERMINAL };
  if (secret === 'inline') terminal.secret = INLINE_SECRET;
  else {
    writeFileSync(tmp.file('terminal.secret'), `${FILE_SECRET}\n`, { mode: 0o600 });
    terminal.secretFile = 'terminal.secret';
  }
  const file = tmp.file(`kiosk-${secret}.json`);
  const config = {
    terminal,
    gateway: { baseUrl: 'https://gateway.example.test/collect/' },
    journal: { path: 'journal.sqlite' },
    logging: { dir: 'log' },
    devices: {
      billAcceptor: { driver: 'id003', port: '/dev/ttyUSB0' },
      cardReader: { driver: 'pcsc', cards: [CARD] },
    },
    people: PEOPLE,
    service: { bundleDir: 'usb' },
    ...extra,
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** Payments in several states, a refund slip, a reconciliation with a 短款, notes in the box. */
function fillJournal(): void {
  const quote = (holderName: string) =>
    JSON.stringify({ quoteId: 'q_test', holderName, address: ADDRESS, totalDue: 40773 });
  const [a, b] = ACCOUNTS as [string, string];
  const [h1, h2] = HOLDERS as [string, string];
  paymentInState(t, 'RECEIPTED', { payment: { account: a, quoteJson: quote(h1) } });
  paymentInState(t, 'FUNDS_CAPTURED', { payment: { account: b, quoteJson: quote(h2) } });
  paymentInState(t, 'AWAIT_RECON', { notes: [5000], payment: { account: a } });
  paymentInState(t, 'ABANDONED', { payment: { account: b } });
  // Walked there without notes (a refused write-off would have taken some).
  const refund = paymentInState(t, 'MANUAL_REFUND', { payment: { account: a } });
  const staff = new StaffItems(t.db, t.clock);
  staff.open({ kind: 'cash_refund', paymentId: refund, amount: 2000, reason: 'write-off refused' });
  reconcileDay({
    db: t.db,
    journal: t.journal,
    outbox: t.outbox,
    staff,
    day: '2026-11-25',
    clock: t.clock,
    gateway: {
      date: '2026-11-25',
      count: 1,
      total: 5000,
      records: [
        {
          agentSerial: `${TERMINAL}-20261125-000099`,
          amount: 5000,
          status: 'written_off',
          writtenOffAt: '2026-11-25T10:00:00+08:00',
        },
      ],
    },
  });
  t.journal.create(newPayment({ account: b }));
}

function figures() {
  const staffItems = new StaffItems(t.db, t.clock);
  return readJournalFigures({
    db: t.db,
    journal: t.journal,
    cashBox: new CashBox(t.db, t.journal, staffItems, t.clock),
    staffItems,
  });
}

const DEVICES: DeviceDiagnosis[] = [
  {
    kind: 'billAcceptor',
    driver: 'id003',
    port: '/dev/ttyUSB0',
    model: 'iVIZION',
    firmware: 'V1.23',
    status: 'online',
    detail: null,
    counters: { stacked: 7, returned: 1, reconnects: 0, faults: 0, warnings: 0, errors: 0 },
    events: [{ at: NOW - 60_000, level: 'info', text: 'online' }],
  },
  {
    kind: 'cardReader',
    driver: 'pcsc',
    port: 'ACS ACR122U',
    model: null,
    firmware: null,
    status: 'online',
    // Drivers never put a whole UID here; the bundle would catch it if one did.
    detail: 'last card 04C0FFEE000001',
    counters: { cards: 3, reconnects: 1, faults: 0, warnings: 1, errors: 0 },
    events: [{ at: NOW - 5_000, level: 'warn', text: 'card 04A1B2C3D4E5F6 read twice' }],
  },
];

/** Log lines as a host that did not redact (or a bug) could have left them. */
function writeLogs(secret: string): void {
  const line = (o: Record<string, unknown>) =>
    JSON.stringify({ level: 30, time: NOW - 1000, app: 'kiosk-host', ...o });
  const current = [
    line({ account: ACCOUNTS[0], msg: 'account scanned' }),
    line({
      holderName: HOLDERS[0],
      address: ADDRESS,
      quoteJson: JSON.stringify({ holderName: HOLDERS[1] }),
      msg: 'quote',
    }),
    line({ url: `https://gateway.example.test/v1/x?token=${TOKEN}&b=1`, msg: 'gateway call' }),
    line({ terminal: { secret }, msg: 'config' }),
    line({ cardUid: PEOPLE[0]?.cardUid, staffName: PEOPLE[0]?.name, msg: 'card presented' }),
    `boot: using ${secret} for account ${ACCOUNTS[1]} card ${CARD.uid.toLowerCase()} of ${PEOPLE[1]?.name}`,
    line({
      text: '[15 characters]',
      err: { type: 'ConfigError', message: `bad ${CARD.account}`, name: 'ConfigError' },
      msg: 'refused',
    }),
    line({ agentSerial: `${TERMINAL}-20261126-000001`, authCode: PAYMENT_CODE, msg: 'qr paid' }),
  ];
  writeFileSync(tmp.file('log/kiosk.log'), `${current.join('\n')}\n{"msg":"half a li`);
  const rotated = [
    line({ account: ACCOUNTS[1], msg: 'account typed' }),
    line({ paymentCode: PAYMENT_CODE, msg: 'wallet code' }),
  ];
  writeFileSync(tmp.file('log/20261126-1000-01-kiosk.log'), `${rotated.join('\n')}\n`);
  // Not logs: never taken.
  writeFileSync(tmp.file('log/kiosk.log.txt'), 'history\n');
  writeFileSync(tmp.file('log/notes.txt'), `${ACCOUNTS[0]}\n`);
}

function extract(file: string): string {
  const out = tmp.file(`extracted-${path.basename(file)}`);
  mkdirSync(out);
  const tar = spawnSync('tar', ['-xzf', file, '-C', out], { encoding: 'utf8' });
  expect(tar.stderr).toBe('');
  expect(tar.status).toBe(0);
  return out;
}

function listing(file: string): string[] {
  const tar = spawnSync('tar', ['-tzf', file], { encoding: 'utf8' });
  expect(tar.status).toBe(0);
  return tar.stdout.trim().split('\n');
}

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => statSync(path.join(dir, f)).isFile())
    .sort();
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

interface Manifest {
  terminalId: string;
  createdAt: string;
  files: { path: string; bytes: number; sha256: string }[];
  cut: { file: string; reason: string; detail: string }[];
  masked: Record<string, number>;
}

describe('the diagnostic bundle', () => {
  it.each(['file', 'inline'] as const)(
    'is one readable .tar.gz holding no secret or personal data (secret %s)',
    async (kind) => {
      const config = loadConfig(configFile(kind), {});
      const secret = kind === 'file' ? FILE_SECRET : INLINE_SECRET;
      expect(config.terminal.secret).toBe(secret);
      fillJournal();
      writeLogs(secret);
      const journal = figures();

      const bundle = await writeDiagnosticBundle({ config, devices: DEVICES, journal, now: NOW });

      // One file, named for the terminal and the business time, nothing else left in the folder.
      expect(bundle.file).toBe(tmp.file(`usb/kiosk-${TERMINAL}-20261126-140311.tar.gz`));
      expect(readdirSync(tmp.file('usb'))).toEqual([path.basename(bundle.file)]);
      expect(bundle.bytes).toBe(statSync(bundle.file).size);
      const sum = spawnSync('sha256sum', [bundle.file], { encoding: 'utf8' });
      expect(sum.stdout.split(' ')[0]).toBe(bundle.sha256);

      expect(listing(bundle.file)).toEqual([
        'MANIFEST.json',
        'versions.json',
        'config.json',
        'devices.json',
        'journal.json',
        'logs/',
        'logs/kiosk.log',
        'logs/20261126-1000-01-kiosk.log',
      ]);
      const out = extract(bundle.file);

      // The manifest lists every other file with its size and checksum.
      const manifest = readJson(path.join(out, 'MANIFEST.json')) as Manifest;
      expect(manifest).toMatchObject({
        terminalId: TERMINAL,
        createdAt: '2026-11-26T14:03:11.000+08:00',
      });
      expect(manifest.files.map((f) => f.path).sort()).toEqual(
        filesUnder(out).filter((f) => f !== 'MANIFEST.json'),
      );
      for (const f of manifest.files) {
        const sha = spawnSync('sha256sum', [path.join(out, f.path)], { encoding: 'utf8' });
        expect(sha.stdout.split(' ')[0], f.path).toBe(f.sha256);
        expect(statSync(path.join(out, f.path)).size, f.path).toBe(f.bytes);
      }

      // grep, every extracted file, for everything that must not be there.
      const forbidden = [
        // The secrets, and every piece of 16 characters of them.
        ...[INLINE_SECRET, FILE_SECRET].flatMap((s) => [
          s,
          ...Array.from({ length: s.length - 15 }, (_, i) => s.slice(i, i + 16)),
        ]),
        TOKEN,
        ...ACCOUNTS,
        CARD.account,
        CARD.uid,
        ...PEOPLE.map((p) => p.cardUid),
        ...PEOPLE.map((p) => p.name),
        ...HOLDERS,
        ADDRESS,
        PAYMENT_CODE,
      ];
      const grep = spawnSync('grep', ['-rFil', ...forbidden.flatMap((f) => ['-e', f]), out], {
        encoding: 'utf8',
      });
      expect(grep.stdout).toBe('');
      expect(grep.status).toBe(1); // grep: no line matched
      for (const f of filesUnder(out)) {
        const text = readFileSync(path.join(out, f), 'utf8').toLowerCase();
        for (const value of forbidden)
          expect(text, `${value} in ${f}`).not.toContain(value.toLowerCase());
      }

      // What is there: versions, the config masked, devices, the journal's figures, the logs.
      expect(readJson(path.join(out, 'versions.json'))).toMatchObject({
        app: packageJson.version,
        node: process.versions.node,
        electron: null,
        platform: process.platform,
        journalSchema: journal.schemaVersion,
      });
      const shown = readJson(path.join(out, 'config.json')) as {
        terminal: unknown;
        people: unknown;
        devices: { cardReader: { cards: unknown } };
        service: unknown;
        logging: { dir: string };
      };
      expect(shown.terminal).toEqual({ id: TERMINAL, secret: '<removed>' });
      expect(shown.people).toEqual([
        { staffNumber: '1001', name: '王*明', role: 'staff', cardUid: '04C0********01' },
        { staffNumber: '9001', name: '欧**娜', role: 'technician', cardUid: '04C0********A2' },
      ]);
      expect(shown.devices.cardReader.cards).toEqual([
        { uid: '04A1********F6', kind: 'account', billerId: 'sh-power', account: '3100****54' },
      ]);
      expect(shown.service).toEqual({ bundleDir: tmp.file('usb') });
      expect(shown.logging.dir).toBe(tmp.file('log'));

      const devices = readJson(path.join(out, 'devices.json')) as DeviceDiagnosis[];
      expect(devices.map((d) => [d.kind, d.status, d.counters])).toEqual(
        DEVICES.map((d) => [d.kind, d.status, d.counters]),
      );
      expect(devices[1]?.detail).toBe('last card 04C0********01');

      const figuresShown = readJson(path.join(out, 'journal.json'));
      expect(figuresShown).toEqual(JSON.parse(JSON.stringify(journal)));
      expect(figuresShown).toMatchObject({
        paymentsByState: {
          CREATED: { count: 1, total: 0 },
          RECEIPTED: { count: 1, total: 20000 },
          FUNDS_CAPTURED: { count: 1, total: 20000 },
          AWAIT_RECON: { count: 1, total: 5000 },
          ABANDONED: { count: 1, total: 0 },
          MANUAL_REFUND: { count: 1, total: 0 },
        },
        pendingSync: { count: 2, total: 25000 },
        cashBox: { notes: { '5000': 1, '10000': 4 }, total: 45000 },
        openStaffItems: {
          cash_refund: { count: 1, total: 2000 },
          discrepancy: { count: 1, total: 5000 },
          note_review: { count: 0, total: 0 },
        },
        lastReconciliation: { day: '2026-11-25', differences: 1 },
      });

      // The logs: the last lines, each redacted again; the line still being written left out.
      const log = readFileSync(path.join(out, 'logs/kiosk.log'), 'utf8').trimEnd().split('\n');
      expect(log).toHaveLength(8);
      expect(log.join('\n')).not.toContain('half a li');
      const fields = log.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as object);
      expect(fields).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ account: '3100****56', msg: 'account scanned' }),
          expect.objectContaining({
            holderName: '张*明',
            address: '武*******号',
            quoteJson: '[20 characters]',
          }),
          expect.objectContaining({
            url: 'https://gateway.example.test/v1/x?token=[redacted]&b=1',
          }),
          expect.objectContaining({ terminal: { secret: '[redacted]' } }),
          expect.objectContaining({ cardUid: '04C0********01', staffName: '王*明' }),
          expect.objectContaining({
            text: '[15 characters]',
            err: { type: 'ConfigError', message: 'bad 3100****54', name: 'ConfigError' },
          }),
          expect.objectContaining({
            agentSerial: `${TERMINAL}-20261126-000001`,
            authCode: '1345**********6789',
          }),
        ]),
      );
      // Free text: the net masks the account; the secret, the card and the name are known values.
      expect(log[5]).toBe(
        `boot: using <removed> for account 4400*******67 card 04A1********F6 of 欧**娜`,
      );
      // Counted: the two UIDs of the devices; the boot line's three and the card's account in
      // the error's message (known to the config: masked as the net would mask it).
      expect(manifest.masked).toEqual({ 'devices.json': 2, 'logs/kiosk.log': 4 });
      expect(manifest.cut).toEqual([]);
      expect(filesUnder(out)).not.toContain('logs/notes.txt');
    },
  );

  it('takes the last lines of the newest logs, and says what it left out', async () => {
    const config = KioskConfig.parse({
      ...baseConfig(),
      logging: { dir: tmp.file('log') },
    });
    const numbered = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => JSON.stringify({ level: 30, msg: `line ${from + i}` }));
    writeFileSync(tmp.file('log/kiosk.log'), `${numbered(200, 100).join('\n')}\n`);
    writeFileSync(tmp.file('log/20261126-1000-02-kiosk.log'), `${numbered(100, 100).join('\n')}\n`);
    writeFileSync(tmp.file('log/20261126-0900-01-kiosk.log'), `${numbered(0, 100).join('\n')}\n`);

    const bundle = await writeDiagnosticBundle({
      config,
      devices: [],
      journal: emptyFigures(),
      now: NOW,
      logLines: 150,
    });
    const out = extract(bundle.file);
    const lines = (f: string) => readFileSync(path.join(out, f), 'utf8').trimEnd().split('\n');
    expect(lines('logs/kiosk.log')).toHaveLength(100);
    expect(lines('logs/20261126-1000-02-kiosk.log')).toEqual(numbered(150, 50).map((l) => l));
    expect(filesUnder(out)).not.toContain('logs/20261126-0900-01-kiosk.log');
    const manifest = readJson(path.join(out, 'MANIFEST.json')) as Manifest;
    expect(manifest.cut).toEqual([
      {
        file: 'logs/20261126-1000-02-kiosk.log',
        reason: 'line_limit',
        detail: 'only its last 50 lines',
      },
      { file: 'logs/20261126-0900-01-kiosk.log', reason: 'line_limit', detail: 'left out whole' },
    ]);
  });

  it('keeps to its size bound: the oldest log lines go first, and the manifest says so', async () => {
    const config = KioskConfig.parse(baseConfig());
    const lines = Array.from({ length: 1000 }, (_, i) =>
      JSON.stringify({ level: 30, msg: `line ${i}`, pad: 'x'.repeat(100) }),
    );
    writeFileSync(tmp.file('log/kiosk.log'), `${lines.join('\n')}\n`);
    writeFileSync(tmp.file('log/20261126-1000-01-kiosk.log'), `${lines.join('\n')}\n`);
    const maxBytes = 40_000;

    const bundle = await writeDiagnosticBundle({
      config,
      devices: DEVICES,
      journal: emptyFigures(),
      now: NOW,
      maxBytes,
    });
    const out = extract(bundle.file);
    const manifest = readJson(path.join(out, 'MANIFEST.json')) as Manifest;
    const total = manifest.files.reduce((n, f) => n + f.bytes, 0);
    expect(total).toBeLessThanOrEqual(maxBytes);
    expect(total).toBeGreaterThan(maxBytes - 200);
    const kept = readFileSync(path.join(out, 'logs/kiosk.log'), 'utf8').trimEnd().split('\n');
    expect(kept.at(-1)).toBe(lines.at(-1));
    expect(kept.length).toBeLessThan(1000);
    expect(manifest.cut).toEqual([
      {
        file: 'logs/kiosk.log',
        reason: 'size_limit',
        detail: `only its last ${kept.length} lines`,
      },
      { file: 'logs/20261126-1000-01-kiosk.log', reason: 'size_limit', detail: 'left out whole' },
    ]);
  });

  it('cuts a very long line, and reads a log folder that is not there as no logs', async () => {
    writeFileSync(
      tmp.file('log/kiosk.log'),
      `${JSON.stringify({ msg: 'long', pad: 'y'.repeat(40_000) })}\n`,
    );
    const long = await writeDiagnosticBundle({
      config: KioskConfig.parse(baseConfig()),
      devices: [],
      journal: emptyFigures(),
      now: NOW,
    });
    const out = extract(long.file);
    const line = readFileSync(path.join(out, 'logs/kiosk.log'), 'utf8');
    expect(line).toMatch(/ \[cut: \d+ characters\]\n$/);
    expect(line.length).toBeLessThan(17 * 1024);
    expect((readJson(path.join(out, 'MANIFEST.json')) as Manifest).cut).toEqual([
      { file: 'logs/kiosk.log', reason: 'long_lines', detail: '1 lines cut at 16384 characters' },
    ]);

    const none = await writeDiagnosticBundle({
      config: KioskConfig.parse({ ...baseConfig(), logging: { dir: tmp.file('no-such-log') } }),
      devices: [],
      journal: emptyFigures(),
      now: NOW + 1000,
    });
    const outNone = extract(none.file);
    expect(filesUnder(outNone)).toEqual([
      'MANIFEST.json',
      'config.json',
      'devices.json',
      'journal.json',
      'versions.json',
    ]);
    expect((readJson(path.join(outNone, 'MANIFEST.json')) as Manifest).cut).toEqual([
      { file: 'logs/', reason: 'unreadable', detail: 'ENOENT' },
    ]);
  });

  it('names a second bundle of the same second apart, and leaves no temporary file', async () => {
    const o: DiagnosticBundleOptions = {
      config: KioskConfig.parse(baseConfig()),
      devices: [],
      journal: emptyFigures(),
      now: NOW,
    };
    const first = await writeDiagnosticBundle(o);
    const second = await writeDiagnosticBundle(o);
    expect(path.basename(first.file)).toBe(`kiosk-${TERMINAL}-20261126-140311.tar.gz`);
    expect(path.basename(second.file)).toBe(`kiosk-${TERMINAL}-20261126-140311-2.tar.gz`);
    expect(readdirSync(tmp.file('usb')).sort()).toEqual(
      [path.basename(first.file), path.basename(second.file)].sort(),
    );
  });
});

/** A parsed config writing to tmp's usb folder, logging to tmp's log folder. */
function baseConfig(service: Record<string, unknown> = { bundleDir: tmp.file('usb') }) {
  return {
    terminal: { id: TERMINAL, secret: INLINE_SECRET },
    gateway: { baseUrl: 'https://gateway.example.test' },
    journal: { path: tmp.file('journal.sqlite') },
    logging: { dir: tmp.file('log') },
    devices: { billAcceptor: { driver: 'id003', port: '/dev/ttyUSB0' } },
    people: PEOPLE,
    service,
  };
}

async function refusal(service: Record<string, unknown>): Promise<BundleError> {
  const err: unknown = await writeDiagnosticBundle({
    config: KioskConfig.parse(baseConfig(service)),
    devices: [],
    journal: emptyFigures(),
    now: NOW,
  }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BundleError);
  return err as BundleError;
}

/** Everything under tmp but the journal's files, to show a refusal wrote nothing anywhere. */
function written(): string[] {
  return filesUnder(tmp.dir).filter((f) => !f.startsWith('journal.sqlite'));
}

describe('where the bundle cannot be written', () => {
  it('refuses without a folder in the config', async () => {
    const before = written();
    const err = await refusal({});
    expect(err.code).toBe('not_configured');
    expect(err.message).toMatch(/set service\.bundleDir/);
    expect(written()).toEqual(before);
  });

  it('refuses a folder that is not there, naming it', async () => {
    const gone = tmp.file('usb/not-mounted');
    const err = await refusal({ bundleDir: gone });
    expect(err.code).toBe('missing');
    expect(err.message).toContain(gone);
    expect(err.message).toMatch(/plugged in and mounted/);
    expect(readdirSync(tmp.file('usb'))).toEqual([]);
  });

  it('refuses a file in place of a folder, writing nothing beside it', async () => {
    writeFileSync(tmp.file('usb/drive'), 'not a folder');
    const err = await refusal({ bundleDir: tmp.file('usb/drive') });
    expect(err.code).toBe('not_a_directory');
    expect(readdirSync(tmp.file('usb'))).toEqual(['drive']);
    expect(readFileSync(tmp.file('usb/drive'), 'utf8')).toBe('not a folder');
  });

  it.runIf(process.getuid?.() !== 0)('refuses a folder it may not write', async () => {
    chmodSync(tmp.file('usb'), 0o555);
    try {
      const err = await refusal({ bundleDir: tmp.file('usb') });
      expect(err.code).toBe('not_writable');
      expect(readdirSync(tmp.file('usb'))).toEqual([]);
    } finally {
      chmodSync(tmp.file('usb'), 0o755);
    }
  });

  it.runIf(canMount())('refuses a read-only drive (a read-only mount), writing nothing', () => {
    const r = inNamespace('mount --bind "$d" "$d" && mount -o remount,bind,ro "$d"');
    expect(r).toMatchObject({ ok: false, code: 'not_writable', left: [] });
    expect(r.message).toMatch(/read-only drive/);
  });

  it.runIf(canMount())('a drive that fills up mid-write keeps no partial file', () => {
    noisyLog(400_000);
    const r = inNamespace('mount -t tmpfs -o size=64k tmpfs "$d"');
    expect(r).toMatchObject({ ok: false, code: 'write_failed', left: [] });
    expect(r.message).toMatch(/ENOSPC.*nothing was left there/);
  });

  it('a write that fails part way (file-size limit) leaves no partial file', () => {
    noisyLog(400_000);
    const r = child({ fileSizeLimit: 40_000 });
    expect(r).toMatchObject({ ok: false, code: 'write_failed', left: [] });
    expect(r.message).toMatch(/EFBIG/);
    expect(readdirSync(tmp.file('usb'))).toEqual([]);
  });
});

/** A log of random text that gzip cannot shrink much, so the bundle outgrows a small limit. */
function noisyLog(bytes: number): void {
  const lines: string[] = [];
  for (let n = 0; n < bytes; n += 200) {
    lines.push(
      JSON.stringify({ level: 30, msg: 'noise', pad: randomBytes(150).toString('base64') }),
    );
  }
  writeFileSync(tmp.file('log/kiosk.log'), `${lines.join('\n')}\n`);
}

interface ChildOutcome {
  ok: boolean;
  code?: string;
  message?: string;
  left: string[];
}

function childArgs(spec: Record<string, unknown>): string[] {
  const specFile = tmp.file('child-spec.json');
  writeFileSync(specFile, JSON.stringify({ config: baseConfig(), ...spec }));
  return ['--import', 'tsx', path.join(ROOT, 'test/service/bundle-child.ts'), specFile];
}

function parseChild(r: ReturnType<typeof spawnSync>): ChildOutcome {
  expect(String(r.stderr)).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(String(r.stdout)) as ChildOutcome;
}

function child(spec: Record<string, unknown>): ChildOutcome {
  return parseChild(
    spawnSync(process.execPath, childArgs(spec), { cwd: ROOT, encoding: 'utf8', timeout: 60_000 }),
  );
}

/** A private mount namespace (root, or an unprivileged user namespace). */
const NAMESPACE = process.getuid?.() === 0 ? ['--mount'] : ['--mount', '--map-root-user'];

/** The bundle written in a namespace where `mount` (with $d the bundle folder) ran first. */
function inNamespace(mount: string): ChildOutcome {
  const script = `d=$1; shift; ${mount} || exit 9; exec "$@"`;
  return parseChild(
    spawnSync(
      'unshare',
      [...NAMESPACE, 'sh', '-c', script, 'sh', tmp.file('usb'), process.execPath, ...childArgs({})],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    ),
  );
}

let mountable: boolean | undefined;
function canMount(): boolean {
  if (mountable !== undefined) return mountable;
  const probe = spawnSync(
    'unshare',
    [
      ...NAMESPACE,
      'sh',
      '-c',
      'd=$(mktemp -d) && mount -t tmpfs tmpfs "$d" && umount "$d"; r=$?; rmdir "$d"; exit $r',
    ],
    { encoding: 'utf8' },
  );
  mountable = probe.status === 0;
  return mountable;
}
