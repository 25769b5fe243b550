// How the room answers: a refusal in the face's words, a gateway reply as a lookup, a tax code
// as typed, and the two conditions of the staff-only parts (somebody on duty, a community in
// the config).
import { failureReason, type GatewayReply } from '../gateway/signed-request';
import { normalizeTaxId, taxIdProblem } from './checks';
import type {
  CommunityAuditEntry,
  CommunityRoomOptions,
  Lookup,
  Refusal,
  RefusalReason,
  StaffOnDuty,
} from './room-face';

export const refusal = (
  reason: RefusalReason,
  code: string,
  message: string,
  field?: string,
): Refusal => ({ ok: false, reason, code, message, ...(field === undefined ? {} : { field }) });

/** A gateway reply as a lookup. */
export function lookup<T, U = T>(
  reply: GatewayReply<T>,
  map: (body: T) => U = (b) => b as unknown as U,
): Lookup<U> {
  if (reply.ok) return { ok: true, value: map(reply.body) };
  if (reply.kind === 'error' && reply.status === 404)
    return refusal('not_found', reply.code, reply.message);
  if (
    reply.kind === 'error' &&
    reply.status >= 400 &&
    reply.status < 500 &&
    ![401, 408, 429].includes(reply.status)
  )
    return refusal('refused', reply.code, reply.message);
  return refusal(
    'unreachable',
    reply.kind === 'error' ? reply.code : reply.kind,
    failureReason(reply),
  );
}

/** Who is signed in, for a staff-only part; refused when nobody is. */
export function staffOnDuty(
  o: Pick<CommunityRoomOptions, 'onDuty'>,
  action: CommunityAuditEntry['action'],
): StaffOnDuty | Refusal {
  const person = o.onDuty();
  if (!person)
    return refusal('forbidden', 'staff_only', `${action}: only in a staff or technician mode`);
  return person;
}

/** The committee's community from the config; refused when it names none. */
export function communityOf(o: Pick<CommunityRoomOptions, 'community'>): string | Refusal {
  return (
    o.community ??
    refusal('not_configured', 'no_community', 'the config names no community (community.id)')
  );
}

/** A tax code as typed, normalized; refused (as `field`) when its check character is wrong. */
export function checkedTaxId(typed: string, field: string): string | Refusal {
  const taxId = normalizeTaxId(typed);
  const problem = taxIdProblem(taxId);
  return problem
    ? refusal(
        'invalid',
        'invalid_tax_id',
        `the tax code's ${problem.replace('_', ' ')} is wrong`,
        field,
      )
    : taxId;
}
