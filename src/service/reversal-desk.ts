// Same-day reversal (冲正) of a written-off cash payment, at staff request and only with a second
// person's approval on the spot (another staff member or a technician: card or staff number and
// their PIN, ServiceAuth.authenticateApprover; never the person asking). The order is the
// journal's rule, journal before effect:
//  1. checks: a cash payment written off (or receipted) on today's business day, no reversal
//     already under way or done, a reason from the fixed list, the approver accepted;
//  2. the intent (payment_reversal: requested, who asked, who approved) and its audit row commit;
//  3. POST /v1/payments/{agentSerial}/reversal;
//  4. the outcome commits with its audit row: reversed → the write-off undone and the money sent
//     back by the refund-slip path (a cash_refund item, paid out from petty cash against the
//     reversal slip this returns); 409 too_late, 404 not_found, another refusal → recorded, the
//     payment stays written off; no answer → unknown.
// An unknown outcome (or a crash after step 2) is settled by resume(): it asks the gateway
// first (GET /v1/payments/{agentSerial}), and sends the reversal again — under the approval
// already given — only when the gateway says the payment is still written off.
import { REVERSAL_REASON_CODES } from '../api/kiosk-api';
import type { PaperWidth } from '../../drivers/printer';
import type { PaymentRow } from '../../offline-queue/payment-journal';
import { Reversals, ReversalOpen, type Reversal } from '../../offline-queue/reversals';
import type { ReversalAnswer, ReversalPort } from '../gateway/reversal-port';
import type { ReceiptLayout } from '../receipts/layout';
import { paperLines, screenLines } from '../receipts/render-text';
import { reversalSlip } from '../receipts/reversal-slip';
import { businessDate } from '../time/shanghai';
import type { AuditParty } from './audit-log';
import type { AuthenticatedPerson, Credential } from './authenticator';
import type { Action, Role } from './roles';
import {
  done,
  isRefusal,
  paymentSubject,
  partyOf,
  type Refusal,
  type RefusalReason,
  type StaffContext,
  type StaffResult,
} from './staff-results';

/** The reasons a reversal may be asked for: the KioskApi's list, one for screens and desk. */
export const REVERSAL_REASONS = REVERSAL_REASON_CODES;
export type ReversalReason = (typeof REVERSAL_REASONS)[number];

export const REVERSAL_REASON_TEXT: Readonly<
  Record<ReversalReason, { 'zh-CN': string; en: string }>
> = {
  wrong_account: { 'zh-CN': '户号错误', en: 'Wrong account' },
  wrong_biller: { 'zh-CN': '收费单位错误', en: 'Wrong biller' },
  wrong_amount: { 'zh-CN': '金额错误', en: 'Wrong amount' },
  duplicate_payment: { 'zh-CN': '重复缴费', en: 'Paid twice' },
  customer_request: { 'zh-CN': '居民当日申请撤销', en: 'Resident asked to undo it today' },
};

export function isReversalReason(value: string): value is ReversalReason {
  return (REVERSAL_REASONS as readonly string[]).includes(value);
}

export interface ReversalRequest {
  agentSerial: string;
  reason: ReversalReason;
  /** The second person: their card or staff number, and their PIN. */
  approver: Credential;
  approverPin: string;
}

export type ReversalOutcome = 'reversed' | 'too_late' | 'not_found' | 'refused' | 'unknown';

export interface ReversalView {
  agentSerial: string;
  outcome: ReversalOutcome;
  /** Fen the payment took (what goes back when reversed). */
  amount: number;
  /** The cash_refund staff item the money goes back by, when reversed. */
  refundItemId: number | null;
  /** The reversal slip, when reversed. */
  slip: { layout: ReceiptLayout; paperLines: string[]; screenLines: string[] } | null;
  /** The gateway's words, or why the outcome is unknown. */
  message: string | null;
}

const REVERSIBLE = ['WRITTEN_OFF', 'RECEIPTED'];

export class ReversalDesk {
  private readonly reversals: Reversals;
  /** Payments whose reversal is being asked or settled right now (one at a time each). */
  private readonly busy = new Set<number>();

  constructor(
    private readonly c: StaffContext,
    private readonly port: ReversalPort,
    private readonly o: { paper: PaperWidth; can: (role: Role, action: Action) => boolean },
  ) {
    this.reversals = new Reversals(c.db, c.clock);
  }

  async request(
    actor: AuthenticatedPerson,
    r: ReversalRequest,
  ): Promise<StaffResult<ReversalView>> {
    const subject = paymentSubject(r.agentSerial);
    const who = this.c.guard.check(actor, 'reversal.request', subject);
    if (isRefusal(who)) return who;
    const refuse = (reason: RefusalReason, why?: string, amount?: number): Refusal =>
      this.c.guard.refuse(who, 'reversal.request', subject, reason, why, amount);
    const p = this.c.journal.bySerial(r.agentSerial);
    if (!p) return refuse('no_such_payment');
    if (!isReversalReason(r.reason)) return refuse('bad_reason', undefined, p.collected);
    const problem = this.problem(p);
    if (problem) return refuse(problem, p.state, p.collected);
    if (this.busy.has(p.id)) return refuse('reversal_open', undefined, p.collected);
    this.busy.add(p.id);
    try {
      const approval = await this.c.auth.authenticateApprover(actor, r.approver, r.approverPin);
      if (!approval.ok) {
        return approval.reason === 'same_person'
          ? refuse('same_person', undefined, p.collected)
          : refuse('approver_refused', approval.reason, p.collected);
      }
      const approver = partyOf(approval.person);
      if (!this.o.can(approver.role, 'reversal.approve'))
        return refuse('approver_not_allowed', approver.role, p.collected);
      // The PIN took time: the payment is checked again inside the intent's transaction.
      const intent = this.c.db.transaction((): Reversal | RefusalReason => {
        const now = this.c.journal.get(p.id);
        const again = this.problem(now);
        if (again) return again;
        const id = this.reversals.intend({
          paymentId: p.id,
          reason: r.reason,
          amount: now.collected,
          requestedBy: who.staffNumber,
          approvedBy: approver.staffNumber,
        });
        this.c.audit.append({
          actor: who,
          approver,
          action: 'reversal.request',
          subject,
          amountBefore: now.collected,
          amountAfter: now.collected,
          detail: { step: 'intent', reason: r.reason },
        });
        return this.reversals.get(id) as Reversal;
      });
      let made: Reversal | RefusalReason;
      try {
        made = intent();
      } catch (err) {
        if (err instanceof ReversalOpen) return refuse('reversal_open', undefined, p.collected);
        throw err;
      }
      if (typeof made === 'string') return refuse(made, undefined, p.collected);
      return done(await this.send(made, p, who, approver));
    } finally {
      this.busy.delete(p.id);
    }
  }

  /**
   * A reversal whose outcome is unknown (no answer, or a crash while it was out): the gateway is
   * asked first; the reversal is sent again only if the payment is still written off there.
   */
  async resume(
    actor: AuthenticatedPerson,
    agentSerial: string,
  ): Promise<StaffResult<ReversalView>> {
    const subject = paymentSubject(agentSerial);
    const who = this.c.guard.check(actor, 'reversal.request', subject);
    if (isRefusal(who)) return who;
    const refuse = (reason: RefusalReason, why?: string): Refusal =>
      this.c.guard.refuse(who, 'reversal.request', subject, reason, why);
    const p = this.c.journal.bySerial(agentSerial);
    if (!p) return refuse('no_such_payment');
    const r = this.reversals.liveFor(p.id);
    if (!r || r.settledAt !== null) return refuse('no_open_reversal');
    if (this.busy.has(p.id)) return refuse('reversal_open');
    this.busy.add(p.id);
    try {
      let q: Awaited<ReturnType<ReversalPort['query']>>;
      try {
        q = await this.port.query(p.agentSerial);
      } catch (err) {
        q = { kind: 'unknown', reason: (err as Error).message };
      }
      this.c.audit.append({
        actor: who,
        action: 'reversal.request',
        subject,
        amountBefore: p.collected,
        amountAfter: p.collected,
        detail: { step: 'query', answer: q.kind },
      });
      switch (q.kind) {
        case 'reversed':
          return done(this.settle(r, p, { kind: 'reversed' }, who));
        case 'not_found':
          return done(this.settle(r, p, { kind: 'not_found', message: 'not_found' }, who));
        case 'unknown':
          return done(this.settle(r, p, { kind: 'unknown', reason: q.reason }, who));
        case 'written_off':
          // Never reversed there: the approved reversal is sent again.
          return done(await this.send(r, p, who, null));
      }
    } finally {
      this.busy.delete(p.id);
    }
  }

  /** Why the payment cannot be reversed now, or null. */
  private problem(p: PaymentRow): RefusalReason | null {
    const live = this.reversals.liveFor(p.id);
    if (live) return live.state === 'reversed' ? 'already_reversed' : 'reversal_open';
    if (p.method !== 'cash') return 'not_cash';
    if (!REVERSIBLE.includes(p.state)) return 'not_written_off';
    if (this.c.journal.writtenOffDayOf(p.id) !== businessDate(this.c.clock()))
      return 'not_same_day';
    return null;
  }

  private async send(
    r: Reversal,
    p: PaymentRow,
    who: AuditParty,
    approver: AuditParty | null,
  ): Promise<ReversalView> {
    this.c.db.transaction(() => this.reversals.attempt(r.id))();
    let answer: ReversalAnswer;
    try {
      answer = await this.port.reverse(p.agentSerial, r.reason);
    } catch (err) {
      answer = { kind: 'unknown', reason: (err as Error).message };
    }
    return this.settle(r, p, answer, who, approver);
  }

  /** Records the outcome with its audit row (and, reversed, the refund) in one transaction. */
  private settle(
    r: Reversal,
    p: PaymentRow,
    answer: ReversalAnswer,
    who: AuditParty,
    approver: AuditParty | null = null,
  ): ReversalView {
    const subject = paymentSubject(p.agentSerial);
    const message =
      answer.kind === 'reversed'
        ? null
        : answer.kind === 'unknown'
          ? answer.reason
          : answer.message;
    const itemId = this.c.db.transaction((): number | null => {
      let item: number | null = null;
      switch (answer.kind) {
        case 'reversed':
          item = this.reversals.settleReversed(r.id, this.c.journal, this.c.staff);
          break;
        case 'unknown':
          this.reversals.markUnknown(r.id, answer.reason);
          break;
        case 'refused':
          this.reversals.settleUnreversed(r.id, 'refused', `${answer.code}: ${answer.message}`);
          break;
        default:
          this.reversals.settleUnreversed(r.id, answer.kind, answer.message);
      }
      this.c.audit.append({
        actor: who,
        approver,
        action: 'reversal.request',
        subject,
        amountBefore: p.collected,
        amountAfter: answer.kind === 'reversed' ? 0 : p.collected,
        detail: {
          step: 'outcome',
          outcome: answer.kind,
          ...(answer.kind === 'refused' ? { code: answer.code.slice(0, 40) } : {}),
          ...(item === null ? {} : { refundItem: item }),
        },
      });
      return item;
    })();
    const view: ReversalView = {
      agentSerial: p.agentSerial,
      outcome: answer.kind,
      amount: r.amount,
      refundItemId: itemId,
      slip: null,
      message,
    };
    if (answer.kind !== 'reversed') return view;
    const settled = this.reversals.get(r.id) ?? r;
    const layout = reversalSlip({
      terminalId: this.c.terminalId,
      agentSerial: p.agentSerial,
      billerName: this.c.billerName(p.billerId),
      account: p.account,
      billerTxnId: p.billerTxnId,
      amount: settled.amount,
      reason: isReversalReason(r.reason) ? REVERSAL_REASON_TEXT[r.reason]['zh-CN'] : r.reason,
      requestedBy: settled.requestedBy,
      approvedBy: settled.approvedBy,
      at: settled.settledAt ?? this.c.clock(),
    });
    return {
      ...view,
      slip: {
        layout,
        paperLines: paperLines(layout, this.o.paper),
        screenLines: screenLines(layout),
      },
    };
  }
}
