// The acceptor's test mode (service diagnostics), on both protocols against their emulators:
// every note validated is handed back and told by value, never stacked nor credited; refused
// while notes are enabled for a payment; normal operation once it ends.
import { describe, it, expect } from 'vitest';
import type { TestNote } from '../../drivers/bill-acceptor/bill-acceptor';
import * as id003 from './id003-rig';
import * as ssp from './ssp-rig';

describe('ID-003 test mode', () => {
  it('returns every note it validates and tells its value; nothing stacked', async () => {
    const rig = await id003.startRig();
    const strays = id003.strayRecorder(rig.driver);
    const seen: TestNote[] = [];
    const before = rig.emulator.counters().stacked;
    expect(rig.driver.startTest((n) => seen.push(n))).toBe(true);
    expect(rig.driver.testing).toBe(true);
    await id003.waitFor('idling', () => rig.emulator.state === 'idling');
    rig.emulator.insertNote(10000);
    await id003.waitFor('returned', () => seen.length === 1);
    await id003.waitFor('idling again', () => rig.emulator.state === 'idling');
    rig.emulator.insertNote(2000);
    await id003.waitFor('returned twice', () => seen.length === 2);
    expect(seen).toEqual([
      { value: 10000, outcome: 'returned' },
      { value: 2000, outcome: 'returned' },
    ]);
    await id003.waitFor('handed back', () => rig.seen.returned.length === 2);
    expect(rig.seen.returned).toEqual([10000, 2000]);
    expect(rig.seen.stacked).toEqual([]);
    expect(rig.seen.credited).toEqual([]);
    expect(rig.emulator.counters().stacked).toBe(before);
    expect(strays).toEqual([]);
  });

  it('is refused while notes are enabled for a payment', async () => {
    const rig = await id003.startRig();
    const { calls, handlers } = id003.recorder('stack');
    await id003.enableAll(rig, handlers);
    expect(rig.driver.startTest(() => {})).toBe(false);
    expect(rig.driver.testing).toBe(false);
    rig.emulator.insertNote(1000);
    await id003.waitFor('stacked', () => rig.seen.stacked.length === 1);
    expect(calls.credit).toEqual([1000]);
  });

  it('ends: inhibited, and the next payment stacks as before', async () => {
    const rig = await id003.startRig();
    const seen: TestNote[] = [];
    rig.driver.startTest((n) => seen.push(n));
    await id003.waitFor('idling', () => rig.emulator.state === 'idling');
    rig.driver.stopTest();
    expect(rig.driver.testing).toBe(false);
    await id003.waitFor('inhibited', () => rig.emulator.state === 'disabled');
    const { calls, handlers } = id003.recorder('stack');
    await id003.enableAll(rig, handlers);
    rig.emulator.insertNote(500);
    await id003.waitFor('stacked', () => rig.seen.stacked.length === 1);
    await id003.settled(rig);
    expect(calls).toMatchObject({ escrow: [500], credit: [500] });
    expect(seen).toEqual([]);
  });
});

describe('SSP test mode', () => {
  it('returns every note it validates and tells its value; nothing stacked', async () => {
    const rig = await ssp.startRig();
    const seen: TestNote[] = [];
    const before = rig.emulator.counters().stacked;
    expect(rig.driver.startTest((n) => seen.push(n))).toBe(true);
    await ssp.waitFor('idle', () => rig.emulator.state === 'idle');
    rig.emulator.insertNote(5000);
    await ssp.waitFor('returned', () => seen.length === 1);
    expect(seen).toEqual([{ value: 5000, outcome: 'returned' }]);
    expect(rig.notes.returned).toEqual([5000]);
    expect(rig.notes.stacked).toEqual([]);
    expect(rig.notes.credited).toEqual([]);
    expect(rig.emulator.counters().stacked).toBe(before);
    expect(rig.strays).toEqual([]);
  });

  it('is refused while notes are enabled for a payment, and a payment ends the test', async () => {
    const rig = await ssp.startRig();
    const { handlers } = ssp.recorder('stack');
    rig.driver.enable(ssp.CNY_FEN, handlers);
    expect(rig.driver.startTest(() => {})).toBe(false);
    rig.driver.disable();
    expect(rig.driver.startTest(() => {})).toBe(true);
    rig.driver.enable(ssp.CNY_FEN, handlers);
    expect(rig.driver.testing).toBe(false);
  });
});
