// The browser-mode edge of the host: HTTP for the built renderer and a WebSocket for the
// KioskApi, bound to 127.0.0.1. Only the page the kiosk's own launch opened may drive the
// kiosk (client-pass.ts); every request is checked (request-guard.ts) and every connection
// bounded: no request, upgrade or message can stop the host.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_PATH, type HostMessage, type Snapshot, type UserEvent } from '../api/kiosk-api';
import { ClientPass } from './client-pass';
import { CLOSE, serveSocket } from './kiosk-socket';
import { NOT_THE_KIOSK_CSP, NOT_THE_KIOSK_PAGE } from './not-the-kiosk-page';
import { photoRoute, type PhotoDesk } from './photo-route';
import { RefusalLog } from './refusal-log';
import {
  cookieValue,
  hostAllowed,
  originAllowed,
  ownOrigins,
  requestTarget,
} from './request-guard';
import { serveStatic } from './static-files';

export interface KioskServerOptions {
  host: string;
  port: number;
  uiDir: string;
  /** Origins allowed to frame the kiosk page (the developer panel); none by default. */
  frameAncestors?: string;
  /** Where the pass's hash outlives a restart; none keeps it in memory. */
  passFile?: string;
  /** Where the host leaves a fresh launch ticket for the kiosk's browser. */
  ticketFile?: string;
  onEvent(event: UserEvent): void;
  latest(): Snapshot;
  /** Where the page's photos go (`/api/photos`); none: the route answers 404. */
  photos?: PhotoDesk;
  log: { warn(obj: object, msg: string): void };
  monotonic?: () => number;
}

export interface KioskServer {
  url: string;
  /** A one-time address that opens the kiosk page as the kiosk's screen. */
  launchUrl(): string;
  broadcast(snapshot: Snapshot): void;
  close(): Promise<void>;
}

export class ListenError extends Error {
  override name = 'ListenError';
}

/** The ws library closes a socket whose message is larger than this (1009). */
const MAX_MESSAGE_BYTES = 4096;
/** Connections at once: one kiosk page needs a handful (page, assets, socket). */
const MAX_CONNECTIONS = 64;
// Slow clients are dropped: headers within 5 s, the whole request within 10 s, checked every second.
const LIMITS = {
  headersTimeout: 5_000,
  requestTimeout: 10_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
};

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new ListenError(`cannot listen on ${host}:${port}: ${err.code ?? err.message}`)),
    );
    server.listen(port, host, () => {
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

export async function startKioskServer(o: KioskServerOptions): Promise<KioskServer> {
  const monotonic = o.monotonic ?? (() => performance.now());
  const refusals = new RefusalLog(o.log, monotonic);
  const pass = new ClientPass({
    log: o.log,
    ...(o.passFile ? { passFile: o.passFile } : {}),
    ...(o.ticketFile ? { ticketFile: o.ticketFile } : {}),
  });
  let port = o.port;
  let cookieName = '';
  /** The kiosk page's socket: one at a time. */
  let screen: WebSocket | null = null;

  const refuse = (res: ServerResponse, status: number, kind: string, detail: object = {}) => {
    refusals.note(kind, detail);
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
    res.end(`${status}`);
  };

  const photos = o.photos ? photoRoute({ photos: o.photos, refusals, monotonic }) : null;

  const http = createServer({ ...LIMITS }, (req, res) => {
    res.on('error', () => undefined); // a reset mid-reply: nothing to do
    req.on('error', () => undefined);
    if (!hostAllowed(req.headers, port)) return refuse(res, 421, 'foreign_host');
    const target = requestTarget(req.url);
    if (target && photos?.owns(target.pathname)) {
      // As for the WebSocket: the page's own origin and its pass, or nothing.
      if (!originAllowed(req.headers, ownOrigins(port), { required: true }))
        return photos.refuse(
          req,
          res,
          403,
          'foreign_origin',
          'only the kiosk page may send photos',
        );
      if (!pass.accepts(cookieValue(req.headers, cookieName)))
        return photos.refuse(req, res, 401, 'no_pass', 'only the kiosk page may send photos');
      return photos.handle(req, res, target.pathname);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method');
    if (!target) return refuse(res, 400, 'bad_target');
    void answer(req, res, target).catch((err: unknown) => {
      refusals.note('reply_failed', { reason: (err as Error).message.slice(0, 200) });
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  http.maxConnections = MAX_CONNECTIONS;
  http.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    refusals.note('client_error', { code: err.code ?? 'unknown' });
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    socket.destroy();
  });

  async function answer(
    req: IncomingMessage,
    res: ServerResponse,
    target: { pathname: string; query: URLSearchParams },
  ): Promise<void> {
    const page = target.pathname === '/' || target.pathname === '/index.html';
    const ticket = target.query.get('launch');
    if (page && ticket !== null) {
      const issued = pass.redeem(ticket);
      if (!issued) return notTheKiosk(res, 'ticket_unknown');
      // The ticket leaves the address bar; a reload comes back with the pass alone.
      res.writeHead(303, {
        location: '/',
        'set-cookie': `${cookieName}=${issued}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      return void res.end();
    }
    if (page && !pass.accepts(cookieValue(req.headers, cookieName))) {
      return notTheKiosk(res, 'page_without_pass');
    }
    const r = await serveStatic(o.uiDir, target.pathname);
    res.writeHead(r.status, {
      'content-type': r.type,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': `default-src 'self'; connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors ${o.frameAncestors ?? "'none'"}`,
    });
    res.end(req.method === 'HEAD' ? undefined : r.body);
  }

  function notTheKiosk(res: ServerResponse, kind: string): void {
    refusals.note(kind);
    res.writeHead(403, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': NOT_THE_KIOSK_CSP,
    });
    res.end(NOT_THE_KIOSK_PAGE);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  wss.on('error', (err) => refusals.note('ws_server_error', { reason: err.message }));
  wss.on('wsClientError', (err) => refusals.note('ws_handshake', { reason: err.message }));
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const deny = (status: number, kind: string) => {
      refusals.note(kind);
      if (socket.writable) socket.end(`HTTP/1.1 ${status} Refused\r\nconnection: close\r\n\r\n`);
      socket.destroy();
    };
    const target = requestTarget(req.url);
    if (!hostAllowed(req.headers, port)) return deny(421, 'upgrade_foreign_host');
    if (target?.pathname !== WS_PATH) return deny(404, 'upgrade_path');
    if (!originAllowed(req.headers, ownOrigins(port), { required: true }))
      return deny(403, 'upgrade_origin');
    if (!pass.accepts(cookieValue(req.headers, cookieName)))
      return deny(401, 'upgrade_without_pass');
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (screen) {
        // The same browser, another tab: the kiosk has one screen.
        ws.on('error', () => ws.terminate());
        ws.close(CLOSE.busy, 'the kiosk screen is open elsewhere');
        return;
      }
      screen = ws;
      ws.on('close', () => {
        if (screen === ws) screen = null;
      });
      serveSocket(ws, { latest: o.latest, onEvent: o.onEvent, refusals, monotonic });
    });
  });
  pass.onRevoke(() => {
    screen?.close(CLOSE.replaced, 'another page became the kiosk screen');
    screen = null;
  });

  port = await listen(http, o.host, o.port);
  cookieName = `kiosk_pass_${port}`;
  const origin = `http://${o.host}:${port}`;
  return {
    url: `${origin}/`,
    launchUrl: () => `${origin}/?launch=${pass.mintTicket()}`,
    broadcast(snapshot) {
      if (!screen || screen.readyState !== screen.OPEN) return;
      screen.send(JSON.stringify({ type: 'snapshot', snapshot } satisfies HostMessage));
    },
    close: () =>
      new Promise((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
