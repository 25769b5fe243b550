// The simulator's own admin endpoint, outside /v1 and unauthenticated (a loopback test tool):
// faults to inject, statistics, the request log, and the wallet customer of QR payments. See
// README.md, "Fault injection" and "QR payments".
import { z } from 'zod';
import { QrStatus, QrWallet } from '../../src/gateway/contract';
import { FaultList, type FaultTable } from './faults';
import { customerPays, customerScans, listQr } from './qr';
import { fail, ok, type Reply } from './reply';
import type { SimStats } from './sim-stats';
import type { GatewayStore } from './store';
import { parseBody } from './validate';

export const ADMIN_PREFIX = '/__sim/';

export interface AdminDeps {
  faults: FaultTable;
  stats: SimStats;
  store: GatewayStore;
  now: () => Date;
}

type Handler = (deps: AdminDeps, body: Buffer, query: URLSearchParams) => Reply;

/** Body of /__sim/qr/{id}/scan and /pay: which wallet the customer uses (default wechat). */
const CustomerBody = z.object({ wallet: QrWallet.optional() }).strict();

/** The customer of a QR attempt: scans a Native code, or pays (an empty body is {}). */
function customer(act: typeof customerPays): (deps: AdminDeps, id: string, body: Buffer) => Reply {
  return ({ store, now }, id, body) => {
    const parsed =
      body.length === 0 ? { ok: true as const, value: {} } : parseBody(CustomerBody, body);
    if (!parsed.ok) return fail(400, 'bad_request', parsed.message);
    return act(store, id, parsed.value.wallet, now());
  };
}

/** /__sim/qr/{qrPaymentId}/{action}: POST only. */
const QR_ACTIONS: Record<string, (deps: AdminDeps, id: string, body: Buffer) => Reply> = {
  scan: customer(customerScans),
  pay: customer(customerPays),
};
const QR_ACTION_PATH = /^\/__sim\/qr\/([^/]+)\/([^/]+)$/;

const ADMIN_ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  '/__sim/faults': {
    GET: ({ faults }) => ok(faults.list()),
    PUT: ({ faults }, body) => {
      const parsed = parseBody(FaultList, body);
      if (!parsed.ok) return fail(400, 'bad_request', parsed.message);
      faults.set(parsed.value);
      return ok(faults.list());
    },
    DELETE: ({ faults }) => {
      faults.clear();
      return ok([]);
    },
  },
  '/__sim/stats': {
    GET: ({ stats, store }) => ok(stats.report(store.paymentOutcomes())),
    DELETE: ({ stats, store }) => {
      stats.reset();
      return ok(stats.report(store.paymentOutcomes()));
    },
  },
  '/__sim/qr': {
    GET: ({ store, now }, _body, query) => {
      const status = query.get('status');
      if (status === null) return listQr(store, undefined, now());
      const parsed = QrStatus.safeParse(status);
      return parsed.success
        ? listQr(store, parsed.data, now())
        : fail(400, 'bad_request', `status: ${status} is not a QR status`);
    },
  },
  '/__sim/community': {
    GET: ({ store }) => ok(store.community.snapshot()),
  },
  '/__sim/requests': {
    GET: ({ stats }, _body, query) =>
      ok({
        requests: stats.requests({
          ...(query.has('serial') ? { serial: query.get('serial') ?? '' } : {}),
          ...(query.has('route') ? { route: query.get('route') ?? '' } : {}),
        }),
      }),
  },
};

/** The answer to an admin request (path under /__sim/). */
export function handleAdmin(deps: AdminDeps, method: string, rawUrl: string, body: Buffer): Reply {
  const url = new URL(rawUrl, 'http://sim.invalid');
  const qr = QR_ACTION_PATH.exec(url.pathname);
  if (qr) return qrAction(deps, method, qr[1] ?? '', qr[2] ?? '', body);
  const methods = Object.hasOwn(ADMIN_ROUTES, url.pathname)
    ? ADMIN_ROUTES[url.pathname]
    : undefined;
  if (!methods) return fail(404, 'not_found', `no admin route ${url.pathname}`);
  const handler = Object.hasOwn(methods, method) ? methods[method] : undefined;
  if (!handler) {
    return fail(405, 'method_not_allowed', `${method} is not allowed on ${url.pathname}`);
  }
  return handler(deps, body, url.searchParams);
}

function qrAction(deps: AdminDeps, method: string, rawId: string, action: string, body: Buffer) {
  const act = Object.hasOwn(QR_ACTIONS, action) ? QR_ACTIONS[action] : undefined;
  if (!act) return fail(404, 'not_found', `no admin route /__sim/qr/…/${action}`);
  if (method !== 'POST') {
    return fail(405, 'method_not_allowed', `${method} is not allowed on /__sim/qr/…/${action}`);
  }
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    return fail(400, 'bad_request', 'path: malformed percent-encoding');
  }
  return act(deps, id, body);
}
