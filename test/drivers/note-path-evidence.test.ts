// What the drivers tell the journal beyond each note's outcome, through the real driver over the
// emulator's bytes: when the note path is clear (once per note, after its outcome), and where a
// note ended that a fault had left uncertain (in the box, once the device says so).
import { afterEach, describe, expect, it } from 'vitest';
import type { BillAcceptor, StrayNote } from '../../drivers/bill-acceptor/bill-acceptor';
import { SspBillAcceptor } from '../../drivers/bill-acceptor/ssp/ssp-driver';
import * as id003 from './id003-rig';
import * as ssp from './ssp-rig';

const STACKING = 0x14;

/** Everything the host hears of notes, in order. */
function timeline(driver: BillAcceptor) {
  const heard: string[] = [];
  const strays: StrayNote[] = [];
  driver.onStrayNote((n) => {
    strays.push(n);
    heard.push(`stray ${n.outcome}${n.inBox ? ' in box' : ''}`);
  });
  driver.onNotePathClear(() => heard.push('clear'));
  return { heard, strays };
}

function handlersInto(heard: string[]) {
  return {
    onEscrow: async () => {
      heard.push('escrow');
      return 'stack' as const;
    },
    onCredit: async () => void heard.push('credit'),
    onReturned: () => void heard.push('returned'),
    onUncertain: (_v: number, _r: string, inBox: boolean) =>
      void heard.push(`uncertain${inBox ? ' in box' : ''}`),
  };
}

describe('ID-003: note path and evidence', () => {
  it('the path is clear once after start-up, then once after each note, after its outcome', async () => {
    const rig = id003.buildRig();
    const driver = rig.newDriver();
    const { heard } = timeline(driver);
    await driver.start();
    await id003.waitFor('online', () => driver.status.device === 'online');
    expect(heard).toEqual(['clear']);
    await id003.enableAll({ ...rig, driver }, handlersInto(heard));
    for (const fen of [1000, 2000]) {
      expect(rig.emulator.insertNote(fen)).toBe(true);
      await id003.waitFor('stacked', () => rig.seen.stacked.includes(fen));
      await id003.waitFor('clear', () => heard.at(-1) === 'clear');
    }
    expect(heard).toEqual(['clear', 'escrow', 'credit', 'clear', 'escrow', 'credit', 'clear']);
  });

  it('a note handed back at a power-up comes after the clear path of the note before it', async () => {
    const rig = await id003.startRig();
    const { heard } = timeline(rig.driver);
    await id003.enableAll(rig, handlersInto(heard));
    rig.emulator.powerLoss('whileStacking');
    rig.emulator.insertNote(5000);
    await id003.waitFor('cut', () => rig.emulator.state === 'off');
    rig.emulator.powerOn();
    await id003.settled(rig);
    expect(rig.emulator.insertNote(2000)).toBe(true);
    rig.emulator.powerCycle(); // the second note is still in the acceptor
    await id003.waitFor('handed back', () => rig.seen.returned.length === 1);
    await id003.settled(rig);
    expect(heard).toEqual(['escrow', 'uncertain in box', 'clear', 'stray returned', 'clear']);
  });

  it('a stacker jam, then a power cycle: the uncertain note is reported in the box, with its value', async () => {
    const rig = await id003.startRig();
    const { heard, strays } = timeline(rig.driver);
    await id003.enableAll(rig, handlersInto(heard));
    rig.onReply(STACKING, () => rig.emulator.setFault('jamInStacker'));
    rig.emulator.insertNote(5000);
    await id003.waitFor('uncertain', () => heard.includes('uncertain'));
    rig.emulator.powerCycle(); // a power cycle clears the jam; RESET stacks the note
    await id003.waitFor('in the box', () => rig.seen.stacked.length === 1);
    await id003.settled(rig);
    expect(strays).toEqual<StrayNote[]>([
      {
        value: 5000,
        outcome: 'uncertain',
        inBox: true,
        reason: 'power up with the note in the stacker',
      },
    ]);
    expect(heard).toEqual(['escrow', 'uncertain', 'stray uncertain in box', 'clear']);
  });

  it('a stacker jam cleared by hand: the path is clear, and nothing claims where the note went', async () => {
    const rig = await id003.startRig();
    const { heard } = timeline(rig.driver);
    await id003.enableAll(rig, handlersInto(heard));
    rig.onReply(STACKING, () => rig.emulator.setFault('jamInStacker'));
    rig.emulator.insertNote(5000);
    await id003.waitFor('uncertain', () => heard.includes('uncertain'));
    rig.emulator.setFault(null);
    await id003.settled(rig);
    expect(heard).toEqual(['escrow', 'uncertain', 'clear']);
  });
});

describe('SSP: note path and evidence', () => {
  const started: SspBillAcceptor[] = [];
  afterEach(async () => {
    for (const d of started.splice(0)) await d.stop();
  });
  /** Another driver on the rig's emulator, as after a host restart. */
  const fresh = (rig: ssp.Rig): SspBillAcceptor => {
    const driver = new SspBillAcceptor({
      port: { path: rig.path },
      binding: rig.binding,
      pollIntervalMs: 5,
      responseTimeoutMs: 40,
    });
    started.push(driver);
    return driver;
  };

  it('the path is clear once after start-up, then once after each note, after its outcome', async () => {
    const first = await ssp.startRig();
    await first.driver.stop();
    const driver = fresh(first);
    const heard: string[] = [];
    driver.onNotePathClear(() => heard.push('clear'));
    await driver.start();
    await ssp.waitFor('online', () => driver.status.device === 'online');
    await ssp.waitFor('clear', () => heard.length > 0); // the first quiet POLL
    expect(heard).toEqual(['clear']);
    const rig = { ...first, driver };
    await ssp.enableAll(rig, handlersInto(heard));
    for (const fen of [1000, 2000]) {
      expect(rig.emulator.insertNote(fen)).toBe(true);
      await ssp.waitFor('stacked', () => rig.notes.stacked.includes(fen));
      await ssp.waitFor('clear', () => heard.at(-1) === 'clear');
    }
    expect(heard).toEqual(['clear', 'escrow', 'credit', 'clear', 'escrow', 'credit', 'clear']);
  });

  it('a stacker jam, then a power cycle: E2 reports the uncertain note in the box, with its value', async () => {
    const rig = await ssp.startRig();
    const { heard, strays } = timeline(rig.driver);
    await ssp.enableAll(rig, handlersInto(heard));
    rig.emulator.insertNote(5000);
    await ssp.waitFor('stacking', () => rig.emulator.state === 'stacking');
    rig.emulator.setFault('jamInStacker');
    await ssp.waitFor('uncertain', () => heard.includes('uncertain'));
    rig.emulator.powerLoss('now');
    rig.emulator.powerOn();
    await ssp.waitFor('in the box', () => rig.notes.stacked.length === 1);
    await ssp.waitFor('clear', () => heard.at(-1) === 'clear');
    expect(strays).toEqual<StrayNote[]>([
      {
        value: 5000,
        outcome: 'uncertain',
        inBox: true,
        reason: 'cleared into the cash box at power-up',
      },
    ]);
    expect(heard).toEqual(['escrow', 'uncertain', 'stray uncertain in box', 'clear']);
  });

  it('STACKED with no note of ours (its CREDIT went to a host that stopped) is a stray in the box', async () => {
    const rig = await ssp.startRig({ driver: { pollIntervalMs: 100 } });
    await ssp.enableAll(rig, ssp.recorder('stack').handlers);
    rig.emulator.insertNote(2000);
    // The device reports CREDIT to this host, which stops before it can acknowledge it.
    await new Promise<void>((resolve) => rig.emulator.events.once('credited', () => resolve()));
    await rig.driver.stop();
    const next = fresh(rig);
    const { strays } = timeline(next);
    await next.start();
    await ssp.waitFor('stacked', () => rig.notes.stacked.length === 1);
    await ssp.waitFor('stray', () => strays.length === 1);
    expect(strays).toEqual<StrayNote[]>([
      { value: null, outcome: 'uncertain', inBox: true, reason: 'stacked with no note of ours' },
    ]);
  });
});
