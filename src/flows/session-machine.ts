// The customer session: attract → biller → account → bills → cash → write-off → result.
// The machine decides what the customer sees and does next; everything that touches money or
// the outside world is an actor provided by the host (src/host/session-actors.ts), so the
// machine itself can be tested with stand-ins. The journal, not this machine, is the truth
// about money: after a crash the host rebuilds from the journal rows.
import {
  assign,
  fromCallback,
  fromPromise,
  sendTo,
  setup,
  type CallbackActorLogic,
  type EventObject,
} from 'xstate';
import type {
  BillerView,
  Key,
  Locale,
  LocalizedText,
  PaymentMethod,
  ProblemCode,
  QuoteView,
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
  billerName: string;
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
  /** The acceptor is not there, or failed while taking notes. */
  | { type: 'CASH_UNAVAILABLE' }
  /** The amount due cannot be made of the notes the acceptor takes, and no overpayment. */
  | { type: 'CASH_NOT_EXACT' }
  /** The operator took the kiosk out of service, or back (heartbeat commands). */
  | { type: 'SERVICE_MODE'; inService: boolean }
  /** A code read by the scanner (a bill's QR or barcode, or something else). */
  | { type: 'SCANNED'; text: string }
  /** A card the kiosk knows as a biller account was presented. */
  | { type: 'ACCOUNT_CARD'; billerId: string; account: string }
  /** A card was presented that is no account card (or could not be read). */
  | { type: 'CARD_NOT_RECOGNISED' }
  /** QR payment progress from the wallet side. */
  | {
      type: 'QR_STEP';
      step: 'showYourCode' | 'paying' | 'cancelling';
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

export type SessionEvent = UserEvent | InternalEvent;

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
  inService: boolean;
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
  qr: {
    step: 'showYourCode' | 'paying' | 'cancelling';
    kioskCodeUrl: string | null;
    refused: boolean;
  };
  /** The bills were quoted again after the first quote expired. */
  requoted: boolean;
  prefs: Prefs;
  helpCalled: boolean;
  /** The staff-help screen is shown over the session (which goes on underneath). */
  staffHelp: 'customer' | 'timeout' | null;
  /** "Need more time?" until this epoch ms, or null. */
  promptDeadline: number | null;
  info: { topics: InfoContent[]; topicId: string | null };
  timing: SessionTiming;
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

const MAX_ACCOUNT_DIGITS = 20;

function applyKey(digits: string, key: Key): string {
  if (key === 'delete') return digits.slice(0, -1);
  if (key === 'clear') return '';
  return digits.length < MAX_ACCOUNT_DIGITS ? digits + key : digits;
}

/** Money taken or on its way: the visit may not simply end (staff help instead). */
function moneyInFlight(c: SessionContext): boolean {
  return c.collected > 0 || c.noteInEscrow || c.qr.step === 'paying';
}

/**
 * States waiting for the customer: only these run the host's inactivity clock ("need more
 * time?" after 90 s, then TIMED_OUT). Every other state is the kiosk's own work, or a result
 * screen with its own return to attract.
 */
export const WAITS_FOR_CUSTOMER = 'waitsForCustomer';

/** Reads a context field that the state's position guarantees is set. */
function must<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`session: ${what} is missing`);
  return value;
}

const freshCustomer = {
  biller: null,
  digits: '',
  problem: null,
  quote: null,
  paymentId: null,
  collected: 0,
  noteInEscrow: false,
  acceptedNotes: [],
  underReview: 0,
  stopRequested: false,
  cashFault: false,
  outcome: null,
  refundSlip: null,
  method: 'cash',
  qr: { step: 'showYourCode', kioskCodeUrl: null, refused: false },
  requoted: false,
  prefs: DEFAULT_PREFS,
  helpCalled: false,
  staffHelp: null,
  promptDeadline: null,
} satisfies Partial<SessionContext>;

/** A bill scanned or an account card read ends the same way: its bills, or why not. */
const found = ({ event }: { event: { output: ScanLookupResult } }) => event.output;
const afterFoundLookup = [
  {
    guard: { type: 'foundBillsDue', params: found },
    target: 'bills',
    actions: { type: 'showFoundBills', params: found },
  },
  { target: 'problem', actions: { type: 'showLookupProblem', params: found } },
] as const;

/** The machine with stand-in actors; the host provides the real ones with `.provide()`. */
export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as SessionTiming,
  },
  actions: {
    /** A bill scanned or an account card read: its biller and bills, as if typed. */
    showFoundBills: assign((_, found: ScanLookupResult) =>
      found.ok ? { biller: found.biller, quote: found.quote, digits: found.quote.account } : {},
    ),
    showLookupProblem: assign({
      problem: (_, found: ScanLookupResult) => (found.ok ? 'nothing_due' : found.problem),
    }),
    /** The information centre's topics as just read from their files (an operator may replace them). */
    storeInfoTopics: assign({
      info: ({ context }, topics: InfoContent[]) => ({ ...context.info, topics }),
    }),
  },
  actors: {
    loadBillers: fromPromise<BillerChoice[]>(async () => []),
    lookUpBills: fromPromise<LookupResult, { billerId: string; account: string }>(async () => ({
      ok: false,
      problem: 'gateway_unavailable',
    })),
    lookUpScan: fromPromise<ScanLookupResult, { text: string }>(async () => ({
      ok: false,
      problem: 'gateway_unavailable',
    })),
    lookUpAccount: fromPromise<ScanLookupResult, { billerId: string; account: string }>(
      async () => ({ ok: false, problem: 'gateway_unavailable' }),
    ),
    startPayment: fromPromise<
      StartResult,
      { biller: BillerChoice; quote: QuoteChoice; method: PaymentMethod }
    >(async () => ({
      ok: true,
      paymentId: 0,
    })),
    cashIn: fromCallback<EventObject, CashInInput>(() => undefined) as CallbackActorLogic<
      EventObject,
      CashInInput
    >,
    qrPay: fromCallback<EventObject, QrPayInput>(() => undefined) as CallbackActorLogic<
      EventObject,
      QrPayInput
    >,
    loadInfo: fromPromise<InfoContent[]>(async () => []),
    captureFunds: fromPromise<undefined, { paymentId: number }>(async () => undefined),
    watchWriteOff: fromCallback<EventObject, { paymentId: number }>(
      () => undefined,
    ) as CallbackActorLogic<EventObject, { paymentId: number }>,
    receipt: fromPromise<ReceiptOutcome, ReceiptInput>(async () => ({
      prepaidCredited: 0,
      receiptLines: [],
      printed: false,
      eReceiptUrl: null,
    })),
    abandonPayment: fromPromise<undefined, { paymentId: number }>(async () => undefined),
    refundPartial: fromPromise<RefundSlipOutcome, { paymentId: number; billerName: string }>(
      async () => ({
        amount: 0,
        slipLines: [],
        printed: false,
      }),
    ),
  },
  delays: {
    writeOffWait: ({ context }) => context.timing.writeOffWaitMs,
    doneScreen: ({ context }) => context.timing.doneScreenMs,
    partialCashWait: ({ context }) => context.timing.partialCashWaitMs,
  },
  guards: {
    foundBillsDue: (_, found: ScanLookupResult) => found.ok && found.quote.totalDue > 0,
    hasDigits: ({ context }) => context.digits.length > 0,
    inService: ({ context }) => context.inService,
    nothingCollected: ({ context }) => context.collected === 0 && !context.noteInEscrow,
    fullyPaid: ({ context }) =>
      context.quote !== null && context.collected >= context.quote.totalDue,
    /** Stopping was asked and no note is between escrow and the box. */
    stopped: ({ context }) => context.stopRequested && !context.noteInEscrow,
    allowsPartial: ({ context }) => context.biller?.allowsPartial === true,
  },
}).createMachine({
  id: 'session',
  initial: 'attract',
  context: ({ input }) => ({
    locale: 'zh-CN',
    billers: [],
    inService: true,
    ...freshCustomer,
    info: { topics: [], topicId: null },
    timing: input,
  }),
  on: {
    SET_LOCALE: { actions: assign({ locale: ({ event }) => event.locale }) },
    // Takes effect for the next customer: a session under way is never cut short.
    SERVICE_MODE: { actions: assign({ inService: ({ event }) => event.inService }) },
    SET_TEXT_SCALE: {
      actions: assign({
        prefs: ({ context, event }) => ({ ...context.prefs, textScale: event.scale }),
      }),
    },
    SET_VOLUME: {
      actions: assign({
        prefs: ({ context, event }) => ({ ...context.prefs, volume: event.volume }),
      }),
    },
    SET_MUTED: {
      actions: assign({
        prefs: ({ context, event }) => ({ ...context.prefs, muted: event.muted }),
      }),
    },
    // Staff are told at once (the host watches helpCalled); the session goes on underneath.
    CALL_STAFF: { actions: assign({ helpCalled: true, staffHelp: 'customer' }) },
    INACTIVE: { actions: assign({ promptDeadline: ({ event }) => event.deadline }) },
    MORE_TIME: { actions: assign({ promptDeadline: null, staffHelp: null }) },
    DONE: {
      guard: ({ context }) => context.staffHelp !== null && !moneyInFlight(context),
      actions: assign({ staffHelp: null }),
    },
    // With nothing taken, an unanswered "need more time?" ends the visit. States that hold
    // money answer TIMED_OUT themselves (staff help, or settling what was taken).
    TIMED_OUT: '.attract',
  },
  states: {
    attract: {
      entry: assign({ ...freshCustomer, locale: 'zh-CN' as Locale }),
      // Read afresh each time: the idle screen shows the topics in turn.
      invoke: {
        src: 'loadInfo',
        onDone: { actions: { type: 'storeInfoTopics', params: ({ event }) => event.output } },
      },
      on: {
        START: { guard: 'inService', target: 'loadingBillers' },
        OPEN_INFO: {
          target: 'info',
          actions: assign({
            info: ({ context, event }) => ({ ...context.info, topicId: event.topicId }),
          }),
        },
        SCANNED: { guard: 'inService', target: 'lookingUpScan' },
        ACCOUNT_CARD: { guard: 'inService', target: 'lookingUpCard' },
        CARD_NOT_RECOGNISED: {
          guard: 'inService',
          target: 'problem',
          actions: assign({ problem: 'card_not_recognised' }),
        },
      },
    },
    lookingUpCard: {
      invoke: {
        src: 'lookUpAccount',
        input: ({ event }) =>
          event.type === 'ACCOUNT_CARD'
            ? { billerId: event.billerId, account: event.account }
            : { billerId: '', account: '' },
        onDone: afterFoundLookup,
        onError: { target: 'problem', actions: assign({ problem: 'gateway_unavailable' }) },
      },
    },
    lookingUpScan: {
      invoke: {
        src: 'lookUpScan',
        input: ({ event }) => ({ text: event.type === 'SCANNED' ? event.text : '' }),
        onDone: afterFoundLookup,
        onError: { target: 'problem', actions: assign({ problem: 'gateway_unavailable' }) },
      },
    },
    loadingBillers: {
      invoke: {
        src: 'loadBillers',
        onDone: {
          target: 'chooseBiller',
          actions: assign({ billers: ({ event }) => event.output }),
        },
        onError: { target: 'problem', actions: assign({ problem: 'gateway_unavailable' }) },
      },
    },
    chooseBiller: {
      tags: [WAITS_FOR_CUSTOMER],
      on: {
        CHOOSE_BILLER: {
          guard: ({ context, event }) =>
            context.billers.some((b) => b.id === event.billerId && !b.paused),
          target: 'enterAccount',
          actions: assign({
            biller: ({ context, event }) =>
              context.billers.find((b) => b.id === event.billerId) ?? null,
            digits: '',
            problem: null,
          }),
        },
        BACK: 'attract',
        CANCEL: 'attract',
        SCANNED: 'lookingUpScan',
      },
    },
    enterAccount: {
      tags: [WAITS_FOR_CUSTOMER],
      on: {
        KEY: {
          actions: assign({
            digits: ({ context, event }) => applyKey(context.digits, event.key),
            problem: null,
          }),
        },
        SUBMIT_ACCOUNT: { guard: 'hasDigits', target: 'lookingUp' },
        SCANNED: 'lookingUpScan',
        BACK: 'chooseBiller',
        CANCEL: 'attract',
      },
    },
    lookingUp: {
      invoke: {
        src: 'lookUpBills',
        input: ({ context }) => ({ billerId: context.biller?.id ?? '', account: context.digits }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok && event.output.quote.totalDue > 0,
            target: 'bills',
            actions: assign({
              quote: ({ event }) => (event.output.ok ? event.output.quote : null),
            }),
          },
          {
            guard: ({ event }) =>
              !event.output.ok && event.output.problem === 'gateway_unavailable',
            target: 'problem',
            actions: assign({ problem: 'gateway_unavailable' }),
          },
          {
            target: 'enterAccount',
            actions: assign({
              problem: ({ event }) => (event.output.ok ? 'nothing_due' : event.output.problem),
            }),
          },
        ],
        onError: { target: 'problem', actions: assign({ problem: 'gateway_unavailable' }) },
      },
    },
    info: {
      tags: [WAITS_FOR_CUSTOMER],
      invoke: {
        src: 'loadInfo',
        onDone: { actions: { type: 'storeInfoTopics', params: ({ event }) => event.output } },
      },
      on: {
        OPEN_INFO: {
          actions: assign({
            info: ({ context, event }) => ({ ...context.info, topicId: event.topicId }),
          }),
        },
        BACK: [
          {
            guard: ({ context }) => context.info.topicId !== null,
            actions: assign({ info: ({ context }) => ({ ...context.info, topicId: null }) }),
          },
          { target: 'attract' },
        ],
        CANCEL: 'attract',
        DONE: 'attract',
        START: { guard: 'inService', target: 'loadingBillers' },
      },
    },
    bills: {
      tags: [WAITS_FOR_CUSTOMER],
      on: {
        PAY_CASH: { target: 'confirm', actions: assign({ method: 'cash' }) },
        PAY_QR: { target: 'confirm', actions: assign({ method: 'qr' }) },
        BACK: 'enterAccount',
        CANCEL: 'attract',
      },
    },
    // Amount, payee and account once more before any money moves (R9).
    confirm: {
      tags: [WAITS_FOR_CUSTOMER],
      on: { CONFIRM: 'startingPayment', BACK: 'bills', CANCEL: 'attract' },
    },
    requoting: {
      invoke: {
        src: 'lookUpBills',
        input: ({ context }) => ({
          billerId: must(context.biller, 'biller').id,
          account: must(context.quote, 'quote').account,
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok && event.output.quote.totalDue > 0,
            target: 'bills',
            actions: assign({
              quote: ({ event, context }) => (event.output.ok ? event.output.quote : context.quote),
              requoted: true,
            }),
          },
          {
            target: 'problem',
            actions: assign({
              problem: ({ event }) => (event.output.ok ? 'nothing_due' : event.output.problem),
            }),
          },
        ],
        onError: { target: 'problem', actions: assign({ problem: 'gateway_unavailable' }) },
      },
    },
    startingPayment: {
      invoke: {
        src: 'startPayment',
        input: ({ context }) => ({
          biller: must(context.biller, 'biller'),
          quote: must(context.quote, 'quote'),
          method: context.method,
        }),
        onDone: [
          {
            guard: ({ event }) => !event.output.ok && event.output.problem === 'quote_expired',
            target: 'requoting',
          },
          {
            guard: ({ event, context }) => event.output.ok && context.method === 'qr',
            target: 'qrPay',
            actions: assign({
              paymentId: ({ event }) => (event.output.ok ? event.output.paymentId : null),
            }),
          },
          {
            guard: ({ event }) => event.output.ok,
            target: 'insertCash',
            actions: assign({
              paymentId: ({ event }) => (event.output.ok ? event.output.paymentId : null),
            }),
          },
          {
            target: 'problem',
            actions: assign({
              problem: ({ event }) => (event.output.ok ? null : event.output.problem),
            }),
          },
        ],
        onError: { target: 'problem', actions: assign({ problem: 'payment_needs_staff' }) },
      },
    },
    insertCash: {
      tags: [WAITS_FOR_CUSTOMER],
      entry: assign({ stopRequested: false }),
      invoke: {
        id: 'cashIn',
        src: 'cashIn',
        input: ({ context }) => ({
          paymentId: must(context.paymentId, 'paymentId'),
          amountDue: must(context.quote, 'quote').totalDue,
          acceptsOverpayment: must(context.biller, 'biller').acceptsOverpayment,
        }),
      },
      // Nothing ends while a note is between escrow and the box; stacked notes are never
      // dropped: they complete the payment, or the partial-cash screen says what happens.
      always: [
        { guard: 'fullyPaid', target: 'capturing' },
        {
          guard: ({ context }) =>
            context.stopRequested && !context.noteInEscrow && context.collected === 0,
          target: 'abandoning',
          actions: assign({
            problem: ({ context }) =>
              context.underReview > 0 ? 'note_under_review' : context.problem,
          }),
        },
        { guard: 'stopped', target: 'partialCash' },
      ],
      on: {
        NOTE_ESCROWED: { actions: assign({ noteInEscrow: true }) },
        NOTE_RETURNED: { actions: assign({ noteInEscrow: false }) },
        NOTE_UNCERTAIN: {
          actions: assign({
            noteInEscrow: false,
            underReview: ({ context, event }) => context.underReview + event.value,
          }),
        },
        NOTE_STACKED: {
          actions: assign({ collected: ({ event }) => event.collected, noteInEscrow: false }),
        },
        ACCEPTED_NOTES: { actions: assign({ acceptedNotes: ({ event }) => event.values }) },
        CASH_UNAVAILABLE: {
          actions: [
            assign({ stopRequested: true, cashFault: true, problem: 'acceptor_unavailable' }),
            sendTo('cashIn', { type: 'STOP_TAKING' }),
          ],
        },
        CASH_NOT_EXACT: {
          actions: [
            assign({ stopRequested: true, cashFault: true, problem: 'exact_cash_impossible' }),
            sendTo('cashIn', { type: 'STOP_TAKING' }),
          ],
        },
        // Cancel returns a note still in escrow (the acceptor is told to stop taking notes);
        // a note already stacking is credited first.
        CANCEL: {
          actions: [assign({ stopRequested: true }), sendTo('cashIn', { type: 'STOP_TAKING' })],
        },
        // Never timed out with a note in escrow: a person is called instead. Notes already in
        // are settled as the partial-cash screen says.
        TIMED_OUT: [
          {
            guard: ({ context }) => context.noteInEscrow,
            actions: assign({ staffHelp: 'timeout', promptDeadline: null }),
          },
          {
            actions: [
              assign({ stopRequested: true, promptDeadline: null }),
              sendTo('cashIn', { type: 'STOP_TAKING' }),
            ],
          },
        ],
      },
    },
    qrPay: {
      tags: [WAITS_FOR_CUSTOMER],
      entry: assign({ qr: { step: 'showYourCode', kioskCodeUrl: null, refused: false } }),
      invoke: {
        id: 'qrPay',
        src: 'qrPay',
        input: ({ context }) => ({
          paymentId: must(context.paymentId, 'paymentId'),
          amountDue: must(context.quote, 'quote').totalDue,
          description: context.biller?.name['zh-CN'] ?? '',
        }),
      },
      on: {
        QR_STEP: {
          actions: assign({
            qr: ({ context, event }) => ({
              step: event.step,
              kioskCodeUrl: event.kioskCodeUrl ?? context.qr.kioskCodeUrl,
              refused: event.refused,
            }),
          }),
        },
        QR_PAID: {
          target: 'capturing',
          actions: assign({ collected: ({ context }) => must(context.quote, 'quote').totalDue }),
        },
        QR_CANCELLED: 'abandoning',
        QR_UNKNOWN: { target: 'problem', actions: assign({ problem: 'payment_needs_staff' }) },
        SCANNED: { actions: sendTo('qrPay', ({ event }) => event) },
        SHOW_KIOSK_CODE: { actions: sendTo('qrPay', { type: 'SHOW_KIOSK_CODE' }) },
        CANCEL: {
          guard: ({ context }) => context.qr.step !== 'cancelling',
          actions: sendTo('qrPay', { type: 'STOP' }),
        },
        // The customer may be confirming in the wallet: a person, not a timeout.
        TIMED_OUT: [
          {
            guard: ({ context }) => context.qr.step === 'paying',
            actions: assign({ staffHelp: 'timeout', promptDeadline: null }),
          },
          { actions: [assign({ promptDeadline: null }), sendTo('qrPay', { type: 'STOP' })] },
        ],
      },
    },
    partialCash: {
      tags: [WAITS_FOR_CUSTOMER],
      on: {
        TIMED_OUT: 'settlingPartial',
        CONTINUE: { guard: ({ context }) => !context.cashFault, target: 'insertCash' },
        CONFIRM: 'settlingPartial',
      },
      // The customer walked away: the money is settled as the screen said, never dropped.
      after: { partialCashWait: 'settlingPartial' },
    },
    settlingPartial: {
      always: [{ guard: 'allowsPartial', target: 'capturing' }, { target: 'refundingPartial' }],
    },
    refundingPartial: {
      invoke: {
        src: 'refundPartial',
        input: ({ context }) => ({
          paymentId: must(context.paymentId, 'paymentId'),
          billerName: context.biller?.name['zh-CN'] ?? '',
        }),
        onDone: {
          target: 'refundSlip',
          actions: assign({ refundSlip: ({ event }) => event.output }),
        },
        onError: { target: 'problem', actions: assign({ problem: 'payment_needs_staff' }) },
      },
    },
    refundSlip: {
      on: { DONE: 'attract' },
      after: { doneScreen: 'attract' },
    },
    abandoning: {
      invoke: {
        src: 'abandonPayment',
        input: ({ context }) => ({ paymentId: must(context.paymentId, 'paymentId') }),
        onDone: [
          { guard: ({ context }) => context.problem !== null, target: 'problem' },
          { target: 'attract' },
        ],
        onError: { target: 'problem', actions: assign({ problem: 'payment_needs_staff' }) },
      },
    },
    capturing: {
      invoke: {
        src: 'captureFunds',
        input: ({ context }) => ({ paymentId: must(context.paymentId, 'paymentId') }),
        onDone: 'writingOff',
        onError: { target: 'problem', actions: assign({ problem: 'payment_needs_staff' }) },
      },
    },
    writingOff: {
      invoke: {
        src: 'watchWriteOff',
        input: ({ context }) => ({ paymentId: must(context.paymentId, 'paymentId') }),
      },
      on: {
        WRITE_OFF_SETTLED: [
          { guard: ({ event }) => event.state === 'WRITTEN_OFF', target: 'receipting' },
          { target: 'problem', actions: assign({ problem: 'payment_needs_staff' }) },
        ],
      },
      after: { writeOffWait: 'pendingReceipting' },
    },
    receipting: {
      invoke: {
        src: 'receipt',
        input: ({ context }) => ({
          paymentId: must(context.paymentId, 'paymentId'),
          billerName: context.biller?.name['zh-CN'] ?? '',
        }),
        onDone: { target: 'paid', actions: assign({ outcome: ({ event }) => event.output }) },
        onError: 'paid',
      },
    },
    paid: {
      on: { DONE: 'attract' },
      after: { doneScreen: 'attract' },
    },
    pendingReceipting: {
      invoke: {
        src: 'receipt',
        input: ({ context }) => ({
          paymentId: must(context.paymentId, 'paymentId'),
          billerName: context.biller?.name['zh-CN'] ?? '',
        }),
        onDone: {
          target: 'pendingSync',
          actions: assign({ outcome: ({ event }) => event.output }),
        },
        onError: 'pendingSync',
      },
    },
    pendingSync: {
      on: { DONE: 'attract' },
      after: { doneScreen: 'attract' },
    },
    problem: {
      on: { DONE: 'attract', CANCEL: 'attract', BACK: 'attract' },
      after: { doneScreen: 'attract' },
    },
  },
});
