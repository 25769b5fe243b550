// Open items (assisted mode): the kinds, the actions each allows, the shapes the list and a
// resolution take, and how a staff item's record reads (its kind, its detail's fields). The
// list and its resolutions are open-items.ts and open-item-resolutions.ts.
import type { PaymentState } from '../../offline-queue/payment-states';
import type { FoundNoteProblem } from '../../offline-queue/payment-journal';
import type { StaffItemRecord } from '../../offline-queue/staff-items';
import { detailProblem } from './audit-log';

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
      /** Why the money goes back (src/api/refund-reasons.ts has its words). */
      reason: string;
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

export const ACTIONS: Readonly<
  Record<Exclude<OpenItemKind, 'payment'>, readonly OpenItemAction[]>
> = {
  refund_slip: ['pay_out'],
  note_review: ['credit_found', 'returned'],
  stray_note: ['in_box', 'returned', 'not_found'],
  discrepancy: ['explain'],
};

/** Payment states that wait for staff to ask again, and what they wait for. */
export const NEEDS: Partial<
  Record<PaymentState, 'payment_unknown' | 'await_recon' | 'refund_required'>
> = {
  PAYMENT_UNKNOWN: 'payment_unknown',
  AWAIT_RECON: 'await_recon',
  REFUND_REQUIRED: 'refund_required',
};

export type Detail = Record<string, unknown>;

export const asDetail = (d: unknown): Detail =>
  d !== null && typeof d === 'object' ? (d as Detail) : {};
export const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Staff items as the list shows them: a journalled note under review, or a stray of its own. */
export function kindOf(item: StaffItemRecord): Exclude<OpenItemKind, 'payment'> {
  if (item.kind === 'cash_refund') return 'refund_slip';
  if (item.kind === 'discrepancy') return 'discrepancy';
  return num(asDetail(item.detail).noteId) !== null ? 'note_review' : 'stray_note';
}

/** Why a note on an explained difference may not be kept, or null. */
export function noteProblem(note: string): string | null {
  if (note.length > MAX_NOTE_LENGTH) return 'too_long';
  if (/[0-9０-９]{5}/.test(note)) return 'holds_a_number';
  return detailProblem({ note }) === null ? null : 'personal_data';
}
