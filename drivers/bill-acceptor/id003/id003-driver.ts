// JCM ID-003 bill acceptor driver. A single poll loop owns the line: each tick sends the next
// queued command, or STATUS REQ, and acts on the reply. Settings and escrow answers are
// re-derived from every status the acceptor reports, so a lost frame is simply sent again.
// The money path (ask the host, then act) lives in NoteTracker, the settings in Id003Settings.
import type { CashBoxCounters } from '../bill-acceptor';
import { monotonicNow } from '../../monotonic';
import { AcceptorDriver } from '../common/acceptor-driver';
import type { DeviceIdentity } from '../common/acceptor-driver';
import type { AcceptorOptions, LineDefaults } from '../common/driver-options';
import { Cmd, REJECT_REASONS, Status, hex } from './codes';
import { tableValues } from './denominations';
import { describeFault } from './faults';
import { encodeFrame } from './frame';
import type { Frame, FrameStats } from './frame';
import { Id003Link } from './link';
import { NoteTracker } from './note-tracker';
import type { Request } from './replies';
import { Id003Settings } from './settings';

export type { DriverLogger } from '../common/driver-logger';

/**
 * Defaults: 9600 8E1; a poll every 200 ms (10–200; 100–200 on hardware, tests may go down to
 * 10); replies within 500 ms; reopen backoff 500 ms – 30 s.
 */
export interface Id003Options extends AcceptorOptions {
  /** Consecutive unanswered requests before the device is reported offline (default 3). */
  offlineAfterTimeouts?: number;
  /**
   * HOLD is re-sent this often while onEscrow is pending (default 5 s), well within the
   * acceptor's own escrow hold time (~10 s [U]), after which it returns the note by itself.
   */
  holdRefreshMs?: number;
}

const LINE: LineDefaults = {
  serial: { baudRate: 9600, dataBits: 8, parity: 'even', stopBits: 1 },
  responseTimeoutMs: 500,
};

/** Answers the acceptor is waiting for (escrow decisions, the credit's ACK). */
const URGENT: ReadonlySet<number> = new Set([Cmd.STACK_1, Cmd.STACK_2, Cmd.RETURN, Cmd.ACK]);
const STATUS_REQ: Request = { cmd: Cmd.STATUS_REQ, data: Buffer.alloc(0) };

/**
 * Statuses that put no note in the path; any other (a note's step, a power-up, a fault) may.
 * IDLING, DISABLED and ACCEPTING clear it, once the note before has its outcome; INITIALIZE and
 * COMMUNICATION ERROR leave it as it was.
 */
const PATH_NEUTRAL: ReadonlySet<number> = new Set([
  Status.IDLING,
  Status.DISABLED,
  Status.ACCEPTING,
  Status.INITIALIZE,
  Status.COMMUNICATION_ERROR,
]);

/** Note statuses counted once per run of identical reports (the acceptor repeats them). */
const NOTE_COUNTER: Readonly<Record<number, string>> = {
  [Status.ESCROW]: 'escrowed',
  [Status.VEND_VALID]: 'credited',
  [Status.STACKED]: 'stacked',
  [Status.RETURNING]: 'returned',
  [Status.REJECTING]: 'rejected',
  [Status.POWER_UP]: 'powerUps',
  [Status.POWER_UP_BILL_IN_ACCEPTOR]: 'powerUps',
  [Status.POWER_UP_BILL_IN_STACKER]: 'powerUps',
};

const POWER_UP_WHERE: Readonly<Record<number, 'acceptor' | 'stacker' | null>> = {
  [Status.POWER_UP]: null,
  [Status.POWER_UP_BILL_IN_ACCEPTOR]: 'acceptor',
  [Status.POWER_UP_BILL_IN_STACKER]: 'stacker',
};

export class Id003BillAcceptor extends AcceptorDriver {
  private readonly offlineAfterTimeouts: number;
  protected readonly notes: NoteTracker;
  private readonly settings = new Id003Settings();
  private link: Id003Link | null = null;
  private queue: Request[] = [];
  private unanswered = 0;
  /** The last status reported, so that a repeated POWER UP is one event, not several. */
  private lastStatus: number | null = null;
  /** Frame errors of the links of earlier runs (each start builds a new link). */
  private readonly pastFrames: Omit<FrameStats, 'frames'> = { crcErrors: 0, droppedBytes: 0 };

  constructor(options: Id003Options) {
    const pollIntervalMs = options.pollIntervalMs ?? 200;
    if (pollIntervalMs < 10 || pollIntervalMs > 200) {
      throw new RangeError(`pollIntervalMs ${pollIntervalMs} outside 10–200 (100–200 on hardware)`);
    }
    const holdRefreshMs = options.holdRefreshMs ?? 5000;
    if (!(holdRefreshMs > 0)) throw new RangeError(`holdRefreshMs ${holdRefreshMs} must be > 0`);
    super('id003', options, LINE, pollIntervalMs, ['powerUps', 'timeouts']);
    this.offlineAfterTimeouts = options.offlineAfterTimeouts ?? 3;
    this.notes = new NoteTracker({
      send: (cmd) => this.enqueue(cmd),
      accepts: (value) => this.accepting(value),
      escrow: (value) => this.update({ escrow: value }),
      strays: this.strays,
      log: this.log,
      holdRefreshMs,
    });
  }

  /** Resolves after the first exchange; the loop then runs until stop(). Never rejects. */
  start(): Promise<void> {
    return this.loop.start(() => {
      this.queue = [];
      this.unanswered = 0;
      this.lastStatus = null;
      this.settings.reset();
      this.history.started();
      this.link = new Id003Link({
        ...this.line,
        onLateReply: (req, reply) => this.onLateReply(req, reply),
      });
      this.update({ detail: 'starting' });
    });
  }

  async stop(): Promise<void> {
    this.loop.stop();
    const link = this.link;
    this.link = null;
    if (link) {
      this.pastFrames.crcErrors += link.stats.crcErrors;
      this.pastFrames.droppedBytes += link.stats.droppedBytes;
    }
    await link?.close();
    this.update({ device: 'offline', detail: 'stopped' });
  }

  /** ID-003 has no command to read the acceptor's counters: the host's journal is the count. */
  async readCounters(): Promise<CashBoxCounters | null> {
    return null;
  }

  /** Nothing to reset (see readCounters). */
  async resetCounters(): Promise<boolean> {
    return false;
  }

  /**
   * The notes give ID-003 no command that reports a model or firmware version (the driver sends
   * none): both unknown.
   */
  protected identity(): DeviceIdentity {
    return { model: null, firmware: null };
  }

  protected lineCounters(): Record<string, number> {
    const now = this.link?.stats;
    return {
      crcErrors: this.pastFrames.crcErrors + (now?.crcErrors ?? 0),
      droppedBytes: this.pastFrames.droppedBytes + (now?.droppedBytes ?? 0),
    };
  }

  // ---- the poll loop ----

  /** One exchange; the next follows at once while an answer the acceptor awaits is queued. */
  protected async step(): Promise<boolean> {
    await this.exchange();
    return this.queue.some((r) => URGENT.has(r.cmd));
  }

  private async exchange(): Promise<void> {
    const link = this.link;
    if (!link) return;
    const open = await link.ensureOpen();
    if (!this.loop.running) return;
    if (!open) return this.lost('port not open');
    if (this.notes.holdDue(monotonicNow())) this.enqueue(Cmd.HOLD);
    const req = this.queue.shift() ?? STATUS_REQ;
    if (req.cmd === Cmd.ACK) {
      // The acceptor does not answer the host's ACK; the next STATUS REQ shows its effect.
      const sent = await link.send(encodeFrame(req.cmd, req.data));
      if (!sent && this.loop.running) this.lost('port write failed');
      return;
    }
    const reply = await link.request(req);
    if (!this.loop.running) return;
    if (reply === 'down') return this.lost('port closed');
    if (reply === 'noReply') {
      this.history.count('timeouts');
      if (++this.unanswered >= this.offlineAfterTimeouts) this.lost('no reply from acceptor');
      return;
    }
    this.unanswered = 0;
    if (req.cmd === Cmd.STATUS_REQ) this.onStatusReply(reply);
    else this.onCommandReply(req, reply);
  }

  /** Unreachable. It may have reset meanwhile, so it is reconfigured once it answers. */
  private lost(detail: string): void {
    this.settings.forget();
    this.queue = [];
    this.update({ device: 'offline', detail });
  }

  /** One of each command at a time; a newer payload replaces a queued one. */
  private enqueue(cmd: number, data: Buffer = Buffer.alloc(0)): void {
    const queued = this.queue.find((r) => r.cmd === cmd);
    if (queued) queued.data = data;
    else this.queue.push({ cmd, data });
    // A customer's note waits on the decision: send it now rather than at the next poll.
    if (URGENT.has(cmd)) this.loop.wake();
  }

  // ---- replies ----

  /** A command's reply that came after it timed out still tells us something; a status no. */
  private onLateReply(req: Request, reply: Frame): void {
    if (req.cmd !== Cmd.STATUS_REQ && this.loop.running) this.onCommandReply(req, reply);
  }

  private onCommandReply(req: Request, reply: Frame): void {
    if (reply.cmd === Status.INVALID_COMMAND) {
      this.log.warn({ cmd: hex(req.cmd) }, 'id003: acceptor refused a command');
      return;
    }
    if ((req.cmd === Cmd.STACK_1 || req.cmd === Cmd.RETURN) && reply.cmd === Cmd.ACK) {
      return this.notes.onActionAcked();
    }
    if (!this.settings.onReply(req, reply)) return;
    const table = this.settings.table ?? [];
    if (table.length === 0) this.log.warn({}, 'id003: the acceptor reported no denominations');
    this.update({ denominations: tableValues(table) });
  }

  private onStatusReply({ cmd: code, data }: Frame): void {
    const previous = this.lastStatus;
    const repeated = code === previous;
    this.lastStatus = code;
    // HOLDING is the same note still in escrow.
    const same = repeated || (code === Status.ESCROW && previous === Status.HOLDING);
    const counter = NOTE_COUNTER[code];
    if (counter && !same) this.history.count(counter);
    if (!PATH_NEUTRAL.has(code)) this.path.occupied();
    switch (code) {
      case Status.POWER_UP:
      case Status.POWER_UP_BILL_IN_ACCEPTOR:
      case Status.POWER_UP_BILL_IN_STACKER:
        return this.onPowerUp(code, repeated);
      case Status.INITIALIZE:
        this.reconcile();
        return this.update({ device: 'busy', stacker: 'ok', detail: 'initialising' });
      case Status.IDLING:
      case Status.DISABLED:
        this.settings.inhibited(code === Status.DISABLED);
        this.notes.onIdle(code === Status.IDLING ? 'idling' : 'disabled');
        this.path.clear();
        this.reconcile();
        return this.healthy(null);
      case Status.ACCEPTING:
        // A new note is coming in: every note before it is out of the acceptor.
        this.notes.onIdle('accepting');
        this.path.clear();
        return this.healthy(null);
      case Status.STACKED:
        this.notes.onIdle('stacked');
        return this.healthy(null);
      case Status.ESCROW:
        this.notes.onEscrow(this.fenOf(data[0], true), this.accepting() ? this.handlers : null);
        return this.healthy(null);
      case Status.HOLDING:
        this.notes.onHolding();
        return this.healthy(null);
      case Status.STACKING:
        this.notes.onStacking();
        return this.healthy(null);
      case Status.VEND_VALID:
        return this.onVendValid(data[0]);
      case Status.REJECTING:
      case Status.RETURNING:
        return this.onReturning(code, data[0]);
      case Status.PAUSE:
        return this.healthy('paused: a second note was inserted');
      case Status.COMMUNICATION_ERROR:
        return this.log.warn({}, 'id003: the acceptor could not read a frame');
    }
    const fault = describeFault(code, data[0]);
    if (fault) {
      this.notes.onFault(fault.detail);
      return this.update({ device: 'hardwareError', ...fault });
    }
    this.log.warn({ status: hex(code) }, 'id003: unknown status');
  }

  private onPowerUp(code: number, repeated: boolean): void {
    // Reported until RESET is acknowledged: the note inside is one event, not one per poll.
    if (!repeated) this.notes.onPowerUp(POWER_UP_WHERE[code] ?? null);
    this.settings.reset();
    this.enqueue(Cmd.RESET);
    this.update({ device: 'busy', stacker: 'ok', detail: 'power up' });
  }

  private onVendValid(code: number | undefined): void {
    const fault = this.notes.onVendValid(this.fenOf(code, false));
    if (fault) this.update({ device: 'hardwareError', detail: fault });
    else this.healthy(null);
  }

  private onReturning(code: number, reason: number | undefined): void {
    let why = code === Status.RETURNING ? 'returned' : 'rejected';
    if (code === Status.REJECTING && reason !== undefined) {
      why = `rejected: ${REJECT_REASONS[reason] ?? hex(reason)}`;
      this.log.info({ reason: why }, 'id003: rejected');
    }
    this.notes.onReturned(this.accepting() ? this.handlers : null, why);
    this.healthy(null);
  }

  /** Fen of an escrow code, from the acceptor's own table; null if unknown. */
  private fenOf(code: number | undefined, warn: boolean): number | null {
    if (code === undefined) return null;
    const value = this.settings.table?.find((d) => d.code === code)?.valueFen ?? null;
    if (value === null && warn) this.log.warn({ code }, 'id003: unknown escrow code');
    return value;
  }

  /** Queues whatever the acceptor lacks: the table first, then C0, C1, C3. */
  private reconcile(): void {
    for (const r of this.settings.missing(this.wanted, !this.accepting())) {
      this.enqueue(r.cmd, r.data);
    }
  }

  /** Whether to take notes at all, or notes of this value: enabled, handled and in the table. */
  private accepting(value?: number): boolean {
    const table = this.settings.table;
    if (!this.handlers || !table) return false;
    const offered = this.wanted.filter((v) => table.some((d) => d.valueFen === v));
    return value === undefined ? offered.length > 0 : offered.includes(value);
  }

  // ---- status ----

  private healthy(detail: string | null): void {
    const ready = this.settings.table !== null;
    this.update({
      device: ready ? 'online' : 'busy',
      stacker: 'ok',
      detail: ready ? detail : (detail ?? 'reading denominations'),
    });
  }
}
