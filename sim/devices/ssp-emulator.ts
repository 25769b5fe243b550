// The validator's side of ITL SSP, byte for byte (NV9-like, unencrypted). Commands are framed by
// the driver's parser; a command repeating the last SEQ gets the last reply again, unexecuted,
// so a lost reply costs no event. The note's journey is in ssp-note-path.ts, line faults in
// line-faults.ts. A note is always somewhere faithful: in the path, in the box (counted) or back
// with the customer.
import { EventEmitter } from 'node:events';
import { Cmd, Event, Reply } from '../../drivers/bill-acceptor/ssp/codes';
import { encodeCounters } from '../../drivers/bill-acceptor/ssp/counters';
import {
  DEVICE_ID,
  SEQ_FLAG,
  SspFrameParser,
  frameBody,
  stuff,
} from '../../drivers/bill-acceptor/ssp/frame';
import type { SspFrame, SspFrameStats } from '../../drivers/bill-acceptor/ssp/frame';
import type {
  AcceptorEmulator,
  AcceptorEmulatorEvents,
  AcceptorFault,
  LineFaults,
  PowerLossPoint,
} from './acceptor-emulator';
import { EmulatedCashBox } from './emulated-cash-box';
import { FaultyWire, withBadCrc } from './line-faults';
import { NotePath } from './ssp-note-path';
import { CNY_DATASET, channelFen, setupReply } from './ssp-table';
import type { SspDataset } from './ssp-table';

export interface SspEmulatorOptions {
  dataset?: SspDataset;
  /** The escrow timeout's clock (default Date.now); a test may move it on by hand. */
  clock?: () => number;
  /** A note in escrow with no HOLD for this long is rejected (default 10 s, per ITL). */
  escrowTimeoutMs?: number;
}

/** Events a lasting fault adds to every POLL; cheated adds E6 + channel; failure answers FAIL. */
const FAULT_EVENTS: Readonly<Record<Exclude<AcceptorFault, 'failure' | 'cheated'>, number>> = {
  // An unsafe jam is one the customer could reach from the front; a safe one is out of reach.
  jamInAcceptor: Event.UNSAFE_JAM,
  jamInStacker: Event.SAFE_JAM,
  stackerFull: Event.STACKER_FULL,
  stackerOpen: Event.CASHBOX_REMOVED,
};

/** The protocol a validator reports in until the host asks for another [U]. */
const DEFAULT_PROTOCOL = 4;

export class SspEmulator implements AcceptorEmulator {
  readonly protocol = 'ssp';
  readonly events = new EventEmitter<AcceptorEmulatorEvents>();
  private readonly wire = new FaultyWire();
  private readonly parser = new SspFrameParser();
  private readonly dataset: SspDataset;
  private readonly path: NotePath;
  private powered = true;
  private enabled = false;
  private inhibits = 0;
  private protocolVersion = DEFAULT_PROTOCOL;
  private last: { seq: number; reply: Buffer } | null = null;
  /** One-off events for the next POLL. */
  private pending: number[] = [Event.SLAVE_RESET];
  private fault: AcceptorFault | null = null;
  private powerCut: PowerLossPoint | null = null;
  private nextReject: number | null = null;
  private readonly box = new EmulatedCashBox(this.events);
  /** Notes handed back to the customer, for GET COUNTERS. */
  private rejected = 0;

  constructor(options: SspEmulatorOptions = {}) {
    this.dataset = options.dataset ?? CNY_DATASET;
    this.path = new NotePath(options.clock ?? Date.now, options.escrowTimeoutMs ?? 10_000, {
      credited: (fen) => this.events.emit('credited', fen),
      stacked: (fen) => this.box.add(fen),
      returned: (fen) => {
        this.rejected++;
        this.events.emit('returned', fen);
      },
    });
  }

  /** off, the fault, disabled, idle, or where the note is: reading, escrow, stacking, … */
  get state(): string {
    if (!this.powered) return 'off';
    if (this.fault) return this.fault;
    if (this.path.phase !== 'idle') return this.path.phase;
    return this.enabled ? 'idle' : 'disabled';
  }

  get line(): LineFaults {
    return this.wire.faults;
  }

  get denominations(): readonly number[] {
    return this.dataset.values.map((_, i) => channelFen(this.dataset, i + 1) ?? 0);
  }

  /** Frames the emulator could not read (bad CRC, garbage), for fault scenarios. */
  get lineStats(): SspFrameStats {
    return this.parser.stats;
  }

  counters(): { stacked: number; byValue: Record<number, number> } {
    return this.box.counters();
  }

  onTransmit(cb: (bytes: Buffer) => void): () => void {
    return this.wire.onTransmit(cb);
  }

  /** Bytes the host wrote, in any chunking; lost when the power or the cable is cut. */
  receive(bytes: Buffer): void {
    if (!this.powered || this.wire.faults.silent) return;
    for (const frame of this.parser.push(bytes)) this.onFrame(frame);
  }

  /** False unless enabled, idle, unfaulted, and the note's channel is not inhibited. */
  insertNote(valueFen: number): boolean {
    if (!this.powered || this.fault || !this.enabled || this.path.phase !== 'idle') return false;
    const index = this.denominations.indexOf(valueFen);
    if (index < 0 || (this.inhibits & (1 << index)) === 0) return false;
    this.path.insert({ channel: index + 1, fen: valueFen, reject: this.nextReject });
    this.nextReject = null;
    return true;
  }

  /** The next note is read, then rejected with this LAST REJECT CODE (default 0x02). */
  rejectNext(reason = 0x02): void {
    if (!Number.isInteger(reason) || reason < 0x01 || reason > 0xff) {
      throw new RangeError(`SSP reject codes are 0x01–0xFF, not ${reason}`);
    }
    this.nextReject = reason;
  }

  /**
   * Reported with every POLL until setFault(null); time stands still meanwhile. On clearing, a
   * note in the acceptor is handed back and one stacking goes into the box uncredited.
   */
  setFault(fault: AcceptorFault | null): void {
    const was = this.fault;
    this.fault = fault;
    if (was === 'stackerOpen' && fault !== 'stackerOpen') this.pending.push(Event.CASHBOX_REPLACED);
    if (was && !fault) this.path.faultCleared();
  }

  /** Cuts the power now, or right after the next note is first reported in escrow / stacking. */
  powerLoss(at: PowerLossPoint): void {
    if (at === 'now') this.cutPower();
    else this.powerCut = at;
  }

  /**
   * Power back: SLAVE RESET, then where a caught note went (E1 front, E2 box), disabled. With
   * the power still on, a cut armed for a later point is withdrawn.
   */
  powerOn(): void {
    this.powerCut = null;
    if (this.powered) return;
    this.powered = true;
    this.reboot();
  }

  private cutPower(): void {
    this.powered = false;
    this.powerCut = null;
    this.fault = null; // a power cycle is how a technician clears it
    this.parser.reset();
    this.wire.drop();
  }

  private reboot(): void {
    this.enabled = false;
    this.inhibits = 0;
    this.protocolVersion = DEFAULT_PROTOCOL;
    this.last = null;
    this.pending = [Event.SLAVE_RESET, ...this.path.powerUp()];
  }

  private onFrame({ seq, data }: SspFrame): void {
    const cmd = data[0];
    if ((seq & ~SEQ_FLAG) !== DEVICE_ID || cmd === undefined) return; // for another device
    const last = this.last;
    if (cmd !== Cmd.SYNC && last?.seq === seq) return this.transmit(seq, last.reply);
    if (!this.fault) this.path.checkTimeout();
    const reply = this.execute(cmd, data.subarray(1));
    this.last = { seq, reply };
    this.transmit(seq, reply);
    if (cmd === Cmd.RESET) this.reboot();
    else if (cmd === Cmd.POLL) this.maybeCutPower();
  }

  private execute(cmd: number, args: Buffer): Buffer {
    const ok = (data: Iterable<number> = []): Buffer => Buffer.from([Reply.OK, ...data]);
    const status = (code: number): Buffer => Buffer.from([code]);
    if (this.fault === 'failure' && cmd !== Cmd.SYNC) return status(Reply.FAIL);
    switch (cmd) {
      case Cmd.SYNC:
      case Cmd.RESET:
      case 0x03: // DISPLAY ON
      case 0x04: // DISPLAY OFF
        return ok();
      case Cmd.HOST_PROTOCOL_VERSION: {
        const version = args[0];
        if (args.length !== 1 || version === undefined) return status(Reply.WRONG_PARAMETER_COUNT);
        if (version < 1 || version > 7) return status(Reply.FAIL);
        this.protocolVersion = version;
        return ok();
      }
      case Cmd.SETUP_REQUEST:
        return ok(setupReply(this.dataset, this.protocolVersion));
      case Cmd.SET_INHIBITS:
        if (args.length < 2) return status(Reply.WRONG_PARAMETER_COUNT);
        this.inhibits = args.reduce((mask, byte, i) => mask | (byte << (8 * i)), 0);
        return ok();
      case Cmd.ENABLE:
      case Cmd.DISABLE:
        this.enabled = cmd === Cmd.ENABLE;
        return ok();
      case Cmd.POLL:
        return ok(this.pollEvents());
      case Cmd.HOLD:
        return !this.fault && this.path.hold() ? ok() : status(Reply.CANNOT_PROCESS);
      case Cmd.REJECT:
        return !this.fault && this.path.rejectByHost() ? ok() : status(Reply.CANNOT_PROCESS);
      case Cmd.LAST_REJECT_CODE:
        return ok([this.path.lastRejectCode]);
      case Cmd.GET_COUNTERS: {
        const { stacked } = this.box.counters();
        const counters = {
          stacked,
          stored: 0,
          dispensed: 0,
          transferred: 0,
          rejected: this.rejected,
        };
        return ok(encodeCounters(counters));
      }
      case Cmd.RESET_COUNTERS:
        this.box.reset();
        this.rejected = 0;
        return ok();
      default:
        return status(Reply.UNKNOWN_COMMAND);
    }
  }

  private pollEvents(): number[] {
    const events = this.pending.splice(0);
    if (this.fault === 'cheated') events.push(Event.FRAUD_ATTEMPT, this.path.channel);
    else if (this.fault && this.fault !== 'failure') events.push(FAULT_EVENTS[this.fault]);
    else events.push(...this.path.poll());
    if (!this.enabled) events.push(Event.DISABLED);
    return events;
  }

  /** After the POLL that first reports the note in escrow, or the one that starts stacking. */
  private maybeCutPower(): void {
    const phase = this.path.phase;
    const cut = this.powerCut;
    if (
      (cut === 'inEscrow' && phase === 'escrow') ||
      (cut === 'whileStacking' && phase === 'stacking')
    ) {
      this.cutPower();
    }
  }

  /** Framed here so that a corrupt CRC is still stuffed correctly: only the CRC is wrong. */
  private transmit(seq: number, data: Uint8Array): void {
    this.wire.send((badCrc) => {
      const body = frameBody(seq, data);
      return stuff(badCrc ? withBadCrc(body) : body);
    });
  }
}
