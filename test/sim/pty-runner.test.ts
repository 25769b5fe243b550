// The emulator runner in its own process on a socat pty pair, for each acceptor protocol: a
// host-side driver, built from config by the factory with the platform serial binding, opens
// the pty path like a device; notes and faults are scripted over the runner's control API.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BillAcceptor,
  BillAcceptorHandlers,
  BillAcceptorStatus,
} from '../../drivers/bill-acceptor/bill-acceptor';
import { BillAcceptorConfig } from '../../src/config/schema';
import { createBillAcceptor } from '../../src/host/bill-acceptor-factory';
import { ACCEPTOR_PREFIX } from '../../sim/control/acceptor-protocol';
import { EmulatorProcess } from '../crash/cash-emulator';
import { controlInit } from '../support/control-call';

async function until<T>(
  what: string,
  probe: () => T | false | Promise<T | false>,
  ms = 10_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = await probe();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(['id003', 'ssp'] as const)('the pty emulator runner (%s)', (protocol) => {
  const dir = mkdtempSync(path.join(tmpdir(), `kiosk-pty-${protocol}-`));
  const link = path.join(dir, 'bill-acceptor');
  let emulator: EmulatorProcess;
  let acceptor: BillAcceptor;
  const credits: number[] = [];
  const handlers: BillAcceptorHandlers = {
    onEscrow: async () => 'stack',
    onCredit: async (value) => {
      credits.push(value);
    },
  };
  const statusIs = (pred: (s: BillAcceptorStatus) => boolean) => () => pred(acceptor.status);

  beforeAll(async () => {
    emulator = await EmulatorProcess.start({ link, device: protocol });
    const cfg = BillAcceptorConfig.parse({
      driver: protocol,
      port: emulator.ready?.port,
      pollIntervalMs: 20,
    });
    acceptor = createBillAcceptor(cfg);
    await acceptor.start();
    await until(
      'acceptor online',
      statusIs((s) => s.device === 'online'),
    );
    acceptor.enable([1000, 5000, 10_000], handlers);
  }, 40_000);

  afterAll(async () => {
    await acceptor?.stop();
    await emulator?.stop('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the kiosk end of the pty, which exists while it runs', async () => {
    expect(emulator.ready?.port).toBe(link);
    expect(existsSync(link)).toBe(true);
    expect((await emulator.client.state()).protocol).toBe(protocol);
  });

  it('credits notes inserted through its control API to a driver on the pty', async () => {
    const client = emulator.client;
    for (const value of [10_000, 1000]) {
      await until('the acceptor taking a note', () => client.tryInsertNote(value));
      await until(`credit of ${value}`, () => credits.includes(value));
    }
    expect(credits).toEqual([10_000, 1000]);
    const state = await until('both notes stacked', async () => {
      const s = await client.state();
      return s.log.stacked.length === 2 && s;
    });
    expect(state.log.stacked).toEqual([10_000, 1000]);
    expect(state.log.credited).toEqual([10_000, 1000]);
    expect(state.counters.stacked).toBe(2);
    expect(state.counters.byValue).toEqual({ '1000': 1, '10000': 1 });
  });

  it('hands back a note it was told to reject; the driver credits nothing', async () => {
    const client = emulator.client;
    await client.rejectNext();
    await until('the acceptor taking a note', () => client.tryInsertNote(5000));
    await until('the rejected note back', async () => (await client.state()).log.returned.length);
    expect((await client.state()).log.returned).toEqual([5000]);
    expect(credits).toEqual([10_000, 1000]);
  });

  it('reports a scripted stacker-full fault to the driver until it is cleared', async () => {
    const client = emulator.client;
    await client.setFault('stackerFull');
    await until(
      'stacker full',
      statusIs((s) => s.stacker === 'full'),
    );
    expect((await client.state()).fault).toBe('stackerFull');
    await client.setFault(null);
    await until(
      'back online',
      statusIs((s) => s.device === 'online' && s.stacker === 'ok'),
    );
  });

  it('refuses a malformed command with 400 and the field at fault', async () => {
    const res = await fetch(
      new URL(`${ACCEPTOR_PREFIX}/fault`, emulator.ready?.controlUrl),
      controlInit(emulator.ready?.controlToken ?? '', { fault: 'flood' }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^fault:/),
    });
  });

  it('stops on SIGTERM and takes its pty links with it', async () => {
    await emulator.stop('SIGTERM');
    expect(emulator.exitInfo).toEqual({ code: 0, signal: null });
    expect(existsSync(link)).toBe(false);
    expect(existsSync(`${link}-emulator`)).toBe(false);
  });
});
