// The cash-in actor against a scripted acceptor and a real journal: which notes are offered,
// journal before every device step, uncertain notes to staff, faults and stopping.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActor, createMachine, sendTo, type AnyActorRef } from 'xstate';
import type {
  BillAcceptor,
  BillAcceptorDiagnosis,
  BillAcceptorHandlers,
  BillAcceptorStatus,
  StrayNote,
} from '../../drivers/bill-acceptor/bill-acceptor';
import { CashBox } from '../../offline-queue/cash-box';
import { StaffItems } from '../../offline-queue/staff-items';
import type { SessionEvent } from '../../src/flows/session-types';
import { cashInActor } from '../../src/host/cash-in-actor';
import {
  newPayment,
  openTestJournal,
  tempDir,
  type TempDir,
  type TestJournal,
} from '../offline-queue/journal-fixture';

const CNY = [100, 500, 1000, 2000, 5000, 10000];

/** An acceptor the test drives by hand: it records what the actor asks of it. */
class ScriptedAcceptor implements BillAcceptor {
  status: BillAcceptorStatus = {
    device: 'online',
    stacker: 'ok',
    escrow: null,
    denominations: CNY,
    detail: null,
  };
  enabled: number[][] = [];
  disabled = 0;
  handlers: BillAcceptorHandlers | null = null;
  private listeners = new Set<(s: BillAcceptorStatus) => void>();
  async start() {}
  async stop() {}
  enable(values: number[], handlers: BillAcceptorHandlers) {
    this.enabled.push(values);
    this.handlers = handlers;
  }
  disable() {
    this.disabled++;
  }
  readonly testing = false;
  startTest() {
    return false;
  }
  stopTest() {}
  onStatus(l: (s: BillAcceptorStatus) => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  onStrayNote(_l: (n: StrayNote) => void) {
    return () => undefined;
  }
  onNotePathClear(_l: () => void) {
    return () => undefined;
  }
  async readCounters() {
    return null;
  }
  async resetCounters() {
    return false;
  }
  diagnose(): BillAcceptorDiagnosis {
    const { device: status, stacker, detail } = this.status;
    return {
      kind: 'billAcceptor',
      driver: 'id003',
      port: 'scripted',
      model: null,
      firmware: null,
      status,
      detail,
      stacker,
      counters: {},
      events: [],
    };
  }
  set(patch: Partial<BillAcceptorStatus>) {
    this.status = { ...this.status, ...patch };
    for (const l of this.listeners) l(this.status);
  }
  /** A note goes the whole way: escrow (host decides), then credit if stacked. */
  async insert(value: number): Promise<'stack' | 'return'> {
    const h = this.handlers;
    if (!h) throw new Error('not enabled');
    const decision = await h.onEscrow(value);
    if (decision === 'stack') await h.onCredit(value);
    else h.onReturned?.(value);
    return decision;
  }
}

let tmp: TempDir;
let t: TestJournal;
let staff: StaffItems;
let acceptor: ScriptedAcceptor;
let events: SessionEvent[];

beforeEach(() => {
  tmp = tempDir();
  t = openTestJournal(tmp.file('journal.sqlite'));
  staff = new StaffItems(t.db, t.clock);
  acceptor = new ScriptedAcceptor();
  events = [];
});
afterEach(() => {
  t.close();
  tmp.remove();
});

/** Runs the actor under a parent that records what it sends back and forwards STOP_TAKING. */
function run(amountDue: number, acceptsOverpayment: boolean) {
  const p = t.journal.create(newPayment({ amountDue, acceptsOverpayment }));
  t.journal.startCollecting(p.id);
  const logic = cashInActor({
    acceptor,
    journal: t.journal,
    cashBox: new CashBox(t.db, t.journal, staff, t.clock),
    log: { warn: () => undefined },
  });
  const parent = createMachine({
    types: {} as { events: SessionEvent | { type: 'STOP' } },
    invoke: {
      id: 'cash',
      src: logic,
      input: { paymentId: p.id, amountDue, acceptsOverpayment },
    },
    on: {
      STOP: { actions: sendTo('cash', { type: 'STOP_TAKING' }) },
      '*': { actions: ({ event }) => events.push(event as SessionEvent) },
    },
  });
  const actor: AnyActorRef = createActor(parent).start();
  return { paymentId: p.id, actor };
}

const types = () => events.map((e) => e.type);

describe('the cash-in actor', () => {
  it('offers only notes up to what is due where overpayment is not allowed, narrowing as notes come', async () => {
    const { paymentId } = run(3600, false);
    expect(acceptor.enabled).toEqual([[100, 500, 1000, 2000]]);
    expect(await acceptor.insert(2000)).toBe('stack');
    expect(acceptor.enabled.at(-1)).toEqual([100, 500, 1000]);
    // A note above the remainder that slips through is handed back, not taken.
    expect(await acceptor.insert(2000)).toBe('return');
    expect(t.journal.get(paymentId).collected).toBe(2000);
    expect(events).toContainEqual({ type: 'ACCEPTED_NOTES', values: [100, 500, 1000] });
  });

  it('offers every note where overpayment becomes prepaid balance', () => {
    run(3600, true);
    expect(acceptor.enabled).toEqual([CNY]);
  });

  it('journals the escrow before answering stack, and the credit before resolving', async () => {
    const { paymentId } = run(10000, true);
    const h = acceptor.handlers as BillAcceptorHandlers;
    expect(await h.onEscrow(5000)).toBe('stack');
    expect(t.journal.escrowedNotes(paymentId)).toEqual([{ id: expect.any(Number), value: 5000 }]);
    await h.onCredit(5000);
    expect(t.journal.escrowedNotes(paymentId)).toEqual([]);
    expect(t.journal.get(paymentId).collected).toBe(5000);
    expect(t.cash.contents().total).toBe(5000);
    expect(types()).toEqual(['ACCEPTED_NOTES', 'NOTE_ESCROWED', 'NOTE_STACKED']);
  });

  it('a credit for a note it had asked back is still journalled as money taken', async () => {
    const { paymentId } = run(10000, true);
    await (acceptor.handlers as BillAcceptorHandlers).onCredit(2000);
    expect(t.journal.get(paymentId).collected).toBe(2000);
  });

  it('an uncertain note goes to staff review and is credited to no one', async () => {
    const { paymentId } = run(10000, true);
    const h = acceptor.handlers as BillAcceptorHandlers;
    await h.onEscrow(5000);
    h.onUncertain?.(5000, 'power up with the bill in the stacker', true);
    expect(t.journal.get(paymentId).collected).toBe(0);
    expect(staff.openItems()).toMatchObject([
      {
        kind: 'note_review',
        paymentId,
        amount: 5000,
        reason: 'power up with the bill in the stacker',
      },
    ]);
    expect(events.at(-1)).toEqual({ type: 'NOTE_UNCERTAIN', value: 5000 });
    expect(t.cash.contents().total).toBe(5000); // in the box, credited to no one
  });

  it('an uncertain note it never journalled is recorded as a stray for staff, not dropped', async () => {
    const { paymentId } = run(10000, true);
    const h = acceptor.handlers as BillAcceptorHandlers;
    h.onUncertain?.(2000, 'stacked without a journalled credit', true);
    expect(t.journal.get(paymentId).collected).toBe(0);
    expect(staff.openItems()).toMatchObject([
      { kind: 'note_review', paymentId: null, amount: 2000, reason: 'stray_note_in_box' },
    ]);
    expect(t.cash.contents()).toEqual({ notes: { '2000': 1 }, total: 2000 });
    expect(events.at(-1)).toEqual({ type: 'NOTE_UNCERTAIN', value: 2000 });
  });

  it('stopping disables the acceptor and answers return to any later escrow', async () => {
    const { actor } = run(10000, true);
    actor.send({ type: 'STOP' });
    expect(acceptor.disabled).toBeGreaterThan(0);
    expect(await (acceptor.handlers as BillAcceptorHandlers).onEscrow(1000)).toBe('return');
  });

  it('a fault while taking notes reports the acceptor unavailable', () => {
    run(10000, true);
    acceptor.set({ device: 'hardwareError', detail: 'acceptor jam' });
    expect(types()).toContain('CASH_UNAVAILABLE');
  });

  it('waits for an acceptor still starting, then offers notes', () => {
    acceptor.status = { ...acceptor.status, device: 'offline' };
    run(10000, true);
    expect(acceptor.enabled).toEqual([]);
    acceptor.set({ device: 'online' });
    expect(acceptor.enabled).toEqual([CNY]);
    expect(types()).not.toContain('CASH_UNAVAILABLE');
  });

  it('says so before taking anything when the amount cannot be made of notes and no overpayment', () => {
    run(5389, false);
    expect(types()).toEqual(['ACCEPTED_NOTES', 'CASH_NOT_EXACT']);
    expect(acceptor.enabled).toEqual([]);
  });
});
