// The collection-gateway simulator: a real HTTP server (node:http) speaking the contract of
// shared/contracts/collection-gateway.md, with its own SQLite store. See README.md.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate } from './auth';
import { readBody, send } from './http';
import { fail } from './reply';
import { match } from './routes';
import { DEMO_TERMINALS } from './seed';
import { GatewayStore } from './store';

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
}

export interface GatewaySim {
  /** e.g. http://127.0.0.1:8741 */
  url: string;
  port: number;
  close(): Promise<void>;
}

interface Deps {
  store: GatewayStore;
  terminals: Record<string, string>;
  now: () => Date;
}

async function handle(deps: Deps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const rawUrl = req.url ?? '/';
  const pathname = rawUrl.split('?')[0] ?? '/';
  if (!pathname.startsWith('/v1/')) {
    send(res, fail(404, 'not_found', `no route ${method} ${pathname}`));
    return;
  }
  const body = await readBody(req);
  if (body === 'too_large') {
    send(res, fail(413, 'payload_too_large', 'request bodies are limited to 64 KiB'));
    return;
  }
  // One clock reading per request: auth, pricing and timestamps all agree.
  const now = deps.now();
  const auth = authenticate(
    deps.store,
    deps.terminals,
    { method, url: rawUrl, headers: req.headers },
    body,
    now,
  );
  if (!auth.ok) {
    send(res, fail(401, 'bad_signature', auth.message));
    return;
  }
  const found = match(method, pathname);
  if (!('route' in found)) {
    send(res, found);
    return;
  }
  const ctx = { store: deps.store, terminalId: auth.terminalId, now, params: found.params, body };
  send(res, found.route.handle(ctx));
}

export async function startGatewaySim(opts: GatewaySimOptions): Promise<GatewaySim> {
  const now = opts.now ?? (() => new Date());
  const host = opts.host ?? '127.0.0.1';
  const store = new GatewayStore(opts.dbPath, now());
  const deps: Deps = { store, terminals: opts.terminals ?? DEMO_TERMINALS, now };
  const server = createServer((req, res) => {
    handle(deps, req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, fail(500, 'internal', String(err)));
      else res.destroy();
    });
  });
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
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => {
          store.close();
          if (err) reject(err);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
