// openJournal proves the journal durable (WAL + synchronous=FULL) and migrated before any money
// is taken, and refuses every file it cannot trust (payments.md §3, §6 invariant 10).
import Database from 'better-sqlite3';
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../offline-queue/migrations';
import {
  JOURNAL_CACHE_KIB,
  JournalError,
  openJournal,
  type JournalDb,
} from '../../offline-queue/open-journal';
import { PaymentJournal } from '../../offline-queue/payment-journal';
import { newPayment, tempDir, type TempDir } from './journal-fixture';

let tmp: TempDir;
const opened: JournalDb[] = [];

function open(file: string): JournalDb {
  const db = openJournal(file);
  opened.push(db);
  return db;
}

function tableNames(db: JournalDb | Database.Database): string[] {
  const rows = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all() as { name: string }[];
  return rows.map((r) => r.name);
}

beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  tmp.remove();
});

describe('openJournal: durability and schema', () => {
  it('opens a fresh file with journal_mode wal, synchronous 2 (FULL) and every migration applied', () => {
    const db = open(tmp.file('journal.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(tableNames(db)).toEqual(
      expect.arrayContaining(['payment', 'payment_event', 'cash_note', 'cash_box', 'outbox']),
    );
  });

  it('creates missing parent folders for the journal file', () => {
    const db = open(tmp.file('deep/er/journal.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('reopening is idempotent: same version, same tables, data kept, durability re-asserted', () => {
    const file = tmp.file('journal.sqlite');
    const first = open(file);
    const serial = new PaymentJournal(first).create(newPayment()).agentSerial;
    const tablesBefore = tableNames(first);
    first.close();

    const again = open(file);
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    // synchronous is per connection: it must be set again on every open.
    expect(again.pragma('synchronous', { simple: true })).toBe(2);
    expect(tableNames(again)).toEqual(tablesBefore);
    const journal = new PaymentJournal(again);
    expect(journal.get(1).agentSerial).toBe(serial);
    again.close();

    const third = open(file);
    expect(third.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(new PaymentJournal(third).inStates(['CREATED'])).toHaveLength(1);
  });
});

/** Permission bits of a file or folder, e.g. 0o600. */
const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('openJournal: the journal is private to the kiosk', () => {
  // Under the usual umask 022 SQLite would create 0644 files and mkdir 0755 folders.
  it('creates the journal, its -wal and -shm files 0600 in a new folder 0700', () => {
    const file = tmp.file('private/journal.sqlite');
    const db = open(file);
    new PaymentJournal(db).create(newPayment()); // a write, so the -wal file has content
    expect(modeOf(path.dirname(file))).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(f)).toBe(0o600);
  });

  it('tightens an existing journal and its -wal and -shm files left readable by others', () => {
    const file = tmp.file('journal.sqlite');
    const first = open(file);
    new PaymentJournal(first).create(newPayment());
    // A crash leaves -wal and -shm behind; a copy or an older kiosk may have left them 0644.
    for (const f of [file, `${file}-wal`, `${file}-shm`]) chmodSync(f, 0o644);
    open(file);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(f)).toBe(0o600);
  });

  it('leaves the permissions of a refused foreign database as they were', () => {
    const file = tmp.file('other-app.sqlite');
    const other = new Database(file);
    other.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
    other.close();
    chmodSync(file, 0o644);
    expect(() => openJournal(file)).toThrow(/not a kiosk journal/);
    expect(modeOf(file)).toBe(0o644);
  });
});

describe('openJournal: memory that does not grow with the journal', () => {
  it("bounds the page cache below better-sqlite3's default, on every connection", () => {
    const file = tmp.file('journal.sqlite');
    open(file).close();
    const plain = new Database(file);
    const plainKib = -(plain.pragma('cache_size', { simple: true }) as number);
    plain.close();
    const db = open(file);
    const kib = -(db.pragma('cache_size', { simple: true }) as number);
    expect(kib).toBe(JOURNAL_CACHE_KIB);
    expect(kib).toBeLessThan(plainKib);
  });
});

describe('openJournal: refusals', () => {
  it("refuses ':memory:' with a JournalError that names WAL", () => {
    expect(() => openJournal(':memory:')).toThrow(JournalError);
    expect(() => openJournal(':memory:')).toThrow(/WAL/);
  });

  it('refuses a foreign SQLite database (tables but user_version 0)', () => {
    const file = tmp.file('other-app.sqlite');
    const other = new Database(file);
    other.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
    other.close();

    expect(() => openJournal(file)).toThrow(JournalError);
    expect(() => openJournal(file)).toThrow(/not a kiosk journal/);

    const check = new Database(file);
    expect(tableNames(check)).toEqual(['customers']);
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    check.close();
  });

  it('leaves a refused foreign database exactly as it found it (journal mode not switched to WAL)', () => {
    const file = tmp.file('other-app.sqlite');
    const other = new Database(file);
    other.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
    const modeBefore = other.pragma('journal_mode', { simple: true });
    other.close();
    expect(modeBefore).toBe('delete');

    expect(() => openJournal(file)).toThrow(JournalError);

    const check = new Database(file, { readonly: true });
    const modeAfter = check.pragma('journal_mode', { simple: true });
    check.close();
    // journal_mode=WAL is persistent: a file the kiosk refuses must not be converted.
    expect(modeAfter).toBe(modeBefore);
  });

  it('refuses a journal whose user_version is newer than this kiosk knows', () => {
    const file = tmp.file('journal.sqlite');
    const db = open(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();

    expect(() => openJournal(file)).toThrow(JournalError);
    expect(() => openJournal(file)).toThrow(/newer than this kiosk/);
  });

  it('refuses a garbage file that is not SQLite at all', () => {
    const file = tmp.file('journal.sqlite');
    writeFileSync(file, 'this is not a database '.repeat(200));
    expect(() => openJournal(file)).toThrow(JournalError);
    expect(() => openJournal(file)).toThrow(/not a database/);
  });
});

describe('payment_event is append-only', () => {
  it('raises on UPDATE, DELETE and REPLACE and keeps the event as written', () => {
    const db = open(tmp.file('journal.sqlite'));
    const journal = new PaymentJournal(db);
    const p = journal.create(newPayment());
    const before = journal.events(p.id);
    expect(before).toEqual([{ type: 'created', fromState: null, toState: 'CREATED' }]);

    expect(() => db.prepare("UPDATE payment_event SET type = 'forged'").run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM payment_event').run()).toThrow(/append-only/);
    // A REPLACE deletes the old row without a DELETE trigger: refused on its own.
    const [first] = db.prepare('SELECT * FROM payment_event').all() as Record<string, unknown>[];
    expect(() =>
      db
        .prepare(
          `INSERT OR REPLACE INTO payment_event
             SELECT id, payment_id, at, 'forged', from_state, to_state, data_json
             FROM payment_event WHERE id = ?`,
        )
        .run(first?.['id']),
    ).toThrow(/append-only/);
    expect(journal.events(p.id)).toEqual(before);
  });
});
