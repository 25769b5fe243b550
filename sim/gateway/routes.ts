// The /v1 route table of the simulator: method + path pattern → handler. Every handler runs after
// authentication and gets the raw body to validate with the contract's schemas.
import {
  BillQueryRequest,
  Heartbeat,
  PaymentRequest,
  QrMicropayRequest,
  QrOrderRequest,
  ReversalRequest,
} from '../../src/gateway/contract';
import type { CommunityObserver } from './community';
import { COMMUNITY_ROUTES } from './community-routes';
import {
  getPayment,
  paymentBodyProblem,
  postPayment,
  reconciliation,
  reversePayment,
  type PaymentObserver,
} from './payments';
import { cancelQr, createOrder, micropay, qrStatus } from './qr';
import { queryBills } from './quotes';
import { fail, ok, type Reply } from './reply';
import { isCalendarDate, isoShanghai } from './shanghai-time';
import type { GatewayStore } from './store';
import { parseBody } from './validate';

export interface Ctx {
  store: GatewayStore;
  terminalId: string;
  now: Date;
  /** Decoded path parameters, in pattern order. */
  params: string[];
  body: Buffer;
  /** The query string's parameters (the community routes' lookups). */
  query: URLSearchParams;
  /** The X-Staff-Id header (community care and notices), or null. */
  staffId: string | null;
  /** Told what POST /v1/payments did (commit, replay, rejection), for /__sim/stats. */
  observe?: PaymentObserver;
  /** Told what an idempotent community POST did, for /__sim/stats. */
  observeCommunity?: CommunityObserver;
}

export interface Route {
  /** "METHOD /path/:param": the name faults and statistics use for this route. */
  key: string;
  method: 'GET' | 'POST';
  path: RegExp;
  /** The largest body this route reads (default MAX_BODY_BYTES, http.ts). */
  bodyLimit?: number;
  handle: (ctx: Ctx) => Reply;
}

const badRequest = (message: string) => fail(400, 'bad_request', message);

export const ROUTES: Route[] = [
  {
    key: 'GET /v1/billers',
    method: 'GET',
    path: /^\/v1\/billers$/,
    handle: ({ store }) =>
      // txnPrefix/txnStart are the simulator's own bookkeeping, not part of the contract.
      ok({ billers: store.billers().map(({ txnPrefix: _p, txnStart: _s, ...biller }) => biller) }),
  },
  {
    key: 'POST /v1/bills/query',
    method: 'POST',
    path: /^\/v1\/bills\/query$/,
    handle: ({ store, body, now }) => {
      const req = parseBody(BillQueryRequest, body);
      return req.ok ? queryBills(store, req.value, now) : badRequest(req.message);
    },
  },
  {
    key: 'POST /v1/payments',
    method: 'POST',
    path: /^\/v1\/payments$/,
    handle: ({ store, terminalId, body, now, observe }) => {
      const req = parseBody(PaymentRequest, body);
      if (!req.ok) return badRequest(req.message);
      const problem = paymentBodyProblem(req.value, now);
      return problem
        ? badRequest(problem)
        : postPayment(store, terminalId, req.value, now, observe);
    },
  },
  {
    key: 'GET /v1/payments/:serial',
    method: 'GET',
    path: /^\/v1\/payments\/([^/]+)$/,
    handle: ({ store, terminalId, params: [serial = ''] }) => getPayment(store, terminalId, serial),
  },
  {
    key: 'POST /v1/payments/:serial/reversal',
    method: 'POST',
    path: /^\/v1\/payments\/([^/]+)\/reversal$/,
    handle: ({ store, terminalId, params: [serial = ''], body, now }) => {
      const req = parseBody(ReversalRequest, body);
      return req.ok
        ? reversePayment(store, terminalId, serial, req.value.reason, now)
        : badRequest(req.message);
    },
  },
  {
    key: 'GET /v1/reconciliation/:date',
    method: 'GET',
    path: /^\/v1\/reconciliation\/([^/]+)$/,
    handle: ({ store, terminalId, params: [day = ''] }) =>
      isCalendarDate(day)
        ? reconciliation(store, terminalId, day)
        : badRequest(`date: ${day} is not YYYY-MM-DD`),
  },
  {
    key: 'POST /v1/terminals/:id/heartbeat',
    method: 'POST',
    path: /^\/v1\/terminals\/([^/]+)\/heartbeat$/,
    handle: ({ store, terminalId, params: [id = ''], body, now }) => {
      if (id !== terminalId) return fail(403, 'forbidden', `signed as ${terminalId}, not ${id}`);
      const req = parseBody(Heartbeat, body);
      if (!req.ok) return badRequest(req.message);
      store.saveHeartbeat(terminalId, isoShanghai(now), JSON.stringify(req.value));
      return ok({ serverTime: isoShanghai(now), commands: [] });
    },
  },
  {
    key: 'POST /v1/qr/micropay',
    method: 'POST',
    path: /^\/v1\/qr\/micropay$/,
    handle: ({ store, terminalId, body, now }) => {
      const req = parseBody(QrMicropayRequest, body);
      return req.ok ? micropay(store, terminalId, req.value, now) : badRequest(req.message);
    },
  },
  {
    key: 'POST /v1/qr/orders',
    method: 'POST',
    path: /^\/v1\/qr\/orders$/,
    handle: ({ store, terminalId, body, now }) => {
      const req = parseBody(QrOrderRequest, body);
      return req.ok ? createOrder(store, terminalId, req.value, now) : badRequest(req.message);
    },
  },
  {
    key: 'GET /v1/qr/:id',
    method: 'GET',
    path: /^\/v1\/qr\/([^/]+)$/,
    handle: ({ store, terminalId, params: [id = ''], now }) => qrStatus(store, terminalId, id, now),
  },
  {
    key: 'POST /v1/qr/:id/cancel',
    method: 'POST',
    path: /^\/v1\/qr\/([^/]+)\/cancel$/,
    handle: ({ store, terminalId, params: [id = ''], now }) => cancelQr(store, terminalId, id, now),
  },
  // The community service API (community-services.md): community-routes.ts.
  ...COMMUNITY_ROUTES,
];

/** Every route's key, e.g. "GET /v1/payments/:serial". */
export const ROUTE_KEYS: readonly string[] = ROUTES.map((r) => r.key);

/** The route for a request, or the reply for a path no route (or no method) serves. */
export function match(
  method: string,
  pathname: string,
): { route: Route; params: string[] } | Reply {
  let pathKnown = false;
  for (const route of ROUTES) {
    const m = route.path.exec(pathname);
    if (!m) continue;
    pathKnown = true;
    if (route.method !== method) continue;
    try {
      return { route, params: m.slice(1).map((p) => decodeURIComponent(p)) };
    } catch {
      return badRequest('path: malformed percent-encoding');
    }
  }
  return pathKnown
    ? fail(405, 'method_not_allowed', `${method} is not allowed on ${pathname}`)
    : fail(404, 'not_found', `no route ${method} ${pathname}`);
}
