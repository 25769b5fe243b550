// diagnose() of the ID-003 driver, through the emulator: who and where, the status, the notes
// it counted, faults and reconnects in its events, and a ring that holds the last 20.
import { describe, expect, it } from 'vitest';
import type { BillAcceptor } from '../../drivers/bill-acceptor/bill-acceptor';
import { enableAll, recorder, settled, startRig, waitFor } from './id003-rig';

describe('ID-003 diagnose()', () => {
  it('reports the driver, its port and status; the protocol reports no model or firmware', async () => {
    const rig = await startRig();
    const acceptor: BillAcceptor = rig.driver;
    expect(acceptor.diagnose()).toMatchObject({
      kind: 'billAcceptor',
      driver: 'id003',
      port: rig.path,
      model: null,
      firmware: null,
      status: 'online',
      stacker: 'ok',
      detail: null,
      counters: { escrowed: 0, credited: 0, stacked: 0, returned: 0, rejected: 0, reconnects: 0 },
    });
    const texts = acceptor.diagnose().events.map((e) => e.text);
    expect(texts.at(-1)).toBe('online');
  });

  it('counts notes escrowed, credited, stacked, returned and rejected', async () => {
    const rig = await startRig();
    const { calls, handlers } = recorder(async (value) => (value === 500 ? 'return' : 'stack'));
    await enableAll(rig, handlers);
    expect(rig.emulator.insertNote(10_000)).toBe(true);
    await waitFor('stacked', () => rig.emulator.counters().stacked === 1);
    await settled(rig);
    expect(rig.emulator.insertNote(500)).toBe(true);
    await waitFor('returned', () => calls.returned.length === 1);
    await settled(rig);
    rig.emulator.rejectNext(0x71);
    expect(rig.emulator.insertNote(2000)).toBe(true);
    await waitFor('rejected', () => calls.returned.length === 2);
    await settled(rig);
    expect(calls.credit).toEqual([10_000]);
    expect(rig.driver.diagnose().counters).toMatchObject({
      escrowed: 2,
      credited: 1,
      stacked: 1,
      returned: 1,
      rejected: 1,
      faults: 0,
    });
  });

  it('shows a fault in its status and events, and counts it', async () => {
    const rig = await startRig();
    rig.emulator.setFault('stackerFull');
    await waitFor('fault', () => rig.driver.status.device === 'hardwareError');
    const faulty = rig.driver.diagnose();
    expect(faulty).toMatchObject({
      status: 'hardwareError',
      stacker: 'full',
      detail: 'stacker full',
    });
    expect(faulty.counters.faults).toBe(1);
    expect(faulty.events.at(-1)).toMatchObject({
      level: 'error',
      text: 'hardwareError: stacker full',
    });
    rig.emulator.setFault(null);
    await waitFor('online', () => rig.driver.status.device === 'online');
    expect(rig.driver.diagnose().events.at(-1)).toMatchObject({ level: 'info', text: 'online' });
  });

  it('counts a reconnect after the cable was pulled, and the unanswered requests', async () => {
    const rig = await startRig();
    rig.cable.plugged = false;
    await waitFor('offline', () => rig.driver.status.device === 'offline');
    rig.cable.plugged = true;
    await waitFor('online', () => rig.driver.status.device === 'online');
    const d = rig.driver.diagnose();
    expect(d.counters.reconnects).toBe(1);
    const texts = d.events.map((e) => e.text);
    expect(texts).toContain('online again (reconnected)');
    expect(texts.some((t) => t.startsWith('offline: '))).toBe(true);
  });

  it('keeps the last 20 events, newest last, with their wall-clock times', async () => {
    const t0 = Date.now();
    const rig = await startRig();
    for (let i = 0; i < 12; i++) {
      rig.emulator.setFault(i % 2 ? 'jamInAcceptor' : 'stackerOpen');
      await waitFor('fault', () => rig.driver.status.device === 'hardwareError');
      rig.emulator.setFault(null);
      await waitFor('online', () => rig.driver.status.device === 'online');
    }
    const { events, counters } = rig.driver.diagnose();
    expect(counters.faults).toBe(12);
    expect(events).toHaveLength(20);
    expect(events.at(-1)?.text).toBe('online');
    expect(events.at(-2)?.text).toBe('hardwareError: acceptor jam');
    const times = events.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(t0);
    expect(times.at(-1)).toBeLessThanOrEqual(Date.now());
  });
});
