// What the bills and confirm screens say about the amount (why the total holds the current bill)
// and about change (none is given), shared by the screens and their voice lines.
import type { CashChange, Screen } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import type { Translator } from '../i18n/messages';

type BillsScreen = Extract<Screen, { name: 'bills' }>;

/**
 * Why the total holds the current bill too, when a bill is overdue and another is not: the
 * biller takes only everything due at once (contract: allowsPartial false), or she may pay the
 * overdue bills alone.
 */
export function whyTotal(screen: BillsScreen): 'billsWhyAll' | 'billsWhyChoice' | null {
  const { bills } = screen.quote;
  if (!bills.some((b) => b.daysOverdue > 0) || !bills.some((b) => b.daysOverdue === 0)) return null;
  if (screen.overdueOnly !== null) return 'billsWhyChoice';
  return screen.allowsPartial ? null : 'billsWhyAll';
}

/** The sentences on change for a cash payment of `amount` (the kiosk gives none). */
export function changeLines(t: Translator, cash: CashChange, amount: number): string[] {
  if (cash.overpayment === 'kept') return [t('changeKept')];
  if (!cash.notesCanPay) return [t('changeNotesCannotPay', { amount: formatYuan(amount) })];
  const notes = cash.refusedNotes.map((v) => formatYuan(v).replace(/\.00$/, ''));
  return [
    t('changeRefused'),
    ...(notes.length > 0 ? [t('changeRefusedNow', { notes: t.list(notes) })] : []),
  ];
}
