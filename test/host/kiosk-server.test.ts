// The browser-mode transport: only pages the host served (same origin, per-launch token) may
// speak the KioskApi, and every message is validated against the shared schema.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  TOKEN_META,
  WS_PATH,
  type HostMessage,
  type Snapshot,
  type UserEvent,
} from '../../src/api/kiosk-api';
import { startKioskServer, type KioskServer } from '../../src/host/kiosk-server';
import { SCREENS, snapshot as snapshotOf } from '../ui/screens.fixture';

const snapshot: Snapshot = snapshotOf(SCREENS.attract, { seq: 0 });

let server: KioskServer;
const events: UserEvent[] = [];
const warnings: string[] = [];

beforeAll(async () => {
  const uiDir = mkdtempSync(path.join(tmpdir(), 'kiosk-ui-'));
  writeFileSync(
    path.join(uiDir, 'index.html'),
    '<!doctype html><html><head><title>k</title></head></html>',
  );
  writeFileSync(path.join(tmpdir(), 'outside-ui.txt'), 'secret');
  server = await startKioskServer({
    host: '127.0.0.1',
    port: 0,
    uiDir,
    onEvent: (e) => events.push(e),
    latest: () => snapshot,
    log: { warn: (_o, msg) => warnings.push(msg) },
  });
});
afterAll(() => server.close());

const origin = () => server.url.replace(/\/$/, '');
const wsUrl = (token: string) => `${origin().replace('http', 'ws')}${WS_PATH}?token=${token}`;

function connect(
  token: string,
  originHeader = origin(),
): Promise<{ ws: WebSocket; messages: HostMessage[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(token), { origin: originHeader });
    const messages: HostMessage[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(String(d)) as HostMessage));
    ws.on('open', () => resolve({ ws, messages }));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('the kiosk server', () => {
  it('puts the per-launch token into the page it serves, with a strict CSP', async () => {
    const res = await fetch(server.url);
    const html = await res.text();
    expect(html).toContain(`<meta name="${TOKEN_META}" content="${server.token}">`);
    expect(res.headers.get('content-security-policy')).toMatch(
      /default-src 'self'.*frame-ancestors 'none'/,
    );
  });

  it('serves nothing outside the renderer folder', async () => {
    const res = await fetch(`${origin()}/..%2Foutside-ui.txt`);
    expect([403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain('secret');
  });

  it('refuses a WebSocket without the right token or from another origin', async () => {
    await expect(connect('wrong')).rejects.toThrow(/refused 403/);
    await expect(connect(server.token, 'http://evil.example')).rejects.toThrow(/refused 403/);
  });

  it('sends the latest snapshot at once and forwards valid events', async () => {
    const { ws, messages } = await connect(server.token);
    await until(() => messages.length > 0);
    expect(messages[0]).toEqual({ type: 'snapshot', snapshot });
    ws.send(JSON.stringify({ type: 'event', event: { type: 'START' } }));
    await until(() => events.length > 0);
    expect(events).toEqual([{ type: 'START' }]);
    ws.close();
  });

  it('rejects malformed messages with a reason and forwards nothing', async () => {
    events.length = 0;
    const { ws, messages } = await connect(server.token);
    ws.send('not json');
    ws.send(JSON.stringify({ type: 'event', event: { type: 'KEY', key: '42' } }));
    ws.send(JSON.stringify({ type: 'event', event: { type: 'CHOOSE_BILLER' } }));
    await until(() => messages.filter((m) => m.type === 'rejected').length === 3);
    const reasons = messages.flatMap((m) => (m.type === 'rejected' ? [m.reason] : []));
    expect(reasons[0]).toBe('message is not JSON');
    expect(reasons[1]).toMatch(/^event\.key: /);
    expect(reasons[2]).toMatch(/^event\.billerId: /);
    expect(events).toEqual([]);
    ws.close();
  });

  it('broadcasts new snapshots to every connected renderer', async () => {
    const a = await connect(server.token);
    const b = await connect(server.token);
    server.broadcast({ ...snapshot, seq: 7 });
    await until(() => a.messages.length > 1 && b.messages.length > 1);
    for (const c of [a, b]) {
      expect(c.messages.at(-1)).toMatchObject({ type: 'snapshot', snapshot: { seq: 7 } });
      c.ws.close();
    }
  });
});
