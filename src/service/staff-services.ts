// The back end of assisted mode (issue 12): what committee staff do at the kiosk, over the
// journal, for the staff screens to call. Every method takes the person who entered with their
// PIN (ServiceAuth), checks that their role may take the action (roles.ts `can`), audits it —
// refusals included — in the same transaction as its effect wherever there is one, and answers
// a plain view or a refusal with its reason (staff-results.ts). The journal's own modules
// (offline-queue/) make every change; this facade decides who may ask and records that they did.
//
// - Open items, one list (open-items.ts): refund slips, notes under review, stray notes,
//   differences (长款/短款), payments waiting for staff; each closes with a recorded outcome.
// - Reprint (reprint.ts): receipts of the last 7 days as copies (副本), counted.
// - Payments waiting to sync (sync-desk.ts): age, last error, "try now" through the worker.
// - Same-day reversal (reversal-desk.ts): four eyes, intent journalled first, query first.
// - Day summary (day-summary.ts).
import type { PaperWidth } from '../../drivers/printer';
import type { JournalDb } from '../../offline-queue/open-journal';
import type { PaymentJournal, PaymentRow } from '../../offline-queue/payment-journal';
import type { PaymentState } from '../../offline-queue/payment-states';
import type { StaffItems } from '../../offline-queue/staff-items';
import type { ReversalPort } from '../gateway/reversal-port';
import { cashPaymentRequest } from '../host/payment-request';
import type { AuditLog } from './audit-log';
import type { AuthenticatedPerson, ServiceAuth } from './authenticator';
import { DaySummary, type DaySummaryView } from './day-summary';
import {
  type ItemResolution,
  type OpenItemView,
  type PaymentRequests,
  type ResolvedView,
} from './open-item-kinds';
import { OpenItems } from './open-items';
import { Reprints, type ReceiptFoundView, type ReprintQuery, type ReprintView } from './reprint';
import { ReversalDesk, type ReversalRequest, type ReversalView } from './reversal-desk';
import { can as roleCan, type Action, type Role } from './roles';
import { Guard, type StaffContext, type StaffResult } from './staff-results';
import { SyncDesk, type TryNowView, type WaitingPaymentView } from './sync-desk';

export type { DaySummaryView, DayRowView } from './day-summary';
export {
  DISCREPANCY_REASONS,
  DISCREPANCY_REASON_TEXT,
  type DiscrepancyReason,
  type ItemResolution,
  type OpenItemAction,
  type OpenItemKind,
  type OpenItemView,
  type PaymentRequests,
  type ResolvedView,
} from './open-item-kinds';
export type { ReceiptFoundView, ReprintQuery, ReprintView } from './reprint';
export {
  REVERSAL_REASONS,
  REVERSAL_REASON_TEXT,
  type ReversalOutcome,
  type ReversalReason,
  type ReversalRequest,
  type ReversalView,
} from './reversal-desk';
export type { Refusal, RefusalReason, StaffResult } from './staff-results';
export type { TryNowView, WaitingPaymentView } from './sync-desk';

export interface StaffServicesOptions {
  db: JournalDb;
  journal: PaymentJournal;
  staff: StaffItems;
  audit: AuditLog;
  auth: ServiceAuth;
  /** The sync worker (retryNow, kick) and the host's compensation job. */
  requests: PaymentRequests;
  /** The gateway's reversal route and payment query (gatewayReversalPort). */
  reversals: ReversalPort;
  terminalId: string;
  /** A biller's name as receipts and screens show it (zh-CN). */
  billerName(billerId: string): string;
  /** The receipt paper, for the lines a copy or a slip shows. Default 80 mm. */
  paper?: PaperWidth;
  verifyBase?: string;
  /** The wall clock (ms). */
  clock?: () => number;
  /** Who may do what: roles.ts's `can`. */
  can?: (role: Role, action: Action) => boolean;
  /** The write-off body of a payment a found note pays; default the host's cash body. */
  buildRequest?: (p: PaymentRow, collectedAt: number) => string;
}

export class StaffServices {
  private readonly items: OpenItems;
  private readonly reprints: Reprints;
  private readonly sync: SyncDesk;
  private readonly reversalDesk: ReversalDesk;
  private readonly summary: DaySummary;

  constructor(o: StaffServicesOptions) {
    const clock = o.clock ?? Date.now;
    const can = o.can ?? roleCan;
    const paper = o.paper ?? 80;
    const c: StaffContext = {
      db: o.db,
      journal: o.journal,
      staff: o.staff,
      audit: o.audit,
      auth: o.auth,
      guard: new Guard(o.auth, o.audit, can),
      clock,
      terminalId: o.terminalId,
      billerName: o.billerName,
    };
    const buildRequest =
      o.buildRequest ?? ((p: PaymentRow, at: number) => cashPaymentRequest(o.journal, p, at));
    this.items = new OpenItems(c, o.requests, buildRequest);
    this.reprints = new Reprints(c, {
      paper,
      ...(o.verifyBase ? { verifyBase: o.verifyBase } : {}),
    });
    this.sync = new SyncDesk(c, o.requests);
    this.reversalDesk = new ReversalDesk(c, o.reversals, { paper, can });
    this.summary = new DaySummary(c, this.items);
  }

  // --- Open items -----------------------------------------------------------------------------

  /** Every open item, one list, each with the actions its kind allows. */
  openItems(actor: AuthenticatedPerson): StaffResult<{ items: OpenItemView[] }> {
    return this.items.list(actor);
  }

  /** Closes a staff item with the outcome staff record (see ItemResolution). */
  resolveItem(actor: AuthenticatedPerson, resolution: ItemResolution): StaffResult<ResolvedView> {
    return this.items.resolve(actor, resolution);
  }

  /** A payment waiting for staff, asked again by the path its state has. */
  askAgain(
    actor: AuthenticatedPerson,
    agentSerial: string,
  ): Promise<StaffResult<{ agentSerial: string; state: PaymentState }>> {
    return this.items.askAgain(actor, agentSerial);
  }

  // --- Reprint --------------------------------------------------------------------------------

  /** Receipts of the last 7 days by agent serial or the account's last 4 digits. */
  findReceipts(
    actor: AuthenticatedPerson,
    query: ReprintQuery,
  ): StaffResult<{ receipts: ReceiptFoundView[] }> {
    return this.reprints.find(actor, query);
  }

  /** The receipt again, as a copy (副本 / COPY), counted; never a write-off. */
  reprint(actor: AuthenticatedPerson, agentSerial: string): StaffResult<ReprintView> {
    return this.reprints.reprint(actor, agentSerial);
  }

  // --- Payments waiting to sync ---------------------------------------------------------------

  waitingToSync(actor: AuthenticatedPerson): StaffResult<{ payments: WaitingPaymentView[] }> {
    return this.sync.list(actor);
  }

  /** Asks the sync worker to try one payment (or every one) now, within its rules. */
  tryNow(actor: AuthenticatedPerson, agentSerial?: string): StaffResult<TryNowView> {
    return this.sync.tryNow(actor, agentSerial);
  }

  // --- Same-day reversal ----------------------------------------------------------------------

  /** 冲正 with a second person's approval; the money goes back by refund slip. */
  requestReversal(
    actor: AuthenticatedPerson,
    request: ReversalRequest,
  ): Promise<StaffResult<ReversalView>> {
    return this.reversalDesk.request(actor, request);
  }

  /** Settles a reversal of unknown outcome: query first, re-send only if still written off. */
  resumeReversal(
    actor: AuthenticatedPerson,
    agentSerial: string,
  ): Promise<StaffResult<ReversalView>> {
    return this.reversalDesk.resume(actor, agentSerial);
  }

  // --- Day summary ----------------------------------------------------------------------------

  daySummary(actor: AuthenticatedPerson): StaffResult<DaySummaryView> {
    return this.summary.today(actor);
  }
}
