// Wrong PINs in a row, per person, in the journal's auth_lockout table (this module is its only
// writer): five lock the person out for 15 minutes, whether the PIN followed their card or their
// staff number, so a copied card and a typed staff number do not get five tries each. A good PIN
// resets the count. The count and the lock are rows in the journal, so a restart forgives
// nothing.
//
// A try is counted *before* the PIN is checked (begin), and forgiven when it proves right
// (succeeded): a host killed while checking a PIN has spent that try, and two tries at once can
// never both be the sixth. Lock times are wall-clock times (they must survive a restart, which a
// monotonic clock does not); a wall clock set back cannot stretch a lock past 15 minutes from
// now, and one set forward only ends it early.
import type { JournalDb } from '../../offline-queue/open-journal';

export const MAX_TRIES = 5;
export const LOCK_MS = 15 * 60_000;

export type TryStart =
  | { locked: true; lockedUntil: number }
  /** This try is the `tryNumber`th wrong one unless it proves right; `locksIfWrong` at the 5th. */
  | { locked: false; tryNumber: number; locksIfWrong: boolean; lockedUntilIfWrong: number };

export interface LockState {
  failures: number;
  /** Wall ms; null when not locked. */
  lockedUntil: number | null;
}

interface Row {
  failures: number;
  locked_until: number | null;
}

export class Lockout {
  constructor(
    private readonly db: JournalDb,
    /** The wall clock, ms. */
    private readonly clock: () => number = Date.now,
  ) {}

  /** The person's count and lock as of now (an expired lock is no lock, and no count). */
  state(staffNumber: string): LockState {
    const now = this.clock();
    const row = this.row(staffNumber);
    if (!row) return { failures: 0, lockedUntil: null };
    if (row.locked_until !== null) {
      if (row.locked_until <= now) return { failures: 0, lockedUntil: null };
      return { failures: row.failures, lockedUntil: Math.min(row.locked_until, now + LOCK_MS) };
    }
    return { failures: row.failures, lockedUntil: null };
  }

  /**
   * Starts a try: refused while locked; otherwise counted as wrong at once (and, at the fifth,
   * the lock set) until succeeded() says otherwise. Run inside a transaction with its audit row.
   */
  begin(staffNumber: string): TryStart {
    const now = this.clock();
    const row = this.row(staffNumber);
    let failures = row?.failures ?? 0;
    if (row?.locked_until != null) {
      if (row.locked_until > now) {
        const lockedUntil = Math.min(row.locked_until, now + LOCK_MS);
        if (lockedUntil !== row.locked_until)
          this.write(staffNumber, row.failures, lockedUntil, now);
        return { locked: true, lockedUntil };
      }
      failures = 0; // the lock has run out: five fresh tries
    }
    const tryNumber = failures + 1;
    const locksIfWrong = tryNumber >= MAX_TRIES;
    const lockedUntil = now + LOCK_MS;
    this.write(staffNumber, tryNumber, locksIfWrong ? lockedUntil : null, now);
    return { locked: false, tryNumber, locksIfWrong, lockedUntilIfWrong: lockedUntil };
  }

  /** The try proved right: the count and any lock go. */
  succeeded(staffNumber: string): void {
    this.db.prepare('DELETE FROM auth_lockout WHERE staff_number = ?').run(staffNumber);
  }

  /** A technician set a new PIN for the person: a clean start. */
  clear(staffNumber: string): void {
    this.succeeded(staffNumber);
  }

  private row(staffNumber: string): Row | undefined {
    return this.db
      .prepare('SELECT failures, locked_until FROM auth_lockout WHERE staff_number = ?')
      .get(staffNumber) as Row | undefined;
  }

  private write(staffNumber: string, failures: number, lockedUntil: number | null, now: number) {
    this.db
      .prepare(
        `INSERT INTO auth_lockout(staff_number, failures, locked_until, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(staff_number) DO UPDATE SET failures = excluded.failures,
           locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
      )
      .run(staffNumber, failures, lockedUntil, now);
  }
}
