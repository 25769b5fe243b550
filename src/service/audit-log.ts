// The service audit: every entry attempt and every action of the staff and technician modes, one
// row each in the journal's service_audit table. This module is the table's only writer (a test
// holds every other file to that), and it only appends: the database itself refuses an UPDATE, a
// DELETE or a REPLACE of a row (triggers in offline-queue/migrations.ts).
//
// No personal data goes in: people are named by staff number; a card by its last 4 hex digits at
// most; never a PIN, a name, an account number or a whole card UID. append() refuses a detail
// that looks like one (a key such as `pin` or `name`, a run of 6 digits, 8 hex digits).
import type { JournalDb } from '../../offline-queue/open-journal';
import { shanghaiIso } from '../time/shanghai';
import { isRole, type Action, type Role } from './roles';

/** Entry attempts (authenticator.ts). */
export type AuthAuditAction =
  | 'auth.ok'
  | 'auth.wrong_pin'
  /** The wrong PIN that locked the person out. */
  | 'auth.locked_out'
  /** An attempt while locked out: the PIN was not even checked. */
  | 'auth.refused_locked'
  | 'auth.unknown'
  | 'auth.no_pin';

/** PIN changes beyond the mode actions pin.set and pin.change_own. */
export type PinAuditAction = 'pin.console_setup';

/**
 * A mode opened and locked again (auto-lock.ts gives the reason); its opening card lent for a
 * second person's approval, and back.
 */
export type ModeAuditAction = 'mode.opened' | 'mode.locked' | 'mode.card_lent' | 'mode.card_back';

export type AuditAction = Action | AuthAuditAction | PinAuditAction | ModeAuditAction;

/** Flat: a few words and figures about the action, for people reading the audit. */
export type AuditDetail = Readonly<Record<string, string | number | boolean | null>>;

/** Who: a staff number and the role they acted in. */
export interface AuditParty {
  staffNumber: string;
  role: Role;
}

export interface AuditEntry {
  /** Null when nobody is known: an unknown card, a wrong PIN, the console. */
  actor: AuditParty | null;
  /** The second person of a four-eyes action: never the actor. */
  approver?: AuditParty | null;
  action: AuditAction;
  /** What it was about, as `kind:id` (`payment:…`, `item:12`, `box:3`, `staff:1001`). */
  subject?: string | null;
  /** Fen. */
  amountBefore?: number | null;
  amountAfter?: number | null;
  detail?: AuditDetail | null;
}

export interface AuditRecord {
  id: number;
  /** Wall clock, ms. */
  at: number;
  /** The same as ISO 8601 in business time (+08:00). */
  atIso: string;
  actor: AuditParty | null;
  approver: AuditParty | null;
  action: string;
  subject: string | null;
  amountBefore: number | null;
  amountAfter: number | null;
  detail: AuditDetail | null;
}

export interface AuditQuery {
  /** Rows after this id (paging). */
  afterId?: number;
  /** Rows at or after this wall time. */
  since?: number;
  action?: AuditAction;
  subject?: string;
  /** A staff number, as actor or approver. */
  person?: string;
  /** Default 100, at most 1,000. */
  limit?: number;
}

export class AuditRefused extends Error {
  override name = 'AuditRefused';
}

interface Row {
  id: number;
  at: number;
  at_iso: string;
  actor: string | null;
  actor_role: string | null;
  approver: string | null;
  approver_role: string | null;
  action: string;
  subject: string | null;
  amount_before: number | null;
  amount_after: number | null;
  detail_json: string | null;
}

const INSERT = `INSERT INTO service_audit(at, at_iso, actor, actor_role, approver, approver_role,
    action, subject, amount_before, amount_after, detail_json)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const COLUMNS = `id, at, at_iso, actor, actor_role, approver, approver_role, action, subject,
  amount_before, amount_after, detail_json`;

/** One fixed text per order: unset filters are bound as NULL (statements are reused). */
const WHERE = `WHERE id > @afterId AND at >= @since AND (@action IS NULL OR action = @action)
    AND (@subject IS NULL OR subject = @subject)
    AND (@person IS NULL OR actor = @person OR approver = @person)`;
const LIST_OLDEST = `SELECT ${COLUMNS} FROM service_audit ${WHERE} ORDER BY id LIMIT @limit`;
const LIST_NEWEST = `SELECT ${COLUMNS} FROM service_audit ${WHERE} ORDER BY id DESC LIMIT @limit`;

/** Field names that would carry a secret or personal data, compared without case, `_` or `-`. */
const FORBIDDEN_KEYS = new Set([
  'pin',
  'newpin',
  'oldpin',
  'currentpin',
  'pinhash',
  'salt',
  'hash',
  'uid',
  'carduid',
  'card',
  'cardnumber',
  'pan',
  'account',
  'accountnumber',
  'name',
  'fullname',
  'holder',
  'phone',
  'mobile',
  'address',
  'idnumber',
  'paymentcode',
]);

const MAX_TEXT = 200;

/** Why this detail may not be written, or null. */
export function detailProblem(detail: AuditDetail): string | null {
  for (const [key, value] of Object.entries(detail)) {
    if (FORBIDDEN_KEYS.has(key.toLowerCase().replace(/[-_]/g, '')))
      return `detail key ${key} may carry personal data or a secret`;
    if (typeof value === 'number' && !Number.isFinite(value))
      return `detail ${key} is not a finite number`;
    if (typeof value !== 'string') continue;
    if (value.length > MAX_TEXT) return `detail ${key} is longer than ${MAX_TEXT} characters`;
    if (/[0-9]{6}/.test(value)) return `detail ${key} holds a run of 6 digits (a PIN, a number)`;
    if (/[0-9a-f]{8}/i.test(value)) return `detail ${key} holds 8 hex digits (a card UID)`;
  }
  return null;
}

function partyOf(staffNumber: string | null, role: string | null): AuditParty | null {
  return staffNumber !== null && isRole(role) ? { staffNumber, role } : null;
}

function recordOf(row: Row): AuditRecord {
  return {
    id: row.id,
    at: row.at,
    atIso: row.at_iso,
    actor: partyOf(row.actor, row.actor_role),
    approver: partyOf(row.approver, row.approver_role),
    action: row.action,
    subject: row.subject,
    amountBefore: row.amount_before,
    amountAfter: row.amount_after,
    detail: row.detail_json === null ? null : (JSON.parse(row.detail_json) as AuditDetail),
  };
}

function checkAmount(name: string, amount: number | null | undefined): number | null {
  if (amount === undefined || amount === null) return null;
  if (!Number.isSafeInteger(amount)) throw new AuditRefused(`${name} must be whole fen`);
  return amount;
}

export class AuditLog {
  constructor(
    private readonly db: JournalDb,
    /** The wall clock (ms): audit times are business times. */
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Writes one row and returns it. Inside a caller's transaction it commits with the change it
   * records. Throws AuditRefused for a detail that may hold personal data or a secret, an
   * approver who is the actor, or amounts that are not whole fen.
   */
  append(entry: AuditEntry): AuditRecord {
    const approver = entry.approver ?? null;
    if (approver && !entry.actor) throw new AuditRefused('an approver needs an actor');
    if (approver && entry.actor && approver.staffNumber === entry.actor.staffNumber)
      throw new AuditRefused('the approver must be a second person');
    const detail = entry.detail ?? null;
    const problem = detail === null ? null : detailProblem(detail);
    if (problem) throw new AuditRefused(problem);
    const subject = entry.subject ?? null;
    if (subject !== null && subject.length > MAX_TEXT)
      throw new AuditRefused(`subject is longer than ${MAX_TEXT} characters`);
    const amountBefore = checkAmount('amountBefore', entry.amountBefore);
    const amountAfter = checkAmount('amountAfter', entry.amountAfter);
    const at = this.clock();
    const atIso = shanghaiIso(at);
    const info = this.db
      .prepare(INSERT)
      .run(
        at,
        atIso,
        entry.actor?.staffNumber ?? null,
        entry.actor?.role ?? null,
        approver?.staffNumber ?? null,
        approver?.role ?? null,
        entry.action,
        subject,
        amountBefore,
        amountAfter,
        detail === null ? null : JSON.stringify(detail),
      );
    return {
      id: Number(info.lastInsertRowid),
      at,
      atIso,
      actor: entry.actor ? { staffNumber: entry.actor.staffNumber, role: entry.actor.role } : null,
      approver: approver ? { staffNumber: approver.staffNumber, role: approver.role } : null,
      action: entry.action,
      subject,
      amountBefore,
      amountAfter,
      detail: detail === null ? null : { ...detail },
    };
  }

  get(id: number): AuditRecord | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM service_audit WHERE id = ?`).get(id) as
      Row | undefined;
    return row ? recordOf(row) : null;
  }

  /** Oldest first. */
  list(query: AuditQuery = {}): AuditRecord[] {
    return this.query(LIST_OLDEST, query);
  }

  /** Newest first. */
  latest(query: AuditQuery = {}): AuditRecord[] {
    return this.query(LIST_NEWEST, query);
  }

  count(): number {
    return (
      this.db.prepare('SELECT count(*) AS n FROM service_audit').get() as {
        n: number;
      }
    ).n;
  }

  private query(sql: string, q: AuditQuery): AuditRecord[] {
    const limit = Math.min(Math.max(Math.trunc(q.limit ?? 100), 1), 1_000);
    const rows = this.db.prepare(sql).all({
      action: q.action ?? null,
      subject: q.subject ?? null,
      person: q.person ?? null,
      afterId: q.afterId ?? 0,
      since: q.since ?? Number.MIN_SAFE_INTEGER,
      limit,
    }) as Row[];
    return rows.map(recordOf);
  }
}
