// One writer per journal table: every SQL statement that changes a journal table (INSERT,
// UPDATE, DELETE, REPLACE) in the kiosk's own code — offline-queue/, src/ and sim/, tests
// excepted — is in the one module this map names for the table; every other module asks that
// one, through a method named for what happened. The schema (migrations.ts) is exempt. The map
// is the one offline-queue/README.md documents, and it names every table the schema has.
//
// Statements are found in the source text, wherever they are (a template literal, a string, a
// comment that quotes one), so a write cannot hide in a file this test reads. SQL texts are
// fixed (README: values are bound, never spliced in); a table name made up at run time is
// refused, since no one could tell which table it writes.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal, type JournalDb } from '../../offline-queue/open-journal';
import { tempDir, type TempDir } from './journal-fixture';

/** Each journal table and the only module that may write it (paths from the repository root). */
const WRITERS: Readonly<Record<string, string>> = {
  payment: 'offline-queue/payment-journal.ts',
  payment_event: 'offline-queue/payment-journal.ts',
  serial_counter: 'offline-queue/payment-journal.ts',
  outbox: 'offline-queue/outbox.ts',
  cash_note: 'offline-queue/cash-ledger.ts',
  cash_box: 'offline-queue/cash-ledger.ts',
  stray_note: 'offline-queue/cash-ledger.ts',
  cash_collection: 'offline-queue/cash-ledger.ts',
  cash_exchange: 'offline-queue/cash-exchange.ts',
  qr_attempt: 'offline-queue/qr-attempts.ts',
  staff_item: 'offline-queue/staff-items.ts',
  reconciliation_run: 'offline-queue/reconciliation.ts',
  payment_reversal: 'offline-queue/reversals.ts',
  // The staff and technician modes (src/service/).
  service_audit: 'src/service/audit-log.ts',
  staff_pin: 'src/service/pin-store.ts',
  auth_lockout: 'src/service/lockout.ts',
  // The community service point (src/community/).
  community_upload: 'src/community/community-journal.ts',
  community_submission: 'src/community/community-journal.ts',
  community_submission_upload: 'src/community/community-journal.ts',
};

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The kiosk host, its journal and the simulator (which keeps a database of its own). */
const SCANNED = ['offline-queue', 'src', 'sim'];
/** The schema: creates, rebuilds and back-fills tables, as only a migration may. */
const EXEMPT = new Set(['offline-queue/migrations.ts']);

/** Every non-test TypeScript file under the scanned folders, by path from the root. */
function kioskSources(): Map<string, string> {
  const sources = new Map<string, string>();
  for (const dir of SCANNED) {
    const files = readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' });
    for (const file of files.sort()) {
      const rel = path.posix.join(dir, file.split(path.sep).join('/'));
      if (!/\.(c|m)?tsx?$/.test(rel) || /\.(test|spec)\.tsx?$/.test(rel)) continue;
      if (rel.split('/').some((part) => part === 'node_modules' || part === 'dist')) continue;
      sources.set(rel, readFileSync(path.join(ROOT, rel), 'utf8'));
    }
  }
  return sources;
}

/** A table name, bare or quoted ("x", `x`, [x]), optionally after a schema; or `${…}` (built). */
const TARGET = String.raw`(?:["\x60\[]?\w+["\x60\]]?\s*\.\s*)?(?:["\x60\[]?(\w+)["\x60\]]?|(\$\{[^}]*\}))`;
const WRITE_STATEMENTS: readonly RegExp[] = [
  new RegExp(String.raw`\bINSERT\s+(?:OR\s+\w+\s+)?INTO\s+${TARGET}`, 'gi'),
  // REPLACE INTO, but not INSERT OR REPLACE INTO (found above).
  new RegExp(String.raw`(?<!\bOR\s+)\bREPLACE\s+INTO\s+${TARGET}`, 'gi'),
  new RegExp(String.raw`\bDELETE\s+FROM\s+${TARGET}`, 'gi'),
  // UPDATE [OR …] table [AS alias] [INDEXED BY … | NOT INDEXED] SET. An upsert's
  // "DO UPDATE SET" names no table: its INSERT is the write.
  new RegExp(
    String.raw`\bUPDATE\s+(?:OR\s+\w+\s+)?${TARGET}(?:\s+AS\s+\w+)?` +
      String.raw`(?:\s+INDEXED\s+BY\s+\w+|\s+NOT\s+INDEXED)?\s+SET\b`,
    'gi',
  ),
];

interface SqlWrite {
  /** The table written, lower case, or null when the text builds the name at run time. */
  table: string | null;
  /** The start of the statement, for the report. */
  statement: string;
  at: number;
  line: number;
}

/** The SQL writes in a source text. */
function sqlWrites(source: string): SqlWrite[] {
  const writes: SqlWrite[] = [];
  for (const pattern of WRITE_STATEMENTS) {
    for (const m of source.matchAll(pattern)) {
      writes.push({
        table: m[1]?.toLowerCase() ?? null,
        statement: m[0].replace(/\s+/g, ' '),
        at: m.index,
        line: source.slice(0, m.index).split('\n').length,
      });
    }
  }
  return writes.sort((a, b) => a.at - b.at);
}

/** The modules writing each journal table, and every write that breaks the rule. */
function checkWriters(sources: ReadonlyMap<string, string>): {
  writersOf: Map<string, string[]>;
  violations: string[];
} {
  const writersOf = new Map<string, string[]>();
  const violations: string[] = [];
  for (const [file, source] of sources) {
    if (EXEMPT.has(file)) continue;
    for (const w of sqlWrites(source)) {
      if (w.table === null) {
        violations.push(`${file}:${w.line}: "${w.statement}" writes a table named at run time`);
        continue;
      }
      const writer = WRITERS[w.table];
      if (writer === undefined) continue; // not a journal table (the simulator's own database)
      const modules = writersOf.get(w.table) ?? [];
      if (!modules.includes(file)) writersOf.set(w.table, [...modules, file]);
      if (file !== writer) {
        violations.push(
          `${file}:${w.line}: "${w.statement}" writes ${w.table}, whose only writer is ${writer}`,
        );
      }
    }
  }
  return { writersOf, violations };
}

describe('one writer per journal table', () => {
  const sources = kioskSources();
  let tmp: TempDir;
  let db: JournalDb;

  beforeAll(() => {
    tmp = tempDir();
    db = openJournal(tmp.file('journal.sqlite'));
  });
  afterAll(() => {
    db.close();
    tmp.remove();
  });

  it('reads the kiosk code: the journal, the host and the simulator', () => {
    for (const file of [
      'offline-queue/payment-journal.ts',
      'offline-queue/sync-worker.ts',
      'src/host/heartbeat-job.ts',
      'sim/gateway/store.ts',
    ]) {
      expect(sources.has(file), file).toBe(true);
    }
    expect([...sources.keys()].filter((f) => f.includes('.test.'))).toEqual([]);
  });

  it('names a writer for every table of the schema, and for no other', () => {
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master
          WHERE type = 'table' AND substr(name, 1, 7) <> 'sqlite_' ORDER BY name`,
      )
      .all() as { name: string }[];
    expect(Object.keys(WRITERS).sort()).toEqual(tables.map((t) => t.name));
  });

  it('has each journal table written by its one module, and by no other', () => {
    const { writersOf, violations } = checkWriters(sources);
    expect(violations).toEqual([]);
    for (const [table, writer] of Object.entries(WRITERS)) {
      expect(writersOf.get(table), table).toEqual([writer]);
    }
  });

  it('is the map offline-queue/README.md documents', () => {
    const readme = readFileSync(path.join(ROOT, 'offline-queue/README.md'), 'utf8');
    const documented: Record<string, string> = {};
    for (const m of readme.matchAll(/^\|\s*`(\w+)`\s*\|\s*`([\w./-]+)`\s*\|/gm)) {
      documented[m[1] as string] = m[2] as string;
    }
    expect(documented).toEqual(WRITERS);
  });

  describe('catches a write outside its writer', () => {
    /** What the check says of the kiosk's code with `file` set to `source`, beyond the real code. */
    const newViolations = (file: string, source: string): string[] => {
      const tampered = new Map(sources);
      tampered.set(file, source);
      const before = new Set(checkWriters(sources).violations);
      return checkWriters(tampered).violations.filter((v) => !before.has(v));
    };

    it('an UPDATE of payment added to the sync worker', () => {
      const file = 'offline-queue/sync-worker.ts';
      const source = sources.get(file) ?? '';
      const line = source.split('\n').length + 1;
      expect(
        newViolations(
          file,
          `${source}\ndb.prepare(\`UPDATE payment SET reject_code = ? WHERE id = ?\`).run(c, id);\n`,
        ),
      ).toEqual([
        `${file}:${line}: "UPDATE payment SET" writes payment, whose only writer is offline-queue/payment-journal.ts`,
      ]);
    });

    it('an INSERT into the cash box from the host', () => {
      expect(
        newViolations(
          'src/host/new-module.ts',
          "db.exec('insert into cash_box(value) values (1)');",
        ),
      ).toEqual([
        'src/host/new-module.ts:1: "insert into cash_box" writes cash_box, whose only writer is offline-queue/cash-ledger.ts',
      ]);
    });

    it('every form of write, in any case, over lines, quoted or in a schema', () => {
      const source = [
        'insert into payment(id) values (1)',
        'INSERT OR REPLACE INTO outbox VALUES (1)',
        'REPLACE INTO "staff_item" VALUES (1)',
        'DELETE FROM main.qr_attempt WHERE id = 1',
        'UPDATE OR IGNORE\n   [cash_note]\n   SET state = 1',
        'update payment as p not indexed set state = 1',
        '`UPDATE ${table} SET x = 1`',
      ].join('\n');
      expect(sqlWrites(source).map((w) => w.table)).toEqual([
        'payment',
        'outbox',
        'staff_item',
        'qr_attempt',
        'cash_note',
        'payment',
        null,
      ]);
    });

    it('but not a read, nor the UPDATE of an upsert (its INSERT is the write)', () => {
      const source = [
        'SELECT state FROM payment WHERE id = ?',
        'INSERT INTO serial_counter(day, last) VALUES (?, 1)',
        '  ON CONFLICT(day) DO UPDATE SET last = last + 1 RETURNING last',
        'SELECT 1 FROM cash_box b WHERE b.note_id = n.id',
      ].join('\n');
      expect(sqlWrites(source).map((w) => w.table)).toEqual(['serial_counter']);
    });
  });
});
