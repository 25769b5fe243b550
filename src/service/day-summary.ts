// The day summary (assisted mode): today's business day (Asia/Shanghai) from the journal — per
// biller and per method the payments written off (count and amount; reversed ones not counted)
// and those still waiting for the gateway, the reversals of the day, the cash in the box (the
// live cash ledger, since the last collection) and the open items by kind.
import { CashLedger } from '../../offline-queue/cash-ledger';
import type { DayFigure } from '../../offline-queue/payment-journal';
import { Reversals } from '../../offline-queue/reversals';
import { businessDate } from '../time/shanghai';
import type { AuthenticatedPerson } from './authenticator';
import type { OpenItemKind } from './open-item-kinds';
import type { OpenItems } from './open-items';
import { done, isRefusal, type StaffContext, type StaffResult } from './staff-results';

export interface DayRowView extends DayFigure {
  billerName: string;
}

export interface DaySummaryView {
  /** YYYY-MM-DD, Asia/Shanghai. */
  day: string;
  /** Written off today, by biller and method. */
  writtenOff: { rows: DayRowView[]; count: number; amount: number };
  /** Taken today, waiting for the gateway, by biller and method. */
  pendingSync: { rows: DayRowView[]; count: number; amount: number };
  /** Reversed today (their money goes back by refund slip). */
  reversed: { count: number; amount: number };
  /** In the cash box since the last collection; `unknownValue` notes are strays of no known value. */
  cashBox: { count: number; total: number; byValue: Record<string, number>; unknownValue: number };
  openItems: Record<OpenItemKind, number>;
}

const DAY_MS = 24 * 3600_000;

export class DaySummary {
  private readonly cash: CashLedger;
  private readonly reversals: Reversals;

  constructor(
    private readonly c: StaffContext,
    private readonly items: OpenItems,
  ) {
    this.cash = new CashLedger(c.db);
    this.reversals = new Reversals(c.db, c.clock);
  }

  today(actor: AuthenticatedPerson): StaffResult<DaySummaryView> {
    const who = this.c.guard.check(actor, 'day_summary.view', null);
    if (isRefusal(who)) return who;
    const view = this.figures(this.c.clock());
    this.c.audit.append({
      actor: who,
      action: 'day_summary.view',
      amountAfter: view.writtenOff.amount,
      detail: { count: view.writtenOff.count, cashInBox: view.cashBox.total },
    });
    return done(view);
  }

  /** The figures of the business day holding `now` (unaudited). */
  figures(now: number): DaySummaryView {
    const day = businessDate(now);
    const start = Date.parse(`${day}T00:00:00+08:00`);
    const figures = this.c.journal.daySummary(day);
    const rows = (list: DayFigure[]) => {
      const named = list.map((f) => ({ ...f, billerName: this.c.billerName(f.billerId) }));
      return {
        rows: named,
        count: named.reduce((s, f) => s + f.count, 0),
        amount: named.reduce((s, f) => s + f.amount, 0),
      };
    };
    const live = this.cash.live();
    const byValue: Record<string, number> = {};
    for (const [value, n] of Object.entries(live.byValue)) byValue[value] = n;
    return {
      day,
      writtenOff: rows(figures.writtenOff),
      pendingSync: rows(figures.pending),
      reversed: this.reversals.reversedBetween(start, start + DAY_MS),
      cashBox: {
        count: live.count,
        total: live.total,
        byValue,
        unknownValue: live.unknownValue,
      },
      openItems: this.items.countsByKind(),
    };
  }
}
