// The KioskApi: the one contract between the renderer (ui/) and the host (src/).
// Snapshots flow out, user events flow in; both transports (WebSocket in browser mode,
// preload/ipc in Electron) carry exactly these messages and validate them with these schemas.
// This module must stay browser-safe: it imports nothing but zod, and only its tree-shakable
// `zod/mini` form, which keeps the renderer's bundle (and its start on a slow kiosk) small.
import { z } from 'zod/mini';
import { APPLICATION_EVENT_SCHEMAS, APPLICATION_SCREENS } from './application-api';
import { FRONT_SIDES, FrontPanel } from './front-panel';
import { BillerKind, Fen, Key, LocalizedText } from './primitives';
import { HelpReason, OutOfServiceReason, STAFF_EVENT_SCHEMAS, StaffView } from './staff-api';

export { BillerKind, Fen, Key, LocalizedText };

export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;

export const BillerView = z.object({
  id: z.string(),
  kind: BillerKind,
  name: LocalizedText,
  accountLength: z.nullable(z.int().check(z.positive())),
  /** New payments paused: too much money is waiting to reach this biller. */
  paused: z.boolean(),
});
export type BillerView = z.infer<typeof BillerView>;

export const BillView = z.object({
  billId: z.string(),
  period: z.string(),
  principal: Fen,
  lateFee: Fen,
  /** The last day to pay it without a late fee (YYYY-MM-DD, the gateway's dueDate). */
  dueDate: z.string(),
  daysOverdue: z.int().check(z.nonnegative()),
});
export type BillView = z.infer<typeof BillView>;

export const QuoteView = z.object({
  account: z.string(),
  holder: z.string(),
  address: z.string(),
  bills: z.array(BillView),
  totalDue: Fen,
  quotedAt: z.string(),
});
export type QuoteView = z.infer<typeof QuoteView>;

/** The side of the screen the scanner's window is on (config `frontPanel`). */
export const ScannerWindow = z.enum(FRONT_SIDES);
export type ScannerWindow = z.infer<typeof ScannerWindow>;

/** The nearest service hall (营业厅), as config names it (`site.serviceHall`). */
export const ServiceHall = z.object({
  name: LocalizedText,
  address: LocalizedText,
  hours: z.nullable(LocalizedText),
});
export type ServiceHall = z.infer<typeof ServiceHall>;

/**
 * Where a QR payment stands. showYourCode: waiting for her code, or for her phone to scan the
 * kiosk's; paying: her code is with the wallet; confirming: the wallet waits for her to confirm
 * on her phone (the gateway's user_paying); cancelling: she gave up, the attempt is being
 * cancelled at the wallet.
 */
export const QrStep = z.enum(['showYourCode', 'paying', 'confirming', 'cancelling']);
export type QrStep = z.infer<typeof QrStep>;

/** What she pays now: everything due, or (where the biller takes part payments) the overdue bills. */
export const PayScope = z.enum(['all', 'overdue']);
export type PayScope = z.infer<typeof PayScope>;

/**
 * What cash above the amount due does, said before she inserts any (the kiosk gives no change).
 * 'kept': the biller keeps it on her account for the next bill; 'returned': the biller takes no
 * overpayment, so `refusedNotes` are the acceptor's notes larger than the amount (they come
 * back), and `notesCanPay` is false when no mix of its notes makes the amount exactly.
 */
export const CashChange = z.object({
  overpayment: z.enum(['kept', 'returned']),
  refusedNotes: z.array(Fen),
  notesCanPay: z.boolean(),
});
export type CashChange = z.infer<typeof CashChange>;

/** Why a step could not go on; the renderer turns each code into words and a voice line. */
export const ProblemCode = z.enum([
  'account_not_found',
  'invalid_account',
  'account_locked',
  'nothing_due',
  'gateway_unavailable',
  'acceptor_unavailable',
  'payment_needs_staff',
  'unrecognised_scan',
  /** A card that is no account card of this kiosk (or could not be read). */
  'card_not_recognised',
  /** A wallet payment code was scanned where a bill was expected. */
  'payment_code_scanned',
  'biller_paused',
  /** The bills were quoted before midnight (or the quote ran out): they were asked again. */
  'quote_expired',
  /** A note's fate is unknown (a jam, a power cut): staff will check it with the customer. */
  'note_under_review',
  /** No overpayment at this biller, and the amount due cannot be made of notes. */
  'exact_cash_impossible',
]);
export type ProblemCode = z.infer<typeof ProblemCode>;

/** How the receipt reaches the customer: on paper, or as a QR on the screen (printer down). */
export const ReceiptDelivery = z.enum(['print', 'screen']);
export type ReceiptDelivery = z.infer<typeof ReceiptDelivery>;

/** The receipt printer as staff need to know it. */
export const PrinterState = z.enum(['ok', 'low', 'out', 'none']);
export type PrinterState = z.infer<typeof PrinterState>;

/** A receipt as the result screens show it. */
const IssuedReceipt = {
  receiptLines: z.array(z.string()),
  /** False when it could not be printed: the screen then shows the e-receipt QR. */
  printed: z.boolean(),
  /** The payment's verification link, drawn as a QR when nothing was printed. */
  eReceiptUrl: z.nullable(z.string()),
};

export const PaymentMethod = z.enum(['cash', 'qr']);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/** One topic of the information centre (content files an operator can replace). */
export const InfoTopicView = z.object({ id: z.string(), title: z.string() });
export const InfoTopic = z.extend(InfoTopicView, { paragraphs: z.array(z.string()) });
/** A topic as the idle attract screen shows it, in turn with the others: its first paragraph. */
export const InfoHighlight = z.extend(InfoTopicView, { summary: z.string() });
export type InfoHighlight = z.infer<typeof InfoHighlight>;

/** A key of the service point's keypad: digits and Latin capitals (tracking codes), no Chinese typing. */
export const ServiceKey = z.union([
  z.string().check(z.regex(/^[0-9A-Z]$/)),
  z.enum(['delete', 'clear']),
]);
export type ServiceKey = z.infer<typeof ServiceKey>;

/** Where an application stands (the community contract's statuses). */
export const ApplicationStatusView = z.enum([
  'received',
  'in_review',
  'needs_more',
  'site_visit',
  'approved',
  'completed',
  'rejected',
  'withdrawn',
]);
export type ApplicationStatusView = z.infer<typeof ApplicationStatusView>;

/** Why a service-point step could not go on. */
export const ServiceProblem = z.enum([
  'not_found',
  'unreachable',
  'invalid_code',
  'invalid_last4',
  /** A code was scanned that is no application receipt's QR. */
  'not_a_receipt',
]);
export type ServiceProblem = z.infer<typeof ServiceProblem>;

/** The community service point's screens (src/flows/service-point/). */
export const SERVICE_SCREENS = [
  /** Community services: apply, or follow an application's progress. */
  z.object({ name: z.literal('serviceHome') }),
  /** 查进度: the tracking code, then the phone's last four, on the kiosk's keypad. */
  z.object({
    name: z.literal('progressEntry'),
    step: z.enum(['code', 'last4']),
    code: z.string().check(z.maxLength(12)),
    last4: z.string().check(z.maxLength(4)),
    problem: z.nullable(ServiceProblem),
  }),
  z.object({ name: z.literal('progressLookingUp') }),
  /** The application's timeline, oldest first. */
  z.object({
    name: z.literal('progress'),
    trackingCode: z.nullable(z.string()),
    status: ApplicationStatusView,
    timeline: z.array(
      z.object({ status: ApplicationStatusView, at: z.string(), note: LocalizedText }),
    ),
    nextStep: z.nullable(LocalizedText),
    reason: z.nullable(LocalizedText),
    /** With needs_more: the documents asked for. */
    requested: z.array(z.object({ documentId: z.string(), label: z.nullable(LocalizedText) })),
  }),
] as const;

export const Screen = z.discriminatedUnion('name', [
  ...SERVICE_SCREENS,
  ...APPLICATION_SCREENS,
  /** Waiting for a customer; meanwhile the information centre's topics are shown in turn. */
  z.object({ name: z.literal('attract'), highlights: z.array(InfoHighlight) }),
  z.object({
    name: z.literal('outOfService'),
    /** Why, as the technician (or the fleet) said; null when no reason was given. */
    reason: z.nullable(OutOfServiceReason),
  }),
  z.object({ name: z.literal('chooseBiller'), billers: z.array(BillerView) }),
  z.object({
    name: z.literal('enterAccount'),
    biller: BillerView,
    digits: z.string(),
    problem: z.nullable(ProblemCode),
  }),
  z.object({ name: z.literal('lookingUp'), biller: z.nullable(BillerView) }),
  z.object({
    name: z.literal('bills'),
    biller: BillerView,
    quote: QuoteView,
    /** The amount was asked again (the earlier quote expired): say so above the new total. */
    requoted: z.boolean(),
    /** The biller writes off less than everything due (contract: allowsPartial). */
    allowsPartial: z.boolean(),
    /**
     * What the overdue bills alone come to, when she may pay just those (the biller takes part
     * payments and settles the oldest bills first, and a current bill is due besides); else null.
     */
    overdueOnly: z.nullable(Fen),
    scope: PayScope,
    /** What she pays now: quote.totalDue, or overdueOnly when she chose the overdue bills. */
    amountToPay: Fen,
    cash: CashChange,
  }),
  /** Amount, payee and account once more before any money moves; "change" goes back. */
  z.object({
    name: z.literal('confirm'),
    biller: BillerView,
    account: z.string(),
    holder: z.string(),
    amountDue: Fen,
    method: PaymentMethod,
    /** She pays the overdue bills only (the current bill stays due). */
    scope: PayScope,
    cash: CashChange,
  }),
  /**
   * QR payment, two ways: she shows her phone's payment code to the scanner (出示手机付款码), or
   * her phone scans a code the kiosk shows (用手机扫屏幕上的码: then kioskCodeUrl is set).
   */
  z.object({
    name: z.literal('qrPay'),
    biller: BillerView,
    amountDue: Fen,
    /** Where to hold the payment code (null: the terminal's config does not say). */
    scannerWindow: z.nullable(ScannerWindow),
    step: QrStep,
    kioskCodeUrl: z.nullable(z.string()),
    /** The last attempt was refused by the wallet (the customer may try again). */
    refused: z.boolean(),
  }),
  /**
   * A person is needed: the customer asked, or time ran out with money in flight. She may go on
   * by herself meanwhile, or withdraw the call (canLeave), unless the kiosk called because time
   * ran out with her money on its way: then only staff end it.
   */
  z.object({
    name: z.literal('staffHelp'),
    reason: HelpReason,
    moneyInFlight: z.boolean(),
    canLeave: z.boolean(),
  }),
  /** The information centre: topics, or one topic. */
  z.object({
    name: z.literal('info'),
    topics: z.array(InfoTopicView),
    topic: z.nullable(InfoTopic),
    /** Where the topic was opened: "back" goes there (from the idle screen, or the list). */
    openedFrom: z.enum(['attract', 'list']),
  }),
  z.object({
    name: z.literal('insertCash'),
    biller: BillerView,
    amountDue: Fen,
    collected: Fen,
    acceptedNotes: z.array(Fen),
    acceptsOverpayment: z.boolean(),
    /** A note is being checked or stacked: nothing may end until it is settled. */
    noteInEscrow: z.boolean(),
    /** Notes whose fate the acceptor could not report (a jam, a power cut): staff check them. */
    underReview: Fen,
  }),
  /**
   * The customer stopped (or the acceptor failed) short of the amount due, with money taken:
   * says in plain words what happens to it, and asks to confirm.
   */
  z.object({
    name: z.literal('partialCash'),
    biller: BillerView,
    amountDue: Fen,
    collected: Fen,
    /** 'writeOff': the biller takes part payments; 'refundSlip': staff refund it against a slip. */
    outcome: z.enum(['writeOff', 'refundSlip']),
    /** False when the acceptor has failed: the customer can only settle or call staff. */
    canContinue: z.boolean(),
    underReview: Fen,
  }),
  /**
   * A part payment nobody settled (she walked away): staff are called and the screen waits for
   * them, never for the next customer, and never times out while the money is unresolved.
   */
  z.object({ name: z.literal('awaitingStaff'), collected: Fen }),
  /** Staff refund this money against the slip (partial cash the biller cannot take). */
  z.object({
    name: z.literal('refundSlip'),
    amount: Fen,
    slipLines: z.array(z.string()),
    printed: z.boolean(),
  }),
  z.object({ name: z.literal('writingOff'), collected: Fen }),
  z.object({
    name: z.literal('paid'),
    collected: Fen,
    /** How she paid: notes put in, or her phone (a wallet). */
    method: PaymentMethod,
    prepaidCredited: Fen,
    ...IssuedReceipt,
    /** Nothing printed, and she asked staff for a printed copy: they are called. */
    copyAsked: z.boolean(),
  }),
  z.object({
    name: z.literal('pendingSync'),
    collected: Fen,
    method: PaymentMethod,
    ...IssuedReceipt,
    copyAsked: z.boolean(),
  }),
  /**
   * Why she cannot go on, and what next. For an account the kiosk cannot take (locked, nothing
   * due): that account, and the service hall to go to (null when config names none).
   */
  z.object({
    name: z.literal('problem'),
    problem: ProblemCode,
    account: z.nullable(z.string()),
    serviceHall: z.nullable(ServiceHall),
    /** The account was typed (or its biller chosen): "type it again" goes back to the keypad. */
    canRetype: z.boolean(),
  }),
]);
export type Screen = z.infer<typeof Screen>;
export type ScreenName = Screen['name'];

export const Snapshot = z.object({
  /** Increases with every snapshot of one host launch; lets a client drop stale ones. */
  seq: z.int().check(z.nonnegative()),
  locale: Locale,
  screen: Screen,
  /** Staff-visible figures. */
  service: z.object({
    pendingSync: z.object({ count: z.int().check(z.nonnegative()), total: Fen }),
    /** Refund slips, reconciliation differences and notes to check, waiting for staff. */
    staffItems: z.int().check(z.nonnegative()),
    /** How a receipt would be given now: told to the customer before any money is taken. */
    receipts: ReceiptDelivery,
    printer: PrinterState,
  }),
  /** The customer's own settings; back to the defaults for the next customer. */
  prefs: z.object({
    textScale: z.union([z.literal(1), z.literal(1.25), z.literal(1.5)]),
    /** 0 (quiet) to 3 (loudest); the default is 2. */
    volume: z.int().check(z.minimum(0), z.maximum(3)),
    muted: z.boolean(),
  }),
  /** "Need more time?": shown over the screen until answered or the deadline (epoch ms). */
  prompt: z.nullable(z.object({ kind: z.literal('moreTime'), deadline: z.number() })),
  /** The customer asked for a person; staff have been told. */
  helpCalled: z.boolean(),
  /** A member of staff has answered the call and is helping the customer at the screen. */
  staffHelping: z.boolean(),
  /** Staff or service mode over the customer's screen (null: the customer's screen). */
  staff: z.nullable(StaffView),
  /**
   * The card that opened the mode is out of the reader (single slot): lent for a second
   * person's approval, or due back within 30 seconds or the mode locks. Null: in, or no mode.
   */
  staffCardAway: z.nullable(z.enum(['forApproval', 'mustReturn'])),
  /** Where notes go in, the scanner window is and the receipt comes out on this terminal. */
  frontPanel: FrontPanel,
});
export type Snapshot = z.infer<typeof Snapshot>;

export const UserEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('START') }),
  z.object({
    type: z.literal('CHOOSE_BILLER'),
    billerId: z.string().check(z.minLength(1), z.maxLength(64)),
  }),
  z.object({ type: z.literal('KEY'), key: Key }),
  z.object({ type: z.literal('SUBMIT_ACCOUNT') }),
  z.object({ type: z.literal('PAY_CASH') }),
  z.object({ type: z.literal('PAY_QR') }),
  /** On the bills screen: pay everything due, or the overdue bills only (where offered). */
  z.object({ type: z.literal('CHOOSE_SCOPE'), scope: PayScope }),
  /** On the QR screen: show a code for the customer's phone to scan instead. */
  z.object({ type: z.literal('SHOW_KIOSK_CODE') }),
  /** On the QR screen, with the kiosk's code shown: she shows her own payment code after all. */
  z.object({ type: z.literal('USE_PAYMENT_CODE') }),
  z.object({ type: z.literal('CALL_STAFF') }),
  /** On a result screen whose receipt was not printed: staff are called to print a copy. */
  z.object({ type: z.literal('ASK_PRINTED_COPY') }),
  /** On the staff-help screen: go on by herself; the call stands and staff still come. */
  z.object({ type: z.literal('CONTINUE_ALONE') }),
  /** Withdraw the call for staff (staff see it gone). */
  z.object({ type: z.literal('CANCEL_CALL') }),
  z.object({ type: z.literal('MORE_TIME') }),
  z.object({
    type: z.literal('SET_TEXT_SCALE'),
    scale: z.union([z.literal(1), z.literal(1.25), z.literal(1.5)]),
  }),
  z.object({ type: z.literal('SET_VOLUME'), volume: z.int().check(z.minimum(0), z.maximum(3)) }),
  z.object({ type: z.literal('SET_MUTED'), muted: z.boolean() }),
  /** The information centre, or one of its topics. */
  z.object({
    type: z.literal('OPEN_INFO'),
    topicId: z.nullable(z.string().check(z.maxLength(64))),
  }),
  /** Go on inserting notes (from the partial-cash screen). */
  z.object({ type: z.literal('CONTINUE') }),
  /** Settle the money taken so far as the screen explained. */
  z.object({ type: z.literal('CONFIRM') }),
  z.object({ type: z.literal('BACK') }),
  z.object({ type: z.literal('CANCEL') }),
  z.object({ type: z.literal('DONE') }),
  z.object({ type: z.literal('SET_LOCALE'), locale: Locale }),
  /** From the idle screen: the community service point. */
  z.object({ type: z.literal('OPEN_SERVICES') }),
  /** On the service point's home: follow an application (查进度). */
  z.object({ type: z.literal('OPEN_PROGRESS') }),
  z.object({ type: z.literal('SERVICE_KEY'), key: ServiceKey }),
  /** The typed value is complete: go on (code → last four → look up). */
  z.object({ type: z.literal('SERVICE_NEXT') }),
  ...APPLICATION_EVENT_SCHEMAS,
  ...STAFF_EVENT_SCHEMAS,
]);
export type UserEvent = z.infer<typeof UserEvent>;

/** Messages on the wire, host → renderer. */
export const HostMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), snapshot: Snapshot }),
  z.object({ type: z.literal('rejected'), reason: z.string() }),
]);
export type HostMessage = z.infer<typeof HostMessage>;

/** Messages on the wire, renderer → host. */
export const RendererMessage = z.object({ type: z.literal('event'), event: UserEvent });
export type RendererMessage = z.infer<typeof RendererMessage>;

/** What the renderer programs against, whichever transport carries it. */
export interface KioskApi {
  /** Calls `listener` with every new snapshot (and the latest one at once, if any). */
  subscribe(listener: (snapshot: Snapshot) => void): () => void;
  send(event: UserEvent): void;
}

export * from './application-api';
export * from './channels';
export * from './front-panel';
export * from './staff-api';
