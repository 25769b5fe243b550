// How much she pays now: everything due, or — where the biller takes part payments — the
// overdue bills only. A part payment settles whole bills oldest first (the gateway simulator's
// rule, which the kiosk relies on: docs/ARCHITECTURE.md), so paying exactly what the overdue
// bills come to pays those and leaves the current bill due.
import type { BillView } from '../api/kiosk-api';
import type { SessionContext } from './session-types';

const billDue = (b: BillView): number => b.principal + b.lateFee;

/**
 * What the overdue bills alone come to, when she may pay just those: the biller takes part
 * payments, some bill is overdue and some is not, and every overdue bill falls due before every
 * current one (so oldest-first settles exactly them). Otherwise null: not offered.
 */
export function overdueOnlyAmount(
  biller: { allowsPartial: boolean },
  bills: readonly BillView[],
): number | null {
  if (!biller.allowsPartial) return null;
  const overdue = bills.filter((b) => b.daysOverdue > 0);
  const current = bills.filter((b) => b.daysOverdue === 0);
  if (overdue.length === 0 || current.length === 0) return null;
  const lastOverdue =
    overdue
      .map((b) => b.dueDate)
      .sort()
      .at(-1) ?? '';
  const firstCurrent = current.map((b) => b.dueDate).sort()[0] ?? '';
  if (lastOverdue >= firstCurrent) return null;
  return overdue.reduce((sum, b) => sum + billDue(b), 0);
}

/** The amount of this payment: the whole quote, or its overdue bills where she chose those. */
export function amountToPay(c: Pick<SessionContext, 'biller' | 'quote' | 'scope'>): number {
  if (!c.quote) return 0;
  if (c.scope === 'overdue' && c.biller) {
    const overdue = overdueOnlyAmount(c.biller, c.quote.bills);
    if (overdue !== null) return overdue;
  }
  return c.quote.totalDue;
}
