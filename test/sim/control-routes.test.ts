// The control server's acceptor routes, as the developer panel and the pty runner use them:
// each script command reaches the emulator (any AcceptorEmulator; a recording stand-in here),
// the state carries its counters and note log, and bad or misdirected requests are refused.
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcceptorControl } from '../../sim/acceptor-control';
import { startControlServer } from '../../sim/control-server';
import { ACCEPTOR_PREFIX, AcceptorState } from '../../sim/control/acceptor-protocol';
import { ControlReply } from '../../sim/control/protocol';
import type {
  AcceptorEmulator,
  AcceptorEmulatorEvents,
  AcceptorFault,
  PowerLossPoint,
} from '../../sim/devices/acceptor-emulator';
import { controlInit } from '../support/control-call';
import { request } from 'node:http';

class RecordingEmulator implements AcceptorEmulator {
  readonly protocol = 'ssp' as const;
  readonly events = new EventEmitter<AcceptorEmulatorEvents>();
  readonly denominations = [1000, 10_000];
  readonly line = { silent: false, badCrcFrames: 0, splitFrames: false, mergeFrames: false };
  readonly calls: unknown[][] = [];
  state = 'idling';
  receive(): void {}
  onTransmit(): void {}
  insertNote(value: number): boolean {
    this.calls.push(['insertNote', value]);
    return this.state === 'idling';
  }
  rejectNext(reason?: number): void {
    this.calls.push(['rejectNext', reason]);
  }
  setFault(fault: AcceptorFault | null): void {
    this.calls.push(['setFault', fault]);
  }
  powerLoss(at: PowerLossPoint): void {
    this.calls.push(['powerLoss', at]);
  }
  powerOn(): void {
    this.calls.push(['powerOn']);
  }
  counters() {
    return { stacked: 3, byValue: { 1000: 1, 10000: 2 } };
  }
}

const emulator = new RecordingEmulator();
let url = '';
let token = '';
let close = async () => {};

beforeAll(async () => {
  const server = await startControlServer({
    port: 0,
    panelDir: null,
    targets: { acceptor: new AcceptorControl(emulator) },
  });
  url = server.url;
  token = server.token;
  close = server.close;
});
afterAll(() => close());

async function call(route: string, body?: unknown) {
  const res = await fetch(new URL(route, url), controlInit(token, body));
  return { status: res.status, body: (await res.json()) as unknown };
}

const post = async (route: string, body: unknown) => {
  const r = await call(`${ACCEPTOR_PREFIX}${route}`, body);
  expect(r.status).toBe(200);
  return ControlReply.parse(r.body);
};

describe('the acceptor control routes', () => {
  it('pass each script command to the emulator', async () => {
    expect(await post('/insert-note', { value: 10_000 })).toMatchObject({ ok: true });
    expect(await post('/reject-next', { reason: 0x71 })).toMatchObject({ ok: true });
    expect(await post('/fault', { fault: 'jamInStacker' })).toMatchObject({ ok: true });
    expect(await post('/power-loss', { at: 'whileStacking' })).toMatchObject({ ok: true });
    expect(await post('/power-on', {})).toMatchObject({ ok: true });
    expect(await post('/fault', { fault: null })).toMatchObject({ message: 'fault cleared' });
    expect(emulator.calls).toEqual([
      ['insertNote', 10_000],
      ['rejectNext', 0x71],
      ['setFault', 'jamInStacker'],
      ['powerLoss', 'whileStacking'],
      ['powerOn'],
      ['setFault', null],
    ]);
  });

  it('say so when the acceptor will not take a note', async () => {
    emulator.state = 'stacking';
    const reply = await post('/insert-note', { value: 1000 });
    emulator.state = 'idling';
    expect(reply).toEqual({ ok: false, message: 'the acceptor refused the note (state stacking)' });
  });

  it('change only the line faults named', async () => {
    await post('/line', { silent: true, badCrcFrames: 2 });
    await post('/line', { splitFrames: true });
    expect(emulator.line).toEqual({
      silent: true,
      badCrcFrames: 2,
      splitFrames: true,
      mergeFrames: false,
    });
  });

  it('report state, counters and every note event', async () => {
    await post('/fault', { fault: 'stackerOpen' });
    await post('/power-loss', { at: 'inEscrow' });
    emulator.events.emit('credited', 10_000);
    emulator.events.emit('stacked', 10_000);
    emulator.events.emit('returned', 1000);
    const r = await call(ACCEPTOR_PREFIX);
    const s = AcceptorState.parse(r.body);
    expect(s).toMatchObject({
      protocol: 'ssp',
      state: 'idling',
      denominations: [1000, 10_000],
      fault: 'stackerOpen',
      powerLoss: 'inEscrow',
      line: { silent: true, badCrcFrames: 2 },
      counters: { stacked: 3, byValue: { '1000': 1, '10000': 2 } },
      log: { credited: [10_000], stacked: [10_000], returned: [1000] },
    });
  });

  it.each([
    ['/fault', { fault: 'flood' }, /^fault:/],
    ['/power-loss', { at: 'later' }, /^at:/],
    ['/insert-note', { value: -5 }, /^value:/],
    ['/line', { silent: 'yes' }, /^silent:/],
    ['/power-on', { now: true }, /body|now/],
  ])('refuse a malformed %s body with 400', async (route, body, message) => {
    const before = emulator.calls.length;
    const r = await call(`${ACCEPTOR_PREFIX}${route}`, body);
    expect(r.status).toBe(400);
    expect(ControlReply.parse(r.body)).toMatchObject({ ok: false, message });
    expect(emulator.calls.length).toBe(before);
  });

  it('answer 409 for what this server does not hold, 404 for no such route', async () => {
    expect((await call('/control/state')).status).toBe(409);
    expect((await call('/control/scan', { text: 'x' })).status).toBe(409);
    expect((await call(`${ACCEPTOR_PREFIX}/explode`, {})).status).toBe(404);
    expect((await call('/')).status).toBe(404);
  });
});

describe('who may call the control routes', () => {
  const insert = (init: RequestInit, headers: Record<string, string> = {}) =>
    new Promise<number>((resolve, reject) => {
      // node:http, so that a test may send any Host header
      const target = new URL(`${ACCEPTOR_PREFIX}/insert-note`, url);
      const req = request(
        target,
        { method: init.method ?? 'POST', headers: { ...(init.headers as object), ...headers } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(init.body as string | undefined);
    });
  const body = JSON.stringify({ value: 10_000 });

  it('refuses a call without the token, and with a wrong one', async () => {
    const before = emulator.calls.length;
    expect(await insert({ headers: { 'content-type': 'application/json' }, body })).toBe(401);
    expect(await insert(controlInit('x'.repeat(32), { value: 10_000 }))).toBe(401);
    expect(emulator.calls.length).toBe(before);
  });

  it('refuses what a page on another site can send: a no-cors text body, or its own Origin', async () => {
    const before = emulator.calls.length;
    // A cross-site form or fetch(no-cors) can only send text/plain, form or multipart bodies.
    const noCors = {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body,
    };
    expect(await insert(noCors)).toBe(415);
    expect(
      await insert(controlInit(token, { value: 10_000 }), { origin: 'https://evil.example' }),
    ).toBe(403);
    expect(emulator.calls.length).toBe(before);
  });

  it('answers only to its own name (no DNS rebinding)', async () => {
    const port = new URL(url).port;
    const init = controlInit(token, { value: 10_000 });
    expect(await insert(init, { host: `evil.example:${port}` })).toBe(421);
    expect(await insert(init, { host: `localhost:${port}` })).toBe(200);
  });
});
