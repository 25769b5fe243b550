// The kiosk's cash side in process, over an acceptor emulator that outlives it: journal (one
// SQLite file), recovery, cash box, the real driver through the serialport mock binding, and
// the cash-in actor. A host "life" can be killed at an exact point of a note's journey (the
// journal and the driver stop dead, mid-flow) and a new one started on the same file, while the
// emulator keeps its notes where they physically are. The rig also keeps the physical truth:
// every note a customer put in, and where the emulator says it ended.
import { createActor, createMachine, type AnyActorRef } from 'xstate';
import type { BillAcceptor, StrayNote } from '../../drivers/bill-acceptor/bill-acceptor';
import { CashBox, type StrayAttribution } from '../../offline-queue/cash-box';
import { recoverJournal } from '../../offline-queue/recovery';
import { StaffItems } from '../../offline-queue/staff-items';
import type { AcceptorEmulator, AcceptorProtocol } from '../../sim/devices/acceptor-emulator';
import { createEmulatorBinding } from '../../sim/devices/emulator-binding';
import { Id003Emulator } from '../../sim/devices/id003-emulator';
import { SspEmulator } from '../../sim/devices/ssp-emulator';
import { createBillAcceptor } from '../../src/host/bill-acceptor-factory';
import { cashInActor } from '../../src/host/cash-in-actor';
import { cashPaymentRequest, qrPaymentRequest } from '../../src/host/payment-request';
import {
  newPayment,
  openTestJournal,
  tempDir,
  testClock,
  type TempDir,
  type TestJournal,
} from '../offline-queue/journal-fixture';

const POLL_MS = 10;
/** Every note the emulator knows is wanted: the payment never fills up. */
const AMOUNT_DUE = 100_000_000;
const IDLE: readonly string[] = ['idling', 'disabled', 'idle'];

/** Points of a note's journey where the rig can act (cut the power, kill the host, jam). */
export type NotePoint = 'beforeEscrow' | 'inEscrow' | 'whileStacking' | 'atCredit' | 'afterCredit';

export interface PhysicalNote {
  value: number;
  fate: 'stacked' | 'returned' | null;
}

/** One run of the host: killed by setting `alive` false, after which it touches nothing. */
interface Life {
  alive: boolean;
  t: TestJournal;
  cashBox: CashBox;
  acceptor: BillAcceptor;
  cash: AnyActorRef | null;
  stopped: Promise<void> | null;
}

let rigs = 0;

export class CashEvidenceRig {
  readonly emulator: AcceptorEmulator;
  readonly physical: PhysicalNote[] = [];
  /** Every stray report the live host journalled, with what the journal made of it. */
  readonly strays: { note: StrayNote; result: StrayAttribution }[] = [];
  /** What the emulator did that the rig cannot pair with a note put in (a broken harness). */
  readonly harnessErrors: string[] = [];
  private readonly dir: TempDir = tempDir('kiosk-cash-evidence-');
  private readonly clock = testClock();
  private readonly path: string;
  private readonly binding;
  private life: Life | null = null;
  private trigger: { at: NotePoint; fire: () => void } | null = null;
  /** Order of the last note fate and of the last clear note path the host heard. */
  private seq = 0;
  private lastFate = 0;
  private lastClear = 0;

  constructor(readonly protocol: AcceptorProtocol) {
    const emulator = (this.emulator =
      protocol === 'id003' ? new Id003Emulator() : new SspEmulator());
    this.path = `sim://cash-evidence-${protocol}-${++rigs}`;
    this.binding = createEmulatorBinding({
      [this.path]: {
        receive: (bytes) => {
          emulator.receive(bytes);
          if (emulator.state === 'stacking') this.fire('whileStacking');
        },
        onTransmit: (cb) => emulator.onTransmit(cb),
      },
    });
    emulator.events.on('stacked', (v) => this.fate('stacked', v));
    emulator.events.on('returned', (v) => this.fate('returned', v));
    emulator.events.on('credited', () => this.fire('atCredit'));
  }

  get journal(): TestJournal {
    return this.current().t;
  }

  get alive(): boolean {
    return this.life?.alive === true;
  }

  /** A host starts on the journal file: recovery first, then the driver. Nothing is enabled. */
  async startHost(): Promise<void> {
    const t = openTestJournal(this.dir.file('journal.sqlite'), this.clock);
    const staff = new StaffItems(t.db, t.clock);
    recoverJournal({
      db: t.db,
      journal: t.journal,
      staff,
      buildRequest: (p, at) => cashPaymentRequest(t.journal, p, at),
      buildQrRequest: qrPaymentRequest,
    });
    const cashBox = new CashBox(t.db, t.journal, staff, t.clock);
    const acceptor = createBillAcceptor(
      { driver: this.protocol, port: this.path, pollIntervalMs: POLL_MS },
      { binding: this.binding },
    );
    const life: Life = { alive: true, t, cashBox, acceptor, cash: null, stopped: null };
    this.life = life;
    acceptor.onStrayNote((note) => {
      if (!life.alive) throw new Error('the host is dead');
      this.strays.push({ note, result: cashBox.strayNote(note) });
    });
    acceptor.onNotePathClear(() => {
      if (!life.alive) return;
      cashBox.notePathClear();
      this.lastClear = ++this.seq;
    });
    await acceptor.start();
  }

  /** Once the acceptor is settled: a new payment, its cash-in taking every note. */
  async beginPayment(): Promise<void> {
    await this.settled();
    const life = this.current();
    const p = life.t.journal.create(
      newPayment({ amountDue: AMOUNT_DUE, acceptsOverpayment: true }),
    );
    life.t.journal.startCollecting(p.id);
    const ready: boolean[] = [];
    const services = {
      acceptor: life.acceptor,
      journal: this.deadly(life, life.t.journal, {
        recordEscrow: 'inEscrow',
        recordStacked: 'afterCredit',
      }),
      cashBox: this.deadly(life, life.cashBox, {}),
      log: { warn: () => undefined },
    };
    const parent = createMachine({
      invoke: {
        src: cashInActor(services),
        input: { paymentId: p.id, amountDue: AMOUNT_DUE, acceptsOverpayment: true },
      },
      on: {
        '*': {
          actions: ({ event }) => {
            const e = event as { type: string; values?: number[] };
            if (e.type === 'ACCEPTED_NOTES') ready.push((e.values?.length ?? 0) > 0);
          },
        },
      },
    });
    life.cash = createActor(parent).start();
    await until('notes offered', () => ready.at(-1) === true);
  }

  /** A payment for this host, unless it has one already. */
  async beginPaymentIfNone(): Promise<void> {
    if (!this.current().cash) await this.beginPayment();
  }

  /** A customer puts a note in; `at` arms what happens at that point of its journey. */
  async insert(value: number, at?: { point: NotePoint; fire: () => void }): Promise<void> {
    this.trigger = at ? { at: at.point, fire: at.fire } : null;
    await until('the acceptor takes the note', () => {
      if (!this.emulator.insertNote(value)) return false;
      this.physical.push({ value, fate: null });
      this.fire('beforeEscrow'); // at once: not even the acceptor's next poll has come
      return true;
    });
  }

  /** Kills the host where it stands: the driver and the journal do nothing more. */
  kill(): void {
    const life = this.current();
    if (!life.alive) return;
    life.alive = false;
    life.stopped = life.acceptor.stop();
  }

  /** Buries a killed host (its port closed, its file closed) and starts the next one. */
  async restart(): Promise<void> {
    const life = this.current();
    if (life.alive) throw new Error('restart a killed host only');
    await life.stopped;
    life.cash?.stop();
    life.t.close();
    await this.startHost();
  }

  /** Whether the armed point was reached (its action done). */
  get fired(): boolean {
    return this.trigger === null;
  }

  /**
   * Settled: the host is up and online, the acceptor idle with every note's fate known, and the
   * host has heard a clear note path since the last fate.
   */
  async settled(): Promise<void> {
    await until(
      'settled',
      () =>
        this.alive &&
        this.current().acceptor.status.device === 'online' &&
        this.current().acceptor.status.escrow === null &&
        IDLE.includes(this.emulator.state) &&
        this.physical.every((n) => n.fate !== null) &&
        this.lastClear > this.lastFate,
      15_000,
    );
  }

  async close(): Promise<void> {
    const life = this.life;
    if (life) {
      life.alive = false;
      life.cash?.stop();
      await (life.stopped ?? life.acceptor.stop());
      if (life.t.db.open) life.t.close();
    }
    this.dir.remove();
  }

  private current(): Life {
    if (!this.life) throw new Error('no host started');
    return this.life;
  }

  private fire(point: NotePoint): void {
    const trigger = this.trigger;
    if (trigger?.at !== point) return;
    this.trigger = null;
    trigger.fire();
  }

  private fate(fate: 'stacked' | 'returned', value: number): void {
    const note = this.physical.find((n) => n.fate === null);
    if (!note || note.value !== value) {
      this.harnessErrors.push(`the emulator ${fate} ${value}, expected ${note?.value ?? 'none'}`);
      return;
    }
    note.fate = fate;
    this.lastFate = ++this.seq;
  }

  /**
   * The object as a dead host would have it: every method throws once the life is over, and
   * the named methods reach their point of the note's journey after they return.
   */
  private deadly<T extends object>(life: Life, target: T, points: Record<string, NotePoint>): T {
    return new Proxy(target, {
      get: (obj, prop, receiver) => {
        const member: unknown = Reflect.get(obj, prop, receiver);
        if (typeof member !== 'function') return member;
        return (...args: unknown[]) => {
          if (!life.alive) throw new Error('the host is dead');
          const result: unknown = member.apply(obj, args);
          const point = typeof prop === 'string' ? points[prop] : undefined;
          if (point) this.fire(point);
          return result;
        };
      },
    });
  }
}

export async function until(what: string, cond: () => boolean, timeoutMs = 8_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 3));
  }
}
