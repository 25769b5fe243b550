// Reprint (副本): a receipt of the last 7 days found by its agent serial or the last 4 digits of
// the account, issued again as a copy — 重印 / 副本 COPY on top of the paper (layout.ts) — from
// the journal's row as it stands: the paid receipt once written off, the provisional one while
// the write-off is pending, the refund (or reversal) slip once the money is to go back. A copy
// never says more than the payment took, and never touches the outbox: it is paper, not a
// payment. Each copy is counted in the payment's event log and audited.
import type { PaymentRow } from '../../offline-queue/payment-journal';
import { WRITTEN_OFF_STATES } from '../../offline-queue/payment-journal';
import { Reversals } from '../../offline-queue/reversals';
import type { z } from 'zod';
import type { PaperWidth } from '../../drivers/printer';
import { PaymentResult, Quote } from '../gateway/contract';
import type { ReceiptLayout } from '../receipts/layout';
import { maskAccount } from '../receipts/mask';
import { paymentReceipt } from '../receipts/receipt-text';
import { refundSlip } from '../receipts/refund-slip';
import { paperLines, screenLines } from '../receipts/render-text';
import { reversalSlip } from '../receipts/reversal-slip';
import type { AuthenticatedPerson } from './authenticator';
import { REVERSAL_REASON_TEXT, isReversalReason } from './reversal-desk';
import {
  done,
  isRefusal,
  paymentSubject,
  type StaffContext,
  type StaffResult,
} from './staff-results';

/** How far back a receipt may be printed again. */
export const REPRINT_WINDOW_MS = 7 * 24 * 3600_000;

export type ReprintQuery = { agentSerial: string } | { accountTail: string };

export interface ReceiptFoundView {
  agentSerial: string;
  kind: ReceiptLayout['kind'];
  billerName: string;
  /** Masked (3100****56). */
  account: string;
  /** Fen the payment took. */
  amount: number;
  /** When the money was taken (wall ms). */
  at: number;
  /** Copies issued so far. */
  copies: number;
  /**
   * A reversal of it was asked and its outcome is not known yet (no answer, or a crash while
   * it was out): it is settled by asking the gateway again, never by asking anew.
   */
  reversalOpen: boolean;
}

export interface ReprintView {
  agentSerial: string;
  kind: ReceiptLayout['kind'];
  /** Fen the payment took: no figure on the copy is larger. */
  amount: number;
  /** This copy's number (1 for the first copy). */
  copyNumber: number;
  /** The copy as a layout (copy: true), for the printer. */
  layout: ReceiptLayout;
  /** The lines the paper shows, 重印 / 副本 COPY first. */
  paperLines: string[];
  /** The copy for the screen. */
  screenLines: string[];
}

const SERIAL = /^[A-Za-z0-9-]{1,64}$/;
const TAIL = /^[0-9]{4}$/;

export class Reprints {
  private readonly reversals: Reversals;

  constructor(
    private readonly c: StaffContext,
    private readonly o: { paper: PaperWidth; verifyBase?: string },
  ) {
    this.reversals = new Reversals(c.db, c.clock);
  }

  find(
    actor: AuthenticatedPerson,
    query: ReprintQuery,
  ): StaffResult<{ receipts: ReceiptFoundView[] }> {
    const who = this.c.guard.check(actor, 'receipt.reprint', null);
    if (isRefusal(who)) return who;
    const by = 'agentSerial' in query ? 'serial' : 'account_tail';
    const valid =
      'agentSerial' in query
        ? SERIAL.test(query.agentSerial.trim())
        : TAIL.test(query.accountTail.trim());
    if (!valid) return this.c.guard.refuse(who, 'receipt.reprint', null, 'bad_query', by);
    const found = this.c.journal.receiptable(
      this.c.clock() - REPRINT_WINDOW_MS,
      'agentSerial' in query
        ? { agentSerial: query.agentSerial.trim().toUpperCase() }
        : { accountTail: query.accountTail.trim() },
    );
    this.c.audit.append({
      actor: who,
      action: 'receipt.reprint',
      detail: { step: 'search', by, found: found.length },
    });
    return done({
      receipts: found.map((p) => ({
        agentSerial: p.agentSerial,
        kind: this.kindOf(p),
        billerName: this.c.billerName(p.billerId),
        account: maskAccount(p.account),
        amount: p.collected,
        at: p.collectedAt ?? p.createdAt,
        copies: this.c.journal.receiptCopies(p.id),
        reversalOpen: this.reversals.liveFor(p.id)?.settledAt === null,
      })),
    });
  }

  /** The receipt of a payment of the last 7 days, as a copy; counted and audited. */
  reprint(actor: AuthenticatedPerson, agentSerial: string): StaffResult<ReprintView> {
    const serial = agentSerial.trim().toUpperCase();
    const subject = paymentSubject(serial);
    const who = this.c.guard.check(actor, 'receipt.reprint', subject);
    if (isRefusal(who)) return who;
    const refuse = (reason: 'no_receipt' | 'bad_query', why?: string) =>
      this.c.guard.refuse(who, 'receipt.reprint', subject, reason, why);
    if (!SERIAL.test(serial)) return refuse('bad_query');
    const [p] = this.c.journal.receiptable(this.c.clock() - REPRINT_WINDOW_MS, {
      agentSerial: serial,
    });
    if (!p) return refuse('no_receipt', 'none_in_7_days');
    const layout = this.layoutOf(p);
    if (!layout) return refuse('no_receipt', 'unreadable');
    // Paper only: a copy that would show more than the payment took is not issued.
    if (largestAmount(layout) > p.collected) return refuse('no_receipt', 'amount_exceeds');
    const copyNumber = this.c.db.transaction(() => {
      const n = this.c.journal.recordReceiptCopy(p.id);
      this.c.audit.append({
        actor: who,
        action: 'receipt.reprint',
        subject,
        amountBefore: p.collected,
        amountAfter: p.collected,
        detail: { step: 'copy', kind: layout.kind, copy: n },
      });
      return n;
    })();
    return done({
      agentSerial: p.agentSerial,
      kind: layout.kind,
      amount: p.collected,
      copyNumber,
      layout,
      paperLines: paperLines(layout, this.o.paper),
      screenLines: screenLines(layout),
    });
  }

  private kindOf(p: PaymentRow): ReceiptLayout['kind'] {
    if (p.state === 'MANUAL_REFUND') return 'refundSlip';
    return WRITTEN_OFF_STATES.includes(p.state) && p.resultJson ? 'paid' : 'provisional';
  }

  /** The receipt the payment's state calls for, as a copy; null if its record cannot be read. */
  private layoutOf(p: PaymentRow): ReceiptLayout | null {
    const billerName = this.c.billerName(p.billerId);
    const at = p.collectedAt ?? p.updatedAt;
    if (p.state === 'MANUAL_REFUND') {
      const reversal = this.reversals.liveFor(p.id);
      if (reversal?.state === 'reversed') {
        return reversalSlip({
          terminalId: this.c.terminalId,
          agentSerial: p.agentSerial,
          billerName,
          account: p.account,
          billerTxnId: p.billerTxnId,
          amount: reversal.amount,
          reason: isReversalReason(reversal.reason)
            ? REVERSAL_REASON_TEXT[reversal.reason]['zh-CN']
            : reversal.reason,
          requestedBy: reversal.requestedBy,
          approvedBy: reversal.approvedBy,
          at: reversal.settledAt ?? reversal.requestedAt,
          copy: true,
        });
      }
      return refundSlip({
        terminalId: this.c.terminalId,
        agentSerial: p.agentSerial,
        billerName,
        account: p.account,
        amount: p.collected,
        reason: p.rejectCode ?? 'rejected',
        notes: this.c.journal.stackedNotes(p.id),
        at,
        copy: true,
      });
    }
    const quote = parseJson(Quote, p.quoteJson);
    if (!quote) return null;
    const paid = this.kindOf(p) === 'paid';
    const result = paid && p.resultJson ? parseJson(PaymentResult, p.resultJson) : null;
    if (paid && !result) return null;
    return paymentReceipt(
      {
        terminalId: this.c.terminalId,
        billerName,
        agentSerial: p.agentSerial,
        quote,
        collected: p.collected,
        amountDue: p.amountDue,
        at,
        method: p.method,
        result,
        ...(this.o.verifyBase ? { verifyBase: this.o.verifyBase } : {}),
      },
      true,
    );
  }
}

function parseJson<S extends z.ZodType>(schema: S, json: string): z.infer<S> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The largest amount of money a layout shows in its totals (fen). */
export function largestAmount(layout: ReceiptLayout): number {
  let max = 0;
  for (const b of layout.blocks) if (b.kind === 'total') max = Math.max(max, b.amount);
  return max;
}
