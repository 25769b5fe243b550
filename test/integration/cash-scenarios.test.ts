// Every acceptor fault, through the real driver over the emulator's bytes, the host's cash-in
// actor and the journal, for each protocol. After each scenario the journal and the cash box
// ledger must agree with what the emulator says happened to the notes: every note it stacked
// is in the box once, credited to the payment unless its fate was unknown (then staff review),
// and none it returned is counted.
import { afterEach, describe, expect, it } from 'vitest';
import { createActor, createMachine, sendTo, type AnyActorRef } from 'xstate';
import type { BillAcceptor } from '../../drivers/bill-acceptor/bill-acceptor';
import { CashBox } from '../../offline-queue/cash-box';
import { StaffItems } from '../../offline-queue/staff-items';
import type { AcceptorEmulator, AcceptorProtocol } from '../../sim/devices/acceptor-emulator';
import { createEmulatorBinding } from '../../sim/devices/emulator-binding';
import { Id003Emulator } from '../../sim/devices/id003-emulator';
import { SspEmulator } from '../../sim/devices/ssp-emulator';
import type { SessionEvent } from '../../src/flows/session-types';
import { createBillAcceptor } from '../../src/host/bill-acceptor-factory';
import { cashInActor } from '../../src/host/cash-in-actor';
import {
  newPayment,
  openTestJournal,
  tempDir,
  type TempDir,
  type TestJournal,
} from '../offline-queue/journal-fixture';

const PORT = 'sim://cash-scenarios';
const POLL_MS = 10;

interface Rig {
  emulator: AcceptorEmulator;
  acceptor: BillAcceptor;
  t: TestJournal;
  staff: StaffItems;
  cashBox: CashBox;
  events: SessionEvent[];
  stacked: number[];
  returned: number[];
  paymentId: number;
  cash: AnyActorRef;
  close(): Promise<void>;
}

const rigs: Rig[] = [];
const dirs: TempDir[] = [];
let portSeq = 0;

function emulatorFor(protocol: AcceptorProtocol): AcceptorEmulator {
  return protocol === 'id003' ? new Id003Emulator() : new SspEmulator();
}

async function rig(
  protocol: AcceptorProtocol,
  o: { amountDue?: number; acceptsOverpayment?: boolean } = {},
): Promise<Rig> {
  const dir = tempDir();
  dirs.push(dir);
  const t = openTestJournal(dir.file('journal.sqlite'));
  const staff = new StaffItems(t.db, t.clock);
  const cashBox = new CashBox(t.db, t.journal, staff, t.clock);
  const emulator = emulatorFor(protocol);
  const path = `${PORT}-${protocol}-${portSeq++}`;
  const stacked: number[] = [];
  const returned: number[] = [];
  emulator.events.on('stacked', (v) => stacked.push(v));
  emulator.events.on('returned', (v) => returned.push(v));
  const acceptor = createBillAcceptor(
    { driver: protocol, port: path, pollIntervalMs: POLL_MS },
    { binding: createEmulatorBinding({ [path]: emulator }) },
  );
  acceptor.onStrayNote((note) => void cashBox.strayNote(note));
  acceptor.onNotePathClear(() => cashBox.notePathClear());
  await acceptor.start();
  await until(
    () => acceptor.status.device === 'online' && acceptor.status.denominations.length > 0,
  );

  const amountDue = o.amountDue ?? 20_000;
  const acceptsOverpayment = o.acceptsOverpayment ?? true;
  const p = t.journal.create(newPayment({ amountDue, acceptsOverpayment }));
  t.journal.startCollecting(p.id);
  const events: SessionEvent[] = [];
  const parent = createMachine({
    types: {} as { events: SessionEvent | { type: 'STOP' } },
    invoke: {
      id: 'cash',
      src: cashInActor({ acceptor, journal: t.journal, cashBox, log: { warn: () => undefined } }),
      input: { paymentId: p.id, amountDue, acceptsOverpayment },
    },
    on: {
      STOP: { actions: sendTo('cash', { type: 'STOP_TAKING' }) },
      '*': { actions: ({ event }) => events.push(event as SessionEvent) },
    },
  });
  const cash = createActor(parent).start();
  const r: Rig = {
    emulator,
    acceptor,
    t,
    staff,
    cashBox,
    events,
    stacked,
    returned,
    paymentId: p.id,
    cash,
    async close() {
      cash.stop();
      await acceptor.stop();
      t.close();
    },
  };
  rigs.push(r);
  await until(() => events.some((e) => e.type === 'ACCEPTED_NOTES'));
  return r;
}

afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
  for (const d of dirs.splice(0)) d.remove();
});

async function until(cond: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function insert(r: Rig, value: number): Promise<void> {
  await until(() => r.emulator.insertNote(value));
}

/** Idle again: nothing in escrow at the acceptor or in the journal. */
async function settled(r: Rig): Promise<void> {
  await until(
    () =>
      r.acceptor.status.escrow === null &&
      r.t.journal.escrowedNotes(r.paymentId).length === 0 &&
      r.acceptor.status.device === 'online',
  );
}

/** The journal and the ledger against what the emulator did with the notes. */
function ledger(r: Rig) {
  const notes = r.t.db
    .prepare(`SELECT value, state FROM cash_note WHERE payment_id = ? ORDER BY id`)
    .all(r.paymentId) as { value: number; state: string }[];
  const box = (
    r.t.db.prepare(`SELECT value FROM cash_box ORDER BY id`).all() as { value: number }[]
  ).map((b) => b.value);
  return {
    collected: r.t.journal.get(r.paymentId).collected,
    credited: notes.filter((n) => n.state === 'stacked').map((n) => n.value),
    unknown: notes.filter((n) => n.state === 'unknown').map((n) => n.value),
    box,
    reviews: r.staff.openItems().filter((i) => i.kind === 'note_review').length,
  };
}

/** The stray note events the journal holds, oldest first. */
function strays(r: Rig) {
  return r.t.db
    .prepare(
      `SELECT note_id AS noteId, value, outcome, in_box AS inBox FROM stray_note ORDER BY id`,
    )
    .all() as { noteId: number | null; value: number | null; outcome: string; inBox: number }[];
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

/**
 * The invariant every scenario ends with. The journal records a note at the credit point, a
 * moment before the device reports it in the box, so the device is given time to catch up.
 */
async function expectBoxMatchesDevice(r: Rig) {
  await until(() => ledger(r).box.length === r.stacked.length).catch(() => undefined);
  const l = ledger(r);
  expect(sorted(l.box)).toEqual(sorted(r.stacked));
  expect(l.collected).toBe(l.credited.reduce((a, b) => a + b, 0));
  expect(r.emulator.counters().stacked).toBe(r.stacked.length);
}

describe.each<AcceptorProtocol>(['id003', 'ssp'])('%s: cash-in scenarios', (protocol) => {
  it('normal notes are credited once each, live, and complete the payment', async () => {
    const r = await rig(protocol, { amountDue: 15_000 });
    await insert(r, 10_000);
    await until(() => ledger(r).collected === 10_000);
    await insert(r, 5_000);
    await until(() => ledger(r).collected === 15_000);
    expect(r.events.filter((e) => e.type === 'NOTE_STACKED')).toEqual([
      { type: 'NOTE_STACKED', collected: 10_000 },
      { type: 'NOTE_STACKED', collected: 15_000 },
    ]);
    expect(ledger(r)).toMatchObject({ credited: [10_000, 5_000], unknown: [], reviews: 0 });
    await expectBoxMatchesDevice(r);
  });

  it('a note above what is due, where overpayment is refused, is returned from escrow', async () => {
    const r = await rig(protocol, { amountDue: 3_000, acceptsOverpayment: false });
    await insert(r, 2_000);
    await until(() => ledger(r).collected === 2_000);
    // Only notes up to the remaining 10 yuan are enabled now; a 20 would be refused at the slot.
    expect(r.emulator.insertNote(2_000)).toBe(false);
    await insert(r, 1_000);
    await until(() => ledger(r).collected === 3_000);
    expect(r.returned).toEqual([]);
    await expectBoxMatchesDevice(r);
  });

  it('stopping while a note is on its way in returns it; nothing is credited for it', async () => {
    const r = await rig(protocol);
    await insert(r, 5_000);
    r.cash.send({ type: 'STOP' }); // before the driver has seen the escrow
    await until(() => r.returned.length === 1);
    await settled(r);
    expect(ledger(r)).toMatchObject({ collected: 0, credited: [], box: [] });
    // Stopped: a note offered now is refused at the slot or handed back, never taken.
    if (r.emulator.insertNote(5_000)) await until(() => r.returned.length === 2);
    await settled(r);
    expect(ledger(r)).toMatchObject({ collected: 0, credited: [], box: [] });
    await expectBoxMatchesDevice(r);
  });

  it('a rejected note is handed back and nothing is journalled as taken', async () => {
    const r = await rig(protocol);
    r.emulator.rejectNext();
    await insert(r, 5_000);
    await until(() => r.returned.length === 1);
    await settled(r);
    expect(ledger(r)).toMatchObject({ collected: 0, credited: [], box: [] });
    await insert(r, 5_000);
    await until(() => ledger(r).collected === 5_000);
    await expectBoxMatchesDevice(r);
  });

  it.each(['stackerFull', 'stackerOpen', 'cheated', 'failure', 'jamInAcceptor'] as const)(
    'a %s fault stops cash-in; after it clears the ledger still matches the box',
    async (fault) => {
      const r = await rig(protocol);
      await insert(r, 10_000);
      await until(() => ledger(r).collected === 10_000);
      r.emulator.setFault(fault);
      await until(() => r.events.some((e) => e.type === 'CASH_UNAVAILABLE'));
      expect(r.acceptor.status.device).not.toBe('online');
      r.emulator.setFault(null);
      await until(() => r.acceptor.status.device === 'online');
      expect(ledger(r)).toMatchObject({ collected: 10_000, credited: [10_000], unknown: [] });
      await expectBoxMatchesDevice(r);
    },
  );

  it('power lost while a note is stacking: the note is unknown, for staff, and in the box', async () => {
    const r = await rig(protocol);
    r.emulator.powerLoss('whileStacking');
    await insert(r, 5_000);
    await until(() => r.t.journal.escrowedNotes(r.paymentId).length === 1);
    await new Promise((res) => setTimeout(res, 20 * POLL_MS));
    r.emulator.powerOn();
    await until(() => ledger(r).unknown.length === 1, 8_000);
    await settled(r);
    const l = ledger(r);
    expect(l).toMatchObject({ collected: 0, credited: [], unknown: [5_000] });
    expect(l.reviews).toBeGreaterThanOrEqual(1);
    expect(r.events).toContainEqual({ type: 'NOTE_UNCERTAIN', value: 5_000 });
    // The device put it in the box: the ledger counts it there, credited to no one.
    expect(r.stacked).toEqual([5_000]);
    expect(l.box).toEqual([5_000]);
  });

  it('a note handed back at a later power-up is its own event, not the boxed note before it', async () => {
    const r = await rig(protocol);
    // A power cut while the first note is stacking: unknown, in the box, for staff.
    r.emulator.powerLoss('whileStacking');
    await insert(r, 5_000);
    await until(() => r.t.journal.escrowedNotes(r.paymentId).length === 1);
    await new Promise((res) => setTimeout(res, 20 * POLL_MS));
    r.emulator.powerOn();
    await until(() => ledger(r).unknown.length === 1, 8_000);
    await settled(r);
    expect(ledger(r)).toMatchObject({ unknown: [5_000], box: [5_000], reviews: 1 });
    const firstReview = r.staff.openItems()[0];
    expect(firstReview?.detail).toMatchObject({ inBox: true });

    // Mid-session, a second note is in the acceptor when the power goes again.
    await insert(r, 2_000);
    r.emulator.powerLoss('now');
    await new Promise((res) => setTimeout(res, 10 * POLL_MS));
    r.emulator.powerOn();
    await until(() => r.returned.length === 1, 8_000);
    await settled(r);
    await until(() => strays(r).length === 1);

    // The device never said which note came back: recorded with no value, attributed to none.
    expect(strays(r)).toEqual([{ noteId: null, value: null, outcome: 'returned', inBox: 0 }]);
    expect(ledger(r)).toMatchObject({ collected: 0, unknown: [5_000], box: [5_000] });
    const items = r.staff.openItems();
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual(firstReview);
    expect(items[1]).toMatchObject({
      kind: 'note_review',
      paymentId: null,
      amount: 0,
      reason: 'stray_note_returned',
    });
    expect(r.stacked).toEqual([5_000]);
    expect(r.returned).toEqual([2_000]);
  });

  it('power lost with a note in escrow: it comes back to the customer, nothing credited', async () => {
    const r = await rig(protocol);
    r.emulator.powerLoss('inEscrow');
    await insert(r, 5_000);
    await new Promise((res) => setTimeout(res, 20 * POLL_MS));
    r.emulator.powerOn();
    await until(() => r.returned.length === 1, 8_000);
    await settled(r);
    expect(ledger(r)).toMatchObject({ collected: 0, credited: [], box: [] });
    await expectBoxMatchesDevice(r);
  });

  it('bad CRC, split and merged frames cost nothing: every note is credited once', async () => {
    const r = await rig(protocol, { amountDue: 30_000 });
    r.emulator.line.badCrcFrames = 3;
    await insert(r, 10_000);
    await until(() => ledger(r).collected === 10_000, 8_000);
    r.emulator.line.splitFrames = true;
    await insert(r, 10_000);
    await until(() => ledger(r).collected === 20_000, 8_000);
    r.emulator.line.splitFrames = false;
    r.emulator.line.mergeFrames = true;
    await insert(r, 10_000);
    await until(() => ledger(r).collected === 30_000, 8_000);
    r.emulator.line.mergeFrames = false;
    await expectBoxMatchesDevice(r);
  });

  it('silence mid-note: the driver waits it out, then the note is settled once', async () => {
    const r = await rig(protocol);
    r.emulator.line.silent = true;
    await new Promise((res) => setTimeout(res, 10 * POLL_MS));
    r.emulator.line.silent = false;
    await insert(r, 5_000);
    await until(() => ledger(r).collected === 5_000, 8_000);
    await expectBoxMatchesDevice(r);
  });
});
