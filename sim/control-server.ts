// The simulator control server: serves the developer panel and a small JSON API to insert
// banknotes into the emulated acceptor, scan a text, and pull the network. Browser mode only;
// a production build never contains it.
import { createServer } from 'node:http';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import {
  CONTROL_PREFIX,
  InsertNote,
  Network,
  Scan,
  type ControlReply,
  type ControlState,
} from './control/protocol';

export interface ControlTargets {
  insertNote(value: number): ControlReply;
  scan(text: string): ControlReply;
  setNetwork(online: boolean): ControlReply;
  state(): ControlState;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

async function readJson<S extends z.ZodType>(
  req: NodeJS.ReadableStream,
  schema: S,
): Promise<z.infer<S>> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 4096) throw new Error('body too large');
  }
  const parsed = schema.safeParse(JSON.parse(text || '{}'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export async function startControlServer(o: {
  port: number;
  panelDir: string;
  targets: ControlTargets;
}): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const route = `${req.method} ${url.pathname}`;
    const handle = async () => {
      switch (route) {
        case `GET ${CONTROL_PREFIX}/state`:
          return reply(200, o.targets.state());
        case `POST ${CONTROL_PREFIX}/insert-note`:
          return reply(200, o.targets.insertNote((await readJson(req, InsertNote)).value));
        case `POST ${CONTROL_PREFIX}/scan`:
          return reply(200, o.targets.scan((await readJson(req, Scan)).text));
        case `POST ${CONTROL_PREFIX}/network`:
          return reply(200, o.targets.setNetwork((await readJson(req, Network)).online));
      }
      if (req.method !== 'GET') return reply(404, { ok: false, message: 'no such control' });
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
    handle().catch((err: Error) => reply(400, { ok: false, message: err.message }));
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
