// The hostile-input suite against the simulators' control servers, each in its own process:
// the developer panel of `npm start` (it can put money into the demo kiosk) and the pty
// runner's emulator control. The cases seen in the field by name, then generated ones. After
// every case the process lives and answers its token holder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPTOR_PREFIX, AcceptorState } from '../../sim/control/acceptor-protocol';
import { CONTROL_PREFIX, ControlState } from '../../sim/control/protocol';
import { EmulatorProcess } from '../crash/cash-emulator';
import type { Child } from '../crash/processes';
import { controlInit } from '../support/control-call';
import { rawGet, rawRequest } from './raw-http';
import { startPanelTarget, type PanelTarget } from './targets';

interface ControlTarget {
  name: string;
  process: Child;
  port: number;
  token: string;
  /** A GET route that answers the token holder with state. */
  stateRoute: string;
  /** How many notes the emulated acceptor has taken in (must not move without the token). */
  notesIn(): Promise<number>;
}

let panel: PanelTarget;
let emulator: EmulatorProcess;
let emulatorDir = '';
const targets: ControlTarget[] = [];

beforeAll(async () => {
  panel = await startPanelTarget();
  emulatorDir = mkdtempSync(path.join(tmpdir(), 'kiosk-hostile-emu-'));
  emulator = await EmulatorProcess.start({ link: path.join(emulatorDir, 'acceptor') });
  const call = async (t: ControlTarget, route: string) =>
    (await fetch(`http://127.0.0.1:${t.port}${route}`, controlInit(t.token))).json();
  const panelTarget: ControlTarget = {
    name: 'developer panel',
    process: panel.kiosk,
    port: panel.panelPort,
    token: panel.controlToken,
    stateRoute: `${CONTROL_PREFIX}/state`,
    notesIn: async () => {
      const s = ControlState.parse(await call(panelTarget, `${CONTROL_PREFIX}/state`));
      return s.acceptor ? notes(s.acceptor) : 0;
    },
  };
  const emulatorTarget: ControlTarget = {
    name: 'emulator runner',
    process: emulator,
    port: Number(new URL(emulator.ready?.controlUrl ?? '').port),
    token: emulator.ready?.controlToken ?? '',
    stateRoute: ACCEPTOR_PREFIX,
    notesIn: async () => notes(AcceptorState.parse(await call(emulatorTarget, ACCEPTOR_PREFIX))),
  };
  targets.push(panelTarget, emulatorTarget);
}, 120_000);
afterAll(async () => {
  await panel?.stop();
  await emulator?.stop('SIGTERM');
  rmSync(emulatorDir, { recursive: true, force: true });
});

/** Every note the emulated acceptor handled: stacked or handed back. */
const notes = (a: AcceptorState) => a.log.stacked.length + a.log.returned.length;

async function stillServing(t: ControlTarget): Promise<void> {
  if (!t.process.alive) throw new Error(`${t.name} exited: ${t.process.tail()}`);
  const res = await fetch(`http://127.0.0.1:${t.port}${t.stateRoute}`, {
    ...controlInit(t.token),
    signal: AbortSignal.timeout(5_000),
  });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
}

const each = (name: string, fn: (t: ControlTarget) => Promise<void>, timeout = 60_000) =>
  describe.each([['developer panel'], ['emulator runner']])('%s', (which) => {
    it(name, () => fn(targets.find((t) => t.name === which) as ControlTarget), timeout);
  });

describe('named cases seen in the field', () => {
  each('a cross-site no-cors POST cannot insert money', async (t) => {
    const before = await t.notesIn();
    const insert = `http://127.0.0.1:${t.port}${ACCEPTOR_PREFIX}/insert-note`;
    const body = JSON.stringify({ value: 10_000 });
    // What a page on another site can send without a preflight: text/plain, no token.
    const noCors = await fetch(insert, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://evil.example' },
      body,
    });
    expect([401, 403]).toContain(noCors.status);
    // Even with the token, never a text body or another site's Origin.
    const textBody = await fetch(insert, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.token}`, 'content-type': 'text/plain' },
      body,
    });
    expect(textBody.status).toBe(415);
    const foreign = await fetch(insert, {
      ...controlInit(t.token, { value: 10_000 }),
      headers: { ...(controlInit(t.token, {}).headers as object), origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(await t.notesIn()).toBe(before);
    await stillServing(t);
  });

  each('a name that is not its own (DNS rebinding) is refused', async (t) => {
    const a = await rawRequest(
      t.port,
      rawGet(t.stateRoute, [`Host: rebound.example:${t.port}`, `Authorization: Bearer ${t.token}`]),
    );
    expect(a).toEqual({ status: 421 });
    await stillServing(t);
  });

  each('a malformed escape and a bad path neither stop it', async (t) => {
    for (const target of [
      '/%E0%A4%A',
      `${CONTROL_PREFIX}/%E0%A4%A`,
      '//[',
      '/control/../../etc/passwd',
    ]) {
      const a = await rawRequest(t.port, rawGet(target, [`Host: 127.0.0.1:${t.port}`]));
      expect('status' in a && a.status >= 400).toBe(true);
    }
    await stillServing(t);
  });
});

const anyTarget = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.webPath(),
  fc
    .constantFrom(
      ...[
        '/control',
        '/control/',
        '/control/state',
        '/control/acceptor/insert-note',
        '/control/kiosk/launch',
        '/control/printer/last.png',
      ],
    )
    .map((p) => `${p}${'?x=%zz'}`),
);

describe('generated requests', () => {
  each(
    'any request target and method',
    async (t) => {
      await fc.assert(
        fc.asyncProperty(
          anyTarget,
          fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'X'),
          async (target, method) => {
            await rawRequest(
              t.port,
              `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nAuthorization: Bearer ${t.token}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
            );
            return t.process.alive;
          },
        ),
        { numRuns: 100 },
      );
      await stillServing(t);
    },
    120_000,
  );

  each(
    'any JSON body to every route, with the token',
    async (t) => {
      const routes = [
        `${CONTROL_PREFIX}/network`,
        `${CONTROL_PREFIX}/scan`,
        `${CONTROL_PREFIX}/card`,
        `${CONTROL_PREFIX}/kiosk/launch`,
        `${CONTROL_PREFIX}/printer/fault`,
        ...['insert-note', 'reject-next', 'fault', 'power-loss', 'line'].map(
          (r) => `${ACCEPTOR_PREFIX}/${r}`,
        ),
      ];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...routes), fc.jsonValue(), async (route, body) => {
          const res = await fetch(`http://127.0.0.1:${t.port}${route}`, controlInit(t.token, body));
          await res.arrayBuffer();
          // 200 for a body the schema takes, 4xx otherwise; never a stop, never a 500
          return res.status < 500 && t.process.alive;
        }),
        { numRuns: 150 },
      );
      // Leave the world as it was: network on, no faults.
      await fetch(
        `http://127.0.0.1:${t.port}${ACCEPTOR_PREFIX}/fault`,
        controlInit(t.token, { fault: null }),
      );
      await fetch(
        `http://127.0.0.1:${t.port}${ACCEPTOR_PREFIX}/line`,
        controlInit(t.token, {
          silent: false,
          splitFrames: false,
          mergeFrames: false,
          badCrcFrames: 0,
        }),
      );
      await stillServing(t);
    },
    120_000,
  );

  each('any bytes as a body, and bodies over the limit', async (t) => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 10_000 }), async (bytes) => {
        const res = await fetch(`http://127.0.0.1:${t.port}${ACCEPTOR_PREFIX}/fault`, {
          method: 'POST',
          headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
          body: bytes,
        });
        await res.arrayBuffer();
        return res.status < 500 && t.process.alive;
      }),
      { numRuns: 60 },
    );
    await stillServing(t);
  });
});

describe('floods', () => {
  each('500 connections at once', async (t) => {
    await Promise.all(
      Array.from({ length: 500 }, () =>
        rawRequest(t.port, rawGet(t.stateRoute, [`Host: 127.0.0.1:${t.port}`]), 10_000),
      ),
    );
    await stillServing(t);
  });
});
