// The simulator control server: a small JSON API on 127.0.0.1 to script the simulated world
// (notes, acceptor faults, power and line faults, scans, the network), and the developer panel
// when there is one. The launcher serves the whole kiosk's controls; the pty runner serves only
// its one emulator's. Every body is checked with the control protocol's schemas.
import { createServer } from 'node:http';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
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
  CONTROL_PREFIX,
  InsertNote,
  CardBody,
  Network,
  Scan,
  type ControlReply,
  type ControlState,
} from './control/protocol';

export interface ControlTargets {
  /** The whole simulated kiosk (the launcher): its state and the network switch. */
  kiosk?: { state(): ControlState; setNetwork(online: boolean): ControlReply };
  /** The emulated acceptor; absent when the acceptor is a real device or on an external pty. */
  acceptor?: AcceptorControl;
  /** The emulated receipt printer; absent when the printer is real or not configured. */
  printer?: PrinterControl;
  /** The emulated card reader; absent when the reader is real or not configured. */
  cards?: CardControl;
  scan?(text: string): ControlReply;
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

async function readJson<S extends z.ZodType>(
  req: NodeJS.ReadableStream,
  schema: S,
): Promise<z.infer<S>> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 4096) throw new Refusal(413, 'body too large');
  }
  let json: unknown;
  try {
    json = JSON.parse(text || '{}');
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
  [`POST ${CONTROL_PREFIX}/card`]: async (t, req) =>
    need(t.cards, 'emulated card reader').set((await readJson(req, CardBody)).uid),
  [`GET ${PRINTER_PREFIX}`]: async (t) => need(t.printer, 'emulated printer').state(),
  [`POST ${PRINTER_PREFIX}/fault`]: async (t, req) =>
    need(t.printer, 'emulated printer').setFault(await readJson(req, PrinterFaultBody)),
};

export async function startControlServer(o: {
  port: number;
  /** The built developer panel; null serves the JSON API only (the pty runner). */
  panelDir: string | null;
  targets: ControlTargets;
}): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const handle = async () => {
      const route = ROUTES[`${req.method} ${url.pathname}`];
      if (route) return reply(200, await route(o.targets, req));
      if (req.method === 'GET' && url.pathname === `${PRINTER_PREFIX}/last.png`) {
        const png = need(o.targets.printer, 'emulated printer').lastPng();
        if (!png) throw new Refusal(404, 'nothing printed yet');
        res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
        return void res.end(png);
      }
      if (req.method !== 'GET' || !o.panelDir || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
        return reply(404, { ok: false, message: 'no such control' });
      }
      const rel = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
      const file = path.resolve(o.panelDir, rel);
      if (!file.startsWith(path.resolve(o.panelDir) + path.sep))
        return reply(403, { ok: false, message: 'forbidden' });
      try {
        const body = await readFile(file);
        res.writeHead(200, {
          'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        });
        res.end(body);
      } catch {
        reply(404, { ok: false, message: 'not found (run npm run build)' });
      }
    };
    handle().catch((err: Error) =>
      reply(err instanceof Refusal ? err.status : 500, { ok: false, message: err.message }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
