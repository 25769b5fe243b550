// The acceptor's side of JCM ID-003, byte for byte. Time advances with the host's STATUS REQ
// polls, not with a clock, so scenarios are deterministic at any poll rate. Every reply leaves
// through transmit(), and every reported status comes from statusFrame(): the two seams where
// scripted faults (silence, bad CRC, split frames, jams, stacker full/open) will plug in.
import { EventEmitter } from 'node:events';
import { Cmd, Status } from '../../drivers/bill-acceptor/id003/codes';
import { FrameParser, encodeFrame } from '../../drivers/bill-acceptor/id003/frame';

export interface EmulatedNote {
  code: number;
  country: number;
  value: number;
  exponent: number;
}

/** The emulator's own CNY table; the country byte is a placeholder, not a JCM-assigned code. */
export const CNY_TABLE: readonly EmulatedNote[] = [
  { code: 0x61, country: 0xa0, value: 1, exponent: 0 },
  { code: 0x62, country: 0xa0, value: 5, exponent: 0 },
  { code: 0x63, country: 0xa0, value: 1, exponent: 1 },
  { code: 0x64, country: 0xa0, value: 2, exponent: 1 },
  { code: 0x65, country: 0xa0, value: 5, exponent: 1 },
  { code: 0x66, country: 0xa0, value: 1, exponent: 2 },
];

export type EmulatorState =
  | 'powerUp'
  | 'initializing'
  | 'idling'
  | 'disabled'
  | 'accepting'
  | 'escrow'
  | 'stacking'
  | 'vendValid'
  | 'stacked'
  | 'returning';

export interface EmulatorEvents {
  stacked: [valueFen: number];
  returned: [valueFen: number];
}

/** Polls spent in each timed state; small, so tests run fast at any poll rate. */
const POLLS = { initializing: 2, accepting: 1, stacking: 2, stacked: 1, returning: 2 } as const;
/** A real acceptor leaves INITIALIZE on its own eventually, settings or not. */
const MAX_INIT_POLLS = 50;

const noteFen = (n: EmulatedNote): number => n.value * 10 ** (n.exponent + 2);

export class Id003Emulator {
  readonly events = new EventEmitter<EmulatorEvents>();
  private readonly parser = new FrameParser();
  private readonly transmitters = new Set<(bytes: Buffer) => void>();
  private st: EmulatorState = 'powerUp';
  private powerUpCode: number = Status.POWER_UP;
  private polls = 0;
  private note: EmulatedNote | null = null;
  private inhibited = true;
  private disabledBits = 0;
  private inhibitReceived = false;
  private fault: { code: number; data: number[] } | null = null;

  constructor(private readonly table: readonly EmulatedNote[] = CNY_TABLE) {}

  get state(): EmulatorState {
    return this.st;
  }

  /** Frames the emulator could not read (bad CRC, garbage), for fault scenarios. */
  get lineStats(): FrameParser['stats'] {
    return this.parser.stats;
  }

  onTransmit(cb: (bytes: Buffer) => void): () => void {
    this.transmitters.add(cb);
    return () => this.transmitters.delete(cb);
  }

  /** Bytes the host wrote, in any chunking. */
  receive(bytes: Buffer): void {
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

  /** Power loss and return: a note caught mid-way is reported as POWER UP with a bill. */
  powerCycle(): void {
    const inAcceptor = this.st === 'accepting' || this.st === 'escrow';
    const inStacker = this.st === 'stacking' || this.st === 'vendValid';
    this.powerUpCode = inAcceptor
      ? Status.POWER_UP_BILL_IN_ACCEPTOR
      : inStacker
        ? Status.POWER_UP_BILL_IN_STACKER
        : Status.POWER_UP;
    if (!inAcceptor && !inStacker) this.note = null;
    this.parser.reset();
    this.inhibited = true;
    this.disabledBits = 0;
    this.fault = null;
    this.enter('powerUp');
  }

  /** Reports an error status (stacker full 0x43, jam 0x45, failure 0x49 + code…) until cleared. */
  setFault(code: number, data: number[] = []): void {
    this.fault = { code, data };
  }

  clearFault(): void {
    this.fault = null;
  }

  private onCommand(cmd: number, data: Buffer): void {
    switch (cmd) {
      case Cmd.STATUS_REQ:
        this.transmit(this.statusFrame());
        return this.afterPoll();
      case Cmd.RESET:
        this.transmit(encodeFrame(Cmd.ACK));
        return this.reset();
      case Cmd.CURRENCY_ASSIGN:
        return this.transmit(encodeFrame(Cmd.CURRENCY_ASSIGN, this.tableBytes()));
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
        if (this.st === 'vendValid') this.finishStack();
        return;
      default:
        return this.invalid();
    }
  }

  private onEscrowCommand(cmd: number): void {
    if (this.st !== 'escrow') return this.invalid();
    this.transmit(encodeFrame(Cmd.ACK));
    if (cmd === Cmd.RETURN) this.enter('returning');
    else if (cmd !== Cmd.HOLD) this.enter('stacking');
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
        if (this.polls >= POLLS.accepting) this.enter('escrow');
        return;
      case 'stacking':
        if (this.polls >= POLLS.stacking) this.enter('vendValid'); // held until the host ACKs
        return;
      case 'stacked':
        if (this.polls >= POLLS.stacked) this.toIdle();
        return;
      case 'returning':
        if (this.polls >= POLLS.returning) {
          const note = this.note;
          this.note = null;
          this.toIdle();
          if (note) this.events.emit('returned', noteFen(note));
        }
        return;
    }
  }

  private reset(): void {
    // RESET finishes a note already in the stacker and hands back one still in the acceptor.
    const note = this.note;
    const inStacker =
      this.st === 'stacking' ||
      this.st === 'vendValid' ||
      this.powerUpCode === Status.POWER_UP_BILL_IN_STACKER;
    this.note = null;
    if (note) this.events.emit(inStacker ? 'stacked' : 'returned', noteFen(note));
    this.powerUpCode = Status.POWER_UP;
    this.inhibited = true;
    this.inhibitReceived = false;
    this.enter('initializing');
  }

  private finishStack(): void {
    const note = this.note;
    this.note = null;
    this.enter('stacked');
    if (note) this.events.emit('stacked', noteFen(note));
  }

  private statusFrame(): Buffer {
    if (this.fault) return encodeFrame(this.fault.code, Buffer.from(this.fault.data));
    switch (this.st) {
      case 'powerUp':
        return encodeFrame(this.powerUpCode);
      case 'initializing':
        return encodeFrame(Status.INITIALIZE);
      case 'idling':
        return encodeFrame(Status.IDLING);
      case 'disabled':
        return encodeFrame(Status.DISABLED);
      case 'accepting':
        return encodeFrame(Status.ACCEPTING);
      case 'escrow':
        return encodeFrame(Status.ESCROW, Buffer.from([this.note?.code ?? 0]));
      case 'stacking':
        return encodeFrame(Status.STACKING);
      case 'vendValid':
        return encodeFrame(Status.VEND_VALID);
      case 'stacked':
        return encodeFrame(Status.STACKED);
      case 'returning':
        return encodeFrame(Status.RETURNING);
    }
  }

  private tableBytes(): Buffer {
    return Buffer.from(this.table.flatMap((n) => [n.code, n.country, n.value, n.exponent]));
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
    for (const cb of this.transmitters) cb(frame);
  }
}
