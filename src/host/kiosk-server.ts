// The browser-mode transport: HTTP for the built renderer and a WebSocket for the KioskApi,
// bound to 127.0.0.1, accepting only pages it served itself (same origin + per-launch token).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  RendererMessage,
  WS_PATH,
  type HostMessage,
  type Snapshot,
  type UserEvent,
} from '../api/kiosk-api';
import { serveStatic } from './static-files';

export interface KioskServerOptions {
  host: string;
  port: number;
  uiDir: string;
  /** Origins allowed to frame the kiosk page (the developer panel); none by default. */
  frameAncestors?: string;
  onEvent(event: UserEvent): void;
  latest(): Snapshot;
  log: { warn(obj: object, msg: string): void };
}

export interface KioskServer {
  url: string;
  token: string;
  broadcast(snapshot: Snapshot): void;
  close(): Promise<void>;
}

export class ListenError extends Error {
  override name = 'ListenError';
}

const MAX_MESSAGE_BYTES = 4096;

function tokenMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

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
  const token = randomBytes(24).toString('hex');
  let origin = '';
  const http = createServer((req, res) => {
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    void serveStatic(o.uiDir, req.url ?? '/', token).then((r) => {
      res.writeHead(r.status, {
        'content-type': r.type,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'content-security-policy': `default-src 'self'; connect-src 'self' ${origin.replace('http', 'ws')}; img-src 'self' data:; frame-ancestors ${o.frameAncestors ?? "'none'"}`,
      });
      res.end(r.body);
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    if (
      url.pathname !== WS_PATH ||
      req.headers.origin !== origin ||
      !tokenMatches(token, url.searchParams.get('token'))
    ) {
      o.log.warn(
        { path: url.pathname, origin: req.headers.origin },
        'refused a KioskApi connection',
      );
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  });

  const send = (ws: WebSocket, m: HostMessage) => ws.send(JSON.stringify(m));
  function onConnection(ws: WebSocket) {
    send(ws, { type: 'snapshot', snapshot: o.latest() });
    ws.on('message', (data) => {
      let parsed: ReturnType<typeof RendererMessage.safeParse>;
      try {
        parsed = RendererMessage.safeParse(JSON.parse(String(data)));
      } catch {
        send(ws, { type: 'rejected', reason: 'message is not JSON' });
        return;
      }
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const reason = `${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'invalid'}`;
        o.log.warn({ reason }, 'rejected a renderer message');
        send(ws, { type: 'rejected', reason });
        return;
      }
      o.onEvent(parsed.data.event);
    });
  }

  const port = await listen(http, o.host, o.port);
  origin = `http://${o.host}:${port}`;
  return {
    url: origin + '/',
    token,
    broadcast(snapshot) {
      const text = JSON.stringify({ type: 'snapshot', snapshot } satisfies HostMessage);
      for (const ws of wss.clients) ws.send(text);
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
