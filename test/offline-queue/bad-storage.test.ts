// A damaged journal and a full disk: each gives a clear error and loses nothing committed.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { JournalError, openJournal } from '../../offline-queue/open-journal';
import { PaymentJournal } from '../../offline-queue/payment-journal';

const ROOT = path.resolve(import.meta.dirname, '../..');

function newPayment(journal: PaymentJournal, n: number) {
  return journal.create({
    terminalId: 'SH-XH-WK-0007',
    businessDay: '20261126',
    billerId: 'sh-power',
    account: '3100123456',
    quoteId: `q_${n}`,
    quoteJson: JSON.stringify({ n, pad: 'x'.repeat(200) }),
    amountDue: 40_000,
    acceptsOverpayment: true,
    method: 'cash',
  });
}

describe('a damaged journal', () => {
  it('is refused with a clear error and left byte for byte as it was', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-damaged-'));
    const file = path.join(dir, 'journal.sqlite');
    const db = openJournal(file);
    const journal = new PaymentJournal(db);
    for (let i = 0; i < 300; i++) newPayment(journal, i);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();

    const bytes = readFileSync(file);
    // Scribble over the middle of the file: b-tree pages of the payment table.
    const damaged = Buffer.from(bytes);
    damaged.fill(0xa5, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 4096);
    writeFileSync(file, damaged);

    expect(() => openJournal(file)).toThrow(JournalError);
    expect(() => openJournal(file)).toThrow(/journal .* is damaged .*left untouched/);
    expect(readFileSync(file).equals(damaged)).toBe(true);
  });
});

describe('a full disk', () => {
  it('fails the write that does not fit, clearly, and keeps every earlier commit', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-full-'));
    const file = path.join(dir, 'journal.sqlite');
    // A child process whose files may not grow past 1 MiB (RLIMIT_FSIZE): the disk "fills".
    const script = path.join(ROOT, 'test/offline-queue/fill-journal.ts');
    const out = await new Promise<string>((resolve) => {
      execFile(
        'prlimit',
        ['--fsize=1048576', process.execPath, '--import', 'tsx', script, file],
        { cwd: ROOT, timeout: 60_000 },
        (_err, stdout) => resolve(stdout),
      );
    });
    const report = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as {
      committed: number;
      error: string;
      code: string;
    };
    expect(report.committed).toBeGreaterThan(10);
    expect(report.code).toMatch(/^SQLITE_(FULL|IOERR)/);

    // With room again, every acknowledged payment is there and the journal is intact.
    const db = new Database(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const count = db.prepare('SELECT count(*) AS n FROM payment').get() as { n: number };
    expect(count.n).toBe(report.committed);
    db.close();
    expect(() => openJournal(file).close()).not.toThrow();
  });
});

describe('a new journal', () => {
  it('uses 1 KiB pages, so each commit syncs fewer bytes (bench P1)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-pages-'));
    const db = openJournal(path.join(dir, 'new.sqlite'));
    expect(db.pragma('page_size', { simple: true })).toBe(1024);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });
});
