// What the assisted-mode services (staff-services.ts) answer: a plain view, or a refusal with
// its reason. Every call, refused or done, leaves an audit row; the guard checks who asks
// (a person ServiceAuth let in, whose role may take the action) and audits refusals.
import type { JournalDb } from '../../offline-queue/open-journal';
import type { PaymentJournal } from '../../offline-queue/payment-journal';
import type { StaffItems } from '../../offline-queue/staff-items';
import type { AuditDetail, AuditLog, AuditParty } from './audit-log';
import type { AuthenticatedPerson, ServiceAuth } from './authenticator';
import type { Action, Role } from './roles';

export type RefusalReason =
  /** The person object did not come from an entry with a PIN here. */
  | 'not_signed_in'
  /** The person's role may not take this action. */
  | 'not_allowed'
  | 'no_such_item'
  | 'already_closed'
  /** The item's kind does not allow this action. */
  | 'wrong_action'
  /** The refund slip's serial (typed or scanned) is not the item's payment serial. */
  | 'wrong_serial'
  | 'wrong_amount'
  /** The found note cannot be credited now (`why` says why). */
  | 'not_creditable'
  /** A reason outside the fixed list, or a note that may hold personal data. */
  | 'bad_reason'
  | 'bad_note'
  | 'bad_query'
  | 'no_such_payment'
  | 'no_receipt'
  /** The payment needs nothing of staff (or of this action) now. */
  | 'not_needed'
  /** Not waiting for the gateway. */
  | 'not_waiting'
  | 'not_cash'
  | 'not_written_off'
  | 'not_same_day'
  /** A reversal of this payment is under way: settle it (resumeReversal), do not ask again. */
  | 'reversal_open'
  | 'already_reversed'
  | 'no_open_reversal'
  /** The approver is the person asking. */
  | 'same_person'
  /** The approver's card or staff number and PIN were not accepted (`why` says how). */
  | 'approver_refused'
  /** The approver's role may not approve this. */
  | 'approver_not_allowed'
  /** The kiosk was not given what this needs (e.g. no compensation job). */
  | 'not_available';

export interface Refusal {
  ok: false;
  reason: RefusalReason;
  /** More about the reason, in a code: a found note's problem, the approver's failure. */
  why?: string;
}

/** A view, or a refusal. */
export type StaffResult<T extends object> = ({ ok: true } & T) | Refusal;

export function done<T extends object>(view: T): { ok: true } & T {
  return { ok: true, ...view };
}

/** What every part of the facade works with. */
export interface StaffContext {
  db: JournalDb;
  journal: PaymentJournal;
  staff: StaffItems;
  audit: AuditLog;
  auth: ServiceAuth;
  guard: Guard;
  clock: () => number;
  terminalId: string;
  billerName(billerId: string): string;
}

/** An agent serial as typed or scanned: letters, digits and dashes, at most 64. */
const SERIAL_SHAPE = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;

/**
 * The audit subject of a payment named by its agent serial; a text that is not shaped like one
 * (it may be anything typed in the wrong box) is not recorded.
 */
export function paymentSubject(agentSerial: string): string {
  return agentSerial.length <= 64 && SERIAL_SHAPE.test(agentSerial)
    ? `payment:${agentSerial}`
    : 'payment:?';
}

export function partyOf(person: AuthenticatedPerson): AuditParty {
  return { staffNumber: person.staffNumber, role: person.role };
}

/** Checks who asks, and audits what is refused. */
export class Guard {
  constructor(
    private readonly auth: ServiceAuth,
    private readonly audit: AuditLog,
    private readonly can: (role: Role, action: Action) => boolean,
  ) {}

  /**
   * The actor as the audit names them, or a refusal (audited): a person ServiceAuth did not let
   * in, or whose role may not take the action.
   */
  check(actor: AuthenticatedPerson, action: Action, subject: string | null): AuditParty | Refusal {
    if (!this.auth.isAuthenticated(actor)) {
      this.audit.append({
        actor: null,
        action,
        subject,
        detail: { outcome: 'refused', reason: 'not_signed_in' },
      });
      return { ok: false, reason: 'not_signed_in' };
    }
    const party = partyOf(actor);
    if (!this.can(actor.role, action)) return this.refuse(party, action, subject, 'not_allowed');
    return party;
  }

  /** Audits a refusal and returns it. */
  refuse(
    actor: AuditParty,
    action: Action,
    subject: string | null,
    reason: RefusalReason,
    why?: string,
    amount?: number | null,
  ): Refusal {
    const detail: AuditDetail = { outcome: 'refused', reason, ...(why ? { why } : {}) };
    this.audit.append({
      actor,
      action,
      subject,
      amountBefore: amount ?? null,
      amountAfter: amount ?? null,
      detail,
    });
    return why ? { ok: false, reason, why } : { ok: false, reason };
  }
}

export function isRefusal(x: AuditParty | Refusal): x is Refusal {
  return 'ok' in x;
}
