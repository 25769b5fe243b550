// The log's files: only the kiosk's user can read them (folder 0700, files 0600, rotated ones and
// those an older version left too), and a file that cannot be written never stops the logger:
// lines are counted as lost, the trouble is told once, and logging resumes when it can.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogFile } from '../../src/host/log-file';
import { createLogger } from '../../src/host/logger';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'kiosk-logfile-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const modeOf = (file: string) => statSync(file).mode & 0o777;

function linesOf(dir: string): Record<string, unknown>[] {
  return readFileSync(path.join(dir, 'kiosk.log'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('log file modes', () => {
  it('makes the folder 0700 and the files 0600, rotated ones and the history too', async () => {
    const dir = path.join(root, 'var', 'log');
    const logging = createLogger({ dir, level: 'info', maxSize: '1K', maxFiles: 5 });
    for (let i = 0; i < 40; i++) logging.log.info({ i, pad: 'x'.repeat(80) }, 'filler');
    const rotated = () => readdirSync(dir).filter((f) => f.endsWith('-kiosk.log'));
    await expect.poll(() => rotated().length, { timeout: 5_000 }).toBeGreaterThan(1);
    await expect.poll(() => existsSync(path.join(dir, 'kiosk.log.txt'))).toBe(true);
    await logging.close();
    expect(modeOf(dir)).toBe(0o700);
    for (const f of readdirSync(dir)) expect([f, modeOf(path.join(dir, f))]).toEqual([f, 0o600]);
  });

  it('takes back a folder and files an older version left readable to others', async () => {
    const dir = path.join(root, 'log');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    for (const f of ['kiosk.log', '20260101-0000-01-kiosk.log', 'kiosk.log.txt']) {
      writeFileSync(path.join(dir, f), '', { mode: 0o644 });
      chmodSync(path.join(dir, f), 0o644);
    }
    const logging = createLogger({ dir, level: 'info', maxSize: '10M', maxFiles: 5 });
    await logging.close();
    expect(modeOf(dir)).toBe(0o700);
    for (const f of readdirSync(dir)) expect([f, modeOf(path.join(dir, f))]).toEqual([f, 0o600]);
  });
});

describe('a log file that cannot be written', () => {
  it('loses lines, says so once, and resumes when it can (the logger never throws)', async () => {
    const dir = path.join(root, 'log');
    writeFileSync(dir, 'a file where the folder should be');
    const reports: string[] = [];
    const recovered: { lost: number; cause: string }[] = [];
    const file = new LogFile({
      dir,
      maxSize: '10M',
      maxFiles: 3,
      retryMs: 50,
      report: (line) => reports.push(line),
      onRecovered: (loss) => recovered.push(loss),
    });
    for (let i = 0; i < 5; i++) file.write(`{"lost":${i}}\n`);
    await new Promise((r) => setTimeout(r, 300)); // several retries fail meanwhile
    expect(file.linesLost).toBe(5);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/^kiosk: the log file in .* cannot be written \((EEXIST|ENOTDIR)\)/);

    rmSync(dir);
    await expect.poll(() => existsSync(path.join(dir, 'kiosk.log')), { timeout: 5_000 }).toBe(true);
    file.write('{"kept":1}\n');
    await expect.poll(() => recovered).toHaveLength(1);
    expect(recovered[0]).toMatchObject({ lost: 5 });
    expect(reports[1]).toBe('kiosk: the log file is written again; 5 log lines were lost');
    await file.close();
    expect(readFileSync(path.join(dir, 'kiosk.log'), 'utf8')).toBe('{"kept":1}\n');
  });

  it('a rotation that fails mid-run stops neither the logger nor the process', async () => {
    const dir = path.join(root, 'log');
    mkdirSync(dir);
    // rotating-file-stream cannot write its history where a folder is in the way.
    mkdirSync(path.join(dir, 'kiosk.log.txt'));
    const reports: string[] = [];
    const file = new LogFile({
      dir,
      maxSize: '1K',
      maxFiles: 3,
      retryMs: 50,
      report: (line) => reports.push(line),
    });
    const line = `{"pad":"${'x'.repeat(200)}"}\n`;
    for (let i = 0; i < 20; i++) file.write(line);
    await expect.poll(() => reports).toHaveLength(1);
    expect(reports[0]).toContain('(EISDIR)');
    for (let i = 0; i < 20; i++) file.write(line);
    await new Promise((r) => setTimeout(r, 200));
    expect(reports).toHaveLength(1); // one burst, told once
    expect(file.linesLost).toBeGreaterThan(0);

    rmSync(path.join(dir, 'kiosk.log.txt'), { recursive: true });
    await expect
      .poll(
        () => {
          file.write('{"after":1}\n');
          return reports.length;
        },
        { timeout: 5_000 },
      )
      .toBe(2);
    expect(reports[1]).toMatch(/^kiosk: the log file is written again; \d+ log lines were lost$/);
    await file.close();
  });

  it('the host logger starts without its folder and writes the loss once it can', async () => {
    const dir = path.join(root, 'log');
    writeFileSync(dir, 'in the way');
    const logging = createLogger({ dir, level: 'info', maxSize: '10M', maxFiles: 3 });
    expect(() => logging.log.info({ n: 1 }, 'lost')).not.toThrow();
    rmSync(dir);
    await expect
      .poll(
        () => {
          logging.log.info({}, 'probe');
          return existsSync(path.join(dir, 'kiosk.log')) && linesOf(dir).length > 1;
        },
        { timeout: 10_000, interval: 200 },
      )
      .toBe(true);
    await logging.close();
    const notice = linesOf(dir).find(
      (l) => l.msg === 'log lines were lost while the log file could not be written',
    );
    expect(notice).toMatchObject({ level: 40, cause: expect.stringMatching(/EEXIST|ENOTDIR/) });
    expect(notice?.lost).toBeGreaterThanOrEqual(1);
  });

  it('closing never hangs or throws, open or broken', async () => {
    const dir = path.join(root, 'log');
    writeFileSync(dir, 'in the way');
    const broken = new LogFile({ dir, maxSize: '10M', maxFiles: 3, report: () => {} });
    await expect(broken.close()).resolves.toBeUndefined();
    broken.write('after close\n'); // ignored
    rmSync(dir);
    const open = new LogFile({ dir, maxSize: '10M', maxFiles: 3 });
    open.write('{"a":1}\n');
    await expect(open.close()).resolves.toBeUndefined();
    expect(readFileSync(path.join(dir, 'kiosk.log'), 'utf8')).toBe('{"a":1}\n');
  });
});
