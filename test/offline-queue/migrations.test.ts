// Schema migrations (offline-queue/migrations.ts, open-journal.ts): a journal written at schema
// version 1 upgrades on open with every row and every reference intact, foreign keys are
// enforced again afterwards, the rebuilt cash_note accepts the new 'unknown' state, and a
// migration that would leave a broken reference is rolled back whole.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CashLedger } from '../../offline-queue/cash-ledger';
import { MIGRATIONS } from '../../offline-queue/migrations';
import { JournalError, openJournal, type JournalDb } from '../../offline-queue/open-journal';
import { PaymentJournal, TransitionError } from '../../offline-queue/payment-journal';
import { recoverJournal } from '../../offline-queue/recovery';
import { StaffItems } from '../../offline-queue/staff-items';
import { cashPaymentRequest, qrPaymentRequest } from '../../src/host/payment-request';
import { tempDir, testClock, TERMINAL, type TempDir } from './journal-fixture';

type Row = Record<string, unknown>;

/** The tables of schema version 1, and the order their rows are compared in. */
const V1_TABLES = ['payment', 'payment_event', 'cash_note', 'cash_box', 'outbox', 'serial_counter'];

const T0 = Date.parse('2026-11-26T14:03:11+08:00');
const serial = (n: number) => `${TERMINAL}-20261126-${String(n).padStart(6, '0')}`;

let tmp: TempDir;
const opened: (JournalDb | Database.Database)[] = [];

beforeEach(() => {
  tmp = tempDir('kiosk-migrate-');
});
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  tmp.remove();
});

function raw(file: string, readonly = false): Database.Database {
  const db = new Database(file, { readonly });
  opened.push(db);
  return db;
}

function open(file: string): JournalDb {
  const db = openJournal(file);
  opened.push(db);
  return db;
}

/** A journal as a kiosk of schema version 1 left it: only MIGRATIONS[0], user_version 1. */
function createV1(file: string): Database.Database {
  const db = raw(file);
  db.pragma('journal_mode = WAL');
  db.exec(MIGRATIONS[0] as string);
  db.pragma('user_version = 1');
  return db;
}

interface V1Fixture {
  /** A payment collecting: two notes stacked, one returned, one still in escrow. */
  collecting: number;
  escrowedNote: number;
  /** A payment captured: body stored, outbox row open. */
  captured: number;
  /** A payment written off whose notes a technician already collected from the box. */
  writtenOff: number;
}

/** Rows a version-1 kiosk would have written, inserted with version-1 SQL. */
function fillV1(db: Database.Database): V1Fixture {
  const payment = db.prepare(
    `INSERT INTO payment(agent_serial, state, biller_id, account, quote_id, quote_json, amount_due,
       accepts_overpayment, method, collected, request_json, result_json, biller_txn_id,
       created_at, updated_at)
     VALUES (?, ?, 'sh-power', '3100123456', 'q_v1', '{"quoteId":"q_v1"}', ?, 1, 'cash', ?, ?, ?, ?, ?, ?)`,
  );
  const event = db.prepare(
    `INSERT INTO payment_event(payment_id, at, type, from_state, to_state, data_json)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const note = db.prepare(
    `INSERT INTO cash_note(payment_id, value, state, escrowed_at, settled_at) VALUES (?, ?, ?, ?, ?)`,
  );
  const box = db.prepare(
    `INSERT INTO cash_box(note_id, value, stacked_at, collection_id) VALUES (?, ?, ?, ?)`,
  );
  const id = (info: Database.RunResult) => Number(info.lastInsertRowid);
  const stackedNote = (paymentId: number, value: number, at: number, collection: number | null) => {
    const n = id(note.run(paymentId, value, 'stacked', at, at + 500));
    box.run(n, value, at + 500, collection);
    return n;
  };

  return db.transaction(() => {
    const collecting = id(
      payment.run(serial(1), 'COLLECTING', 40773, 15000, null, null, null, T0, T0 + 9000),
    );
    event.run(
      collecting,
      T0,
      'created',
      null,
      'CREATED',
      JSON.stringify({ agentSerial: serial(1) }),
    );
    event.run(collecting, T0 + 1000, 'collecting', 'CREATED', 'COLLECTING', null);
    stackedNote(collecting, 10000, T0 + 2000, null);
    stackedNote(collecting, 5000, T0 + 4000, null);
    note.run(collecting, 1000, 'returned', T0 + 6000, T0 + 7000);
    const escrowedNote = id(note.run(collecting, 2000, 'escrowed', T0 + 8000, null));

    const captured = id(
      payment.run(serial(2), 'FUNDS_CAPTURED', 20000, 20000, '{"body":2}', null, null, T0, T0),
    );
    event.run(captured, T0, 'created', null, 'CREATED', null);
    event.run(captured, T0, 'collecting', 'CREATED', 'COLLECTING', null);
    stackedNote(captured, 10000, T0, null);
    stackedNote(captured, 10000, T0 + 1000, null);
    event.run(captured, T0 + 2000, 'funds_captured', 'COLLECTING', 'FUNDS_CAPTURED', null);
    db.prepare(
      `INSERT INTO outbox(payment_id, kind, attempts, next_attempt_at, last_error) VALUES (?, 'writeoff', 2, ?, 'timeout')`,
    ).run(captured, T0 + 60_000);

    const writtenOff = id(
      payment.run(
        serial(3),
        'WRITTEN_OFF',
        5000,
        5000,
        '{"body":3}',
        '{"status":"written_off"}',
        'SGCC-1',
        T0,
        T0,
      ),
    );
    event.run(writtenOff, T0, 'created', null, 'CREATED', null);
    stackedNote(writtenOff, 5000, T0, 7);
    db.prepare(
      `INSERT INTO outbox(payment_id, kind, attempts, next_attempt_at, done_at) VALUES (?, 'writeoff', 1, ?, ?)`,
    ).run(writtenOff, T0, T0 + 3000);

    db.prepare(`INSERT INTO serial_counter(day, last) VALUES ('20261126', 3)`).run();
    return { collecting, escrowedNote, captured, writtenOff };
  })();
}

function snapshot(db: Database.Database | JournalDb): Record<string, Row[]> {
  const out: Record<string, Row[]> = {};
  for (const table of V1_TABLES) {
    out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Row[];
  }
  return out;
}

function tableNames(db: Database.Database | JournalDb): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

function tableSql(db: Database.Database | JournalDb, name: string): string {
  const row = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get(name) as { sql: string } | undefined;
  return row?.sql ?? '';
}

describe('migration 1 → latest on openJournal', () => {
  it('keeps every row of every version-1 table, byte for byte, and adds the new columns empty', () => {
    const file = tmp.file('journal.sqlite');
    const v1 = createV1(file);
    fillV1(v1);
    const before = snapshot(v1);
    v1.close();

    const db = open(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(MIGRATIONS.length).toBeGreaterThanOrEqual(2);

    const after = snapshot(db);
    const payments = (after.payment ?? []).map(
      ({ collected_at, written_off_day, replaces_payment_id, ...rest }) => {
        expect(collected_at).toBeNull();
        expect(written_off_day).toBeNull();
        expect(replaces_payment_id).toBeNull();
        return rest;
      },
    );
    expect(payments).toEqual(before.payment);
    const outbox = (after.outbox ?? []).map(({ not_before, wait_ms, ...rest }) => {
      expect(not_before).toBe(0);
      expect(wait_ms).toBeNull();
      return rest;
    });
    expect(outbox).toEqual(before.outbox);
    const notes = (after.cash_note ?? []).map(({ path_clear_at, ...rest }) => {
      expect(path_clear_at).toBeNull();
      return rest;
    });
    expect(notes).toEqual(before.cash_note);
    const box = (after.cash_box ?? []).map(({ stray_id, ...rest }) => {
      expect(stray_id).toBeNull();
      return rest;
    });
    expect(box).toEqual(before.cash_box);
    const widened = ['payment', 'outbox', 'cash_note', 'cash_box'];
    for (const table of V1_TABLES.filter((name) => !widened.includes(name))) {
      expect(after[table], table).toEqual(before[table]);
    }
    expect(tableNames(db)).toEqual(
      expect.arrayContaining(['qr_attempt', 'staff_item', 'reconciliation_run', 'cash_note']),
    );
    expect(tableNames(db)).not.toContain('cash_note_v2');
  });

  it('every cash box row still references its note (same id, same value), and the payments own them', () => {
    const file = tmp.file('journal.sqlite');
    const v1 = createV1(file);
    const f = fillV1(v1);
    v1.close();

    const db = open(file);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const joined = db
      .prepare(
        `SELECT b.note_id, b.value AS boxValue, n.value AS noteValue, n.state, n.payment_id
         FROM cash_box b LEFT JOIN cash_note n ON n.id = b.note_id ORDER BY b.id`,
      )
      .all() as {
      note_id: number;
      boxValue: number;
      noteValue: number | null;
      state: string | null;
      payment_id: number | null;
    }[];
    expect(joined).toHaveLength(5);
    for (const r of joined) {
      expect(r.noteValue).toBe(r.boxValue);
      expect(r.state).toBe('stacked');
    }
    expect(joined.map((r) => r.payment_id)).toEqual([
      f.collecting,
      f.collecting,
      f.captured,
      f.captured,
      f.writtenOff,
    ]);
    // The rebuilt table is what cash_box and the others point at.
    const refs = db.prepare('SELECT "table", "from", "to" FROM pragma_foreign_key_list(?)');
    expect(refs.all('cash_box')).toEqual(
      expect.arrayContaining([
        { table: 'cash_note', from: 'note_id', to: 'id' },
        { table: 'stray_note', from: 'stray_id', to: 'id' },
      ]),
    );
    expect(refs.all('cash_note')).toEqual([{ table: 'payment', from: 'payment_id', to: 'id' }]);

    // The journal reads the upgraded rows as it reads its own.
    const journal = new PaymentJournal(db, testClock());
    expect(journal.get(f.collecting)).toMatchObject({ state: 'COLLECTING', collected: 15000 });
    expect(journal.stackedNotes(f.collecting)).toEqual([
      { value: 10000, count: 1 },
      { value: 5000, count: 1 },
    ]);
    expect(journal.escrowedNotes(f.collecting)).toEqual([{ id: f.escrowedNote, value: 2000 }]);
    expect(journal.get(f.captured)).toMatchObject({
      state: 'FUNDS_CAPTURED',
      requestJson: '{"body":2}',
      collectedAt: null,
    });
    expect(new CashLedger(db).contents()).toEqual({
      notes: { '10000': 3, '5000': 1 },
      total: 35000,
    });
    expect(journal.inStates(['WRITTEN_OFF']).map((p) => p.id)).toEqual([f.writtenOff]);
  });

  it('foreign keys are enforced again afterwards (pragma 1; orphans refused in old and new tables)', () => {
    const file = tmp.file('journal.sqlite');
    const v1 = createV1(file);
    const f = fillV1(v1);
    v1.close();

    const db = open(file);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);

    const fk = /FOREIGN KEY/;
    expect(() =>
      db.prepare('INSERT INTO cash_box(note_id, value, stacked_at) VALUES (999, 100, 0)').run(),
    ).toThrow(fk);
    expect(() =>
      db
        .prepare(
          "INSERT INTO cash_note(payment_id, value, state, escrowed_at) VALUES (999, 100, 'escrowed', 0)",
        )
        .run(),
    ).toThrow(fk);
    // A stacked note in the box cannot disappear from under it.
    const boxed = db.prepare('SELECT note_id FROM cash_box ORDER BY id LIMIT 1').get() as {
      note_id: number;
    };
    expect(() => db.prepare('DELETE FROM cash_note WHERE id = ?').run(boxed.note_id)).toThrow(fk);
    expect(() =>
      db
        .prepare(
          "INSERT INTO staff_item(kind, payment_id, amount, reason, created_at) VALUES ('note_review', 999, 1, 'x', 0)",
        )
        .run(),
    ).toThrow(fk);
    expect(() =>
      db
        .prepare(
          "INSERT INTO qr_attempt(payment_id, qr_payment_id, kind, amount, state, created_at, updated_at) VALUES (999, 'qr-x', 'native', 1, 'pending', 0, 0)",
        )
        .run(),
    ).toThrow(fk);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(new PaymentJournal(db).get(f.collecting).collected).toBe(15000);
  });

  it("the rebuilt cash_note accepts 'unknown' (and still refuses states it does not know)", () => {
    const file = tmp.file('journal.sqlite');
    const v1 = createV1(file);
    const f = fillV1(v1);
    // Version 1 refused it.
    expect(() =>
      v1.prepare("UPDATE cash_note SET state = 'unknown' WHERE id = ?").run(f.escrowedNote),
    ).toThrow(/CHECK/);
    v1.close();

    const db = open(file);
    expect(tableSql(db, 'cash_note')).toContain("'unknown'");
    const journal = new PaymentJournal(db, testClock());
    expect(journal.markNoteUnknown(f.collecting, f.escrowedNote)).toBe(2000);
    const state = db.prepare('SELECT state FROM cash_note WHERE id = ?').get(f.escrowedNote) as {
      state: string;
    };
    expect(state.state).toBe('unknown');
    expect(journal.escrowedNotes(f.collecting)).toEqual([]);
    expect(() => journal.markNoteUnknown(f.collecting, f.escrowedNote)).toThrow(TransitionError);
    expect(() =>
      db.prepare("UPDATE cash_note SET state = 'lost' WHERE id = ?").run(f.escrowedNote),
    ).toThrow(/CHECK/);
    // The unknown note was never credited.
    expect(journal.get(f.collecting).collected).toBe(15000);
  });

  it('an upgraded journal recovers like a new one: the escrowed note goes to staff, the stacked money is captured', () => {
    const file = tmp.file('journal.sqlite');
    const v1 = createV1(file);
    const f = fillV1(v1);
    v1.close();

    const db = open(file);
    const clock = testClock(T0 + 3_600_000);
    const journal = new PaymentJournal(db, clock);
    const staff = new StaffItems(db, clock);
    const report = recoverJournal({
      db,
      journal,
      staff,
      buildRequest: (p, at) => cashPaymentRequest(journal, p, at),
      buildQrRequest: qrPaymentRequest,
    });
    expect(report.notesForReview).toEqual([f.escrowedNote]);
    expect(report.captured).toEqual([f.collecting]);
    expect(report.resumed).toEqual([f.captured]);
    expect(journal.get(f.collecting)).toMatchObject({
      state: 'FUNDS_CAPTURED',
      collected: 15000,
      // Dated when its last note was stacked (written by schema 1), not at the upgrade.
      collectedAt: journal.lastStackedAt(f.collecting),
    });
    expect(journal.lastStackedAt(f.collecting)).toBeLessThan(clock());
    expect(staff.openItems()).toMatchObject([
      { kind: 'note_review', paymentId: f.collecting, amount: 2000 },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('reopening an upgraded journal changes nothing', () => {
    const file = tmp.file('journal.sqlite');
    const v1 = createV1(file);
    fillV1(v1);
    v1.close();
    const first = open(file);
    const once = snapshot(first);
    const schema = first.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
    first.close();

    const again = open(file);
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(snapshot(again)).toEqual(once);
    expect(again.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all()).toEqual(
      schema,
    );
  });
});

describe('migration 7: a stray note no journalled note can be is counted on its own', () => {
  /** A journal as version 6 left it, with a boxed unknown note and three stray reports. */
  function createV6(file: string) {
    const db = raw(file);
    db.pragma('journal_mode = WAL');
    for (const m of MIGRATIONS.slice(0, 6)) db.exec(m);
    db.pragma('user_version = 6');
    db.prepare(
      `INSERT INTO payment(id, agent_serial, state, biller_id, account, quote_id, quote_json,
         amount_due, accepts_overpayment, method, collected, created_at, updated_at)
       VALUES (1, ?, 'COLLECTING', 'sh-power', '3100123456', 'q', '{}', 5000, 1, 'cash', 0, ?, ?)`,
    ).run(serial(1), T0, T0);
    db.prepare(
      `INSERT INTO cash_note(id, payment_id, value, state, escrowed_at, settled_at)
       VALUES (1, 1, 5000, 'unknown', ?, ?)`,
    ).run(T0, T0 + 100);
    db.prepare(`INSERT INTO cash_box(note_id, value, stacked_at) VALUES (1, 5000, ?)`).run(
      T0 + 200,
    );
    const stray = db.prepare(
      `INSERT INTO stray_note(value, outcome, reason, note_id, at) VALUES (?, ?, ?, ?, ?)`,
    );
    stray.run(null, 'stacked', 'vend valid', 1, T0 + 200);
    stray.run(5000, 'returned', 'power up', 1, T0 + 300);
    stray.run(null, 'uncertain', 'power up', null, T0 + 400);
    return db;
  }

  it('keeps every row, marks earlier strays closed, and says which of them the device put in the box', () => {
    const file = tmp.file('journal.sqlite');
    createV6(file).close();
    const db = open(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT note_id, stray_id, value FROM cash_box').all()).toEqual([
      { note_id: 1, stray_id: null, value: 5000 },
    ]);
    expect(
      db
        .prepare(
          'SELECT note_id, outcome, in_box, after_note_id, path_clear_at = at AS closed FROM stray_note ORDER BY id',
        )
        .all(),
    ).toEqual([
      { note_id: 1, outcome: 'stacked', in_box: 1, after_note_id: null, closed: 1 },
      { note_id: 1, outcome: 'returned', in_box: 0, after_note_id: null, closed: 1 },
      { note_id: null, outcome: 'uncertain', in_box: 1, after_note_id: null, closed: 1 },
    ]);
    expect(db.prepare('SELECT path_clear_at FROM cash_note').get()).toEqual({
      path_clear_at: null,
    });
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('a box row belongs to a note or to a stray, never both or neither, and only a stray may lack a value', () => {
    const file = tmp.file('journal.sqlite');
    createV6(file).close();
    const db = open(file);
    const insert = db.prepare(
      'INSERT INTO cash_box(note_id, stray_id, value, stacked_at) VALUES (?, ?, ?, 0)',
    );
    expect(() => insert.run(null, null, 100)).toThrow(/CHECK/);
    expect(() => insert.run(1, 3, 100)).toThrow(/CHECK|UNIQUE/);
    db.prepare(
      `INSERT INTO cash_note(id, payment_id, value, state, escrowed_at) VALUES (2, 1, 100, 'unknown', 0)`,
    ).run();
    expect(() => insert.run(2, null, null)).toThrow(/CHECK/);
    expect(() => insert.run(null, 3, 0)).toThrow(/CHECK/);
    expect(() => insert.run(null, 99, 100)).toThrow(/FOREIGN KEY/);
    insert.run(null, 3, null);
    expect(() => insert.run(null, 3, null)).toThrow(/UNIQUE/);
    expect((db.prepare('SELECT count(*) AS n FROM cash_box').get() as { n: number }).n).toBe(2);
  });
});

describe('a migration that breaks references is rolled back whole', () => {
  it('migration 2 over a version-1 file with an orphaned cash box row: refused, and the file is still version 1', () => {
    const file = tmp.file('journal.sqlite');
    const v1 = createV1(file);
    fillV1(v1);
    // A row whose note is gone (possible only with foreign keys off, e.g. a hand repair).
    v1.pragma('foreign_keys = OFF');
    v1.prepare('INSERT INTO cash_box(note_id, value, stacked_at) VALUES (9999, 10000, 0)').run();
    const before = snapshot(v1);
    const tablesBefore = tableNames(v1);
    const noteSqlBefore = tableSql(v1, 'cash_note');
    v1.close();

    expect(() => openJournal(file)).toThrow(JournalError);
    expect(() => openJournal(file)).toThrow(/migration 2 broke 1 references/);

    const check = raw(file, true);
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    expect(tableNames(check)).toEqual(tablesBefore);
    expect(tableSql(check, 'cash_note')).toBe(noteSqlBefore);
    const paymentColumns = (
      check.prepare('SELECT name FROM pragma_table_info(?)').all('payment') as { name: string }[]
    ).map((c) => c.name);
    expect(paymentColumns).not.toContain('collected_at');
    expect(paymentColumns).not.toContain('written_off_day');
    expect(snapshot(check)).toEqual(before);
  });

  it('a later migration that deletes referenced rows: nothing of it stays, and the journal opens once it is gone', () => {
    const file = tmp.file('journal.sqlite');
    const v1 = createV1(file);
    fillV1(v1);
    v1.close();
    const current = open(file);
    const before = snapshot(current);
    const schemaBefore = current.prepare('SELECT name, sql FROM sqlite_master ORDER BY name').all();
    current.close();

    // Simulated in memory only: the list is the module's array, restored in finally.
    const list = MIGRATIONS as string[];
    const broken = `
      CREATE TABLE added_by_broken (id INTEGER PRIMARY KEY);
      INSERT INTO added_by_broken(id) VALUES (1);
      UPDATE payment SET account = 'changed';
      DELETE FROM cash_note WHERE state = 'stacked';
    `;
    list.push(broken);
    try {
      const version = list.length;
      expect(() => openJournal(file)).toThrow(
        new RegExp(`migration ${version} broke \\d+ references`),
      );
      const check = raw(file, true);
      expect(check.pragma('user_version', { simple: true })).toBe(version - 1);
      expect(tableNames(check)).not.toContain('added_by_broken');
      expect(snapshot(check)).toEqual(before);
      expect(check.prepare('SELECT name, sql FROM sqlite_master ORDER BY name').all()).toEqual(
        schemaBefore,
      );
      check.close();
    } finally {
      list.splice(list.indexOf(broken), 1);
    }

    const db = open(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(snapshot(db)).toEqual(before);
  });

  it('a later migration that fails half-way leaves neither its first statements nor a new user_version', () => {
    const file = tmp.file('journal.sqlite');
    open(file).close();
    const list = MIGRATIONS as string[];
    const failing = `
      CREATE TABLE half_done (id INTEGER PRIMARY KEY);
      INSERT INTO no_such_table VALUES (1);
    `;
    list.push(failing);
    try {
      expect(() => openJournal(file)).toThrow(JournalError);
      const check = raw(file, true);
      expect(check.pragma('user_version', { simple: true })).toBe(list.length - 1);
      expect(tableNames(check)).not.toContain('half_done');
      check.close();
    } finally {
      list.splice(list.indexOf(failing), 1);
    }
  });
});
