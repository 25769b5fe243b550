// The escrow hold time and notes that belong to no escrow decision (stray notes), through the
// real driver and the emulator.
import { describe, it, expect, vi } from 'vitest';
import type { EscrowDecision, StrayNote } from '../../drivers/bill-acceptor/bill-acceptor';
import {
  ACK,
  CNY_FEN,
  HOLD,
  buildRig,
  enableAll,
  gate,
  recorder,
  settled,
  sleep,
  startRig,
  strayRecorder,
  waitFor,
} from './id003-rig';
import { steppableProcessWallClock } from '../support/stepped-clocks';

const STATUS_REQ = 0x11;
const STACK_1 = 0x41;
const count = (xs: number[], x: number): number => xs.filter((c) => c === x).length;

describe('ID-003 escrow hold time', () => {
  const HOLD_POLLS = 20;

  it('HOLD keeps the note while the host decides for longer than the hold time', async () => {
    const decision = gate<EscrowDecision>();
    const rig = await startRig({
      emulator: { holdPolls: HOLD_POLLS },
      driver: { holdRefreshMs: 40 },
    });
    const { calls, handlers } = recorder(() => decision.promise);
    await enableAll(rig, handlers);
    rig.emulator.insertNote(5000);
    await waitFor('escrow asked', () => calls.escrow.length === 1);
    const from = rig.hostCommands().length;
    // Three hold times' worth of polls, however fast the machine runs them.
    await waitFor(
      'polls',
      () => count(rig.hostCommands().slice(from), STATUS_REQ) > 3 * HOLD_POLLS,
    );
    expect(rig.seen.returned).toEqual([]);
    expect(rig.emulator.state).toBe('holding');
    expect(count(rig.hostCommands().slice(from), HOLD)).toBeGreaterThanOrEqual(3);
    decision.open('stack');
    await waitFor('stacked', () => rig.emulator.counters().stacked === 1);
    await settled(rig);
    expect(calls).toEqual({ escrow: [5000], credit: [5000], returned: [], uncertain: [] });
    expect(rig.seen.credited).toEqual([5000]);
  });

  it('HOLD still keeps the note when the wall clock is stepped back an hour while the host decides', async () => {
    const decision = gate<EscrowDecision>();
    const rig = await startRig({
      emulator: { holdPolls: HOLD_POLLS },
      driver: { holdRefreshMs: 40 },
    });
    const { calls, handlers } = recorder(() => decision.promise);
    await enableAll(rig, handlers);
    const wall = steppableProcessWallClock();
    try {
      rig.emulator.insertNote(5000);
      await waitFor('escrow asked', () => calls.escrow.length === 1);
      wall.stepWall(-3_600_000);
      const from = rig.hostCommands().length;
      await waitFor(
        'polls',
        () => count(rig.hostCommands().slice(from), STATUS_REQ) > 3 * HOLD_POLLS,
      );
      expect(rig.seen.returned).toEqual([]);
      expect(count(rig.hostCommands().slice(from), HOLD)).toBeGreaterThanOrEqual(3);
    } finally {
      vi.restoreAllMocks();
    }
    decision.open('stack');
    await waitFor('stacked', () => rig.emulator.counters().stacked === 1);
    await settled(rig);
    expect(calls).toEqual({ escrow: [5000], credit: [5000], returned: [], uncertain: [] });
  });

  it('without HOLD the acceptor returns the note by itself; a late "stack" moves nothing', async () => {
    const decision = gate<EscrowDecision>();
    const rig = await startRig({
      emulator: { holdPolls: HOLD_POLLS },
      driver: { holdRefreshMs: 60_000 },
    });
    const { calls, handlers } = recorder(() => decision.promise);
    await enableAll(rig, handlers);
    rig.emulator.insertNote(5000);
    await waitFor('returned by the acceptor', () => rig.seen.returned.length === 1);
    await waitFor('onReturned', () => calls.returned.length === 1);
    decision.open('stack');
    await sleep(100);
    await settled(rig);
    expect(calls).toEqual({ escrow: [5000], credit: [], returned: [5000], uncertain: [] });
    expect(rig.hostCommands()).not.toContain(HOLD);
    expect(rig.hostCommands()).not.toContain(STACK_1);
    expect(rig.emulator.counters().stacked).toBe(0);
  });
});

describe('ID-003 stray notes', () => {
  it('VEND VALID after a host restart: stray "stacked", ACK only after the listener', async () => {
    const rig = await startRig();
    const first = recorder('stack', () => new Promise<void>(() => {})); // dies mid-journal
    await enableAll(rig, first.handlers);
    rig.emulator.insertNote(10000);
    await waitFor('credit asked', () => first.calls.credit.length === 1);
    await rig.driver.stop();
    expect(rig.emulator.state).toBe('vendValid');

    const journal = gate();
    const driver = rig.newDriver();
    const strays = strayRecorder(driver, () => journal.promise);
    const second = recorder('stack');
    driver.enable(CNY_FEN, second.handlers);
    const from = rig.hostCommands().length;
    await driver.start();
    await waitFor('stray', () => strays.length === 1);
    await sleep(100);
    expect(count(rig.hostCommands().slice(from), ACK)).toBe(0);
    expect(rig.emulator.state).toBe('vendValid');
    journal.open();
    await waitFor('stacked', () => rig.emulator.counters().stacked === 1);
    await waitFor('online', () => driver.status.device === 'online');
    expect(strays).toEqual([
      { value: null, outcome: 'stacked', inBox: true, reason: 'vend valid' },
    ]);
    expect(count(rig.hostCommands().slice(from), ACK)).toBe(1);
    expect(first.calls.credit).toEqual([10000]);
    expect(second.calls.credit).toEqual([]);
    expect(rig.seen.credited).toEqual([10000]);
  });

  it('a stray listener that fails is asked again, and the ACK waits for it', async () => {
    const rig = await startRig();
    await enableAll(rig, recorder('stack', () => new Promise<void>(() => {})).handlers);
    rig.emulator.insertNote(2000);
    await waitFor('vend valid', () => rig.emulator.state === 'vendValid');
    await rig.driver.stop();

    let failures = 2;
    const driver = rig.newDriver();
    const from = rig.hostCommands().length;
    const strays = strayRecorder(driver, async () => {
      if (failures-- > 0) throw new Error('journal busy');
    });
    await driver.start();
    await waitFor('stacked', () => rig.emulator.counters().stacked === 1);
    expect(strays.map((s) => s.outcome)).toEqual(['stacked', 'stacked', 'stacked']);
    expect(count(rig.hostCommands().slice(from), ACK)).toBe(1);
  });

  it('with no stray listener, VEND VALID stays unacknowledged until one subscribes', async () => {
    const rig = buildRig();
    const stale = rig.newDriver();
    await stale.start();
    stale.enable(CNY_FEN, recorder('stack', () => new Promise<void>(() => {})).handlers);
    await waitFor('idling', () => rig.emulator.state === 'idling');
    rig.emulator.insertNote(500);
    await waitFor('vend valid', () => rig.emulator.state === 'vendValid');
    await stale.stop();

    const driver = rig.newDriver();
    await driver.start();
    await waitFor('fault', () => driver.status.device === 'hardwareError');
    expect(driver.status.detail).toBe('VEND VALID for an unknown note');
    await sleep(50);
    expect(rig.emulator.state).toBe('vendValid');
    const strays = strayRecorder(driver);
    await waitFor('stacked', () => rig.emulator.counters().stacked === 1);
    expect(strays).toHaveLength(1);
  });

  it('POWER UP 42 with nothing tracked is a stray "uncertain"', async () => {
    const rig = await startRig();
    await enableAll(rig, recorder('stack').handlers);
    rig.emulator.powerLoss('whileStacking');
    rig.emulator.insertNote(5000);
    await waitFor('cut', () => rig.emulator.state === 'off');
    await rig.driver.stop();
    rig.emulator.powerOn();

    // The line dies right after the first 42, so the acceptor reports it again later.
    rig.onReply(0x42, () => (rig.emulator.line.silent = true));
    const driver = rig.newDriver();
    const strays = strayRecorder(driver);
    await driver.start();
    await waitFor('offline', () => driver.status.device === 'offline');
    rig.emulator.line.silent = false;
    await waitFor('online', () => driver.status.device === 'online');
    expect(rig.replyChunks.filter((c) => c[2] === 0x42).length).toBeGreaterThanOrEqual(2);
    expect(strays).toEqual<StrayNote[]>([
      {
        value: null,
        outcome: 'uncertain',
        inBox: true,
        reason: 'power up with a note in the stacker',
      },
    ]);
    expect(rig.emulator.counters().stacked).toBe(1);
    expect(rig.seen.credited).toEqual([]);
  });

  it('POWER UP 41 with nothing tracked is a stray "returned"', async () => {
    const rig = await startRig();
    await enableAll(rig, recorder(() => new Promise<EscrowDecision>(() => {})).handlers);
    rig.emulator.powerLoss('inEscrow');
    rig.emulator.insertNote(1000);
    await waitFor('cut', () => rig.emulator.state === 'off');
    await rig.driver.stop();
    rig.emulator.powerOn();

    const driver = rig.newDriver();
    const strays = strayRecorder(driver);
    await driver.start();
    await waitFor('returned', () => rig.seen.returned.length === 1);
    await waitFor('online', () => driver.status.device === 'online');
    expect(strays).toEqual<StrayNote[]>([
      {
        value: null,
        outcome: 'returned',
        inBox: false,
        reason: 'power up with a note in the acceptor',
      },
    ]);
    expect(rig.emulator.counters().stacked).toBe(0);
  });

  it('an escrow while nothing is enabled is returned and reported as a stray', async () => {
    const rig = await startRig();
    await enableAll(rig, recorder('stack').handlers);
    await rig.driver.stop();
    rig.emulator.insertNote(2000); // the slot was still open when the host went away

    const driver = rig.newDriver();
    const strays = strayRecorder(driver);
    await driver.start();
    await waitFor('returned', () => rig.seen.returned.length === 1);
    await waitFor('stray', () => strays.length === 1);
    // The driver sent it back itself: said so, for the journal to weigh.
    expect(strays[0]).toMatchObject({ outcome: 'returned', refusedAtEscrow: true });
    await waitFor('inhibited', () => rig.emulator.state === 'disabled');
    expect(rig.emulator.counters().stacked).toBe(0);
    expect(rig.seen.credited).toEqual([]);
  });
});
