import { afterEach, describe, it, expect } from 'vitest';
import { Id003BillAcceptor } from '../../drivers/bill-acceptor/id003/id003-driver';
import type {
  BillAcceptorHandlers,
  EscrowDecision,
} from '../../drivers/bill-acceptor/bill-acceptor';
import { FrameParser } from '../../drivers/bill-acceptor/id003/frame';
import { Id003Emulator } from '../../sim/devices/id003-emulator';
import { createEmulatorBinding } from '../../sim/devices/emulator-binding';
import { openSerialPort } from '../../drivers/serial/serial-port';

const ACK = 0x50;
const CNY_FEN = [100, 500, 1000, 2000, 5000, 10000];
let rig = 0;
const running: Id003BillAcceptor[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((d) => d.stop()));
});

async function waitFor(what: string, check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Driver ↔ real SerialPortStream ↔ emulator binding ↔ emulator, with a tap on host→device bytes. */
async function startRig() {
  const emulator = new Id003Emulator();
  const path = `sim://bill-acceptor-${++rig}`;
  const hostCommands: number[] = [];
  const tap = new FrameParser();
  const binding = createEmulatorBinding({
    [path]: {
      receive: (bytes) => {
        for (const f of tap.push(bytes)) hostCommands.push(f.cmd);
        emulator.receive(bytes);
      },
      onTransmit: (cb) => emulator.onTransmit(cb),
    },
  });
  const stacked: number[] = [];
  const returned: number[] = [];
  emulator.events.on('stacked', (v) => stacked.push(v));
  emulator.events.on('returned', (v) => returned.push(v));
  const driver = new Id003BillAcceptor({
    port: { path },
    binding,
    pollIntervalMs: 10,
    responseTimeoutMs: 100,
  });
  running.push(driver);
  await driver.start();
  await waitFor('online', () => driver.status.device === 'online');
  return { emulator, driver, hostCommands, stacked, returned };
}

function recorder(
  decision: EscrowDecision,
  onCredit: (value: number) => Promise<void> = async () => {},
) {
  const calls = {
    escrow: [] as number[],
    credit: [] as number[],
    returned: [] as (number | null)[],
  };
  const handlers: BillAcceptorHandlers = {
    onEscrow: async (value) => {
      calls.escrow.push(value);
      return decision;
    },
    onCredit: async (value) => {
      calls.credit.push(value);
      await onCredit(value);
    },
    onReturned: (value) => calls.returned.push(value),
  };
  return { calls, handlers };
}

describe('Id003BillAcceptor with the emulator', () => {
  it('starts up: reset, table, settings, online and inhibited', async () => {
    const { driver, emulator, hostCommands } = await startRig();
    expect(driver.status.denominations).toEqual(CNY_FEN);
    expect(driver.status).toMatchObject({ stacker: 'ok', escrow: null, detail: null });
    await waitFor('disabled', () => emulator.state === 'disabled');
    expect(hostCommands.slice(0, 3)).toEqual([0x11, 0x40, 0x11]);
    expect(hostCommands).toEqual(expect.arrayContaining([0x8a, 0xc0, 0xc1, 0xc3]));
  });

  it('stacks a ¥100 note: escrow, stack, exactly one credit, stacked once', async () => {
    const { driver, emulator, stacked } = await startRig();
    const { calls, handlers } = recorder('stack');
    driver.enable(CNY_FEN, handlers);
    await waitFor('idling', () => emulator.state === 'idling');
    expect(emulator.insertNote(10000)).toBe(true);
    await waitFor('stacked', () => stacked.length === 1);
    await waitFor('idle again', () => emulator.state === 'idling');
    await sleep(100);
    expect(calls.escrow).toEqual([10000]);
    expect(calls.credit).toEqual([10000]);
    expect(stacked).toEqual([10000]);
    expect(driver.status.escrow).toBeNull();
  });

  it('acknowledges VEND VALID only after onCredit resolves', async () => {
    let release = (): void => {};
    const gate = new Promise<void>((r) => (release = r));
    const { driver, emulator, hostCommands, stacked } = await startRig();
    const { calls, handlers } = recorder('stack', () => gate);
    driver.enable([10000], handlers);
    await waitFor('idling', () => emulator.state === 'idling');
    emulator.insertNote(10000);
    await waitFor('credit asked', () => calls.credit.length === 1);
    await sleep(150); // many polls while the journal is "writing"
    expect(emulator.state).toBe('vendValid');
    expect(hostCommands).not.toContain(ACK);
    expect(calls.credit).toHaveLength(1);
    expect(driver.status.escrow).toBe(10000);
    const before = hostCommands.length;
    release();
    await waitFor('stacked', () => stacked.length === 1);
    expect(hostCommands.indexOf(ACK)).toBeGreaterThanOrEqual(before);
    expect(hostCommands.filter((c) => c === ACK)).toHaveLength(1);
    expect(calls.credit).toEqual([10000]);
  });

  it('returns the note when the host says so, with no credit', async () => {
    const { driver, emulator, returned, stacked } = await startRig();
    const { calls, handlers } = recorder('return');
    driver.enable(CNY_FEN, handlers);
    await waitFor('idling', () => emulator.state === 'idling');
    emulator.insertNote(5000);
    await waitFor('returned', () => returned.length === 1);
    await waitFor('onReturned', () => calls.returned.length === 1);
    expect(returned).toEqual([5000]);
    expect(calls).toEqual({ escrow: [5000], credit: [], returned: [5000] });
    expect(stacked).toEqual([]);
  });

  it('a disabled acceptor refuses notes', async () => {
    const { driver, emulator } = await startRig();
    await waitFor('disabled', () => emulator.state === 'disabled');
    expect(emulator.insertNote(10000)).toBe(false);
    driver.enable(CNY_FEN, recorder('stack').handlers);
    await waitFor('idling', () => emulator.state === 'idling');
    driver.disable();
    await waitFor('disabled again', () => emulator.state === 'disabled');
    expect(emulator.insertNote(10000)).toBe(false);
  });

  it('refuses a denomination that is not enabled', async () => {
    const { driver, emulator, stacked } = await startRig();
    driver.enable([2000, 5000], recorder('stack').handlers);
    await waitFor('idling', () => emulator.state === 'idling');
    expect(emulator.insertNote(10000)).toBe(false);
    expect(emulator.insertNote(100)).toBe(false);
    expect(emulator.insertNote(5000)).toBe(true);
    await waitFor('stacked', () => stacked.length === 1);
    expect(stacked).toEqual([5000]);
  });

  it('retries a failed onCredit on the next VEND VALID and credits once', async () => {
    let failures = 1;
    const { driver, emulator, hostCommands, stacked } = await startRig();
    const { calls, handlers } = recorder('stack', async () => {
      if (failures-- > 0) throw new Error('journal busy');
    });
    driver.enable([1000], handlers);
    await waitFor('idling', () => emulator.state === 'idling');
    emulator.insertNote(1000);
    await waitFor('stacked', () => stacked.length === 1);
    expect(calls.credit).toEqual([1000, 1000]); // one failure, one success
    expect(hostCommands.filter((c) => c === ACK)).toHaveLength(1);
  });

  it('returns a note held in escrow when disabled during the decision', async () => {
    const { driver, emulator, returned } = await startRig();
    const calls: number[] = [];
    driver.enable([2000], {
      onEscrow: (value) => {
        calls.push(value);
        return new Promise<EscrowDecision>(() => {}); // the host never answers
      },
      onCredit: async () => {},
    });
    await waitFor('idling', () => emulator.state === 'idling');
    emulator.insertNote(2000);
    await waitFor('escrow', () => calls.length === 1);
    await sleep(60);
    expect(emulator.state).toBe('escrow'); // held, never stacked on its own
    driver.disable();
    await waitFor('returned', () => returned.length === 1);
  });

  it('reports stacker faults and recovers', async () => {
    const { driver, emulator } = await startRig();
    emulator.setFault(0x43);
    await waitFor('fault', () => driver.status.device === 'hardwareError');
    expect(driver.status).toMatchObject({ stacker: 'full', detail: 'stacker full' });
    emulator.setFault(0x49, [0xa2]);
    await waitFor('failure', () => driver.status.detail === 'failure: stack motor failure');
    expect(driver.status.stacker).toBe('ok');
    emulator.clearFault();
    await waitFor('online', () => driver.status.device === 'online');
    expect(driver.status.detail).toBeNull();
  });

  it('after power loss in escrow, RESET hands the note back and nothing is credited', async () => {
    const { driver, emulator, returned, stacked } = await startRig();
    const seen: number[] = [];
    const credited: number[] = [];
    const handedBack: (number | null)[] = [];
    driver.enable([1000], {
      onEscrow: (value) => {
        seen.push(value);
        return new Promise<EscrowDecision>(() => {});
      },
      onCredit: async (value) => {
        credited.push(value);
      },
      onReturned: (value) => handedBack.push(value),
    });
    await waitFor('idling', () => emulator.state === 'idling');
    emulator.insertNote(1000);
    await waitFor('escrow', () => seen.length === 1);
    emulator.powerCycle();
    await waitFor('returned', () => returned.length === 1);
    await waitFor('online', () => driver.status.device === 'online');
    expect(returned).toEqual([1000]);
    expect(stacked).toEqual([]);
    expect(credited).toEqual([]);
    expect(handedBack).toEqual([1000]);
    expect(driver.status).toMatchObject({ device: 'online', escrow: null });
  });

  it('re-initialises after a power cycle', async () => {
    const { driver, emulator } = await startRig();
    driver.enable(CNY_FEN, recorder('stack').handlers);
    await waitFor('idling', () => emulator.state === 'idling');
    emulator.powerCycle();
    await waitFor('power up seen', () => driver.status.device === 'busy');
    await waitFor('online', () => driver.status.device === 'online');
    await waitFor('idling', () => emulator.state === 'idling');
  });
});

describe('when the line fails', () => {
  const line = { baudRate: 9600, dataBits: 8, parity: 'even', stopBits: 1 } as const;

  it('openSerialPort names the path it could not open', async () => {
    const binding = createEmulatorBinding({});
    await expect(openSerialPort({ path: 'sim://nowhere', ...line }, binding)).rejects.toThrow(
      /sim:\/\/nowhere/,
    );
    await expect(openSerialPort({ path: '/dev/no-such-acceptor', ...line })).rejects.toThrow(
      /\/dev\/no-such-acceptor/,
    );
  });

  it('start() does not reject without a port; the acceptor is offline', async () => {
    const driver = new Id003BillAcceptor({
      port: { path: 'sim://unplugged' },
      binding: createEmulatorBinding({}),
      pollIntervalMs: 10,
    });
    running.push(driver);
    await expect(driver.start()).resolves.toBeUndefined();
    expect(driver.status).toMatchObject({ device: 'offline', detail: 'port not open' });
  });

  it('goes offline when the acceptor stays silent', async () => {
    const path = `sim://silent-${++rig}`;
    const driver = new Id003BillAcceptor({
      port: { path },
      binding: createEmulatorBinding({ [path]: { receive: () => {}, onTransmit: () => {} } }),
      pollIntervalMs: 10,
      responseTimeoutMs: 20,
    });
    running.push(driver);
    await driver.start();
    await waitFor('offline', () => driver.status.detail === 'no reply from acceptor');
    expect(driver.status.device).toBe('offline');
  });
});
