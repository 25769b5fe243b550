// Opens the SQLite journal and proves it is durable before any money is taken:
// journal_mode=WAL and synchronous=FULL on this connection (better-sqlite3 defaults WAL to
// NORMAL, which can lose commits on power loss), foreign keys on, schema migrated. The journal
// holds account numbers and payments: it is private to the kiosk's user (files 0600; a folder it
// creates, 0700).
import Database, { type Statement } from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS } from './migrations';

export type JournalDb = Database.Database;

export class JournalError extends Error {
  override name = 'JournalError';
}

const SYNCHRONOUS_FULL = 2;
const PRIVATE_FILE = 0o600;
const PRIVATE_FOLDER = 0o700;

export function openJournal(file: string): JournalDb {
  if (file !== ':memory:') {
    try {
      mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_FOLDER });
      // SQLite would create it 0644; made first, 0600, it is never readable by others. Its
      // -wal and -shm files take the database file's permissions.
      if (!existsSync(file)) closeSync(openSync(file, 'wx', PRIVATE_FILE));
    } catch (err) {
      throw new JournalError(`cannot create the journal ${file}: ${(err as Error).message}`);
    }
  }
  let db: JournalDb;
  try {
    db = new Database(file);
  } catch (err) {
    throw new JournalError(`cannot open journal ${file}: ${(err as Error).message}`);
  }
  try {
    // Read-only checks first: a database that is not ours is refused before it is touched.
    assertOurs(db, file);
    assertIntact(db, file);
    makePrivate(file);
    choosePageSize(db);
    assertDurable(db, file);
    migrate(db);
    boundPageCache(db);
    reuseStatements(db);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof JournalError) throw err;
    if ((err as { code?: string }).code?.startsWith('SQLITE_CORRUPT'))
      throw damaged(file, (err as Error).message);
    throw new JournalError(`cannot use journal ${file}: ${(err as Error).message}`);
  }
}

/** SQLite's own default page cache, 2,000 KiB (better-sqlite3 builds SQLite with 16,000). */
export const JOURNAL_CACHE_KIB = 2_000;

/**
 * The page cache keeps every page read or written until it reaches its size, so the host's
 * memory grows with the journal up to it: with better-sqlite3's 16 MB by some 1.3 MB per
 * thousand customers for the kiosk's first twelve thousand (bench P8). The journal's hot pages
 * (recent payments, the outbox, the indexes) fit in far less, and the kernel keeps the file's
 * pages cached anyway; commits are no slower (bench P1).
 */
function boundPageCache(db: JournalDb): void {
  db.pragma(`cache_size = -${JOURNAL_CACHE_KIB}`);
}

/**
 * Each SQL text is prepared once per connection and its statement reused. better-sqlite3 frees a
 * statement's native memory (its compiled program) only when the garbage collector finalizes the
 * small JS object, and the collector does not see that memory: preparing on every call piles
 * statements up between collections, and the process keeps the high-water mark (bench P8).
 * The journal's SQL is a fixed set of texts (values are bound, never spliced in), so the cache
 * stays small.
 */
function reuseStatements(db: JournalDb): void {
  const prepared = new Map<string, Statement>();
  const compile = db.prepare.bind(db);
  // The same signature as Database#prepare; its type parameters only type the results.
  db.prepare = ((source: string) => {
    let statement = prepared.get(source);
    if (!statement) {
      statement = compile(source);
      prepared.set(source, statement);
    }
    return statement;
  }) as JournalDb['prepare'];
}

function damaged(file: string, detail: string): JournalError {
  const lines = detail.split('\n').filter((l) => l.trim() && !l.startsWith('***'));
  const more = lines.length > 1 ? ` and ${lines.length - 1} more problems` : '';
  return new JournalError(
    `journal ${file} is damaged (${lines[0] ?? detail}${more}); it was left untouched`,
  );
}

/**
 * A journal (and the -wal and -shm files a crash left) readable by others, from a copy or an
 * older kiosk, is made private. Only a journal known to be ours: a refused file is not touched.
 * A folder that already existed keeps its permissions: it may be shared, and the files are
 * private anyway.
 */
function makePrivate(file: string): void {
  if (file === ':memory:') return;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (!existsSync(f)) continue;
    if ((statSync(f).mode & 0o077) !== 0) chmodSync(f, PRIVATE_FILE);
  }
}

/**
 * A new journal uses small pages: every commit syncs the pages it touched, so 1 KiB pages sync a
 * quarter of the bytes of the default 4 KiB (bench P1). Only possible before the first table and
 * before WAL mode; an existing journal keeps its size.
 */
function choosePageSize(db: JournalDb): void {
  const pages = db.pragma('page_count', { simple: true }) as number;
  if (pages === 0) db.pragma('page_size = 1024');
}

/** A damaged journal is refused, and left exactly as found for recovery by a technician. */
function assertIntact(db: JournalDb, file: string): void {
  const problems = db.pragma('quick_check') as { quick_check: string }[];
  const first = problems[0]?.quick_check;
  if (first !== 'ok') throw damaged(file, first ?? 'no answer');
}

function assertDurable(db: JournalDb, file: string): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const mode = db.pragma('journal_mode', { simple: true });
  const sync = db.pragma('synchronous', { simple: true });
  if (mode !== 'wal') {
    throw new JournalError(
      `journal ${file} cannot use WAL (journal_mode is ${String(mode)}); refusing to take money`,
    );
  }
  if (sync !== SYNCHRONOUS_FULL) {
    throw new JournalError(
      `journal ${file} cannot use synchronous=FULL (it is ${String(sync)}); refusing to take money`,
    );
  }
}

function assertOurs(db: JournalDb, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === 0) {
    const tables = db
      .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'")
      .get() as {
      n: number;
    };
    if (tables.n > 0)
      throw new JournalError(`${file} holds a database that is not a kiosk journal`);
  }
  if (version > MIGRATIONS.length) {
    throw new JournalError(
      `journal ${file} is at schema ${version}, newer than this kiosk (${MIGRATIONS.length})`,
    );
  }
}

function migrate(db: JournalDb): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === MIGRATIONS.length) return;
  db.pragma('foreign_keys = OFF'); // has no effect inside a transaction, so set it around them
  try {
    MIGRATIONS.slice(version).forEach((sql, i) => {
      db.transaction(() => {
        db.exec(sql);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0)
          throw new JournalError(`migration ${version + i + 1} broke ${broken.length} references`);
        db.pragma(`user_version = ${version + i + 1}`);
      })();
    });
  } finally {
    db.pragma('foreign_keys = ON');
  }
}
