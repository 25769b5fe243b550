// The simulator's own admin endpoint, outside /v1 and unauthenticated (a loopback test tool):
// faults to inject, statistics and the request log. See README.md, "Fault injection".
import { FaultList, type FaultTable } from './faults';
import { fail, ok, type Reply } from './reply';
import type { SimStats } from './sim-stats';
import type { GatewayStore } from './store';
import { parseBody } from './validate';

export const ADMIN_PREFIX = '/__sim/';

export interface AdminDeps {
  faults: FaultTable;
  stats: SimStats;
  store: GatewayStore;
}

type Handler = (deps: AdminDeps, body: Buffer, query: URLSearchParams) => Reply;

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
