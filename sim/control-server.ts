// The simulator control server: a small JSON API on 127.0.0.1 to script the simulated world
// (notes, acceptor faults, power and line faults, scans, the network), and the developer panel
// when there is one. The launcher serves the whole kiosk's controls; the pty runner serves only
// its one emulator's. Every body is checked with the control protocol's schemas.
//
// It can put money into a kiosk, so only its own users may call it: every control route needs
// the server's token (printed at start, given to the panel in its address), a JSON body, the
// server's own name in Host (no DNS rebinding) and, from a browser, the panel's own Origin —
// a page on another site can neither read the token nor send a JSON request across sites.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { hostAllowed, originAllowed, ownOrigins, requestTarget } from '../src/edge/request-guard';
import { RefusalLog } from '../src/edge/refusal-log';
import type { AcceptorControl } from './acceptor-control';
import { PrinterFaultBody, PRINTER_PREFIX } from './control/printer-protocol';
import type { PrinterControl } from './printer-control';
import type { CardControl } from './card-control';
import {
  ACCEPTOR_PREFIX,
  FaultBody,
  InsertNoteBody,
  LineFaultsBody,
  PowerLossBody,
  PowerOnBody,
  RejectNextBody,
} from './control/acceptor-protocol';
import {
  CameraBody,
  CONTROL_PREFIX,
  EmptyBody,
  InsertNote,
  CardBody,
  Network,
  Scan,
  type CameraShot,
  type ControlReply,
  type ControlState,
} from './control/protocol';

export interface ControlTargets {
  /** The whole simulated kiosk (the launcher): its state, the network switch, its page. */
  kiosk?: {
    state(): ControlState;
    setNetwork(online: boolean): ControlReply;
    /** A one-time address that opens the kiosk page as its screen (the panel frames it). */
    launchUrl(): string;
  };
  /** The emulated acceptor; absent when the acceptor is a real device or on an external pty. */
  acceptor?: AcceptorControl;
  /** The emulated receipt printer; absent when the printer is real or not configured. */
  printer?: PrinterControl;
  /** The emulated card reader; absent when the reader is real or not configured. */
  cards?: CardControl;
  scan?(text: string): ControlReply;
  /** The fake document camera: the page it shows from its next start. */
  camera?(shot: CameraShot): ControlReply;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** A request the server answers with this status and message. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const MAX_BODY_BYTES = 4096;

async function readJson<S extends z.ZodType>(
  req: NodeJS.ReadableStream,
  schema: S,
): Promise<z.infer<S>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Refusal(413, 'body too large');
    chunks.push(chunk as Buffer);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new Refusal(400, 'body: not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Refusal(400, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

type Body = NodeJS.ReadableStream;
type Handler = (t: ControlTargets, req: Body) => Promise<unknown>;

const need = <T>(target: T | undefined, what: string): T => {
  if (target === undefined) throw new Refusal(409, `no ${what} here`);
  return target;
};
const acceptor = (t: ControlTargets) => need(t.acceptor, 'emulated acceptor');

const ROUTES: Record<string, Handler> = {
  [`GET ${CONTROL_PREFIX}/state`]: async (t) => need(t.kiosk, 'kiosk').state(),
  [`POST ${CONTROL_PREFIX}/kiosk/launch`]: async (t, req) => {
    await readJson(req, EmptyBody);
    return { ok: true, message: 'kiosk page opened', url: need(t.kiosk, 'kiosk').launchUrl() };
  },
  [`POST ${CONTROL_PREFIX}/network`]: async (t, req) =>
    need(t.kiosk, 'kiosk').setNetwork((await readJson(req, Network)).online),
  [`POST ${CONTROL_PREFIX}/scan`]: async (t, req) =>
    need(t.scan, 'scanner')((await readJson(req, Scan)).text),
  // The first note route, kept for the tests and scripts that use it.
  [`POST ${CONTROL_PREFIX}/insert-note`]: async (t, req) =>
    acceptor(t).insertNote((await readJson(req, InsertNote)).value),
  [`GET ${ACCEPTOR_PREFIX}`]: async (t) => acceptor(t).state(),
  [`POST ${ACCEPTOR_PREFIX}/insert-note`]: async (t, req) =>
    acceptor(t).insertNote((await readJson(req, InsertNoteBody)).value),
  [`POST ${ACCEPTOR_PREFIX}/reject-next`]: async (t, req) =>
    acceptor(t).rejectNext((await readJson(req, RejectNextBody)).reason),
  [`POST ${ACCEPTOR_PREFIX}/fault`]: async (t, req) =>
    acceptor(t).setFault((await readJson(req, FaultBody)).fault),
  [`POST ${ACCEPTOR_PREFIX}/power-loss`]: async (t, req) =>
    acceptor(t).cutPower((await readJson(req, PowerLossBody)).at),
  [`POST ${ACCEPTOR_PREFIX}/power-on`]: async (t, req) => {
    await readJson(req, PowerOnBody);
    return acceptor(t).restorePower();
  },
  [`POST ${ACCEPTOR_PREFIX}/line`]: async (t, req) =>
    acceptor(t).setLine(await readJson(req, LineFaultsBody)),
  [`POST ${CONTROL_PREFIX}/camera`]: async (t, req) =>
    need(t.camera, 'fake camera')((await readJson(req, CameraBody)).shot),
  [`POST ${CONTROL_PREFIX}/card`]: async (t, req) =>
    need(t.cards, 'emulated card reader').set((await readJson(req, CardBody)).uid),
  [`GET ${PRINTER_PREFIX}`]: async (t) => need(t.printer, 'emulated printer').state(),
  [`POST ${PRINTER_PREFIX}/fault`]: async (t, req) =>
    need(t.printer, 'emulated printer').setFault(await readJson(req, PrinterFaultBody)),
};

/** A control request's credentials: the server's token, as `authorization: Bearer …`. */
function tokenGiven(headers: IncomingHttpHeaders, token: string): boolean {
  const given = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(headers.authorization ?? '')?.[1];
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface ControlServer {
  /** The panel's address; `?token=` is for the panel only, never for a log. */
  url: string;
  /** The token every control route needs (`authorization: Bearer TOKEN`). */
  token: string;
  close(): Promise<void>;
}

export async function startControlServer(o: {
  port: number;
  /** The built developer panel; null serves the JSON API only (the pty runner). */
  panelDir: string | null;
  targets: ControlTargets;
  /** Default: a fresh random one. */
  token?: string;
}): Promise<ControlServer> {
  const token = o.token ?? randomBytes(24).toString('base64url');
  const refusals = new RefusalLog({
    warn: (detail, msg) => console.warn(`control server: ${msg} ${JSON.stringify(detail)}`),
  });
  let port = o.port;
  const server = createServer(
    { headersTimeout: 5_000, requestTimeout: 10_000, connectionsCheckingInterval: 1_000 },
    (req, res) => {
      res.on('error', () => undefined);
      req.on('error', () => undefined);
      const reply = (status: number, body: unknown) => {
        if (res.headersSent) return void res.end();
        res.writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        });
        res.end(JSON.stringify(body));
      };
      const refuse = (status: number, kind: string, message: string) => {
        refusals.note(kind);
        req.resume();
        reply(status, { ok: false, message });
      };
      const target = requestTarget(req.url);
      if (!target) return refuse(400, 'bad_target', 'bad request target');
      if (!hostAllowed(req.headers, port)) return refuse(421, 'foreign_host', 'wrong host');
      const { pathname } = target;
      const isControl = pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`);
      const handle = async () => {
        if (isControl) {
          if (!originAllowed(req.headers, ownOrigins(port), { required: false }))
            throw new Refusal(403, 'foreign origin');
          if (!tokenGiven(req.headers, token)) throw new Refusal(401, 'control token required');
          if (
            req.method === 'POST' &&
            !/^application\/json\b/.test(req.headers['content-type'] ?? '')
          )
            throw new Refusal(415, 'JSON bodies only (content-type: application/json)');
          const route = ROUTES[`${req.method} ${pathname}`];
          if (route) return reply(200, await route(o.targets, req));
          if (req.method === 'GET' && pathname === `${PRINTER_PREFIX}/last.png`) {
            const png = need(o.targets.printer, 'emulated printer').lastPng();
            if (!png) throw new Refusal(404, 'nothing printed yet');
            res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
            return void res.end(png);
          }
          throw new Refusal(404, 'no such control');
        }
        if (req.method !== 'GET' || !o.panelDir) throw new Refusal(404, 'not found');
        const rel = pathname === '/' ? 'index.html' : pathname.slice(1);
        const file = path.resolve(o.panelDir, rel);
        if (!file.startsWith(path.resolve(o.panelDir) + path.sep))
          throw new Refusal(403, 'forbidden');
        let data: Buffer;
        try {
          data = await readFile(file);
        } catch {
          throw new Refusal(404, 'not found (run npm run build)');
        }
        res.writeHead(200, {
          'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
        });
        res.end(data);
      };
      handle().catch((err: Error) => {
        if (err instanceof Refusal) return refuse(err.status, `status_${err.status}`, err.message);
        refusals.note('failed', { reason: err.message.slice(0, 200) });
        reply(500, { ok: false, message: err.message });
      });
    },
  );
  server.maxConnections = 64;
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : o.port;
  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
