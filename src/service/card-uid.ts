// A card's UID as config writes it and as the reader reports it. A UID is not a secret (any
// cheap card can copy one), but it is an identifier: logs and the audit keep its last 4 hex
// digits at most.
import { z } from 'zod';

/** Upper-case hex without separators, as the reader driver reports it. */
export function normaliseUid(uid: string): string {
  return uid.replace(/[\s:-]/g, '').toUpperCase();
}

/** A UID as written in config: hex, any case, with or without `:`, `-` or spaces. */
export const CardUid = z
  .string()
  .transform(normaliseUid)
  .pipe(z.string().regex(/^(?:[0-9A-F]{2}){4,10}$/, 'a card UID is 4 to 10 bytes of hex'));

/** The last 4 hex digits, for logs, screens and the audit ("…EE01"). */
export function uidTail(uid: string): string {
  return normaliseUid(uid).slice(-4);
}
