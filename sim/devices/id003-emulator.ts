// The acceptor's side of JCM ID-003, byte for byte. Time advances with the host's STATUS REQ
// polls, not with a clock, so scenarios are deterministic at any poll rate. Every reported
// status comes from statusFrame() and every frame leaves through the wire (line-faults.ts),
// where line faults are injected. A note is always somewhere faithful: in the acceptor, in the
// stacker, in the box (counted) or back with the customer.
import { EventEmitter } from 'node:events';
import { Cmd, Status } from '../../drivers/bill-acceptor/id003/codes';
import { FrameParser, encodeFrame } from '../../drivers/bill-acceptor/id003/frame';
import type {
  AcceptorEmulator,
  AcceptorEmulatorEvents,
  AcceptorFault,
  LineFaults,
  PowerLossPoint,
} from './acceptor-emulator';
import { EmulatedCashBox } from './emulated-cash-box';
import { CNY_TABLE, noteFen, tableBytes } from './id003-table';
import type { EmulatedNote } from './id003-table';
import { FaultyWire, withBadCrc } from './line-faults';
import { statusFrame } from './id003-reports';
import type { EmulatorState } from './id003-reports';

export { CNY_TABLE } from './id003-table';
export type { EmulatedNote } from './id003-table';
export type { EmulatorState } from './id003-reports';

export interface Id003EmulatorOptions {
  table?: readonly EmulatedNote[];
  /**
   * Polls an escrowed note waits for STACK or RETURN before the acceptor returns it by itself;
   * HOLD restarts the count. Default 50: about 10 s [U] at 200 ms polling.
   */
  holdPolls?: number;
}

/** Polls spent in each timed state; small, so tests run fast at any poll rate. */
const POLLS = { initializing: 2, accepting: 1, stacking: 2, stacked: 1, handBack: 2 } as const;
/** A real acceptor leaves INITIALIZE on its own eventually, settings or not. */
const MAX_INIT_POLLS = 50;
const IN_ACCEPTOR: readonly EmulatorState[] = [
  'accepting',
  'escrow',
  'holding',
  'rejecting',
  'returning',
];
const IN_STACKER: readonly EmulatorState[] = ['stacking', 'vendValid'];

export class Id003Emulator implements AcceptorEmulator {
  readonly protocol = 'id003';
  readonly events = new EventEmitter<AcceptorEmulatorEvents>();
  private readonly wire = new FaultyWire();
  private readonly parser = new FrameParser();
  private readonly table: readonly EmulatedNote[];
  private readonly holdPolls: number;
  private st: EmulatorState = 'powerUp';
  private powerUpCode: number = Status.POWER_UP;
  private polls = 0;
  private note: EmulatedNote | null = null;
  private creditReported = false;
  private nextReject: number | null = null;
  private rejectReason = 0;
  private inhibited = true;
  private disabledBits = 0;
  private inhibitReceived = false;
  private fault: AcceptorFault | null = null;
  private powerCut: PowerLossPoint | null = null;
  private readonly box = new EmulatedCashBox(this.events);

  constructor(options: Id003EmulatorOptions = {}) {
    this.table = options.table ?? CNY_TABLE;
    this.holdPolls = options.holdPolls ?? 50;
  }

  get state(): EmulatorState {
    return this.st;
  }

  get line(): LineFaults {
    return this.wire.faults;
  }

  get denominations(): readonly number[] {
    return this.table.map(noteFen);
  }

  /** Frames the emulator could not read (bad CRC, garbage), for fault scenarios. */
  get lineStats(): FrameParser['stats'] {
    return this.parser.stats;
  }

  /** ID-003 has no counters the host can read: these are the test's view of the cash box. */
  counters(): { stacked: number; byValue: Record<number, number> } {
    return this.box.counters();
  }

  onTransmit(cb: (bytes: Buffer) => void): () => void {
    return this.wire.onTransmit(cb);
  }

  /** Bytes the host wrote, in any chunking; lost when the power or the cable is cut. */
  receive(bytes: Buffer): void {
    if (this.st === 'off' || this.wire.faults.silent) return;
    for (const frame of this.parser.push(bytes)) this.onCommand(frame.cmd, frame.data);
  }

  /** A customer inserts a note; false if the acceptor would not take it in. */
  insertNote(valueFen: number): boolean {
    if (this.st !== 'idling' || this.fault) return false;
    const note = this.table.find((n) => noteFen(n) === valueFen);
    if (!note || !this.enabled(note)) return false;
    this.note = note;
    this.enter('accepting');
    return true;
  }

  /** The next note inserted is rejected with this reason (0x71–0x7E) instead of escrowed. */
  rejectNext(reason = 0x71): void {
    if (!Number.isInteger(reason) || reason < 0x71 || reason > 0x7e) {
      throw new RangeError(`ID-003 reject reasons are 0x71–0x7E, not ${reason}`);
    }
    this.nextReject = reason;
  }

  /**
   * Reports the fault until setFault(null), and time stands still meanwhile. On clearing, a
   * note in the acceptor is handed back, and one caught in the stacker goes into the box with
   * no VEND VALID: the host never learns its fate from the device (an uncertain note).
   */
  setFault(fault: AcceptorFault | null): void {
    const was = this.fault;
    this.fault = fault;
    if (!was || fault) return;
    if (this.st === 'accepting' || this.st === 'escrow' || this.st === 'holding') {
      this.enter('returning');
    } else if (this.st === 'stacking') {
      const note = this.note;
      this.note = null;
      this.toIdle();
      if (note) this.box.add(noteFen(note));
    }
  }

  /** Cuts the power now, or right after the next note is first reported in escrow / stacking. */
  powerLoss(at: PowerLossPoint): void {
    if (at === 'now') this.cutPower();
    else this.powerCut = at;
  }

  /**
   * Power back: POWER UP reports where a note was caught (41 acceptor, 42 stacker). With the
   * power still on, a cut armed for a later point is withdrawn.
   */
  powerOn(): void {
    this.powerCut = null;
    if (this.st !== 'off') return;
    this.inhibited = true;
    this.disabledBits = 0;
    this.inhibitReceived = false;
    this.enter('powerUp');
  }

  powerCycle(): void {
    this.cutPower();
    this.powerOn();
  }

  private cutPower(): void {
    if (this.st === 'off') return;
    // Still reporting a power up (no RESET yet): the note is where that report says.
    if (this.st !== 'powerUp') this.powerUpCode = this.whereTheNoteIs();
    if (this.powerUpCode === Status.POWER_UP) this.note = null;
    this.powerCut = null;
    this.fault = null; // a power cycle is how a technician clears it
    this.parser.reset();
    this.wire.drop();
    this.enter('off');
  }

  /** The POWER UP code that would report the note's place now. */
  private whereTheNoteIs(): number {
    if (this.note && IN_ACCEPTOR.includes(this.st)) return Status.POWER_UP_BILL_IN_ACCEPTOR;
    if (this.note && IN_STACKER.includes(this.st)) return Status.POWER_UP_BILL_IN_STACKER;
    return Status.POWER_UP;
  }

  private onCommand(cmd: number, data: Buffer): void {
    switch (cmd) {
      case Cmd.STATUS_REQ:
        return this.onPoll();
      case Cmd.RESET:
        this.transmit(encodeFrame(Cmd.ACK));
        return this.reset();
      case Cmd.CURRENCY_ASSIGN:
        return this.transmit(encodeFrame(Cmd.CURRENCY_ASSIGN, tableBytes(this.table)));
      case Cmd.ENABLE:
        if (data.length !== 2) return this.invalid();
        this.disabledBits = data[0] ?? 0;
        return this.transmit(encodeFrame(cmd, data));
      case Cmd.SECURITY:
      case Cmd.OPTIONAL_FUNCTION:
        if (data.length !== 2) return this.invalid();
        return this.transmit(encodeFrame(cmd, data));
      case Cmd.INHIBIT:
        if (data.length !== 1) return this.invalid();
        this.inhibited = data[0] !== 0;
        this.inhibitReceived = true;
        if (this.st === 'idling' || this.st === 'disabled') this.toIdle();
        return this.transmit(encodeFrame(cmd, data));
      case Cmd.STACK_1:
      case Cmd.STACK_2:
      case Cmd.RETURN:
      case Cmd.HOLD:
        return this.onEscrowCommand(cmd);
      case Cmd.ACK:
        // The host's ACK of VEND VALID: the credit point has passed. It gets no reply.
        if (this.st === 'vendValid' && !this.fault) this.finishStack();
        return;
      default:
        return this.invalid();
    }
  }

  private onPoll(): void {
    const reported = this.fault ? null : this.st;
    this.transmit(this.statusFrame());
    if (reported === 'vendValid' && !this.creditReported && this.note) {
      this.creditReported = true;
      this.events.emit('credited', noteFen(this.note));
    }
    const cut = this.powerCut;
    if (
      (cut === 'inEscrow' && reported === 'escrow') ||
      (cut === 'whileStacking' && reported === 'stacking')
    ) {
      return this.cutPower();
    }
    if (!this.fault) this.afterPoll();
  }

  private onEscrowCommand(cmd: number): void {
    if (this.fault || (this.st !== 'escrow' && this.st !== 'holding')) return this.invalid();
    this.transmit(encodeFrame(Cmd.ACK));
    if (cmd === Cmd.RETURN) this.enter('returning');
    else if (cmd === Cmd.HOLD)
      this.enter('holding'); // restarts the hold count
    else this.enter('stacking');
  }

  /** Time passes one poll: timed states move on. */
  private afterPoll(): void {
    this.polls++;
    switch (this.st) {
      case 'initializing':
        if (
          (this.polls >= POLLS.initializing && this.inhibitReceived) ||
          this.polls >= MAX_INIT_POLLS
        ) {
          this.toIdle();
        }
        return;
      case 'accepting':
        if (this.polls < POLLS.accepting) return;
        if (this.nextReject === null) return this.enter('escrow');
        this.rejectReason = this.nextReject;
        this.nextReject = null;
        return this.enter('rejecting');
      case 'escrow':
      case 'holding':
        if (this.polls >= this.holdPolls) this.enter('returning'); // the host took too long
        return;
      case 'stacking':
        if (this.polls >= POLLS.stacking) {
          this.creditReported = false;
          this.enter('vendValid'); // held until the host ACKs
        }
        return;
      case 'stacked':
        if (this.polls >= POLLS.stacked) this.toIdle();
        return;
      case 'rejecting':
      case 'returning':
        if (this.polls >= POLLS.handBack) {
          const note = this.note;
          this.note = null;
          this.toIdle();
          if (note) this.handBack(note);
        }
        return;
    }
  }

  private reset(): void {
    // RESET finishes a note already in the stacker and hands back one still in the acceptor.
    const note = this.note;
    const inStacker =
      IN_STACKER.includes(this.st) || this.powerUpCode === Status.POWER_UP_BILL_IN_STACKER;
    this.note = null;
    this.powerUpCode = Status.POWER_UP;
    this.inhibited = true;
    this.inhibitReceived = false;
    this.enter('initializing');
    if (note && inStacker) this.box.add(noteFen(note));
    else if (note) this.handBack(note);
  }

  private finishStack(): void {
    const note = this.note;
    this.note = null;
    this.enter('stacked');
    if (note) this.box.add(noteFen(note));
  }

  private handBack(note: EmulatedNote): void {
    this.events.emit('returned', noteFen(note));
  }

  private statusFrame(): Buffer {
    return statusFrame({
      state: this.st,
      fault: this.fault,
      note: this.note,
      powerUpCode: this.powerUpCode,
      rejectReason: this.rejectReason,
    });
  }

  private enabled(note: EmulatedNote): boolean {
    const bit = note.code - 0x61;
    return bit < 0 || bit > 7 || (this.disabledBits & (1 << bit)) === 0;
  }

  private toIdle(): void {
    this.enter(this.inhibited ? 'disabled' : 'idling');
  }

  private enter(state: EmulatorState): void {
    this.st = state;
    this.polls = 0;
  }

  private invalid(): void {
    this.transmit(encodeFrame(Status.INVALID_COMMAND));
  }

  private transmit(frame: Buffer): void {
    this.wire.send((badCrc) => (badCrc ? withBadCrc(frame) : frame));
  }
}
