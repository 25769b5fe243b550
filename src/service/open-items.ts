// Open items, one list (assisted mode): refund slips to pay out, notes under review, stray notes
// nobody could place, reconciliation differences (长款/短款) and payments that wait for staff.
// Each item offers the actions its kind allows and closes with the outcome staff record, in one
// transaction with its effect and its audit row:
// - a refund slip paid out from the committee's petty cash: the amount and the slip's serial
//   (scanned from its barcode or typed), which must be the item's payment serial;
// - a note under review found in the box: credited to a follow-up payment and written off
//   through the outbox, once (PaymentJournal.creditFoundNote); or recorded as given back;
// - a stray note: found in the box, given back, or not found;
// - a difference explained, by a reason from a fixed list and a short note without personal data;
// - a payment waiting for staff: asked again by the path the journal has for its state (the
//   sync worker's query-first retry, the compensation job), or its reversal settled.
// This file builds the list and dispatches; the kinds and shapes are open-item-kinds.ts, the
// resolutions open-item-resolutions.ts.
import { Reversals } from '../../offline-queue/reversals';
import type { PaymentRow } from '../../offline-queue/payment-journal';
import type { PaymentState } from '../../offline-queue/payment-states';
import { StaffItemClosed, type StaffItemRecord } from '../../offline-queue/staff-items';
import { maskAccount } from '../receipts/mask';
import type { AuthenticatedPerson } from './authenticator';
import {
  ACTIONS,
  DISCREPANCY_REASONS,
  NEEDS,
  asDetail,
  kindOf,
  num,
  str,
  type ItemResolution,
  type OpenItemKind,
  type OpenItemView,
  type PaymentRequests,
  type ResolvedView,
} from './open-item-kinds';
import {
  creditFound,
  explain,
  noteReturned,
  payOut,
  strayOutcome,
  type ResolutionPorts,
} from './open-item-resolutions';
import {
  done,
  isRefusal,
  paymentSubject,
  type Refusal,
  type StaffContext,
  type StaffResult,
} from './staff-results';

export class OpenItems {
  private readonly reversals: Reversals;

  private readonly ports: ResolutionPorts;

  constructor(
    private readonly c: StaffContext,
    private readonly requests: PaymentRequests,
    buildRequest: (p: PaymentRow, collectedAt: number) => string,
  ) {
    this.reversals = new Reversals(c.db, c.clock);
    this.ports = { c, requests, buildRequest };
  }

  list(actor: AuthenticatedPerson): StaffResult<{ items: OpenItemView[] }> {
    const who = this.c.guard.check(actor, 'open_items.view', null);
    if (isRefusal(who)) return who;
    const items = this.items();
    this.c.audit.append({
      actor: who,
      action: 'open_items.view',
      detail: { count: items.length },
    });
    return done({ items });
  }

  /** The list, unaudited (the day summary counts it). */
  items(): OpenItemView[] {
    const views: OpenItemView[] = [];
    for (const open of this.c.staff.openItems()) {
      const item = this.c.staff.get(open.id);
      if (item) views.push(this.view(item));
    }
    const reversing = new Set<number>();
    for (const r of this.reversals.unsettled()) {
      reversing.add(r.paymentId);
      const p = this.c.journal.get(r.paymentId);
      views.push({
        ...this.paymentBase(p),
        createdAt: r.requestedAt,
        need: 'reversal_unknown',
        actions: ['resume_reversal'],
      });
    }
    const states = Object.keys(NEEDS) as PaymentState[];
    for (const p of this.c.journal.inStates(states)) {
      const need = NEEDS[p.state];
      if (!need || reversing.has(p.id)) continue;
      views.push({ ...this.paymentBase(p), need, actions: ['ask_again'] });
    }
    return views;
  }

  private paymentBase(
    p: PaymentRow,
  ): Omit<Extract<OpenItemView, { kind: 'payment' }>, 'need' | 'actions'> {
    return {
      kind: 'payment',
      key: `payment:${p.agentSerial}`,
      agentSerial: p.agentSerial,
      state: p.state,
      billerName: this.c.billerName(p.billerId),
      account: maskAccount(p.account),
      amount: p.collected,
      createdAt: p.collectedAt ?? p.createdAt,
    };
  }

  private view(item: StaffItemRecord): OpenItemView {
    const d = asDetail(item.detail);
    const kind = kindOf(item);
    const base = {
      key: `item:${item.id}`,
      itemId: item.id,
      createdAt: item.createdAt,
      amount: item.amount,
      actions: ACTIONS[kind],
    };
    const payment = item.paymentId === null ? null : this.c.journal.get(item.paymentId);
    switch (kind) {
      case 'refund_slip':
        return {
          ...base,
          kind,
          agentSerial: payment?.agentSerial ?? str(d.agentSerial),
          billerName: payment ? this.c.billerName(payment.billerId) : null,
          account: payment ? maskAccount(payment.account) : null,
          reason: item.reason,
        };
      case 'note_review': {
        const noteId = num(d.noteId) ?? -1;
        const note = this.c.journal.reviewedNote(noteId);
        return {
          ...base,
          kind,
          agentSerial: payment?.agentSerial ?? str(d.agentSerial),
          noteValue: note?.value ?? item.amount,
          inBox: note?.boxed === 1,
          reason: item.reason,
          creditProblem: this.c.journal.foundNoteProblem(noteId, this.c.clock()),
        };
      }
      case 'stray_note':
        return {
          ...base,
          kind,
          value: num(d.value),
          inBox: d.inBox === true,
          deviceOutcome: str(d.outcome),
          reason: item.reason,
        };
      case 'discrepancy': {
        const label = d.label === '长款' || d.label === '短款' ? d.label : null;
        return {
          ...base,
          kind,
          agentSerial: str(d.agentSerial),
          label,
          difference: str(d.kind) ?? item.reason,
          kioskAmount: num(d.kioskAmount),
          gatewayAmount: num(d.gatewayAmount),
          reasons: DISCREPANCY_REASONS,
        };
      }
    }
  }

  /** Closes an item with the outcome staff record, its effect and its audit row together. */
  resolve(actor: AuthenticatedPerson, r: ItemResolution): StaffResult<ResolvedView> {
    const subject = `item:${r.itemId}`;
    const who = this.c.guard.check(actor, 'open_items.resolve', subject);
    if (isRefusal(who)) return who;
    const refuse = (reason: Refusal['reason'], why?: string, amount?: number): Refusal =>
      this.c.guard.refuse(who, 'open_items.resolve', subject, reason, why, amount);
    const item = this.c.staff.get(r.itemId);
    if (!item) return refuse('no_such_item');
    if (item.closedAt !== null) return refuse('already_closed', item.outcome ?? undefined);
    const kind = kindOf(item);
    if (!ACTIONS[kind].includes(r.action)) return refuse('wrong_action', r.action, item.amount);
    try {
      switch (r.action) {
        case 'pay_out':
          return payOut(this.ports, who, item, r, refuse);
        case 'credit_found':
          return creditFound(this.ports, who, item, refuse);
        case 'returned':
          return kind === 'note_review'
            ? noteReturned(this.ports, who, item)
            : strayOutcome(this.ports, who, item, 'returned');
        case 'in_box':
        case 'not_found':
          return strayOutcome(this.ports, who, item, r.action);
        case 'explain':
          return explain(this.ports, who, item, r, refuse);
      }
    } catch (err) {
      // Closed by someone else between the read and the write: nothing was changed.
      if (err instanceof StaffItemClosed) return refuse('already_closed');
      throw err;
    }
  }

  /**
   * A payment waiting for staff, asked again by the path its state has: AWAIT_RECON → the sync
   * worker (query first, Retry-After kept); PAYMENT_UNKNOWN and REFUND_REQUIRED → the
   * compensation job (the wallet queried first; refused cash re-applied or slipped).
   */
  async askAgain(
    actor: AuthenticatedPerson,
    agentSerial: string,
  ): Promise<StaffResult<{ agentSerial: string; state: PaymentState }>> {
    const subject = paymentSubject(agentSerial);
    const who = this.c.guard.check(actor, 'open_items.resolve', subject);
    if (isRefusal(who)) return who;
    const p = this.c.journal.bySerial(agentSerial);
    if (!p) return this.c.guard.refuse(who, 'open_items.resolve', subject, 'no_such_payment');
    const need = NEEDS[p.state];
    if (!need)
      return this.c.guard.refuse(who, 'open_items.resolve', subject, 'not_needed', p.state);
    if (need !== 'await_recon' && !this.requests.compensate)
      return this.c.guard.refuse(who, 'open_items.resolve', subject, 'not_available');
    this.c.audit.append({
      actor: who,
      action: 'open_items.resolve',
      subject,
      amountBefore: p.collected,
      amountAfter: p.collected,
      detail: { kind: 'payment', outcome: 'asked_again', state: p.state },
    });
    if (need === 'await_recon') this.requests.retryNow(p.id);
    else await this.requests.compensate?.();
    return done({ agentSerial, state: this.c.journal.get(p.id).state });
  }

  /** Open items by kind (every kind present). */
  countsByKind(): Record<OpenItemKind, number> {
    const counts: Record<OpenItemKind, number> = {
      refund_slip: 0,
      note_review: 0,
      stray_note: 0,
      discrepancy: 0,
      payment: 0,
    };
    for (const item of this.items()) counts[item.kind]++;
    return counts;
  }
}
