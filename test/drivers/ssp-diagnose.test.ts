// diagnose() of the SSP driver, through the emulator: the unit type and firmware from SETUP
// REQUEST, the notes it counted, faults, resets and reconnects in its events, a bounded ring.
import { describe, expect, it } from 'vitest';
import type { BillAcceptor } from '../../drivers/bill-acceptor/bill-acceptor';
import { enableAll, recorder, startRig, waitFor } from './ssp-rig';

describe('SSP diagnose()', () => {
  it('reports the driver, its port, status and what SETUP REQUEST said of the device', async () => {
    const rig = await startRig();
    const acceptor: BillAcceptor = rig.driver;
    expect(acceptor.diagnose()).toMatchObject({
      kind: 'billAcceptor',
      driver: 'ssp',
      port: rig.path,
      model: 'unit type 0x00 (CNY)',
      firmware: '0420',
      status: 'online',
      stacker: 'ok',
      detail: null,
      // The emulator, like a device, reports SLAVE RESET after it powers up.
      counters: { escrowed: 0, credited: 0, stacked: 0, rejected: 0, resets: 1, reconnects: 0 },
    });
  });

  it('counts notes escrowed, credited, stacked and rejected', async () => {
    const rig = await startRig();
    const { calls, handlers } = recorder('stack');
    await enableAll(rig, handlers);
    expect(rig.emulator.insertNote(5000)).toBe(true);
    await waitFor('stacked', () => rig.notes.stacked.length === 1);
    await waitFor('idle', () => rig.emulator.state === 'idle');
    rig.emulator.rejectNext();
    expect(rig.emulator.insertNote(1000)).toBe(true);
    await waitFor('rejected', () => calls.returned.length === 1);
    await waitFor('stacked counted', () => rig.driver.diagnose().counters.stacked === 1);
    expect(calls.credit).toEqual([5000]);
    expect(rig.driver.diagnose().counters).toMatchObject({
      escrowed: 1,
      credited: 1,
      stacked: 1,
      rejected: 1,
    });
  });

  it('shows a fault in its status and events, and counts a device reset', async () => {
    const rig = await startRig();
    const resets = rig.driver.diagnose().counters.resets ?? 0;
    rig.emulator.setFault('stackerOpen');
    await waitFor('fault', () => rig.driver.status.device === 'hardwareError');
    const faulty = rig.driver.diagnose();
    expect(faulty).toMatchObject({ status: 'hardwareError', stacker: 'open' });
    expect(faulty.events.at(-1)).toMatchObject({
      level: 'error',
      text: 'hardwareError: cash box removed',
    });
    rig.emulator.setFault(null);
    await waitFor('online', () => rig.driver.status.device === 'online');
    rig.emulator.powerLoss('now');
    await waitFor('offline', () => rig.driver.status.device === 'offline');
    rig.emulator.powerOn();
    await waitFor('online', () => rig.driver.status.device === 'online');
    const d = rig.driver.diagnose();
    expect(d.counters).toMatchObject({ faults: 1, resets: resets + 1, reconnects: 1 });
    expect(d.counters.retransmits).toBeGreaterThan(0);
    expect(d.events.map((e) => e.text)).toContain('online again (reconnected)');
  });

  it('keeps the last 20 events, newest last', async () => {
    const rig = await startRig();
    for (let i = 0; i < 12; i++) {
      rig.emulator.setFault('stackerFull');
      await waitFor('fault', () => rig.driver.status.device === 'hardwareError');
      rig.emulator.setFault(null);
      await waitFor('online', () => rig.driver.status.device === 'online');
    }
    const { events } = rig.driver.diagnose();
    expect(events).toHaveLength(20);
    expect(events.at(-1)?.text).toBe('online');
    expect(events.at(-2)?.text).toBe('hardwareError: stacker full');
  });
});
