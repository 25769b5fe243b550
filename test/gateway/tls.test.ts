// The gateway over TLS, for real: the simulator serves HTTPS with a certificate from a throw-away
// CA (made with openssl). A kiosk pinned to that CA connects; pinned to another CA, or trusting
// only the system's CAs, it refuses before a byte of the request is sent. A simulator that
// requires client certificates refuses a kiosk without one and serves the kiosk with one.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayClient } from '../../src/gateway/client';
import { gatewayTransport, type GatewayTransport } from '../../src/gateway/tls-transport';
import { openMoneyServices } from '../../src/host/money-services';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';
import { startGatewaySim, type GatewaySim } from '../../sim/gateway/server';
import { NetworkSwitch } from '../../sim/network-switch';
import { testConfig } from '../support/kiosk-fixture';
import { makeThrowawayPki, type ThrowawayPki } from '../support/throwaway-pki';

const TERMINAL = 'SH-XH-WK-0007';
let pki: ThrowawayPki;
const transports: GatewayTransport[] = [];

beforeAll(() => {
  pki = makeThrowawayPki();
});
afterAll(async () => {
  for (const t of transports) await t.close();
  rmSync(pki.dir, { recursive: true, force: true });
});

function clientFor(
  sim: GatewaySim,
  tls: { caFile?: string; clientCertFile?: string; clientKeyFile?: string },
  fetch?: typeof globalThis.fetch,
) {
  const transport = gatewayTransport(tls);
  transports.push(transport);
  return new GatewayClient({
    baseUrl: sim.url,
    terminalId: TERMINAL,
    secret: DEMO_TERMINALS[TERMINAL] ?? '',
    timeoutMs: 5_000,
    dispatcher: transport.dispatcher,
    ...(fetch ? { fetch } : {}),
  });
}

describe('a simulator serving HTTPS', () => {
  let sim: GatewaySim;

  beforeAll(async () => {
    sim = await startGatewaySim({
      dbPath: ':memory:',
      tls: { cert: readFileSync(pki.serverCertFile), key: readFileSync(pki.serverKeyFile) },
    });
  });
  afterAll(() => sim.close());

  it('is reached over https by a kiosk pinned to its CA', async () => {
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const reply = await clientFor(sim, { caFile: pki.caFile }).billers();
    expect(reply).toMatchObject({ ok: true, status: 200 });
  });

  it('is refused by a kiosk pinned to another CA, before any request reaches it', async () => {
    sim.resetStats();
    const reply = await clientFor(sim, { caFile: pki.otherCaFile }).billers();
    expect(reply).toMatchObject({ ok: false, kind: 'unreachable' });
    expect(!reply.ok && reply.kind === 'unreachable' && reply.reason).toMatch(/CERT|SIGNATURE/);
    expect(sim.requests()).toEqual([]);
  });

  it('is refused by a kiosk with no CA pinned (the system CAs do not know it)', async () => {
    const reply = await clientFor(sim, {}).billers();
    expect(reply).toMatchObject({ ok: false, kind: 'unreachable' });
  });

  it('works through a fetch seam (the network switch): pinning kept, the cable pullable', async () => {
    const network = new NetworkSwitch();
    const client = clientFor(sim, { caFile: pki.caFile }, network.fetch);
    expect(await client.billers()).toMatchObject({ ok: true });
    network.online = false;
    expect(await client.billers()).toEqual({
      ok: false,
      kind: 'unreachable',
      reason: 'ENETUNREACH',
    });
    network.online = true;
    const pinnedElsewhere = clientFor(sim, { caFile: pki.otherCaFile }, network.fetch);
    expect(await pinnedElsewhere.billers()).toMatchObject({ ok: false, kind: 'unreachable' });
  });
});

describe('a simulator requiring client certificates (mutual TLS)', () => {
  let sim: GatewaySim;

  beforeAll(async () => {
    sim = await startGatewaySim({
      dbPath: ':memory:',
      tls: {
        cert: readFileSync(pki.serverCertFile),
        key: readFileSync(pki.serverKeyFile),
        clientCa: readFileSync(pki.caFile),
      },
    });
  });
  afterAll(() => sim.close());

  it('refuses a kiosk without a client certificate', async () => {
    sim.resetStats();
    const reply = await clientFor(sim, { caFile: pki.caFile }).billers();
    expect(reply).toMatchObject({ ok: false, kind: 'unreachable' });
    expect(sim.requests()).toEqual([]);
  });

  it('serves a kiosk presenting its client certificate', async () => {
    const client = clientFor(sim, {
      caFile: pki.caFile,
      clientCertFile: pki.clientCertFile,
      clientKeyFile: pki.clientKeyFile,
    });
    expect(await client.billers()).toMatchObject({ ok: true, status: 200 });
  });

  it('the host wires the config: money services reach it with the configured CA and certificate', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-tls-'));
    const config = testConfig(dir);
    const money = openMoneyServices(
      {
        ...config,
        gateway: {
          ...config.gateway,
          baseUrl: sim.url,
          caFile: pki.caFile,
          clientCertFile: pki.clientCertFile,
          clientKeyFile: pki.clientKeyFile,
        },
      },
      { clock: Date.now, log: pino({ level: 'silent' }) },
    );
    try {
      expect(await money.gateway.billers()).toMatchObject({ ok: true, status: 200 });
    } finally {
      await money.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
