// QR payments (wallets): 付款码 (POST /v1/qr/micropay), Native orders (POST /v1/qr/orders), the
// status poll, cancel (撤销/关单), the admin routes that play the customer of a Native order, and
// the check a write-off with method "qr" makes. qrPaymentId is the idempotency key: the same
// id with the same body answers the attempt's current state again, another body is 409
// qr_conflict. An attempt's state is a function of its script, its polls and the clock, brought
// up to date whenever the attempt is looked at. See README.md, "QR payments".
import { randomBytes } from 'node:crypto';
import type {
  QrMicropayRequest,
  QrOrderRequest,
  QrStatus,
  QrWallet,
} from '../../src/gateway/contract';
import { sha256Hex } from '../../src/gateway/signature';
import { canonicalJson } from './canonical';
import {
  QR_CONFIRM_MS,
  QR_CONFIRM_POLLS,
  QR_CONFIRM_WINDOW_MS,
  QR_ORDER_TTL_MS,
  scriptOf,
  walletOf,
} from './qr-script';
import { fail, ok, type Reply } from './reply';
import { isoShanghai } from './shanghai-time';
import type { GatewayStore, QrAttemptRow } from './store';

/** Seconds in the Retry-After of a 409 user_paying: about one wallet poll interval. */
const USER_PAYING_RETRY_AFTER_S = 5;

/** Where the simulator's Native codes point (an aggregated code any wallet can scan). */
export const CODE_URL_PREFIX = 'https://qr.gateway-sim.invalid/p/';

const notFound = (id: string) => fail(404, 'not_found', `no QR payment ${id}`);

/**
 * The attempt brought up to date: a GET counts a poll, and a scripted user_paying micropay
 * resolves on its QR_CONFIRM_POLLS-th poll or once QR_CONFIRM_MS have passed.
 */
function advanced(row: QrAttemptRow, now: Date, poll: boolean): QrAttemptRow {
  const polls = row.polls + (poll ? 1 : 0);
  let status = row.status;
  const confirming = row.script === 'pays_after_confirming' || row.script === 'cancels_in_app';
  if (
    status === 'user_paying' &&
    confirming &&
    (polls >= QR_CONFIRM_POLLS || now.getTime() - row.createdAtMs >= QR_CONFIRM_MS)
  ) {
    status = row.script === 'pays_after_confirming' ? 'success' : 'failed';
  }
  return { ...row, polls, status };
}

/** Writes an attempt back when something changed. */
function save(store: GatewayStore, before: QrAttemptRow, after: QrAttemptRow, now: Date) {
  const changed = (Object.keys(after) as (keyof QrAttemptRow)[]).some(
    (k) => after[k] !== before[k],
  );
  if (changed) store.updateQrAttempt({ ...after, updatedAtMs: now.getTime() });
}

/** This terminal's attempt, up to date and saved; undefined when unknown or another's. */
function current(
  store: GatewayStore,
  terminalId: string | null,
  id: string,
  now: Date,
  poll = false,
): QrAttemptRow | undefined {
  const row = store.qrAttempt(id);
  if (!row || (terminalId !== null && row.terminalId !== terminalId)) return undefined;
  const after = advanced(row, now, poll);
  save(store, row, after, now);
  return after;
}

function statusReply(row: QrAttemptRow) {
  return {
    qrPaymentId: row.qrPaymentId,
    status: row.status,
    ...(row.wallet === null ? {} : { wallet: row.wallet }),
    amount: row.amount,
  };
}

function micropayReply(row: QrAttemptRow) {
  return { qrPaymentId: row.qrPaymentId, status: row.status, wallet: row.wallet };
}

function orderReply(row: QrAttemptRow) {
  return {
    qrPaymentId: row.qrPaymentId,
    codeUrl: row.codeUrl,
    expiresAt: row.expiresAt,
    status: row.status,
  };
}

function requestHash(kind: QrAttemptRow['kind'], req: object): string {
  return sha256Hex(canonicalJson({ kind, request: req }));
}

/**
 * An attempt created before under the same id: the same terminal and body answer its current
 * state (not counted as a poll); anything else is 409 qr_conflict.
 */
function replay(
  store: GatewayStore,
  prior: QrAttemptRow,
  terminalId: string,
  hash: string,
  now: Date,
  answer: (row: QrAttemptRow) => unknown,
): Reply {
  if (prior.terminalId !== terminalId || prior.requestHash !== hash) {
    return fail(409, 'qr_conflict', `${prior.qrPaymentId} was already used with another body`);
  }
  const row = advanced(prior, now, false);
  save(store, prior, row, now);
  return ok(answer(row));
}

function newAttempt(
  terminalId: string,
  req: QrOrderRequest,
  kind: QrAttemptRow['kind'],
  hash: string,
  now: Date,
): QrAttemptRow {
  return {
    qrPaymentId: req.qrPaymentId,
    terminalId,
    kind,
    requestHash: hash,
    amount: req.amount,
    description: req.description,
    wallet: null,
    script: null,
    codeUrl: null,
    expiresAt: null,
    expiresAtMs: null,
    status: 'pending',
    polls: 0,
    createdAtMs: now.getTime(),
    confirmingSinceMs: null,
    updatedAtMs: now.getTime(),
    usedBySerial: null,
  };
}

/** POST /v1/qr/micropay: the kiosk scanned the customer's payment code. */
export function micropay(
  store: GatewayStore,
  terminalId: string,
  req: QrMicropayRequest,
  now: Date,
): Reply {
  const hash = requestHash('micropay', req);
  return store.transaction(() => {
    const prior = store.qrAttempt(req.qrPaymentId);
    if (prior) return replay(store, prior, terminalId, hash, now, micropayReply);
    const wallet = walletOf(req.authCode);
    // Not stored: nothing was charged, so the kiosk may scan again under the same id.
    if (!wallet) {
      return fail(
        422,
        'invalid_auth_code',
        'authCode: not a WeChat, Alipay or UnionPay payment code',
      );
    }
    const script = scriptOf(req.authCode);
    const status: QrStatus =
      script === 'pays_at_once'
        ? 'success'
        : script === 'insufficient_funds'
          ? 'failed'
          : 'user_paying';
    const row: QrAttemptRow = {
      ...newAttempt(terminalId, req, 'micropay', hash, now),
      wallet,
      script,
      status,
      confirmingSinceMs: status === 'user_paying' ? now.getTime() : null,
    };
    store.insertQrAttempt(row);
    return ok(micropayReply(row));
  });
}

/** POST /v1/qr/orders: a Native order whose code the kiosk shows. */
export function createOrder(
  store: GatewayStore,
  terminalId: string,
  req: QrOrderRequest,
  now: Date,
): Reply {
  const hash = requestHash('native', req);
  return store.transaction(() => {
    const prior = store.qrAttempt(req.qrPaymentId);
    if (prior) return replay(store, prior, terminalId, hash, now, orderReply);
    const expiresAt = new Date(now.getTime() + QR_ORDER_TTL_MS);
    const row: QrAttemptRow = {
      ...newAttempt(terminalId, req, 'native', hash, now),
      codeUrl: `${CODE_URL_PREFIX}${randomBytes(12).toString('hex')}`,
      expiresAt: isoShanghai(expiresAt),
      expiresAtMs: expiresAt.getTime(),
    };
    store.insertQrAttempt(row);
    return ok(orderReply(row));
  });
}

/** GET /v1/qr/{id}: a poll (it advances a scripted micropay). */
export function qrStatus(store: GatewayStore, terminalId: string, id: string, now: Date): Reply {
  return store.transaction(() => {
    const row = current(store, terminalId, id, now, true);
    return row ? ok(statusReply(row)) : notFound(id);
  });
}

/** POST /v1/qr/{id}/cancel (撤销/关单). */
export function cancelQr(store: GatewayStore, terminalId: string, id: string, now: Date): Reply {
  return store.transaction(() => {
    const row = current(store, terminalId, id, now);
    if (!row) return notFound(id);
    const end = (status: 'cancelled' | 'refunded') => {
      store.updateQrAttempt({ ...row, status, updatedAtMs: now.getTime() });
      return ok({ status });
    };
    switch (row.status) {
      case 'cancelled':
      case 'refunded':
        return ok({ status: row.status });
      case 'pending':
      case 'failed':
        return end('cancelled');
      case 'success':
        if (row.usedBySerial !== null) {
          return fail(
            409,
            'qr_written_off',
            `${id} paid the written-off payment ${row.usedBySerial}: reverse that first`,
          );
        }
        return end('refunded');
      case 'user_paying': {
        const since = row.confirmingSinceMs ?? row.createdAtMs;
        if (now.getTime() - since < QR_CONFIRM_WINDOW_MS) {
          return {
            ...fail(409, 'user_paying', 'the customer is still confirming: try again shortly'),
            headers: { 'retry-after': String(USER_PAYING_RETRY_AFTER_S) },
          };
        }
        return end('cancelled');
      }
    }
  });
}

/**
 * The check a write-off with method "qr" makes: the attempt is this terminal's, paid, for the
 * same amount, and pays for no other written-off payment. A Reply is a definitive 422 rejection.
 */
export function qrTenderProblem(
  store: GatewayStore,
  terminalId: string,
  id: string,
  amount: number,
  now: Date,
): Reply | undefined {
  const row = current(store, terminalId, id, now);
  if (!row) return fail(422, 'qr_not_paid', `no QR payment ${id}`);
  if (row.status !== 'success') {
    return fail(422, 'qr_not_paid', `QR payment ${id} is ${row.status}, not success`);
  }
  if (row.amount !== amount) {
    return fail(422, 'qr_not_paid', `QR payment ${id} paid ${row.amount}, the amount is ${amount}`);
  }
  if (row.usedBySerial !== null) {
    return fail(422, 'qr_already_used', `QR payment ${id} already paid ${row.usedBySerial}`);
  }
  return undefined;
}

/** A write-off committed with this QR money. */
export function useQr(store: GatewayStore, id: string, serial: string, now: Date): void {
  const row = store.qrAttempt(id);
  if (row) store.updateQrAttempt({ ...row, usedBySerial: serial, updatedAtMs: now.getTime() });
}

// The customer of the admin endpoint (/__sim/qr/{id}/scan and /pay): no terminal check.

const notPayable = (row: QrAttemptRow) =>
  fail(409, 'qr_not_payable', `${row.qrPaymentId} is ${row.status}: nothing to pay`);

function expired(row: QrAttemptRow, now: Date): Reply | undefined {
  return row.expiresAtMs !== null && now.getTime() >= row.expiresAtMs
    ? fail(409, 'qr_expired', `the code of ${row.qrPaymentId} expired at ${row.expiresAt}`)
    : undefined;
}

/** The customer scans a pending Native code and starts confirming in the wallet. */
export function customerScans(
  store: GatewayStore,
  id: string,
  wallet: QrWallet | undefined,
  now: Date,
): Reply {
  return store.transaction(() => {
    const row = current(store, null, id, now);
    if (!row) return notFound(id);
    if (row.kind !== 'native') {
      return fail(409, 'not_native', `${id} is a 付款码 payment: the kiosk scanned the customer`);
    }
    if (row.status === 'user_paying') return ok(statusReply(row));
    if (row.status !== 'pending') return notPayable(row);
    const late = expired(row, now);
    if (late) return late;
    const after: QrAttemptRow = {
      ...row,
      status: 'user_paying',
      wallet: wallet ?? 'wechat',
      confirmingSinceMs: now.getTime(),
      updatedAtMs: now.getTime(),
    };
    store.updateQrAttempt(after);
    return ok(statusReply(after));
  });
}

/**
 * The customer pays: a Native order (pending or scanned) or a 付款码 attempt still confirming.
 * Paying a paid attempt answers it again.
 */
export function customerPays(
  store: GatewayStore,
  id: string,
  wallet: QrWallet | undefined,
  now: Date,
): Reply {
  return store.transaction(() => {
    const row = current(store, null, id, now);
    if (!row) return notFound(id);
    if (row.status === 'success') return ok(statusReply(row));
    const payable =
      row.status === 'user_paying' || (row.kind === 'native' && row.status === 'pending');
    if (!payable) return notPayable(row);
    const late = expired(row, now);
    if (late) return late;
    const after: QrAttemptRow = {
      ...row,
      status: 'success',
      // A micropay's wallet is its code's; a Native payer is whoever scanned, else as given.
      wallet: row.wallet ?? wallet ?? 'wechat',
      updatedAtMs: now.getTime(),
    };
    store.updateQrAttempt(after);
    return ok(statusReply(after));
  });
}

/** GET /__sim/qr: every attempt, up to date (without counting polls), newest first. */
export function listQr(store: GatewayStore, status: QrStatus | undefined, now: Date): Reply {
  return store.transaction(() => {
    const attempts = store.qrAttempts().map((row) => {
      const after = advanced(row, now, false);
      save(store, row, after, now);
      const { requestHash: _hash, ...shown } = after;
      return shown;
    });
    return ok({
      attempts: status === undefined ? attempts : attempts.filter((a) => a.status === status),
    });
  });
}
