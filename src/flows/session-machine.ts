// The customer session: attract → biller → account → bills → cash → write-off → result.
// The machine decides what the customer sees and does next; everything that touches money or
// the outside world is an actor provided by the host (src/host/session-actors.ts), so the
// machine itself can be tested with stand-ins. The journal, not this machine, is the truth
// about money: after a crash the host rebuilds from the journal rows.
import { accountLookups, cardInput, scanInput } from './account-lookups';
import {
  assign,
  fromCallback,
  fromPromise,
  not,
  raise,
  sendTo,
  setup,
  stateIn,
  type CallbackActorLogic,
  type EventObject,
} from 'xstate';
import type { Key, Locale, PaymentMethod } from '../api/kiosk-api';
import { amountToPay, overdueOnlyAmount } from './pay-scope';
import { APPLICATION_EVENT_TYPES } from './application/application-types';
import { servicePointMachine } from './service-point/service-point-machine';
import { servicePointScreenOf } from './service-point/service-point-view';
import {
  DEFAULT_PREFS,
  canRetype,
  mayLeaveHelp,
  walletBusy,
  type BillerChoice,
  type CashInInput,
  type InfoContent,
  type QrPayInput,
  type QuoteChoice,
  type ReceiptInput,
  type ReceiptOutcome,
  type RefundSlipInput,
  type RefundSlipOutcome,
  type ScanLookupResult,
  type SessionContext,
  NO_SITE,
  type SessionEvent,
  type SessionInput,
  type StartResult,
} from './session-types';

const MAX_ACCOUNT_DIGITS = 20;

function applyKey(digits: string, key: Key): string {
  if (key === 'delete') return digits.slice(0, -1);
  if (key === 'clear') return '';
  return digits.length < MAX_ACCOUNT_DIGITS ? digits + key : digits;
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
  scope: 'all',
  qr: { step: 'showYourCode', kioskCodeUrl: null, refused: false },
  requoted: false,
  prefs: DEFAULT_PREFS,
  servicePoint: null,
} satisfies Partial<SessionContext>;

/** While she applies for a service, its events go to the service point (and on to the application). */
const toApplication = Object.fromEntries(
  APPLICATION_EVENT_TYPES.map((type) => [
    type,
    { actions: sendTo('servicePoint', ({ event }: { event: SessionEvent }) => event) },
  ]),
);

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
    input: {} as SessionInput,
  },
  actions: {
    /** A bill scanned or an account card read: its biller and bills, as if typed. */
    showFoundBills: assign((_, found: ScanLookupResult) =>
      found.ok
        ? { biller: found.biller, quote: found.quote, digits: found.quote.account, scope: 'all' }
        : {},
    ),
    /** Nothing due says which account and biller (she may type another); a failure says why. */
    showLookupProblem: assign(({ context }, found: ScanLookupResult) =>
      found.ok
        ? { problem: 'nothing_due' as const, biller: found.biller, digits: found.quote.account }
        : { problem: found.problem, biller: context.biller, digits: context.digits },
    ),
    /** The information centre's topics as just read from their files (an operator may replace them). */
    storeInfoTopics: assign({
      info: ({ context }, topics: InfoContent[]) => ({ ...context.info, topics }),
    }),
  },
  actors: {
    ...accountLookups,
    startPayment: fromPromise<
      StartResult,
      { biller: BillerChoice; quote: QuoteChoice; method: PaymentMethod; amountDue: number }
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
    servicePoint: servicePointMachine,
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
    refundPartial: fromPromise<RefundSlipOutcome, RefundSlipInput>(async () => ({
      amount: 0,
      slipLines: [],
      printed: false,
    })),
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
    fullyPaid: ({ context }) => context.quote !== null && context.collected >= amountToPay(context),
    /** Stopping was asked and no note is between escrow and the box. */
    stopped: ({ context }) => context.stopRequested && !context.noteInEscrow,
    allowsPartial: ({ context }) => context.biller?.allowsPartial === true,
    /** Her receipt did not come out of the printer (an e-receipt on screen, or nothing). */
    noPaperReceipt: ({ context }) => context.outcome?.printed !== true,
  },
}).createMachine({
  id: 'session',
  // Three regions side by side: the customer's visit, a call for staff, and the "need more
  // time?" prompt. Help and the prompt overlay the visit; it goes on underneath (a note
  // stacking is never dropped because someone asked for help).
  type: 'parallel',
  context: ({ input }) => ({
    locale: 'zh-CN',
    billers: [],
    acceptorNotes: [],
    inService: true,
    outOfServiceReason: null,
    ...freshCustomer,
    helpReason: null,
    promptDeadline: null,
    info: { topics: [], topicId: null, topicFrom: 'list' },
    timing: {
      writeOffWaitMs: input.writeOffWaitMs,
      doneScreenMs: input.doneScreenMs,
      partialCashWaitMs: input.partialCashWaitMs,
    },
    site: input.site ?? NO_SITE,
  }),
  on: {
    SET_LOCALE: { actions: assign({ locale: ({ event }) => event.locale }) },
    ACCEPTOR_NOTES: { actions: assign({ acceptorNotes: ({ event }) => event.values }) },
    // Takes effect for the next customer: a session under way is never cut short.
    SERVICE_MODE: {
      actions: assign({
        inService: ({ event }) => event.inService,
        outOfServiceReason: ({ event }) => (event.inService ? null : event.reason),
      }),
    },
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
  },
  states: {
    help: {
      initial: 'idle',
      states: {
        idle: {
          on: {
            // Staff are told at once (the host watches the call); the visit goes on underneath.
            CALL_STAFF: { target: 'called', actions: assign({ helpReason: 'customer' }) },
            HELP_NEEDED: {
              target: 'called',
              actions: assign({ helpReason: ({ event }) => event.reason }),
            },
          },
        },
        called: {
          initial: 'shown',
          on: {
            CUSTOMER_LEFT: { target: 'idle', actions: assign({ helpReason: null }) },
            STAFF_ANSWERED: '.answered',
          },
          states: {
            // The staff-help screen is over the visit: staff are coming; she may go on by herself
            // meanwhile, or withdraw the call (not when the kiosk called because time ran out
            // with her money on its way: then only staff end it).
            shown: {
              on: {
                MORE_TIME: 'dismissed',
                CONTINUE_ALONE: {
                  guard: ({ context }) => mayLeaveHelp(context),
                  target: 'dismissed',
                },
                CANCEL_CALL: {
                  guard: ({ context }) => mayLeaveHelp(context),
                  target: '#session.help.idle',
                  actions: assign({ helpReason: null }),
                },
                // Time ran out while she was reading it: now the kiosk needs a person too.
                HELP_NEEDED: { actions: assign({ helpReason: ({ event }) => event.reason }) },
              },
            },
            // A member of staff took the call: the customer's screen again, with them beside her.
            // The kiosk needing a person again (she walked away from money) is a new call.
            answered: {
              on: {
                HELP_NEEDED: {
                  target: 'shown',
                  actions: assign({ helpReason: ({ event }) => event.reason }),
                },
              },
            },
            // The customer went back to the visit; the call stands until the visit ends or she
            // withdraws it.
            dismissed: {
              on: {
                CALL_STAFF: 'shown',
                CANCEL_CALL: {
                  target: '#session.help.idle',
                  actions: assign({ helpReason: null }),
                },
                HELP_NEEDED: {
                  target: 'shown',
                  actions: assign({ helpReason: ({ event }) => event.reason }),
                },
              },
            },
          },
        },
      },
    },
    prompt: {
      initial: 'none',
      states: {
        none: {
          on: {
            INACTIVE: {
              target: 'askingForMoreTime',
              actions: assign({ promptDeadline: ({ event }) => event.deadline }),
            },
          },
        },
        askingForMoreTime: {
          exit: assign({ promptDeadline: null }),
          on: {
            // The wall clock was stepped: the same time left, in the new wall time.
            INACTIVE: { actions: assign({ promptDeadline: ({ event }) => event.deadline }) },
            MORE_TIME: 'none',
            TIMED_OUT: 'none',
            CUSTOMER_LEFT: 'none',
          },
        },
      },
    },
    customer: {
      initial: 'attract',
      on: {
        // With nothing taken, an unanswered "need more time?" ends the visit. States that hold
        // money answer TIMED_OUT themselves (staff help, or settling what was taken).
        TIMED_OUT: '.attract',
      },
      states: {
        attract: {
          entry: [
            assign({ ...freshCustomer, locale: 'zh-CN' as Locale }),
            // A call for help and a prompt belong to the visit that ended.
            raise({ type: 'CUSTOMER_LEFT' }),
          ],
          // Read afresh each time: the idle screen shows the topics in turn.
          invoke: {
            src: 'loadInfo',
            onDone: { actions: { type: 'storeInfoTopics', params: ({ event }) => event.output } },
          },
          on: {
            START: { guard: 'inService', target: 'loadingBillers' },
            // A topic opened from the idle screen goes back there; the list goes back there too.
            OPEN_INFO: {
              target: 'info',
              actions: assign({
                info: ({ context, event }) => ({
                  ...context.info,
                  topicId: event.topicId,
                  topicFrom: event.topicId === null ? 'list' : 'attract',
                }),
              }),
            },
            SCANNED: { guard: 'inService', target: 'lookingUpScan' },
            OPEN_SERVICES: { guard: 'inService', target: 'servicePoint' },
            ACCOUNT_CARD: { guard: 'inService', target: 'lookingUpCard' },
            CARD_NOT_RECOGNISED: {
              guard: 'inService',
              target: 'problem',
              actions: assign({ problem: 'card_not_recognised' }),
            },
          },
        },
        // The community service point: its own flow (src/flows/service-point/), its view kept here.
        servicePoint: {
          tags: [WAITS_FOR_CUSTOMER],
          invoke: {
            id: 'servicePoint',
            src: 'servicePoint',
            onSnapshot: {
              actions: assign({
                servicePoint: ({ event }) => servicePointScreenOf(event.snapshot),
              }),
            },
            onDone: 'attract',
          },
          on: {
            OPEN_PROGRESS: { actions: sendTo('servicePoint', ({ event }) => event) },
            SERVICE_KEY: { actions: sendTo('servicePoint', ({ event }) => event) },
            SERVICE_NEXT: { actions: sendTo('servicePoint', ({ event }) => event) },
            SCANNED: { actions: sendTo('servicePoint', ({ event }) => event) },
            BACK: { actions: sendTo('servicePoint', ({ event }) => event) },
            DONE: { actions: sendTo('servicePoint', ({ event }) => event) },
            OPEN_APPLY: { actions: sendTo('servicePoint', ({ event }) => event) },
            ...toApplication,
            CANCEL: 'attract',
          },
        },
        lookingUpCard: {
          invoke: {
            src: 'lookUpAccount',
            input: cardInput,
            onDone: afterFoundLookup,
            onError: { target: 'problem', actions: assign({ problem: 'gateway_unavailable' }) },
          },
        },
        lookingUpScan: {
          invoke: {
            src: 'lookUpScan',
            input: scanInput,
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
            input: ({ context }) => ({
              billerId: context.biller?.id ?? '',
              account: context.digits,
            }),
            onDone: [
              {
                guard: ({ event }) => event.output.ok && event.output.quote.totalDue > 0,
                target: 'bills',
                actions: assign({
                  quote: ({ event }) => (event.output.ok ? event.output.quote : null),
                  scope: 'all',
                }),
              },
              // No way on from here (the gateway, a locked account, nothing due): say why and
              // what to do instead.
              {
                guard: ({ event }) =>
                  event.output.ok ||
                  event.output.problem === 'gateway_unavailable' ||
                  event.output.problem === 'account_locked',
                target: 'problem',
                actions: assign({
                  problem: ({ event }) => (event.output.ok ? 'nothing_due' : event.output.problem),
                }),
              },
              // A typing mistake: the keypad again, saying what was wrong.
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
                info: ({ context, event }) => ({
                  ...context.info,
                  topicId: event.topicId,
                  topicFrom: 'list',
                }),
              }),
            },
            // Back goes where she came from: a topic to the list, or to the idle screen when
            // she opened it there; the list to the idle screen.
            BACK: [
              {
                guard: ({ context }) =>
                  context.info.topicId !== null && context.info.topicFrom === 'list',
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
            CHOOSE_SCOPE: [
              {
                guard: ({ context, event }) => event.scope === 'all' && context.scope !== 'all',
                actions: assign({ scope: 'all' }),
              },
              {
                guard: ({ context, event }) =>
                  event.scope === 'overdue' &&
                  context.scope !== 'overdue' &&
                  context.biller !== null &&
                  context.quote !== null &&
                  overdueOnlyAmount(context.biller, context.quote.bills) !== null,
                actions: assign({ scope: 'overdue' }),
              },
            ],
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
                  quote: ({ event, context }) =>
                    event.output.ok ? event.output.quote : context.quote,
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
              amountDue: amountToPay(context),
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
              amountDue: amountToPay(context),
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
                actions: raise({ type: 'HELP_NEEDED', reason: 'timeout' }),
              },
              {
                actions: [
                  assign({ stopRequested: true }),
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
              amountDue: amountToPay(context),
              description: context.biller?.name['zh-CN'] ?? '',
            }),
          },
          on: {
            // Each step says whether the kiosk's code is up (null: it is not, or no longer).
            QR_STEP: {
              actions: assign({
                qr: ({ event }) => ({
                  step: event.step,
                  kioskCodeUrl: event.kioskCodeUrl,
                  refused: event.refused,
                }),
              }),
            },
            QR_PAID: {
              target: 'capturing',
              actions: assign({ collected: ({ context }) => amountToPay(context) }),
            },
            QR_CANCELLED: 'abandoning',
            QR_UNKNOWN: { target: 'problem', actions: assign({ problem: 'payment_needs_staff' }) },
            SCANNED: { actions: sendTo('qrPay', ({ event }) => event) },
            SHOW_KIOSK_CODE: { actions: sendTo('qrPay', { type: 'SHOW_KIOSK_CODE' }) },
            USE_PAYMENT_CODE: { actions: sendTo('qrPay', { type: 'USE_PAYMENT_CODE' }) },
            CANCEL: {
              guard: ({ context }) => context.qr.step !== 'cancelling',
              actions: sendTo('qrPay', { type: 'STOP' }),
            },
            // The customer may be confirming in the wallet: a person, not a timeout.
            TIMED_OUT: [
              {
                guard: ({ context }) => walletBusy(context),
                actions: raise({ type: 'HELP_NEEDED', reason: 'timeout' }),
              },
              { actions: sendTo('qrPay', { type: 'STOP' }) },
            ],
          },
        },
        // Money in, short of the amount: she decides (go on, settle as the screen says, or call
        // staff). Settling — the refund slip or the write-off of what was paid — happens only
        // when a person asks: her tap, or staff's cancel for her.
        partialCash: {
          tags: [WAITS_FOR_CUSTOMER],
          on: {
            TIMED_OUT: 'awaitingStaff',
            CONTINUE: { guard: ({ context }) => !context.cashFault, target: 'insertCash' },
            CONFIRM: 'settlingPartial',
            // Staff, answering her call, cancel for her: settled as the screen says.
            CANCEL: 'settlingPartial',
          },
          // She walked away. With staff beside her (a call answered) only her own clock counts.
          after: {
            partialCashWait: {
              guard: not(stateIn({ help: { called: 'answered' } })),
              target: 'awaitingStaff',
            },
          },
        },
        // Nobody settled the money taken: staff are called, and the screen waits for them —
        // not for the next customer, and with no way back to attract until a person decides.
        awaitingStaff: {
          entry: raise({ type: 'HELP_NEEDED', reason: 'timeout' }),
          on: {
            // Whoever answers finds her decision screen under the staff screen.
            STAFF_ANSWERED: 'partialCash',
            BACK: 'partialCash',
            CANCEL: 'settlingPartial',
            TIMED_OUT: {},
          },
        },
        settlingPartial: {
          always: [{ guard: 'allowsPartial', target: 'capturing' }, { target: 'refundingPartial' }],
        },
        refundingPartial: {
          invoke: {
            src: 'refundPartial',
            input: ({ context }) => ({
              paymentId: must(context.paymentId, 'paymentId'),
              billerName: must(context.biller, 'biller').name,
              locale: context.locale,
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
              billerName: must(context.biller, 'biller').name,
              locale: context.locale,
            }),
            onDone: { target: 'paid', actions: assign({ outcome: ({ event }) => event.output }) },
            onError: 'paid',
          },
        },
        paid: {
          on: {
            DONE: 'attract',
            ASK_PRINTED_COPY: {
              guard: 'noPaperReceipt',
              target: 'paidCopyAsked',
              actions: raise({ type: 'HELP_NEEDED', reason: 'printedCopy' }),
            },
          },
          after: { doneScreen: 'attract' },
        },
        // She asked staff for a printed copy: the result stays for them (no timer of its own;
        // she is asked "need more time?" like on any screen that waits for her).
        paidCopyAsked: {
          tags: [WAITS_FOR_CUSTOMER],
          on: { DONE: 'attract', CANCEL: 'attract' },
        },
        pendingReceipting: {
          invoke: {
            src: 'receipt',
            input: ({ context }) => ({
              paymentId: must(context.paymentId, 'paymentId'),
              billerName: must(context.biller, 'biller').name,
              locale: context.locale,
            }),
            onDone: {
              target: 'pendingSync',
              actions: assign({ outcome: ({ event }) => event.output }),
            },
            onError: 'pendingSync',
          },
        },
        pendingSync: {
          on: {
            DONE: 'attract',
            ASK_PRINTED_COPY: {
              guard: 'noPaperReceipt',
              target: 'pendingSyncCopyAsked',
              actions: raise({ type: 'HELP_NEEDED', reason: 'printedCopy' }),
            },
          },
          after: { doneScreen: 'attract' },
        },
        pendingSyncCopyAsked: {
          tags: [WAITS_FOR_CUSTOMER],
          on: { DONE: 'attract', CANCEL: 'attract' },
        },
        problem: {
          on: {
            DONE: 'attract',
            CANCEL: 'attract',
            // An account the kiosk cannot take: she may type another one.
            BACK: [
              {
                guard: ({ context }) => canRetype(context),
                target: 'enterAccount',
                actions: assign({ problem: null }),
              },
              { target: 'attract' },
            ],
          },
          after: { doneScreen: 'attract' },
        },
      },
    },
  },
});
