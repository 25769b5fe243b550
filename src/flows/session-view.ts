// What the customer sees: a pure function of the session machine's state (UI = f(snapshot)).
import type { SnapshotFrom } from 'xstate';
import type { BillerView, CashChange, Screen } from '../api/kiosk-api';
import { cashChange } from './cash-rules';
import { amountToPay, overdueOnlyAmount } from './pay-scope';
import type { sessionMachine } from './session-machine';
import {
  ACCOUNT_DEAD_ENDS,
  canRetype,
  mayLeaveHelp,
  moneyInFlight,
  type BillerChoice,
  type QuoteChoice,
  type SessionContext,
} from './session-types';

function billerView(b: BillerChoice): BillerView {
  return { id: b.id, kind: b.kind, name: b.name, accountLength: b.accountLength, paused: b.paused };
}

/** The receipt as the result screens show it: the e-receipt QR only when nothing was printed. */
function issued(c: SessionContext) {
  const o = c.outcome;
  return {
    receiptLines: o?.receiptLines ?? [],
    printed: o?.printed ?? false,
    eReceiptUrl: o && !o.printed ? o.eReceiptUrl : null,
  };
}

export type SessionSnapshot = SnapshotFrom<typeof sessionMachine>;

/** Her result screens: the payment is done (written off, or safely taken and pending). */
export const PAID_STATES: ReadonlySet<string> = new Set([
  'paid',
  'paidCopyAsked',
  'pendingSync',
  'pendingSyncCopyAsked',
]);
/** Every state of the customer region: the map below must name each one (typecheck). */
export type CustomerState = SessionSnapshot['value']['customer'];

/** The customer region's state, from a snapshot. */
export function customerStateOf(s: SessionSnapshot): CustomerState {
  return s.value.customer;
}

/** A call for staff stands (shown over the visit, or dismissed by the customer for now). */
export function helpCalled(s: SessionSnapshot): boolean {
  return s.value.help !== 'idle';
}

/** Staff answered the call and are with the customer. */
export function staffHelping(s: SessionSnapshot): boolean {
  return s.matches({ help: { called: 'answered' } });
}

/** "Need more time?" until this epoch ms, or null. */
export function promptDeadline(s: SessionSnapshot): number | null {
  return s.value.prompt === 'askingForMoreTime' ? s.context.promptDeadline : null;
}

export function screenOf(s: SessionSnapshot): Screen {
  const c = s.context;
  // Shown over whatever the visit is doing (a note stacking, a wallet confirming); a visit held
  // for staff says so itself.
  if (s.matches({ help: { called: 'shown' } }) && customerStateOf(s) !== 'awaitingStaff') {
    return {
      name: 'staffHelp',
      reason: c.helpReason ?? 'customer',
      // Paid and done: her money is no longer on its way.
      moneyInFlight: moneyInFlight(c) && !PAID_STATES.has(customerStateOf(s)),
      canLeave: mayLeaveHelp(c),
    };
  }
  return customerScreenOf(s);
}

/** The customer's own screen, beneath any help screen over it. */
export function customerScreenOf(s: SessionSnapshot): Screen {
  return CUSTOMER_SCREENS[customerStateOf(s)](s.context);
}

type ScreenFor = (c: SessionContext) => Screen;

/** The bills and their payee, which every paying screen needs; absent only in a broken flow. */
function withQuote(
  show: (c: SessionContext, biller: BillerView, quote: QuoteChoice) => Screen,
): ScreenFor {
  return (c) => (c.biller && c.quote ? show(c, billerView(c.biller), c.quote) : idleScreen(c));
}

/** What cash above the amount does (no change is given), said before she inserts any. */
function changeOf(c: SessionContext): CashChange {
  return cashChange(amountToPay(c), c.biller?.acceptsOverpayment ?? true, c.acceptorNotes);
}

const confirmScreen = withQuote((c, biller, quote) => ({
  name: 'confirm',
  biller,
  account: quote.account,
  holder: quote.holder,
  amountDue: amountToPay(c),
  method: c.method,
  scope: c.scope,
  cash: changeOf(c),
}));

const insertCashScreen = withQuote((c, biller) => ({
  name: 'insertCash',
  biller,
  amountDue: amountToPay(c),
  collected: c.collected,
  acceptedNotes: c.acceptedNotes,
  acceptsOverpayment: c.biller?.acceptsOverpayment ?? false,
  noteInEscrow: c.noteInEscrow,
  underReview: c.underReview,
}));

const partialCashScreen = withQuote((c, biller) => ({
  name: 'partialCash',
  biller,
  amountDue: amountToPay(c),
  collected: c.collected,
  outcome: c.biller?.allowsPartial ? 'writeOff' : 'refundSlip',
  canContinue: !c.cashFault,
  underReview: c.underReview,
}));

const lookingUpAnything: ScreenFor = () => ({ name: 'lookingUp', biller: null });
const writingOff: ScreenFor = (c) => ({ name: 'writingOff', collected: c.collected });

/** Each state of the customer region → its screen. A new state without a screen fails here. */
const CUSTOMER_SCREENS: { [S in CustomerState]: ScreenFor } = {
  attract: idleScreen,
  info: infoScreen,
  servicePoint: (c) => c.servicePoint ?? { name: 'serviceHome' },
  loadingBillers: () => ({ name: 'chooseBiller', billers: [] }),
  chooseBiller: (c) => ({ name: 'chooseBiller', billers: c.billers.map(billerView) }),
  enterAccount: (c) =>
    c.biller
      ? { name: 'enterAccount', biller: billerView(c.biller), digits: c.digits, problem: c.problem }
      : idleScreen(c),
  lookingUp: (c) =>
    c.biller ? { name: 'lookingUp', biller: billerView(c.biller) } : idleScreen(c),
  lookingUpScan: lookingUpAnything,
  lookingUpCard: lookingUpAnything,
  requoting: lookingUpAnything,
  bills: withQuote((c, biller, quote) => {
    const { quoteId: _q, billerId: _b, expiresAt: _e, raw: _r, ...shown } = quote;
    return {
      name: 'bills',
      biller,
      quote: shown,
      requoted: c.requoted,
      allowsPartial: c.biller?.allowsPartial ?? false,
      overdueOnly: c.biller ? overdueOnlyAmount(c.biller, quote.bills) : null,
      scope: c.scope,
      amountToPay: amountToPay(c),
      cash: changeOf(c),
    };
  }),
  confirm: confirmScreen,
  startingPayment: confirmScreen,
  qrPay: withQuote((c, biller) => ({
    name: 'qrPay',
    biller,
    amountDue: amountToPay(c),
    scannerWindow: c.site.scannerWindow,
    step: c.qr.step,
    kioskCodeUrl: c.qr.kioskCodeUrl,
    refused: c.qr.refused,
  })),
  insertCash: insertCashScreen,
  abandoning: insertCashScreen,
  partialCash: partialCashScreen,
  awaitingStaff: (c) => ({ name: 'awaitingStaff', collected: c.collected }),
  settlingPartial: partialCashScreen,
  refundingPartial: partialCashScreen,
  refundSlip: (c) => ({
    name: 'refundSlip',
    amount: c.refundSlip?.amount ?? c.collected,
    slipLines: c.refundSlip?.slipLines ?? [],
    printed: c.refundSlip?.printed ?? false,
  }),
  capturing: writingOff,
  writingOff,
  receipting: writingOff,
  pendingReceipting: writingOff,
  paid: paidScreen(false),
  paidCopyAsked: paidScreen(true),
  pendingSync: pendingSyncScreen(false),
  pendingSyncCopyAsked: pendingSyncScreen(true),
  problem: problemScreen,
};

/** Why she cannot go on; for an account the kiosk cannot take, which one and where to go. */
function problemScreen(c: SessionContext): Screen {
  const problem = c.problem ?? 'payment_needs_staff';
  const deadEnd = ACCOUNT_DEAD_ENDS.includes(problem);
  return {
    name: 'problem',
    problem,
    account: deadEnd && c.digits !== '' ? c.digits : null,
    serviceHall: deadEnd ? c.site.serviceHall : null,
    canRetype: canRetype(c),
  };
}

function paidScreen(copyAsked: boolean): ScreenFor {
  return (c) => ({
    name: 'paid',
    collected: c.collected,
    method: c.method,
    // The extra kept on her account; a part payment below the amount is no "extra" to speak of.
    prepaidCredited: c.collected > amountToPay(c) ? (c.outcome?.prepaidCredited ?? 0) : 0,
    ...issued(c),
    copyAsked,
  });
}

function pendingSyncScreen(copyAsked: boolean): ScreenFor {
  return (c) => ({
    name: 'pendingSync',
    collected: c.collected,
    method: c.method,
    ...issued(c),
    copyAsked,
  });
}

function infoScreen(c: SessionContext): Screen {
  const l = c.locale;
  const topic = c.info.topics.find((t) => t.id === c.info.topicId) ?? null;
  return {
    name: 'info',
    topics: c.info.topics.map((t) => ({ id: t.id, title: t.title[l] })),
    topic: topic ? { id: topic.id, title: topic.title[l], paragraphs: topic.paragraphs[l] } : null,
    openedFrom: c.info.topicFrom,
  };
}

/** The idle screen, or "out of service" when the operator took the kiosk out. */
function idleScreen(c: SessionContext): Screen {
  if (!c.inService) return { name: 'outOfService', reason: c.outOfServiceReason };
  const l = c.locale;
  return {
    name: 'attract',
    highlights: c.info.topics.map((t) => ({
      id: t.id,
      title: t.title[l],
      summary: t.paragraphs[l][0] ?? '',
    })),
  };
}
