// The browser-mode edge: only the page the kiosk's own launch opened may drive the kiosk, every
// message is validated against the shared schema, and nothing a client sends stops the server.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { HostMessage, Snapshot, UserEvent } from '../../src/api/kiosk-api';
import { startKioskServer, type KioskServer } from '../../src/edge/kiosk-server';
import { kioskSocket, redeemLaunch, type KioskPass } from '../support/kiosk-pass';
import { SCREENS, snapshot as snapshotOf } from '../ui/screens.fixture';

const snapshot: Snapshot = snapshotOf(SCREENS.attract, { seq: 0 });

let server: KioskServer;
let stateDir = '';
const events: UserEvent[] = [];
const refusals: string[] = [];

async function startServer(dir: string): Promise<KioskServer> {
  return startKioskServer({
    host: '127.0.0.1',
    port: 0,
    uiDir: path.join(dir, 'ui'),
    passFile: path.join(dir, 'kiosk-page.pass'),
    ticketFile: path.join(dir, 'launch-ticket'),
    onEvent: (e) => events.push(e),
    latest: () => snapshot,
    log: { warn: (o) => refusals.push(String((o as { kind?: string }).kind)) },
  });
}

beforeAll(async () => {
  stateDir = mkdtempSync(path.join(tmpdir(), 'kiosk-edge-'));
  const uiDir = path.join(stateDir, 'ui');
  await import('node:fs').then((fs) => fs.mkdirSync(uiDir));
  writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><html><head></head></html>');
  writeFileSync(path.join(uiDir, 'app.js'), 'console.log(1)');
  writeFileSync(path.join(stateDir, 'outside-ui.txt'), 'secret');
  server = await startServer(stateDir);
});
afterAll(() => server.close());

const origin = () => server.url.replace(/\/$/, '');

function open(
  pass: KioskPass,
): Promise<{ ws: WebSocket; messages: HostMessage[]; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const ws = kioskSocket(pass);
    const messages: HostMessage[] = [];
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.on('message', (d) => messages.push(JSON.parse(String(d)) as HostMessage));
    ws.on('open', () => resolve({ ws, messages, closed }));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

/** A raw request, with any Host header (fetch would not let a test lie about it). */
function raw(pathAndQuery: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin()}${pathAndQuery}`, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('who may open the kiosk page', () => {
  it('shows a page without a pass that it is not the kiosk, and gives it nothing to drive it', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('此窗口不是本机的缴费屏幕');
    expect(html).not.toMatch(/<script/i);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('turns a launch address into an HttpOnly, same-site pass and drops the ticket from the address', async () => {
    const res = await fetch(server.launchUrl(), { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.get('set-cookie')).toMatch(
      /^kiosk_pass_\d+=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/$/,
    );
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const page = await fetch(server.url, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(
      /default-src 'self'.*frame-ancestors 'none'/,
    );
  });

  it('spends a ticket once', async () => {
    const url = server.launchUrl();
    await redeemLaunch(url);
    const again = await fetch(url, { redirect: 'manual' });
    expect(again.status).toBe(403);
    expect((await fetch(`${origin()}/?launch=made-up`, { redirect: 'manual' })).status).toBe(403);
  });

  it("serves the renderer's files to anyone, and nothing outside its folder", async () => {
    expect((await fetch(`${origin()}/app.js`)).status).toBe(200);
    const res = await fetch(`${origin()}/..%2Foutside-ui.txt`);
    expect([403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain('secret');
  });

  it('answers a name that is not its own with 421 (no DNS rebinding), page and socket alike', async () => {
    const pass = await redeemLaunch(server.launchUrl());
    expect(await raw('/', { host: 'evil.example', cookie: pass.cookie })).toBe(421);
    const port = new URL(server.url).port;
    expect(await raw('/', { host: `rebound.example:${port}`, cookie: pass.cookie })).toBe(421);
    expect(await raw('/', { host: `localhost:${port}`, cookie: pass.cookie })).toBe(200);
  });
});

describe('the KioskApi socket', () => {
  it('refuses a socket without the pass, from another origin, or with a replaced pass', async () => {
    const stale = await redeemLaunch(server.launchUrl());
    const pass = await redeemLaunch(server.launchUrl());
    await expect(open({ ...pass, cookie: 'kiosk_pass_1=forged' })).rejects.toThrow(/refused 401/);
    await expect(open(stale)).rejects.toThrow(/refused 401/);
    await expect(open({ ...pass, origin: 'http://evil.example' })).rejects.toThrow();
    const ok = await open(pass);
    ok.ws.close();
  });

  it('sends the latest snapshot at once and forwards valid events', async () => {
    events.length = 0;
    const { ws, messages } = await open(await redeemLaunch(server.launchUrl()));
    await until(() => messages.length > 0);
    expect(messages[0]).toEqual({ type: 'snapshot', snapshot });
    ws.send(JSON.stringify({ type: 'event', event: { type: 'START' } }));
    await until(() => events.length > 0);
    expect(events).toEqual([{ type: 'START' }]);
    ws.close();
  });

  it('rejects malformed messages with a reason and forwards nothing', async () => {
    events.length = 0;
    const { ws, messages } = await open(await redeemLaunch(server.launchUrl()));
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

  it('has one screen: a second socket with the same pass is closed, the first goes on', async () => {
    const pass = await redeemLaunch(server.launchUrl());
    const first = await open(pass);
    const second = await open(pass);
    await expect(second.closed).resolves.toBe(4009);
    server.broadcast({ ...snapshot, seq: 7 });
    await until(() => first.messages.length > 1);
    expect(first.messages.at(-1)).toMatchObject({ type: 'snapshot', snapshot: { seq: 7 } });
    first.ws.close();
  });

  it('closes the page a new launch replaced (4001), and its pass opens nothing any more', async () => {
    const old = await redeemLaunch(server.launchUrl());
    const screen = await open(old);
    await redeemLaunch(server.launchUrl());
    await expect(screen.closed).resolves.toBe(4001);
    expect((await fetch(server.url, { headers: { cookie: old.cookie } })).status).toBe(403);
  });

  it('closes a socket that sends a message over the size limit (1009), and serves on', async () => {
    const { ws, closed } = await open(await redeemLaunch(server.launchUrl()));
    ws.send('x'.repeat(64 * 1024));
    await expect(closed).resolves.toBe(1009);
    expect((await fetch(server.url)).status).toBe(403);
    expect(refusals).toContain('socket_error');
  });

  it('closes a socket that floods messages (1008)', async () => {
    const { ws, closed } = await open(await redeemLaunch(server.launchUrl()));
    for (let i = 0; i < 1_000; i++)
      ws.send(JSON.stringify({ type: 'event', event: { type: 'START' } }));
    await expect(closed).resolves.toBe(1008);
  });
});

describe('what outlives a restart', () => {
  it("keeps the page's pass (hash only, 0600) so the page on screen reconnects to a new host", async () => {
    const pass = await redeemLaunch(server.launchUrl());
    const passFile = path.join(stateDir, 'kiosk-page.pass');
    expect(statSync(passFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(passFile, 'utf8')).not.toContain(pass.cookie.split('=')[1]);
    await server.close();
    server = await startServer(stateDir);
    const moved = {
      ...pass,
      origin: origin(),
      cookie: pass.cookie.replace(/^kiosk_pass_\d+/, `kiosk_pass_${new URL(server.url).port}`),
    };
    const again = await open(moved);
    again.ws.close();
  });

  it("leaves a fresh ticket for the kiosk's browser (0640), replaced once it is spent", async () => {
    const file = path.join(stateDir, 'launch-ticket');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    const ticket = readFileSync(file, 'utf8').trim();
    await redeemLaunch(`${origin()}/?launch=${ticket}`);
    const next = readFileSync(file, 'utf8').trim();
    expect(next).not.toBe(ticket);
    await redeemLaunch(`${origin()}/?launch=${next}`);
  });
});
