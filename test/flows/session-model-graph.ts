// A finite model of the session machine for graph traversal (xstate/graph). The machine is
// walked with pure transitions, so the stand-in actors never run: their results are fed in as
// explicit events (`xstate.done.actor.*`, `xstate.error.actor.*`, `xstate.after.*`) next to the
// actors' own events (NOTE_STACKED, QR_PAID, WRITE_OFF_SETTLED, ...). The state space is kept
// finite by a small fixed event set (one biller, one digit, 100-yuan notes) and by serializing a
// snapshot as its state plus the few context fields the flow branches on.
import type { SnapshotFrom } from 'xstate';
import { sessionMachine } from '../../src/flows/session-machine';
import {
  type LookupResult,
  type QuoteChoice,
  type ScanLookupResult,
  type SessionEvent,
  type StartResult,
} from '../../src/flows/session-types';
import { screenOf } from '../../src/flows/session-view';

export type ModelSnapshot = SnapshotFrom<typeof sessionMachine>;

import { POWER as MODEL_BILLER, QUOTE as MODEL_QUOTE } from './session-fixtures';

export { MODEL_BILLER, MODEL_QUOTE };

/** One note: two of them pay MODEL_QUOTE in full. */
export const NOTE = 10_000;

export const TIMING = { writeOffWaitMs: 60_000, doneScreenMs: 60_000, partialCashWaitMs: 60_000 };

/** The frame's global user events (every screen has them): not counted as a screen's choices. */
export const GLOBAL_USER_EVENTS = new Set([
  'SET_LOCALE',
  'SET_TEXT_SCALE',
  'SET_VOLUME',
  'SET_MUTED',
  'CALL_STAFF',
  'MORE_TIME',
  'KEY',
  'DONE',
]);

/** Every UserEvent type of src/api/kiosk-api.ts. */
export const USER_EVENT_TYPES = new Set([
  'START',
  'CHOOSE_BILLER',
  'KEY',
  'SUBMIT_ACCOUNT',
  'PAY_CASH',
  'PAY_QR',
  'CHOOSE_SCOPE',
  'SHOW_KIOSK_CODE',
  'CALL_STAFF',
  'MORE_TIME',
  'SET_TEXT_SCALE',
  'SET_VOLUME',
  'SET_MUTED',
  'OPEN_INFO',
  'CONTINUE',
  'CONFIRM',
  'BACK',
  'CANCEL',
  'DONE',
  'SET_LOCALE',
]);

const ok = (quote: QuoteChoice = MODEL_QUOTE): LookupResult => ({ ok: true, quote });
const scanOk: ScanLookupResult = { ok: true, biller: MODEL_BILLER, quote: MODEL_QUOTE };

/** What each stand-in actor may answer (each answer is one explicit done event). */
const OUTPUTS: Record<string, unknown[]> = {
  loadBillers: [[MODEL_BILLER]],
  lookUpBills: [
    ok(),
    { ok: true, quote: { ...MODEL_QUOTE, totalDue: 0 } },
    { ok: false, problem: 'account_not_found' },
    { ok: false, problem: 'gateway_unavailable' },
  ] satisfies LookupResult[],
  lookUpScan: [scanOk, { ok: false, problem: 'unrecognised_scan' }] satisfies ScanLookupResult[],
  lookUpAccount: [scanOk] satisfies ScanLookupResult[],
  startPayment: [
    { ok: true, paymentId: 42 },
    { ok: false, problem: 'quote_expired' },
  ] satisfies StartResult[],
  loadInfo: [[]],
  captureFunds: [undefined],
  receipt: [
    { prepaidCredited: 0, receiptLines: ['缴费凭证'], printed: true, eReceiptUrl: null },
    { prepaidCredited: 0, receiptLines: ['缴费凭证'], printed: false, eReceiptUrl: 'https://v/1' },
  ],
  abandonPayment: [undefined],
  refundPartial: [{ amount: NOTE, slipLines: ['退款凭证'], printed: true }],
};

export interface ModelOptions {
  /** Include CALL_STAFF / MORE_TIME / TIMED_OUT (they double the state space). */
  staff?: boolean;
  /**
   * The small model for path enumeration: each actor answers only its first (happy) answer or
   * fails, no information centre, one escrow outcome (stacked or returned), and snapshots
   * serialized coarsely (serializePathModel).
   */
  small?: boolean;
}

function stateNodeOf(s: ModelSnapshot) {
  const node = sessionMachine.root.states.customer?.states[s.value.customer];
  if (!node) throw new Error(`no state node ${s.value.customer}`);
  return node;
}

/** The concrete events offered in a snapshot (all others are not part of the model). */
export function modelEvents(s: ModelSnapshot, o: ModelOptions = {}): SessionEvent[] {
  const c = s.context;
  const node = stateNodeOf(s);
  const events: SessionEvent[] = [
    { type: 'START' },
    { type: 'CHOOSE_BILLER', billerId: MODEL_BILLER.id },
    c.digits === '' ? { type: 'KEY', key: '3' } : { type: 'KEY', key: 'clear' },
    { type: 'SUBMIT_ACCOUNT' },
    { type: 'PAY_CASH' },
    { type: 'PAY_QR' },
    { type: 'CHOOSE_SCOPE', scope: c.scope === 'all' ? 'overdue' : 'all' },
    { type: 'SHOW_KIOSK_CODE' },
    { type: 'USE_PAYMENT_CODE' },
    { type: 'OPEN_INFO', topicId: c.info.topicId === null ? 'tiered-pricing' : null },
    { type: 'CONTINUE' },
    { type: 'CONFIRM' },
    { type: 'BACK' },
    { type: 'CANCEL' },
    { type: 'DONE' },
    { type: 'ASK_PRINTED_COPY' },
    { type: 'SCANNED', text: 'bill-qr' },
    { type: 'ACCOUNT_CARD', billerId: MODEL_BILLER.id, account: MODEL_QUOTE.account },
    { type: 'CARD_NOT_RECOGNISED' },
    { type: 'CASH_UNAVAILABLE' },
    { type: 'CASH_NOT_EXACT' },
    { type: 'QR_STEP', step: 'paying', kioskCodeUrl: null, refused: false },
    { type: 'QR_STEP', step: 'confirming', kioskCodeUrl: null, refused: false },
    { type: 'QR_STEP', step: 'cancelling', kioskCodeUrl: null, refused: false },
    { type: 'QR_PAID', qrPaymentId: 'w_1' },
    { type: 'QR_CANCELLED' },
    { type: 'QR_UNKNOWN' },
    { type: 'WRITE_OFF_SETTLED', state: 'WRITTEN_OFF' },
    { type: 'WRITE_OFF_SETTLED', state: 'REFUND_REQUIRED' },
  ];
  // The acceptor: a note is escrowed, then stacked or returned (one at a time).
  if (c.noteInEscrow) {
    events.push({ type: 'NOTE_STACKED', collected: c.collected + NOTE }, { type: 'NOTE_RETURNED' });
    if (c.underReview === 0 && !o.small) events.push({ type: 'NOTE_UNCERTAIN', value: NOTE });
  } else {
    events.push({ type: 'NOTE_ESCROWED' });
  }
  if (o.staff) {
    events.push(
      { type: 'CALL_STAFF' },
      { type: 'CONTINUE_ALONE' },
      { type: 'CANCEL_CALL' },
      { type: 'MORE_TIME' },
      { type: 'TIMED_OUT' },
    );
  }
  // The stand-in actors' answers and the state's own timers.
  for (const inv of node.invoke) {
    const outputs = OUTPUTS[String(inv.src)] ?? [];
    for (const output of o.small ? outputs.slice(0, 1) : outputs) {
      events.push({ type: `xstate.done.actor.${inv.id}`, output } as unknown as SessionEvent);
    }
    events.push({
      type: `xstate.error.actor.${inv.id}`,
      error: new Error('down'),
    } as unknown as SessionEvent);
  }
  for (const type of node.ownEvents) {
    if (type.startsWith('xstate.after.')) events.push({ type } as unknown as SessionEvent);
  }
  return events;
}

/** The state plus the context fields the flow branches on (the rest only shapes screens). */
export function serializeModel(s: ModelSnapshot): string {
  const c = s.context;
  return JSON.stringify([
    s.value.customer,
    c.biller?.id ?? null,
    c.digits !== '',
    c.quote?.totalDue ?? null,
    c.requoted,
    c.paymentId,
    c.collected,
    c.noteInEscrow,
    c.underReview,
    c.stopRequested,
    c.cashFault,
    c.method,
    c.qr.step,
    c.problem,
    c.outcome?.printed ?? null,
    c.info.topicId,
    c.info.topicFrom,
    s.value.help,
    s.value.prompt,
  ]);
}

/**
 * Coarser, for simple-path enumeration: the state and what money has moved; the cash and QR
 * details only where they steer the flow (insertCash, partialCash, qrPay).
 */
export function serializePathModel(s: ModelSnapshot): string {
  const c = s.context;
  const v = s.value.customer;
  const cash = v === 'insertCash' || v === 'partialCash';
  return JSON.stringify([
    v,
    c.collected > 0,
    c.paymentId !== null && !RESULT_STATES.has(v),
    cash ? [c.collected, c.noteInEscrow, c.stopRequested, c.cashFault] : null,
    v === 'qrPay' ? c.qr.step : null,
    v === 'confirm' || v === 'startingPayment' ? c.method : null,
    v === 'enterAccount' ? c.digits !== '' : null,
  ]);
}

/** States that only show a result and go back to attract. */
const RESULT_STATES = new Set([
  'problem',
  'paid',
  'paidCopyAsked',
  'pendingSync',
  'pendingSyncCopyAsked',
  'refundSlip',
]);

const SMALL_SKIP = new Set([
  'OPEN_INFO',
  'SHOW_KIOSK_CODE',
  'CARD_NOT_RECOGNISED',
  'CASH_NOT_EXACT',
]);

export function modelTraversal(o: ModelOptions = {}) {
  return {
    input: TIMING,
    events: (s: ModelSnapshot) =>
      modelEvents(s, o).filter((e) => !o.small || !SMALL_SKIP.has(e.type)),
    serializeState: (s: ModelSnapshot) => (o.small ? serializePathModel(s) : serializeModel(s)),
  };
}

export function stateOf(s: ModelSnapshot): string {
  return s.value.customer;
}

export function screenNameOf(s: ModelSnapshot): string {
  return screenOf(s).name;
}

/**
 * The screens a path shows, counted as the customer sees them: consecutive repeats collapse,
 * and the "looking up" spinner between two screens is not counted.
 */
export function screensShown(states: readonly ModelSnapshot[]): string[] {
  const shown: string[] = [];
  for (const s of states) {
    const name = screenNameOf(s);
    if (name === 'lookingUp') continue;
    if (shown[shown.length - 1] !== name) shown.push(name);
  }
  return shown;
}
