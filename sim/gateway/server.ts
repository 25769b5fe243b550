// The collection-gateway simulator: a real HTTP server (node:http, or node:https with a
// certificate, optionally requiring client certificates) speaking the contract of
// shared/contracts/collection-gateway.md, with its own SQLite store. See README.md.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ADMIN_PREFIX, handleAdmin } from './admin';
import type { CommunitySnapshot } from './community-store';
import { authenticate } from './auth';
import { deliver, Delays } from './fault-effects';
import { FaultList, FaultTable, type FaultInput, type FaultState } from './faults';
import { MAX_BODY_BYTES, readBody, send } from './http';
import { fail, type Reply } from './reply';
import { match } from './routes';
import { DEMO_TERMINALS } from './seed';
import { serialOf, SimStats, type RequestRecord, type StatsReport } from './sim-stats';
import { GatewayStore } from './store';
import { check } from './validate';

export interface GatewaySimOptions {
  /** SQLite file; ':memory:' for a throw-away store. */
  dbPath: string;
  /** 0 (the default) picks an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1: plain HTTP is only allowed on loopback. */
  host?: string;
  /** Terminal id → secret; default DEMO_TERMINALS. */
  terminals?: Record<string, string>;
  /** Injectable clock for quotes, late fees, skew, nonces and day cuts. */
  now?: () => Date;
  /** Faults active from the start (README.md, "Fault injection"); invalid ones throw. */
  faults?: FaultInput[];
  /** Serve HTTPS with this certificate and key (PEM); with clientCa, require client certificates. */
  tls?: GatewaySimTls;
}

export interface GatewaySimTls {
  cert: string | Buffer;
  key: string | Buffer;
  /** A connection without a client certificate signed by this CA is refused. */
  clientCa?: string | Buffer;
}

export interface GatewaySim {
  /** e.g. http://127.0.0.1:8741, or https://… when serving TLS */
  url: string;
  port: number;
  /** Replaces the active faults (as PUT /__sim/faults); throws naming the bad field. */
  setFaults(faults: FaultInput[]): void;
  clearFaults(): void;
  /** The active faults with their remaining counts (as GET /__sim/faults). */
  faults(): FaultState[];
  /** As GET /__sim/stats. */
  stats(): StatsReport;
  /** The request log (as GET /__sim/requests), optionally of one serial or route. */
  requests(filter?: { serial?: string; route?: string }): RequestRecord[];
  /** Forgets counters and the request log (as DELETE /__sim/stats). */
  resetStats(): void;
  /** The community routes' records (as GET /__sim/community). */
  community(): CommunitySnapshot;
  close(): Promise<void>;
}

interface Deps {
  store: GatewayStore;
  terminals: Record<string, string>;
  now: () => Date;
  faults: FaultTable;
  stats: SimStats;
  delays: Delays;
}

/** Faults as given in code: validated like the admin endpoint's body. */
function validFaults(faults: FaultInput[]) {
  const parsed = check(FaultList, faults);
  if (!parsed.ok) throw new Error(`invalid faults: ${parsed.message}`);
  return parsed.value;
}

async function handle(deps: Deps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const rawUrl = req.url ?? '/';
  const pathname = rawUrl.split('?')[0] ?? '/';
  const isAdmin = pathname.startsWith(ADMIN_PREFIX);
  if (!isAdmin && !pathname.startsWith('/v1/')) {
    send(res, fail(404, 'not_found', `no route ${method} ${pathname}`));
    return;
  }
  // A route may read more than 64 KiB (an upload); any other request is cut there.
  const found = isAdmin ? null : match(method, pathname);
  const limit =
    found && 'route' in found ? (found.route.bodyLimit ?? MAX_BODY_BYTES) : MAX_BODY_BYTES;
  const body = await readBody(req, limit);
  const tooLarge = fail(
    413,
    'payload_too_large',
    `request bodies are limited to ${limit / 1024} KiB`,
  );
  if (isAdmin) {
    send(res, body === 'too_large' ? tooLarge : handleAdmin(deps, method, rawUrl, body));
    return;
  }
  // One clock reading per request: auth, pricing and timestamps all agree.
  const now = deps.now();
  const record = deps.stats.arrive(method, pathname, now);
  const answer = (reply: Reply) => {
    send(res, reply);
    deps.stats.finish(record, { kind: 'replied', status: reply.status });
  };
  if (body === 'too_large') {
    answer(tooLarge);
    return;
  }
  const auth = authenticate(
    deps.store,
    deps.terminals,
    { method, url: rawUrl, headers: req.headers },
    body,
    now,
  );
  if (!auth.ok) {
    answer(fail(401, 'bad_signature', auth.message));
    return;
  }
  if (!found || !('route' in found)) {
    answer(found ?? fail(404, 'not_found', `no route ${method} ${pathname}`));
    return;
  }
  const { route, params } = found;
  deps.stats.routed(record, route.key, serialOf(route.key, params, body));
  const fault = deps.faults.take(route.key);
  record.fault = fault?.kind ?? null;
  const staffId = req.headers['x-staff-id'];
  const ctx = {
    store: deps.store,
    terminalId: auth.terminalId,
    now,
    params,
    body,
    query: new URL(rawUrl, 'http://sim.invalid').searchParams,
    staffId: typeof staffId === 'string' ? staffId : null,
    observe: deps.stats.observe,
    observeCommunity: deps.stats.observeCommunity,
  };
  const perform = () => {
    const reply = route.handle(ctx);
    record.performed += 1;
    record.handlerStatus = reply.status;
    return reply;
  };
  deps.stats.finish(record, await deliver(res, fault, perform, deps.delays));
}

export async function startGatewaySim(opts: GatewaySimOptions): Promise<GatewaySim> {
  const now = opts.now ?? (() => new Date());
  const host = opts.host ?? '127.0.0.1';
  const faults = new FaultTable();
  faults.set(validFaults(opts.faults ?? []));
  const store = new GatewayStore(opts.dbPath, now());
  const deps: Deps = {
    store,
    terminals: opts.terminals ?? DEMO_TERMINALS,
    now,
    faults,
    stats: new SimStats(),
    delays: new Delays(),
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(deps, req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, fail(500, 'internal', String(err)));
      else res.destroy();
    });
  };
  const tls = opts.tls;
  const server = tls
    ? createTlsServer(
        {
          cert: tls.cert,
          key: tls.key,
          ...(tls.clientCa
            ? { ca: tls.clientCa, requestCert: true, rejectUnauthorized: true }
            : {}),
        },
        onRequest,
      )
    : createServer(onRequest);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => resolve());
    });
  } catch (err) {
    store.close();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${tls ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    setFaults: (list) => faults.set(validFaults(list)),
    clearFaults: () => faults.clear(),
    faults: () => faults.list(),
    stats: () => deps.stats.report(store.paymentOutcomes()),
    requests: (filter) => deps.stats.requests(filter),
    resetStats: () => deps.stats.reset(),
    community: () => store.community.snapshot(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        deps.delays.cancelAll();
        server.close((err) => {
          store.close();
          if (err) reject(err);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
