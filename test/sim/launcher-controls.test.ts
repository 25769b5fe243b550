// The launcher's control server (what the developer panel calls) over a whole simulated kiosk:
// acceptor faults reach the in-process emulator and the host's driver sees them; an acceptor on
// an external pty is attached by config alone, and the panel then has no acceptor to script.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchSimulatedKiosk } from '../../sim/launch';
import { ACCEPTOR_PREFIX } from '../../sim/control/acceptor-protocol';
import { CONTROL_PREFIX, ControlReply, ControlState } from '../../sim/control/protocol';
import { EmulatorProcess } from '../crash/cash-emulator';
import { startTestKiosk, testConfig } from '../support/kiosk-fixture';
import { controlInit } from '../support/control-call';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function until(what: string, probe: () => boolean | Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`no ${what} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const call = async (
  kiosk: { panelUrl: string | null; controlToken: string | null },
  route: string,
  body?: unknown,
) => {
  const res = await fetch(
    new URL(route, kiosk.panelUrl ?? ''),
    controlInit(kiosk.controlToken ?? '', body),
  );
  return { status: res.status, body: (await res.json()) as unknown };
};

describe('the launcher control routes', () => {
  it('script the emulated acceptor the config names, as the host sees it', async () => {
    const kiosk = await startTestKiosk();
    cleanups.push(() => kiosk.stop());
    const panel = kiosk;
    const state = async () =>
      ControlState.parse((await call(panel, `${CONTROL_PREFIX}/state`)).body);
    expect((await state()).acceptor).toMatchObject({ protocol: 'id003', fault: null });
    await until('the acceptor online', () => kiosk.host.acceptor.status.device === 'online');

    const fault = await call(panel, `${ACCEPTOR_PREFIX}/fault`, { fault: 'stackerOpen' });
    expect(ControlReply.parse(fault.body)).toEqual({ ok: true, message: 'fault: stackerOpen' });
    await until('the stacker open', () => kiosk.host.acceptor.status.stacker === 'open');
    expect((await state()).acceptor?.fault).toBe('stackerOpen');

    await call(panel, `${ACCEPTOR_PREFIX}/fault`, { fault: null });
    await until('the acceptor back', () => kiosk.host.acceptor.status.device === 'online');
    // The first note route still answers.
    const note = await call(panel, `${CONTROL_PREFIX}/insert-note`, { value: 10_000 });
    expect(ControlReply.parse(note.body).ok).toBe(false); // disabled: nobody is paying
  });

  it('emulate the protocol the config names: SSP', async () => {
    const kiosk = await startTestKiosk({
      devices: {
        billAcceptor: { driver: 'ssp', port: 'sim://bill-acceptor', pollIntervalMs: 50 },
      },
    });
    cleanups.push(() => kiosk.stop());
    await until('the SSP acceptor online', () => kiosk.host.acceptor.status.device === 'online');
    const s = ControlState.parse((await call(kiosk, `${CONTROL_PREFIX}/state`)).body);
    expect(s.acceptor?.protocol).toBe('ssp');
    expect(s.billAcceptor.denominations).toEqual([100, 500, 1000, 2000, 5000, 10_000]);
  });

  it('leave an acceptor on an external pty to its own runner', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-ext-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const emulator = await EmulatorProcess.start({ link: path.join(dir, 'bill-acceptor') });
    cleanups.push(() => emulator.stop('SIGTERM'));
    const config = testConfig(dir);
    const port = emulator.ready?.port ?? '';
    const kiosk = await launchSimulatedKiosk(
      {
        ...config,
        devices: { ...config.devices, billAcceptor: { ...config.devices.billAcceptor, port } },
      },
      { controlPort: 0 },
    );
    cleanups.push(() => kiosk.close());
    await until(
      'the external acceptor online',
      () => kiosk.host.acceptor.status.device === 'online',
    );
    const panel = kiosk;
    const s = ControlState.parse((await call(panel, `${CONTROL_PREFIX}/state`)).body);
    expect(s.acceptor).toBeNull();
    expect(s.billAcceptor.denominations).toContain(10_000);
    expect((await call(panel, ACCEPTOR_PREFIX)).status).toBe(409);
    expect((await emulator.client.state()).state).toMatch(/disabled|idling/);
  }, 40_000);
});
