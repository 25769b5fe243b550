// Late fees (滞纳金/违约金) the simulated billers charge. Pure: no clock, no store.
// The kiosk never computes these (payments.md §4); only the gateway simulator does.
import type { z } from 'zod';
import type { BillerKind } from '../../src/gateway/contract';
import { businessDate, daysBetween } from './shanghai-time';

type Kind = z.infer<typeof BillerKind>;

export interface LateFeeRule {
  /** Daily rate in ‱ (per ten thousand) of the principal, so 0.5‰ stays an integer (5). */
  perTenThousandPerDay: number;
  /** A fee that accrues but totals less than this is charged as this. */
  minimumFen: number;
  /** The fee never exceeds the principal. */
  capAtPrincipal: boolean;
  source: string;
}

/** One row per biller kind. Only electricity is sourced; the others are plausible stand-ins. */
export const LATE_FEE_RULES: Record<Kind, LateFeeRule> = {
  electricity: {
    perTenThousandPerDay: 10,
    minimumFen: 100,
    capAtPrincipal: false,
    source: '供电营业规则, residential: 1‰/day, under ¥1 charged as ¥1 (payments.md §4)',
  },
  water: {
    perTenThousandPerDay: 5,
    minimumFen: 0,
    capAtPrincipal: false,
    source: 'assumed 0.5‰/day',
  },
  gas: { perTenThousandPerDay: 10, minimumFen: 0, capAtPrincipal: false, source: 'assumed 1‰/day' },
  telecom: {
    perTenThousandPerDay: 30,
    minimumFen: 0,
    capAtPrincipal: true,
    source: '3‰/day capped at the principal (payments.md §4, second-hand)',
  },
  cabletv: {
    perTenThousandPerDay: 5,
    minimumFen: 0,
    capAtPrincipal: false,
    source: 'assumed 0.5‰/day',
  },
};

/** Whole Asia/Shanghai calendar days after `dueDate` up to the business date of `asOf`. */
export function daysOverdue(dueDate: string, asOf: Date): number {
  return Math.max(0, daysBetween(dueDate, businessDate(asOf)));
}

/** The late fee in fen of one bill as of `asOf`, rounded half up to the fen. */
export function lateFee(kind: Kind, principal: number, dueDate: string, asOf: Date): number {
  const days = daysOverdue(dueDate, asOf);
  if (days === 0 || principal === 0) return 0;
  const rule = LATE_FEE_RULES[kind];
  // principal·rate·days/10000, half up: floor((2·x + 10000) / 20000). BigInt: no range worries.
  const x = BigInt(principal) * BigInt(rule.perTenThousandPerDay) * BigInt(days);
  let fee = Number((2n * x + 10_000n) / 20_000n);
  fee = Math.max(fee, rule.minimumFen);
  return rule.capAtPrincipal ? Math.min(fee, principal) : fee;
}
