// The diagnostic bundle's parts on their own: the tar writer (read back by the system's tar),
// the log tail read backwards, and the masking of what the config names.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  KnownValues,
  redactLogLine,
  redactTree,
  REMOVED,
} from '../../src/service/bundle-redaction';
import { lastLines, logFilesNewestFirst } from '../../src/service/log-tail';
import { BLOCK, tarArchive } from '../../src/service/tar';
import { tempDir, type TempDir } from '../offline-queue/journal-fixture';

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir('kiosk-bundle-parts-');
});
afterEach(() => tmp.remove());

describe('the tar writer', () => {
  it('writes ustar that tar lists and extracts byte for byte', () => {
    const big = Buffer.alloc(3 * BLOCK + 17, 0xab);
    const archive = tarArchive(
      [
        { path: 'a.json', data: Buffer.from('{"x":1}\n') },
        { path: 'empty.txt', data: Buffer.alloc(0) },
        { path: 'logs/' },
        { path: 'logs/20261126-1405-01-kiosk.log', data: big },
      ],
      Date.parse('2026-11-26T14:05:40+08:00'),
    );
    expect(archive.byteLength % BLOCK).toBe(0);
    writeFileSync(tmp.file('t.tar'), archive);
    const list = spawnSync('tar', ['-tvf', tmp.file('t.tar')], { encoding: 'utf8' });
    expect(list.stderr).toBe('');
    expect(list.stdout).toMatch(/^-rw-r--r-- kiosk\/kiosk +8 2026-11-26 \d\d:\d\d a\.json$/m);
    expect(list.stdout).toMatch(/^drwxr-xr-x kiosk\/kiosk +0 .* logs\/$/m);
    mkdirSync(tmp.file('out'));
    const x = spawnSync('tar', ['-xf', tmp.file('t.tar'), '-C', tmp.file('out')], {
      encoding: 'utf8',
    });
    expect(x.stderr).toBe('');
    expect(readFileSync(tmp.file('out/a.json'), 'utf8')).toBe('{"x":1}\n');
    expect(readFileSync(tmp.file('out/empty.txt'))).toHaveLength(0);
    expect(readFileSync(tmp.file('out/logs/20261126-1405-01-kiosk.log')).equals(big)).toBe(true);
  });

  it.each([
    '/etc/passwd',
    '../up',
    'logs/../../up',
    'a b',
    'x'.repeat(101),
    '名字.json',
    '.hidden',
  ])('refuses the name %s', (name) => {
    expect(() => tarArchive([{ path: name, data: Buffer.from('x') }], 0)).toThrow(/tar:/);
  });
});

describe('the log tail', () => {
  it('reads the last lines backwards across chunks, without a line still being written', async () => {
    // Lines of several chunks' worth, with characters of three bytes across chunk boundaries.
    const lines = Array.from({ length: 3000 }, (_, i) => `${i} 缴费记录 ${'字'.repeat(i % 50)}`);
    writeFileSync(tmp.file('kiosk.log'), `${lines.join('\n')}\n{"unfinished`);
    const tail = await lastLines(tmp.file('kiosk.log'), 2500, 10_000_000);
    expect(tail).toEqual({ lines: lines.slice(-2500), more: true });
    const whole = await lastLines(tmp.file('kiosk.log'), 5000, 10_000_000);
    expect(whole).toEqual({ lines, more: false });
    // A byte budget stops the reading; only whole lines come back.
    const few = await lastLines(tmp.file('kiosk.log'), 2500, 1000);
    expect(few.more).toBe(true);
    expect(few.lines.length).toBeGreaterThan(0);
    expect(few.lines).toEqual(lines.slice(-few.lines.length));
  });

  it('takes the current log and the rotated ones, newest first, and nothing else', async () => {
    mkdirSync(tmp.file('log'));
    for (const name of [
      '20261125-0900-01-kiosk.log',
      'kiosk.log',
      '20261126-1000-02-kiosk.log',
      '20261126-1000-01-kiosk.log',
      'kiosk.log.txt',
      'journal.sqlite',
      'photo-kiosk.log.jpg',
    ]) {
      writeFileSync(path.join(tmp.file('log'), name), 'x\n');
    }
    expect(await logFilesNewestFirst(tmp.file('log'))).toEqual([
      'kiosk.log',
      '20261126-1000-02-kiosk.log',
      '20261126-1000-01-kiosk.log',
      '20261125-0900-01-kiosk.log',
    ]);
  });
});

describe('masking', () => {
  const secret = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
  const known = KnownValues.of({
    terminal: { secret },
    people: [{ name: '王小明', cardUid: '04C0FFEE000001' }, { name: 'O"Brien' }],
    devices: { cardReader: { cards: [{ uid: '04A1B2C3D4E5F6', account: '3100987654' }] } },
  });

  it('finds what the config names in any case, raw or as JSON writes it', () => {
    const text = JSON.stringify({ m: `uid 04c0ffee000001 by O"Brien, ${secret.toUpperCase()}` });
    const out = known.scrub(text);
    expect(out.count).toBe(3);
    expect(JSON.parse(out.text)).toEqual({ m: `uid 04C0********01 by O*****n, ${REMOVED}` });
  });

  it('config secrets become <removed> (a passphrase too), and are found elsewhere', () => {
    const { value, secrets } = redactTree(
      { terminal: { id: 'T', secret }, gateway: { clientKeyPassphrase: 'correct horse battery' } },
      REMOVED,
    );
    expect(value).toEqual({
      terminal: { id: 'T', secret: REMOVED },
      gateway: { clientKeyPassphrase: REMOVED },
    });
    expect(secrets).toEqual([secret, 'correct horse battery']);
  });

  it('a log line read again keeps what the log wrote in place of values', () => {
    const line = JSON.stringify({
      text: '[15 characters]',
      token: '[redacted]',
      account: '3100****56',
      err: { type: 'TypeError', name: 'TypeError', message: 'x' },
      holder: { first: '张三明' },
    });
    expect(JSON.parse(redactLogLine(line))).toEqual({
      text: '[15 characters]',
      token: '[redacted]',
      account: '3100****56',
      err: { type: 'TypeError', name: 'TypeError', message: 'x' },
      holder: { first: '张*明' },
    });
    expect(redactLogLine('plain 31001234567 text')).toBe('plain 3100*****67 text');
  });
});
