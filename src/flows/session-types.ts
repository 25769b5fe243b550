// The customer session's vocabulary: what the flow knows (context), what it hears (events) and
// what its effects (actors provided by the host) take and answer. Shared by the machine, the
// screen mapping and the host's actors.
import type {
  BillerView,
  HelpReason as HelpReasonCode,
  Locale,
  LocalizedText,
  OutOfServiceReason,
  PayScope,
  PaymentMethod,
  ProblemCode,
  QrStep,
  QuoteView,
  ScannerWindow,
  Screen,
  ServiceHall,
  StaffEvent,
  UserEvent,
} from '../api/kiosk-api';

export interface BillerChoice extends BillerView {
  acceptsOverpayment: boolean;
  /** The biller writes off less than the amount due (part payment). */
  allowsPartial: boolean;
  accountPattern: string;
}

export interface QuoteChoice extends QuoteView {
  quoteId: string;
  billerId: string;
  expiresAt: string;
  /** The gateway's quote exactly as received; journalled with the payment. */
  raw: string;
}

export interface ReceiptInput {
  paymentId: number;
  /** The payee in both languages (the receipt is bilingual when she chose English). */
  billerName: LocalizedText;
  /** The customer's language: English adds an English line to each Chinese one. */
  locale: Locale;
}

/** What the refund slip of a part payment needs (printed only when a person asks for it). */
export interface RefundSlipInput {
  paymentId: number;
  billerName: LocalizedText;
  locale: Locale;
}

/** Starting a payment either opens its journal record or says why it cannot. */
export type StartResult = { ok: true; paymentId: number } | { ok: false; problem: ProblemCode };

export type LookupResult = { ok: true; quote: QuoteChoice } | { ok: false; problem: ProblemCode };

/** A scan names its biller itself (the gateway matches the biller's scan patterns). */
export type ScanLookupResult =
  { ok: true; biller: BillerChoice; quote: QuoteChoice } | { ok: false; problem: ProblemCode };

export interface QrPayInput {
  paymentId: number;
  amountDue: number;
  /** What the wallet shows the customer (the payee). */
  description: string;
}

export interface CashInInput {
  paymentId: number;
  amountDue: number;
  acceptsOverpayment: boolean;
}

export interface WriteOffOutcomeEvent {
  type: 'WRITE_OFF_SETTLED';
  state: 'WRITTEN_OFF' | 'REFUND_REQUIRED';
}

export type InternalEvent =
  | { type: 'NOTE_STACKED'; collected: number }
  /** A note is held in escrow (journalled); until it is stacked or returned nothing may end. */
  | { type: 'NOTE_ESCROWED' }
  | { type: 'NOTE_RETURNED' }
  /** The acceptor could not say whether the note reached the box: staff check it. */
  | { type: 'NOTE_UNCERTAIN'; value: number }
  | { type: 'ACCEPTED_NOTES'; values: number[] }
  /** The notes the acceptor takes (its reported denominations, fen), whenever they change. */
  | { type: 'ACCEPTOR_NOTES'; values: number[] }
  /** The acceptor is not there, or failed while taking notes. */
  | { type: 'CASH_UNAVAILABLE' }
  /** The amount due cannot be made of the notes the acceptor takes, and no overpayment. */
  | { type: 'CASH_NOT_EXACT' }
  /** The operator took the kiosk out of service, or back (heartbeat commands). */
  | { type: 'SERVICE_MODE'; inService: boolean; reason: OutOfServiceReason | null }
  /** A code read by the scanner (a bill's QR or barcode, or something else). */
  | { type: 'SCANNED'; text: string }
  /** A card the kiosk knows as a biller account was presented. */
  | { type: 'ACCOUNT_CARD'; billerId: string; account: string }
  /** A card was presented that is no account card (or could not be read). */
  | { type: 'CARD_NOT_RECOGNISED' }
  /** QR payment progress from the wallet side. */
  | {
      type: 'QR_STEP';
      step: QrStep;
      kioskCodeUrl: string | null;
      refused: boolean;
    }
  | { type: 'QR_PAID'; qrPaymentId: string }
  | { type: 'QR_CANCELLED' }
  | { type: 'QR_UNKNOWN' }
  /** No tap for a while (the host's inactivity clock): ask "need more time?". */
  | { type: 'INACTIVE'; deadline: number }
  /** The "need more time?" deadline passed unanswered. */
  | { type: 'TIMED_OUT' }
  | WriteOffOutcomeEvent;

/** The customer asked for staff, or the kiosk did (a timeout with money on its way). */
export type HelpReason = HelpReasonCode;

/** Events the session raises to itself between its regions. */
export type RegionEvent =
  | { type: 'HELP_NEEDED'; reason: HelpReason }
  /** The visit ended (attract): its call for help and its prompt end with it. */
  | { type: 'CUSTOMER_LEFT' }
  /** A member of staff signed in and took the call (sent by the host's staff desk). */
  | { type: 'STAFF_ANSWERED' };

/** The customer's taps (staff taps go to the staff desk, never to the visit). */
export type CustomerEvent = Exclude<UserEvent, StaffEvent>;

export type SessionEvent = CustomerEvent | InternalEvent | RegionEvent;

export interface InfoContent {
  id: string;
  title: LocalizedText;
  paragraphs: { 'zh-CN': string[]; en: string[] };
}

export interface Prefs {
  textScale: 1 | 1.25 | 1.5;
  volume: number;
  muted: boolean;
}

export const DEFAULT_PREFS: Prefs = { textScale: 1, volume: 2, muted: false };

export interface SessionContext {
  locale: Locale;
  /** The community service point's screen while the resident is there (its own flow's view). */
  servicePoint: Screen | null;
  inService: boolean;
  /** Why the kiosk is out of service, as residents are told (null: no reason given). */
  outOfServiceReason: OutOfServiceReason | null;
  billers: BillerChoice[];
  biller: BillerChoice | null;
  digits: string;
  problem: ProblemCode | null;
  quote: QuoteChoice | null;
  paymentId: number | null;
  collected: number;
  noteInEscrow: boolean;
  acceptedNotes: number[];
  /** Fen in notes the acceptor could not account for (staff review). */
  underReview: number;
  /** The customer (or a fault) asked to stop taking notes; applied once no note is in escrow. */
  stopRequested: boolean;
  cashFault: boolean;
  outcome: ReceiptOutcome | null;
  refundSlip: RefundSlipOutcome | null;
  method: PaymentMethod;
  /** Everything due, or the overdue bills only (where the biller takes part payments). */
  scope: PayScope;
  /** The notes the acceptor takes (fen), as it last reported them; a device fact, not hers. */
  acceptorNotes: number[];
  qr: {
    step: QrStep;
    kioskCodeUrl: string | null;
    refused: boolean;
  };
  /** The bills were quoted again after the first quote expired. */
  requoted: boolean;
  prefs: Prefs;
  /** Why staff were called (the help region says whether they are). */
  helpReason: HelpReason | null;
  /** "Need more time?" until this epoch ms, while the prompt region asks. */
  promptDeadline: number | null;
  /**
   * The information centre: its topics, the one open (null: the list), and where "back" from
   * that topic goes: the idle screen it was opened from, or the list.
   */
  info: { topics: InfoContent[]; topicId: string | null; topicFrom: 'attract' | 'list' };
  timing: SessionTiming;
  site: SiteFacts;
}

/** What residents are told about this terminal and its place, from config. */
export interface SiteFacts {
  /** Where to hold a payment code (the scanner's side in config frontPanel); null: no scanner. */
  scannerWindow: ScannerWindow | null;
  /** Where an account the kiosk cannot take is dealt with (config site.serviceHall). */
  serviceHall: ServiceHall | null;
}

export const NO_SITE: SiteFacts = { scannerWindow: null, serviceHall: null };

/** What the host starts the session with: its timings, and the site facts. */
export interface SessionInput extends SessionTiming {
  site?: SiteFacts;
}

export interface SessionTiming {
  /** How long the write-off screen waits before showing "payment pending sync". */
  writeOffWaitMs: number;
  /** How long a result screen stays before the kiosk returns to attract. */
  doneScreenMs: number;
  /** The partial-cash screen settles the money taken after this long without an answer. */
  partialCashWaitMs: number;
}

export interface ReceiptOutcome {
  prepaidCredited: number;
  receiptLines: string[];
  printed: boolean;
  /** The payment's verification link (the e-receipt QR). */
  eReceiptUrl: string | null;
}

export interface RefundSlipOutcome {
  amount: number;
  slipLines: string[];
  printed: boolean;
}

/** The wallet is paying or waiting for her to confirm: nothing may end it but the wallet. */
export function walletBusy(c: SessionContext): boolean {
  return c.qr.step === 'paying' || c.qr.step === 'confirming';
}

/** Money taken or on its way: the visit may not simply end (staff help instead). */
export function moneyInFlight(c: SessionContext): boolean {
  return c.collected > 0 || c.noteInEscrow || walletBusy(c);
}

/** Problems about the account itself: no payment here, but she may try another account. */
export const ACCOUNT_DEAD_ENDS: readonly ProblemCode[] = ['account_locked', 'nothing_due'];

/** The problem is the account she typed or scanned (nothing taken): she may type another. */
export function canRetype(c: SessionContext): boolean {
  return (
    c.biller !== null &&
    c.paymentId === null &&
    c.problem !== null &&
    ACCOUNT_DEAD_ENDS.includes(c.problem)
  );
}

/**
 * She may leave the staff-help screen (go on by herself, or withdraw the call), unless the kiosk
 * called because time ran out with her money on its way: she may have walked away, and the
 * next person must not take over. Then only staff end the call.
 */
export function mayLeaveHelp(c: SessionContext): boolean {
  return c.helpReason !== 'timeout' || !moneyInFlight(c);
}
