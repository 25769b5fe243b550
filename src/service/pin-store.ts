// The journal's staff_pin table: one PIN hash per staff number, with its scrypt parameters. This
// module is the table's only writer; the rules (who may set a PIN, which PINs are weak, the
// audit) are the authenticator's (authenticator.ts).
import type { JournalDb } from '../../offline-queue/open-journal';
import type { PinHash } from './pin-hash';

interface Row {
  scheme: string;
  cost_n: number;
  block_r: number;
  parallel_p: number;
  salt: Buffer;
  hash: Buffer;
}

export interface StoredPin extends PinHash {
  setAt: number;
  /** The technician who set it; null for the one-time console setup. */
  setBy: string | null;
}

export class PinStore {
  constructor(private readonly db: JournalDb) {}

  get(staffNumber: string): PinHash | null {
    const row = this.db
      .prepare(
        'SELECT scheme, cost_n, block_r, parallel_p, salt, hash FROM staff_pin WHERE staff_number = ?',
      )
      .get(staffNumber) as Row | undefined;
    if (!row || row.scheme !== 'scrypt') return null;
    return {
      scheme: 'scrypt',
      n: row.cost_n,
      r: row.block_r,
      p: row.parallel_p,
      salt: row.salt,
      hash: row.hash,
    };
  }

  has(staffNumber: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM staff_pin WHERE staff_number = ?').get(staffNumber) !==
      undefined
    );
  }

  /** When and by whom the PIN was set, without the hash. */
  setInfo(staffNumber: string): { setAt: number; setBy: string | null } | null {
    const row = this.db
      .prepare('SELECT set_at, set_by FROM staff_pin WHERE staff_number = ?')
      .get(staffNumber) as { set_at: number; set_by: string | null } | undefined;
    return row ? { setAt: row.set_at, setBy: row.set_by } : null;
  }

  /** Sets or replaces a person's PIN hash. */
  put(staffNumber: string, pin: PinHash, setBy: string | null, at: number): void {
    this.db
      .prepare(
        `INSERT INTO staff_pin(staff_number, scheme, cost_n, block_r, parallel_p, salt, hash, set_at, set_by)
         VALUES (?, 'scrypt', ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(staff_number) DO UPDATE SET scheme = excluded.scheme, cost_n = excluded.cost_n,
           block_r = excluded.block_r, parallel_p = excluded.parallel_p, salt = excluded.salt,
           hash = excluded.hash, set_at = excluded.set_at, set_by = excluded.set_by`,
      )
      .run(staffNumber, pin.n, pin.r, pin.p, pin.salt, pin.hash, at, setBy);
  }

  /** The same PIN under stronger parameters: when and by whom it was set stay. */
  rehash(staffNumber: string, pin: PinHash): void {
    this.db
      .prepare(
        `UPDATE staff_pin SET cost_n = ?, block_r = ?, parallel_p = ?, salt = ?, hash = ?
         WHERE staff_number = ?`,
      )
      .run(pin.n, pin.r, pin.p, pin.salt, pin.hash, staffNumber);
  }

  /** The staff numbers that have a PIN. */
  holders(): string[] {
    return (
      this.db.prepare('SELECT staff_number FROM staff_pin ORDER BY staff_number').all() as {
        staff_number: string;
      }[]
    ).map((r) => r.staff_number);
  }
}
