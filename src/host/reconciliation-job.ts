// Runs the daily reconciliation for every past business day that still needs it: the gateway's
// view of the day against the journal (offline-queue/reconciliation.ts).
import { daysToReconcile, reconcileDay, type Difference } from '../../offline-queue/reconciliation';
import { businessDate } from '../time/shanghai';
import type { Logger } from './logger';
import type { MoneyServices } from './money-services';

const DAY_MS = 86_400_000;

export async function reconcilePastDays(
  money: MoneyServices,
  clock: () => number,
  log: Logger,
): Promise<{ day: string; matched: number; differences: Difference[] }[]> {
  const now = clock();
  const days = daysToReconcile(money.db, businessDate(now), businessDate(now - DAY_MS));
  const done = [];
  for (const day of days) {
    const reply = await money.gateway.reconciliation(day);
    if (!reply.ok) {
      log.warn({ day, reply }, 'reconciliation: the gateway did not answer; will try again');
      break;
    }
    const result = reconcileDay({ ...money, day, gateway: reply.body, clock });
    log.info(
      { day, matched: result.matched, differences: result.differences.length },
      'reconciled',
    );
    done.push({ day, ...result });
  }
  return done;
}
