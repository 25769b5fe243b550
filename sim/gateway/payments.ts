// POST /v1/payments (write-off, 销账), GET /v1/payments/{serial}, reversal (冲正) and the daily
// reconciliation (对账). agentSerial is the idempotency key: the first answer, success or
// definitive rejection, is stored with the hash of the canonical request and replayed. A "qr"
// payment must be backed by a paid QR attempt of the same amount (qr.ts).
import type { PaymentRequest, PaymentResult } from '../../src/gateway/contract';
import { sha256Hex } from '../../src/gateway/signature';
import { canonicalJson } from './canonical';
import { lateFee } from './late-fee';
import { qrTenderProblem, useQr } from './qr';
import { fail, ok, type Reply } from './reply';
import { businessDate, isoShanghai, nextMidnight } from './shanghai-time';
import type { GatewayStore, PaymentRow } from './store';

/** Store-and-forward: an expired quote still counts this long after collectedAt. */
export const STORE_AND_FORWARD_MS = 72 * 3600_000;
/** collectedAt may run ahead of the gateway clock by the auth skew limit, no more. */
const FUTURE_TOLERANCE_MS = 300_000;

/** Body checks zod cannot express; a message means 400 bad_request. */
export function paymentBodyProblem(req: PaymentRequest, now: Date): string | undefined {
  const t = req.tender;
  if (req.method === 'cash') {
    if (!('notes' in t)) return 'tender: cash needs notes (and optionally coins)';
    const total = [...t.notes, ...(t.coins ?? [])].reduce((s, n) => s + n.value * n.count, 0);
    if (total !== req.amount)
      return `tender: notes and coins total ${total}, amount is ${req.amount}`;
  }
  if (req.method === 'qr' && !('qrPaymentId' in t)) return 'tender: qr needs qrPaymentId';
  if (req.method === 'card' && !('cardRef' in t)) return 'tender: card needs cardRef';
  if (Date.parse(req.collectedAt) > now.getTime() + FUTURE_TOLERANCE_MS) {
    return 'collectedAt: later than the gateway clock';
  }
  return undefined;
}

/** What one POST /v1/payments did to a serial; the simulator's statistics count these. */
export type PaymentEvent = 'commit' | 'reject' | 'replay' | 'conflict';
export type PaymentObserver = (serial: string, event: PaymentEvent) => void;

type Outcome = { reject: Reply } | { result: PaymentResult; prepaid: number };

/** The qrPaymentId a payment's tender names, when its method is qr. */
function qrPaymentIdOf(req: PaymentRequest): string | undefined {
  return req.method === 'qr' && 'qrPaymentId' in req.tender ? req.tender.qrPaymentId : undefined;
}

/** Decide a first-time payment: a plain Reply is an answer not worth storing. */
function decide(
  store: GatewayStore,
  terminalId: string,
  req: PaymentRequest,
  now: Date,
): Outcome | Reply {
  const quote = store.quote(req.quoteId);
  const biller = store.biller(req.billerId);
  const account = store.account(req.billerId, req.account);
  if (
    !quote ||
    !biller ||
    !account ||
    quote.billerId !== req.billerId ||
    quote.account !== req.account
  ) {
    // Not a definitive rejection in the contract, so not stored: nothing was committed.
    return fail(422, 'unknown_quote', `no quote ${req.quoteId} for ${req.billerId} ${req.account}`);
  }
  // The wallet money must be there before anything is written off (422 qr_not_paid and
  // qr_already_used are the simulator's own definitive rejections).
  const qrPaymentId = qrPaymentIdOf(req);
  if (qrPaymentId !== undefined) {
    const problem = qrTenderProblem(store, terminalId, qrPaymentId, req.amount, now);
    if (problem) return { reject: problem };
  }
  if (account.locked) {
    return { reject: fail(409, 'account_locked', 'this account is locked: pay at a service hall') };
  }
  const collectedAt = new Date(req.collectedAt);
  if (now.getTime() >= quote.expiresAtMs) {
    const inTime =
      collectedAt.getTime() < quote.expiresAtMs &&
      now.getTime() - collectedAt.getTime() <= STORE_AND_FORWARD_MS;
    if (!inTime)
      return { reject: fail(422, 'quote_expired', 'quote expired: query the bills again') };
  }
  // Bills of the quote someone else paid meanwhile are skipped; late fees as of collectedAt.
  const quoted = new Set(JSON.parse(quote.billIds) as string[]);
  const bills = store
    .unpaidBills(req.billerId, req.account)
    .filter((b) => quoted.has(b.billId))
    .map((b) => ({ ...b, fee: lateFee(biller.kind, b.principal, b.dueDate, collectedAt) }));
  const due = bills.reduce((s, b) => s + b.principal + b.fee, 0);
  if (req.amount < due && !biller.allowsPartial) {
    return {
      reject: fail(422, 'amount_below_due', `amount ${req.amount} is below the ${due} due`),
    };
  }
  if (req.amount > due && !biller.acceptsOverpayment) {
    return {
      reject: fail(
        422,
        'overpayment_not_allowed',
        `${biller.id} takes no more than the ${due} due`,
      ),
    };
  }
  const applied = settleOldestFirst(bills, req.amount);
  const principal = applied.reduce((s, b) => s + b.principal, 0);
  const fees = applied.reduce((s, b) => s + b.fee, 0);
  const prepaid = req.amount - principal - fees;
  return {
    prepaid,
    result: {
      agentSerial: req.agentSerial,
      status: 'written_off',
      billerTxnId: store.nextTxnId(biller.id),
      writtenOffAt: isoShanghai(now),
      appliedToBills: applied.map((b) => b.billId),
      principalCharged: principal,
      lateFeeCharged: fees,
      prepaidCredited: prepaid,
    },
  };
}

/**
 * The bills `amount` pays: whole bills, oldest first (the store lists them by due date), up to
 * the first one it cannot cover. Whatever is left is prepaid balance (预存), which the biller
 * uses against the next bill. A part payment (allowsPartial) may thus pay the overdue bills only,
 * or no bill at all.
 */
export function settleOldestFirst<B extends { principal: number; fee: number }>(
  bills: readonly B[],
  amount: number,
): B[] {
  const paid: B[] = [];
  let left = amount;
  for (const b of bills) {
    if (b.principal + b.fee > left) break;
    paid.push(b);
    left -= b.principal + b.fee;
  }
  return paid;
}

export function postPayment(
  store: GatewayStore,
  terminalId: string,
  req: PaymentRequest,
  now: Date,
  observe: PaymentObserver = () => undefined,
): Reply {
  const request = canonicalJson(req);
  const requestHash = sha256Hex(request);
  return store.transaction(() => {
    const prior = store.payment(req.agentSerial);
    if (prior) {
      if (prior.terminalId !== terminalId || prior.requestHash !== requestHash) {
        observe(req.agentSerial, 'conflict');
        return fail(
          409,
          'serial_conflict',
          `${req.agentSerial} was already used with another body`,
        );
      }
      observe(req.agentSerial, 'replay');
      return { status: prior.httpStatus, body: JSON.parse(prior.response) };
    }
    const outcome = decide(store, terminalId, req, now);
    if ('status' in outcome) return outcome;
    const row: PaymentRow = {
      agentSerial: req.agentSerial,
      terminalId,
      request,
      requestHash,
      httpStatus: 200,
      response: '',
      outcome: 'written_off',
      billerId: req.billerId,
      account: req.account,
      amount: req.amount,
      prepaidCredited: 0,
      writtenOffAt: null,
      businessDate: null,
      reversalReason: null,
    };
    if ('reject' in outcome) {
      const { status, body } = outcome.reject;
      store.insertPayment({
        ...row,
        httpStatus: status,
        response: JSON.stringify(body),
        outcome: 'rejected',
      });
      observe(req.agentSerial, 'reject');
      return outcome.reject;
    }
    const { result, prepaid } = outcome;
    store.markPaid(req.billerId, req.account, result.appliedToBills, req.agentSerial);
    if (prepaid > 0) store.addPrepaid(req.billerId, req.account, prepaid);
    const qrPaymentId = qrPaymentIdOf(req);
    if (qrPaymentId !== undefined) useQr(store, qrPaymentId, req.agentSerial, now);
    store.insertPayment({
      ...row,
      response: JSON.stringify(result),
      prepaidCredited: prepaid,
      writtenOffAt: result.writtenOffAt,
      businessDate: businessDate(now),
    });
    observe(req.agentSerial, 'commit');
    return ok(result);
  });
}

/** A committed payment of this terminal, or undefined (never committed, rejected, or not ours). */
function committed(
  store: GatewayStore,
  terminalId: string,
  serial: string,
): PaymentRow | undefined {
  const row = store.payment(serial);
  return row && row.terminalId === terminalId && row.outcome !== 'rejected' ? row : undefined;
}

export function getPayment(store: GatewayStore, terminalId: string, serial: string): Reply {
  const row = committed(store, terminalId, serial);
  return row ? ok(JSON.parse(row.response)) : fail(404, 'not_found', `no payment ${serial}`);
}

export function reversePayment(
  store: GatewayStore,
  terminalId: string,
  serial: string,
  reason: string,
  now: Date,
): Reply {
  return store.transaction(() => {
    const row = committed(store, terminalId, serial);
    if (!row || row.writtenOffAt === null) return fail(404, 'not_found', `no payment ${serial}`);
    if (row.outcome === 'reversed') return ok({ status: 'reversed' });
    if (now.getTime() >= nextMidnight(new Date(row.writtenOffAt)).getTime()) {
      return fail(409, 'too_late', 'the day cut has passed: settle through reconciliation');
    }
    store.markUnpaid(serial);
    store.releaseQr(serial);
    if (row.prepaidCredited > 0) store.addPrepaid(row.billerId, row.account, -row.prepaidCredited);
    const result = { ...(JSON.parse(row.response) as PaymentResult), status: 'reversed' };
    store.markReversed(serial, JSON.stringify(result), reason);
    return ok({ status: 'reversed' });
  });
}

/** This terminal's committed payments of one business day; count/total cover written-off ones. */
export function reconciliation(store: GatewayStore, terminalId: string, day: string): Reply {
  const records = store.paymentsOfDay(terminalId, day).map((p) => ({
    agentSerial: p.agentSerial,
    amount: p.amount,
    status: p.outcome,
    writtenOffAt: p.writtenOffAt,
  }));
  const kept = records.filter((r) => r.status === 'written_off');
  return ok({
    date: day,
    count: kept.length,
    total: kept.reduce((s, r) => s + r.amount, 0),
    records,
  });
}
