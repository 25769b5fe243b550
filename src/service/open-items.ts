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
import { Reversals } from '../../offline-queue/reversals';
import type { FoundNoteProblem, PaymentRow } from '../../offline-queue/payment-journal';
import type { PaymentState } from '../../offline-queue/payment-states';
import { StaffItemClosed, type StaffItemRecord } from '../../offline-queue/staff-items';
import { maskAccount } from '../receipts/mask';
import { reasonText } from '../receipts/refund-slip';
import { businessDay } from '../time/shanghai';
import { detailProblem, type AuditDetail, type AuditParty } from './audit-log';
import type { AuthenticatedPerson } from './authenticator';
import {
  done,
  isRefusal,
  paymentSubject,
  type Refusal,
  type StaffContext,
  type StaffResult,
} from './staff-results';

export type OpenItemAction =
  | 'pay_out'
  | 'credit_found'
  | 'returned'
  | 'in_box'
  | 'not_found'
  | 'explain'
  | 'ask_again'
  | 'resume_reversal';

export type OpenItemKind = 'refund_slip' | 'note_review' | 'stray_note' | 'discrepancy' | 'payment';

/** Why a difference is as it is: a short fixed list (no free text but a short note). */
export const DISCREPANCY_REASONS = [
  'counting_error',
  'late_write_off',
  'reversal_after_day_cut',
  'refund_paid',
  'note_found',
  'gateway_error',
  'other',
] as const;
export type DiscrepancyReason = (typeof DISCREPANCY_REASONS)[number];

/** The reasons as the screens show them. */
export const DISCREPANCY_REASON_TEXT: Readonly<
  Record<DiscrepancyReason, { 'zh-CN': string; en: string }>
> = {
  counting_error: { 'zh-CN': '清点差错', en: 'Counting error' },
  late_write_off: { 'zh-CN': '销账回执迟到', en: 'Write-off confirmed late' },
  reversal_after_day_cut: { 'zh-CN': '日切后冲正', en: 'Reversed after the day cut' },
  refund_paid: { 'zh-CN': '已退款给居民', en: 'Refund paid to the resident' },
  note_found: { 'zh-CN': '找到遗漏纸币', en: 'Missing note found' },
  gateway_error: { 'zh-CN': '代收平台差错，已报运营', en: 'Gateway error, reported' },
  other: { 'zh-CN': '其他（见备注）', en: 'Other (see note)' },
};

/** A note on an explained difference: short, and no personal data (no runs of 5 digits or more). */
export const MAX_NOTE_LENGTH = 80;

interface ItemBase {
  /** Unique in the list: `item:12` for a staff item, `payment:<serial>` for a payment. */
  key: string;
  createdAt: number;
  /** Fen. */
  amount: number;
  actions: readonly OpenItemAction[];
}

export type OpenItemView =
  | (ItemBase & {
      kind: 'refund_slip';
      itemId: number;
      agentSerial: string | null;
      billerName: string | null;
      /** Masked (3100****56). */
      account: string | null;
      reason: string;
      reasonText: string;
    })
  | (ItemBase & {
      kind: 'note_review';
      itemId: number;
      agentSerial: string | null;
      noteValue: number;
      /** The box ledger holds the note (the device said it is there). */
      inBox: boolean;
      reason: string;
      /** Why `credit_found` cannot be taken now, or null when it can. */
      creditProblem: FoundNoteProblem | null;
    })
  | (ItemBase & {
      kind: 'stray_note';
      itemId: number;
      /** Fen, when the device said which note it was. */
      value: number | null;
      inBox: boolean;
      /** What the device said happened: stacked, returned or uncertain. */
      deviceOutcome: string | null;
      reason: string;
    })
  | (ItemBase & {
      kind: 'discrepancy';
      itemId: number;
      agentSerial: string | null;
      /** 长款 (cash over) or 短款 (cash short). */
      label: '长款' | '短款' | null;
      difference: string;
      kioskAmount: number | null;
      gatewayAmount: number | null;
      reasons: readonly DiscrepancyReason[];
    })
  | (ItemBase & {
      kind: 'payment';
      agentSerial: string;
      state: PaymentState;
      billerName: string;
      account: string;
      /** What it waits for. */
      need: 'payment_unknown' | 'await_recon' | 'refund_required' | 'reversal_unknown';
    });

export type ItemResolution =
  | {
      itemId: number;
      action: 'pay_out';
      /** The slip's serial, as scanned from its barcode or typed. */
      slipSerial: string;
      via: 'scanned' | 'typed';
      /** Fen handed to the resident from petty cash: the slip's amount. */
      amount: number;
    }
  | { itemId: number; action: 'credit_found' }
  | { itemId: number; action: 'returned' }
  | { itemId: number; action: 'in_box' | 'not_found' }
  | { itemId: number; action: 'explain'; reason: DiscrepancyReason; note?: string };

export interface ResolvedView {
  itemId: number;
  outcome: string;
  /** The follow-up payment a found note now pays (its write-off is queued). */
  creditedTo?: string;
  /** For a note given back: the note itself, or its value from petty cash (the note is in the box). */
  returnedFrom?: 'note' | 'petty_cash';
}

/** How the host asks the sync worker and the compensation job (never the gateway directly). */
export interface PaymentRequests {
  /** The sync worker: make this payment's write-off due now, within its rules, and run. */
  retryNow(paymentId?: number): void;
  kick(): void;
  /** The compensation job (QR through the wallet, refused cash re-applied or slipped). */
  compensate?: () => Promise<void>;
}

const ACTIONS: Readonly<Record<Exclude<OpenItemKind, 'payment'>, readonly OpenItemAction[]>> = {
  refund_slip: ['pay_out'],
  note_review: ['credit_found', 'returned'],
  stray_note: ['in_box', 'returned', 'not_found'],
  discrepancy: ['explain'],
};

/** Payment states that wait for staff to ask again, and what they wait for. */
const NEEDS: Partial<Record<PaymentState, 'payment_unknown' | 'await_recon' | 'refund_required'>> =
  {
    PAYMENT_UNKNOWN: 'payment_unknown',
    AWAIT_RECON: 'await_recon',
    REFUND_REQUIRED: 'refund_required',
  };

type Detail = Record<string, unknown>;

const asDetail = (d: unknown): Detail => (d !== null && typeof d === 'object' ? (d as Detail) : {});
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Staff items as the list shows them: a journalled note under review, or a stray of its own. */
function kindOf(item: StaffItemRecord): Exclude<OpenItemKind, 'payment'> {
  if (item.kind === 'cash_refund') return 'refund_slip';
  if (item.kind === 'discrepancy') return 'discrepancy';
  return num(asDetail(item.detail).noteId) !== null ? 'note_review' : 'stray_note';
}

export class OpenItems {
  private readonly reversals: Reversals;

  constructor(
    private readonly c: StaffContext,
    private readonly requests: PaymentRequests,
    private readonly buildRequest: (p: PaymentRow, collectedAt: number) => string,
  ) {
    this.reversals = new Reversals(c.db, c.clock);
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
          reasonText: reasonText(item.reason),
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
          return this.payOut(who, item, r, refuse);
        case 'credit_found':
          return this.creditFound(who, item, refuse);
        case 'returned':
          return kind === 'note_review'
            ? this.noteReturned(who, item)
            : this.strayOutcome(who, item, 'returned');
        case 'in_box':
        case 'not_found':
          return this.strayOutcome(who, item, r.action);
        case 'explain':
          return this.explain(who, item, r, refuse);
      }
    } catch (err) {
      // Closed by someone else between the read and the write: nothing was changed.
      if (err instanceof StaffItemClosed) return refuse('already_closed');
      throw err;
    }
  }

  private payOut(
    who: AuditParty,
    item: StaffItemRecord,
    r: Extract<ItemResolution, { action: 'pay_out' }>,
    refuse: (reason: Refusal['reason'], why?: string, amount?: number) => Refusal,
  ): StaffResult<ResolvedView> {
    const serial =
      item.paymentId === null
        ? str(asDetail(item.detail).agentSerial)
        : this.c.journal.get(item.paymentId).agentSerial;
    const given = r.slipSerial.trim().toUpperCase();
    if (serial === null || given !== serial.toUpperCase())
      return refuse('wrong_serial', r.via, item.amount);
    if (!Number.isSafeInteger(r.amount) || r.amount !== item.amount)
      return refuse('wrong_amount', undefined, item.amount);
    const at = this.c.clock();
    this.c.db.transaction(() => {
      this.c.staff.resolve(item.id, who.staffNumber, 'paid_out', {
        amount: r.amount,
        slipSerial: serial,
        via: r.via,
        from: 'petty_cash',
        paidAt: at,
      });
      this.c.audit.append({
        actor: who,
        action: 'open_items.resolve',
        subject: `item:${item.id}`,
        amountBefore: item.amount,
        amountAfter: 0,
        detail: { kind: 'refund_slip', outcome: 'paid_out', via: r.via, from: 'petty_cash' },
      });
    })();
    return done({ itemId: item.id, outcome: 'paid_out' });
  }

  private creditFound(
    who: AuditParty,
    item: StaffItemRecord,
    refuse: (reason: Refusal['reason'], why?: string, amount?: number) => Refusal,
  ): StaffResult<ResolvedView> {
    const noteId = num(asDetail(item.detail).noteId) ?? -1;
    const now = this.c.clock();
    const problem = this.c.journal.foundNoteProblem(noteId, now);
    if (problem) return refuse('not_creditable', problem, item.amount);
    const note = this.c.journal.reviewedNote(noteId);
    if (!note) return refuse('not_creditable', 'note_settled', item.amount);
    const first = this.c.journal.get(note.paymentId);
    const next = this.c.db.transaction(() => {
      const credited = this.c.journal.creditFoundNote({
        noteId,
        terminalId: this.c.terminalId,
        businessDay: businessDay(now),
        buildRequest: this.buildRequest,
      });
      this.c.staff.resolve(item.id, who.staffNumber, 'credited', {
        noteId,
        value: note.value,
        creditedTo: credited.agentSerial,
      });
      this.c.audit.append({
        actor: who,
        action: 'open_items.resolve',
        subject: `item:${item.id}`,
        amountBefore: first.collected,
        amountAfter: first.collected + note.value,
        detail: {
          kind: 'note_review',
          outcome: 'credited',
          value: note.value,
          followUp: `payment:${credited.id}`,
        },
      });
      return credited;
    })();
    // Committed: the write-off is the sync worker's now (journal before effect).
    this.requests.kick();
    return done({ itemId: item.id, outcome: 'credited', creditedTo: next.agentSerial });
  }

  private noteReturned(who: AuditParty, item: StaffItemRecord): StaffResult<ResolvedView> {
    const noteId = num(asDetail(item.detail).noteId) ?? -1;
    const note = this.c.journal.reviewedNote(noteId);
    const from = this.c.db.transaction(() => {
      // A note whose fate staff already settled some other way is only recorded.
      const returned =
        note && note.state === 'unknown' ? this.c.journal.recordNoteReturnedByStaff(noteId) : null;
      this.c.staff.resolve(item.id, who.staffNumber, 'returned', {
        noteId,
        value: note?.value ?? item.amount,
        from: returned,
      });
      this.c.audit.append({
        actor: who,
        action: 'open_items.resolve',
        subject: `item:${item.id}`,
        amountBefore: item.amount,
        amountAfter: 0,
        detail: { kind: 'note_review', outcome: 'returned', from: returned },
      });
      return returned;
    })();
    return done({
      itemId: item.id,
      outcome: 'returned',
      ...(from ? { returnedFrom: from } : {}),
    });
  }

  private strayOutcome(
    who: AuditParty,
    item: StaffItemRecord,
    outcome: 'in_box' | 'returned' | 'not_found',
  ): StaffResult<ResolvedView> {
    const d = asDetail(item.detail);
    this.c.db.transaction(() => {
      this.c.staff.resolve(item.id, who.staffNumber, outcome, { strayId: num(d.strayId) });
      this.c.audit.append({
        actor: who,
        action: 'open_items.resolve',
        subject: `item:${item.id}`,
        amountBefore: num(d.value),
        amountAfter: num(d.value),
        detail: { kind: 'stray_note', outcome, deviceInBox: d.inBox === true },
      });
    })();
    return done({ itemId: item.id, outcome });
  }

  private explain(
    who: AuditParty,
    item: StaffItemRecord,
    r: Extract<ItemResolution, { action: 'explain' }>,
    refuse: (reason: Refusal['reason'], why?: string, amount?: number) => Refusal,
  ): StaffResult<ResolvedView> {
    if (!(DISCREPANCY_REASONS as readonly string[]).includes(r.reason))
      return refuse('bad_reason', undefined, item.amount);
    const note = r.note?.trim() ?? '';
    const problem = noteProblem(note);
    if (problem) return refuse('bad_note', problem, item.amount);
    if (r.reason === 'other' && note === '') return refuse('bad_note', 'other_needs_a_note');
    const detail: AuditDetail = {
      kind: 'discrepancy',
      outcome: 'explained',
      reason: r.reason,
      ...(note ? { note } : {}),
    };
    this.c.db.transaction(() => {
      this.c.staff.resolve(item.id, who.staffNumber, 'explained', {
        reason: r.reason,
        ...(note ? { note } : {}),
      });
      this.c.audit.append({
        actor: who,
        action: 'open_items.resolve',
        subject: `item:${item.id}`,
        amountBefore: item.amount,
        amountAfter: item.amount,
        detail,
      });
    })();
    return done({ itemId: item.id, outcome: 'explained' });
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

/** Why a note on an explained difference may not be kept, or null. */
export function noteProblem(note: string): string | null {
  if (note.length > MAX_NOTE_LENGTH) return 'too_long';
  if (/[0-9０-９]{5}/.test(note)) return 'holds_a_number';
  return detailProblem({ note }) === null ? null : 'personal_data';
}
