// The VAT invoice's pure steps: the months offered, the tax code's check as it is typed, and the
// room's answers turned into the screens' problem codes. No actors, no I/O: unit-tested alone.
import type { InvoiceProblem, ProblemCode } from '../../api/kiosk-api';
import { taxIdProblem, type TaxIdProblem } from '../../community';

/** The unified social credit code (GB 32100) has 18 characters. */
export const TAX_ID_LENGTH = 18;
/** A mainland mobile number. */
export const MOBILE_LENGTH = 11;
/** How many months are offered, newest first (the bill query's month and those before it): as
 * many tiles as fit the screen at the largest text. */
export const MONTHS_OFFERED = 4;

/**
 * The months she may invoice: this month and the three before it, newest first; a month the bill
 * query still shows as due is marked so (it cannot be chosen: it is not paid).
 */
export function monthsOffered(
  thisMonth: string,
  duePeriods: readonly string[],
): { period: string; due: boolean }[] {
  const [y, m] = thisMonth.split('-').map(Number);
  const due = new Set(duePeriods);
  return Array.from({ length: MONTHS_OFFERED }, (_, i) => {
    const index = (y ?? 0) * 12 + ((m ?? 1) - 1) - i;
    const period = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    return { period, due: due.has(period) };
  });
}

/** The month of an ISO instant in Beijing time (the bill query's quotedAt). */
export function beijingMonth(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return new Date().toISOString().slice(0, 7);
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 7);
}

const TAX_ID_WORDS: Record<TaxIdProblem, InvoiceProblem> = {
  length: 'tax_id_length',
  character: 'tax_id_character',
  division: 'tax_id_character',
  check_character: 'tax_id_check',
};

/** The typed tax code's problem: said at once once all 18 are typed, else only on "next". */
export function taxIdTypingProblem(value: string, asked: boolean): InvoiceProblem | null {
  if (value.length < TAX_ID_LENGTH && !asked) return null;
  const p = taxIdProblem(value);
  return p ? TAX_ID_WORDS[p] : null;
}

/** The bill query's refusals, as the account step says them. */
export function accountProblem(code: ProblemCode): InvoiceProblem {
  switch (code) {
    case 'account_not_found':
    case 'invalid_account':
    case 'account_locked':
      return code;
    default:
      return 'unreachable';
  }
}

/** The gateway's final refusal codes the resident can act on; anything else is 'refused'. */
export function rejectProblem(code: string | null): InvoiceProblem {
  if (code === 'period_not_paid' || code === 'already_invoiced') return code;
  if (code === 'invalid_tax_id') return 'tax_id_check';
  return 'refused';
}
