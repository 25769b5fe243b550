// What the application flow takes from the running host: the session's own account lookups
// (a bill scanned, a card, the keypad: the same actors the payment screens use), and who is
// helping the resident at the screen when she submits (assistedBy).
import type { SessionSnapshot } from '../flows/session-view';
import { staffHelping } from '../flows/session-view';
import type { AuditAction } from '../service/audit-log';
import type { ApplicationHost } from './application-actors';
import type { sessionActors } from './session-actors';

/** The session's lookups, as the application flow takes them. */
export function applicationLookups(
  actors: ReturnType<typeof sessionActors>,
): ApplicationHost['lookups'] {
  const { loadBillers, lookUpBills, lookUpScan, lookUpAccount } = actors ?? {};
  return {
    ...(loadBillers ? { loadBillers } : {}),
    ...(lookUpBills ? { lookUpBills } : {}),
    ...(lookUpScan ? { lookUpScan } : {}),
    ...(lookUpAccount ? { lookUpAccount } : {}),
  };
}

/** What of the staff room tells who is with her (its desk and audit). */
export interface StaffOnHand {
  desk: { onDuty(): { staffNumber: string } | null };
  audit: { latest(query: { action: AuditAction }): { actor: { staffNumber: string } | null }[] };
}

/**
 * The staff number of whoever answered her call and is with her (the help region's `answered`):
 * the person signed in now, else the last to answer a call (the audit's help_call.answer) — staff
 * hand the screen back to her and complete it beside her with the mode closed.
 */
export function whoHelps(s: SessionSnapshot, service: StaffOnHand): string | null {
  if (!staffHelping(s)) return null;
  const now = service.desk.onDuty();
  if (now) return now.staffNumber;
  return service.audit.latest({ action: 'help_call.answer' })[0]?.actor?.staffNumber ?? null;
}
