import { describe, it, expect } from 'vitest';
import { Id003BillAcceptor } from '../../drivers/bill-acceptor/id003/id003-driver';
import type { EscrowDecision } from '../../drivers/bill-acceptor/bill-acceptor';
import { createEmulatorBinding } from '../../sim/devices/emulator-binding';
import { openSerialPort } from '../../drivers/serial/serial-port';
import {
  ACK,
  CNY_FEN,
  enableAll,
  gate,
  recorder,
  settled,
  sleep,
  startRig,
  waitFor,
} from './id003-rig';

const hex = (s: string): string => s.replace(/\s+/g, '').toLowerCase();

describe('Id003BillAcceptor with the emulator', () => {
  it('starts up: reset, table, settings, online and inhibited', async () => {
    const rig = await startRig();
    expect(rig.driver.status.denominations).toEqual(CNY_FEN);
    expect(rig.driver.status).toMatchObject({ stacker: 'ok', escrow: null, detail: null });
    await waitFor('disabled', () => rig.emulator.state === 'disabled');
    expect(rig.hostCommands().slice(0, 3)).toEqual([0x11, 0x40, 0x11]);
    expect(rig.hostCommands()).toEqual(expect.arrayContaining([0x8a, 0xc0, 0xc1, 0xc3]));
  });

  it('puts the golden frames of protocols.md §1.1 on the wire, both ways', async () => {
    const rig = await startRig();
    await enableAll(rig, recorder('stack').handlers);
    rig.emulator.insertNote(1000); // escrow code 0x63
    await waitFor('stacked', () => rig.seen.stacked.length === 1);
    const sent = rig.hostWrites.map((b) => b.toString('hex'));
    for (const golden of [
      'FC 05 11 27 56', // STATUS REQ
      'FC 05 40 2B 15', // RESET
      'FC 05 8A 7D 7C', // CURRENCY-ASSIGN
      'FC 06 C3 00 04 D6', // INHIBIT off
      'FC 05 41 A2 04', // STACK-1
      'FC 05 50 AA 05', // ACK
    ]) {
      expect(sent).toContain(hex(golden));
    }
    const replies = rig.replyChunks.map((b) => b.toString('hex'));
    expect(replies).toContain(hex('FC 06 13 63 A2 D8')); // ESCROW 0x63
    expect(replies).toContain(hex('FC 05 15 03 10')); // VEND VALID
  });

  it('stacks a ¥100 note: escrow, stack, exactly one credit, stacked once', async () => {
    const rig = await startRig();
    const { calls, handlers } = recorder('stack');
    await enableAll(rig, handlers);
    expect(rig.emulator.insertNote(10000)).toBe(true);
    await waitFor('stacked', () => rig.seen.stacked.length === 1);
    await settled(rig);
    await sleep(100);
    expect(calls).toEqual({ escrow: [10000], credit: [10000], returned: [], uncertain: [] });
    expect(rig.seen.credited).toEqual([10000]);
    expect(rig.emulator.counters()).toEqual({ stacked: 1, byValue: { 10000: 1 } });
  });

  it('acknowledges VEND VALID only after onCredit resolves', async () => {
    const journal = gate();
    const rig = await startRig();
    const { calls, handlers } = recorder('stack', () => journal.promise);
    await enableAll(rig, handlers);
    rig.emulator.insertNote(10000);
    await waitFor('credit asked', () => calls.credit.length === 1);
    await sleep(150); // many polls while the journal is "writing"
    expect(rig.emulator.state).toBe('vendValid');
    expect(rig.hostCommands()).not.toContain(ACK);
    expect(rig.driver.status.escrow).toBe(10000);
    const before = rig.hostCommands().length;
    journal.open();
    await waitFor('stacked', () => rig.seen.stacked.length === 1);
    expect(rig.hostCommands().indexOf(ACK)).toBeGreaterThanOrEqual(before);
    expect(rig.hostCommands().filter((c) => c === ACK)).toHaveLength(1);
    expect(calls.credit).toEqual([10000]);
  });

  it('returns the note when the host says so, with no credit', async () => {
    const rig = await startRig();
    const { calls, handlers } = recorder('return');
    await enableAll(rig, handlers);
    rig.emulator.insertNote(5000);
    await waitFor('returned', () => rig.seen.returned.length === 1);
    await waitFor('onReturned', () => calls.returned.length === 1);
    expect(rig.seen.returned).toEqual([5000]);
    expect(calls).toEqual({ escrow: [5000], credit: [], returned: [5000], uncertain: [] });
    expect(rig.emulator.counters().stacked).toBe(0);
    await settled(rig);
  });

  it('a disabled acceptor refuses notes', async () => {
    const rig = await startRig();
    await waitFor('disabled', () => rig.emulator.state === 'disabled');
    expect(rig.emulator.insertNote(10000)).toBe(false);
    await enableAll(rig, recorder('stack').handlers);
    rig.driver.disable();
    await waitFor('disabled again', () => rig.emulator.state === 'disabled');
    expect(rig.emulator.insertNote(10000)).toBe(false);
  });

  it('refuses a denomination that is not enabled', async () => {
    const rig = await startRig();
    rig.driver.enable([2000, 5000], recorder('stack').handlers);
    await waitFor('idling', () => rig.emulator.state === 'idling');
    expect(rig.emulator.insertNote(10000)).toBe(false);
    expect(rig.emulator.insertNote(100)).toBe(false);
    expect(rig.emulator.insertNote(5000)).toBe(true);
    await waitFor('stacked', () => rig.seen.stacked.length === 1);
    expect(rig.seen.stacked).toEqual([5000]);
  });

  it('retries a failed onCredit on the next VEND VALID and credits once', async () => {
    let failures = 1;
    const rig = await startRig();
    const { calls, handlers } = recorder('stack', async () => {
      if (failures-- > 0) throw new Error('journal busy');
    });
    await enableAll(rig, handlers);
    rig.emulator.insertNote(1000);
    await waitFor('stacked', () => rig.seen.stacked.length === 1);
    expect(calls.credit).toEqual([1000, 1000]); // one failure, one success
    expect(rig.hostCommands().filter((c) => c === ACK)).toHaveLength(1);
    expect(rig.seen.credited).toEqual([1000]);
  });

  it('returns a note held in escrow when disabled during the decision', async () => {
    const rig = await startRig();
    const { calls, handlers } = recorder(() => new Promise<EscrowDecision>(() => {}));
    await enableAll(rig, handlers);
    rig.emulator.insertNote(2000);
    await waitFor('escrow', () => calls.escrow.length === 1);
    await sleep(60);
    expect(rig.emulator.state).toMatch(/escrow|holding/); // held, never stacked on its own
    rig.driver.disable();
    await waitFor('returned', () => rig.seen.returned.length === 1);
    await waitFor('onReturned', () => calls.returned.length === 1);
    expect(calls.returned).toEqual([2000]);
    expect(calls.credit).toEqual([]);
  });

  it('re-initialises after a power cycle', async () => {
    const rig = await startRig();
    await enableAll(rig, recorder('stack').handlers);
    rig.emulator.powerCycle();
    await waitFor('power up seen', () => rig.driver.status.device === 'busy');
    await settled(rig);
  });

  it('handlers and listeners that throw never stop the driver', async () => {
    const rig = await startRig();
    rig.driver.onStatus(() => {
      throw new Error('status listener');
    });
    rig.driver.onStrayNote(() => {
      throw new Error('stray listener');
    });
    const credited: number[] = [];
    await enableAll(rig, {
      onEscrow: async (value) => {
        if (value === 100) throw new Error('escrow');
        return 'stack';
      },
      onCredit: async (value) => {
        credited.push(value);
      },
      onReturned: () => {
        throw new Error('returned');
      },
    });
    rig.emulator.rejectNext();
    rig.emulator.insertNote(500); // rejected: onReturned throws
    await waitFor('rejected', () => rig.seen.returned.length === 1);
    await settled(rig);
    rig.emulator.insertNote(100); // onEscrow rejects: the note goes back
    await waitFor('returned', () => rig.seen.returned.length === 2);
    await settled(rig);
    expect(rig.seen.returned).toEqual([500, 100]);
    expect(credited).toEqual([]);
    expect(rig.logs.filter((l) => l.msg.includes('unexpected'))).toEqual([]);
    expect(rig.logs.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['id003: status listener failed', 'id003: handler failed']),
    );
  });

  it('has no counters to read or reset (ID-003 keeps none the host can read)', async () => {
    const rig = await startRig();
    await expect(rig.driver.readCounters()).resolves.toBeNull();
    await expect(rig.driver.resetCounters()).resolves.toBe(false);
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
    await expect(driver.start()).resolves.toBeUndefined();
    expect(driver.status).toMatchObject({ device: 'offline', detail: 'port not open' });
    await driver.stop();
  });

  it('goes offline when the acceptor stays silent', async () => {
    const path = 'sim://silent';
    const driver = new Id003BillAcceptor({
      port: { path },
      binding: createEmulatorBinding({ [path]: { receive: () => {}, onTransmit: () => {} } }),
      pollIntervalMs: 10,
      responseTimeoutMs: 20,
    });
    await driver.start();
    await waitFor('offline', () => driver.status.detail === 'no reply from acceptor');
    expect(driver.status.device).toBe('offline');
    await driver.stop();
  });
});
