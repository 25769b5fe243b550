// JCM ID-003 bill acceptor driver. A single poll loop owns the line: each tick sends the next
// queued command, or STATUS REQ, and acts on the reply. Settings and escrow answers are
// re-derived from every status the acceptor reports, so a lost frame is simply sent again.
// The money path (ask the host, then act) lives in NoteTracker, the settings in Id003Settings.
import type {
  BillAcceptor,
  BillAcceptorHandlers,
  BillAcceptorStatus,
  CashBoxCounters,
  StrayNote,
} from '../bill-acceptor';
import type { SerialBinding, SerialOptions } from '../../serial/serial-port';
import { Cmd, REJECT_REASONS, Status, hex } from './codes';
import { tableValues } from './denominations';
import { encodeFrame } from './frame';
import type { Frame } from './frame';
import { Id003Link } from './link';
import type { DriverLogger } from './link';
import { NoteTracker } from './note-tracker';
import type { Request } from './replies';
import { Id003Settings } from './settings';
import { StatusBoard, describeFault } from './status-board';
import { StrayNotes } from './strays';

export type { DriverLogger } from './link';

export interface Id003Options {
  /** Serial line; 9600 8E1 unless overridden. */
  port: { path: string } & Partial<Omit<SerialOptions, 'path'>>;
  binding?: SerialBinding;
  /** 100–200 ms on hardware (default 200); tests may go down to 10. */
  pollIntervalMs?: number;
  /** Default 500 ms. */
  responseTimeoutMs?: number;
  /** Consecutive unanswered requests before the device is reported offline (default 3). */
  offlineAfterTimeouts?: number;
  /** Reopen backoff after the port fails, doubling from min to max (default 500 ms – 30 s). */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /**
   * HOLD is re-sent this often while onEscrow is pending (default 5 s), well within the
   * acceptor's own escrow hold time (~10 s [U]), after which it returns the note by itself.
   */
  holdRefreshMs?: number;
  logger?: DriverLogger;
}

/** Answers the acceptor is waiting for (escrow decisions, the credit's ACK). */
const URGENT: ReadonlySet<number> = new Set([Cmd.STACK_1, Cmd.STACK_2, Cmd.RETURN, Cmd.ACK]);
const STATUS_REQ: Request = { cmd: Cmd.STATUS_REQ, data: Buffer.alloc(0) };
const SILENT: DriverLogger = { info: () => {}, warn: () => {}, error: () => {} };

const POWER_UP_WHERE: Readonly<Record<number, 'acceptor' | 'stacker' | null>> = {
  [Status.POWER_UP]: null,
  [Status.POWER_UP_BILL_IN_ACCEPTOR]: 'acceptor',
  [Status.POWER_UP_BILL_IN_STACKER]: 'stacker',
};

export class Id003BillAcceptor implements BillAcceptor {
  private readonly port: SerialOptions;
  private readonly binding: SerialBinding | undefined;
  private readonly pollIntervalMs: number;
  private readonly responseTimeoutMs: number;
  private readonly offlineAfterTimeouts: number;
  private readonly reconnect: { min: number; max: number };
  private readonly log: DriverLogger;
  private readonly notes: NoteTracker;
  private readonly strays: StrayNotes;
  private readonly settings = new Id003Settings();
  private readonly board: StatusBoard;
  private link: Id003Link | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private queue: Request[] = [];
  private unanswered = 0;
  /** The last status reported, so that a repeated POWER UP is one event, not several. */
  private lastStatus: number | null = null;
  private wanted: number[] = [];
  private handlers: BillAcceptorHandlers | null = null;

  constructor(options: Id003Options) {
    const pollIntervalMs = options.pollIntervalMs ?? 200;
    if (pollIntervalMs < 10 || pollIntervalMs > 200) {
      throw new RangeError(`pollIntervalMs ${pollIntervalMs} outside 10–200 (100–200 on hardware)`);
    }
    const holdRefreshMs = options.holdRefreshMs ?? 5000;
    if (!(holdRefreshMs > 0)) throw new RangeError(`holdRefreshMs ${holdRefreshMs} must be > 0`);
    this.pollIntervalMs = pollIntervalMs;
    this.port = { baudRate: 9600, dataBits: 8, parity: 'even', stopBits: 1, ...options.port };
    this.binding = options.binding;
    this.responseTimeoutMs = options.responseTimeoutMs ?? 500;
    this.offlineAfterTimeouts = options.offlineAfterTimeouts ?? 3;
    this.reconnect = { min: options.reconnectMinMs ?? 500, max: options.reconnectMaxMs ?? 30_000 };
    const log = (this.log = options.logger ?? SILENT);
    this.board = new StatusBoard(log);
    this.strays = new StrayNotes(log);
    this.notes = new NoteTracker({
      send: (cmd) => this.enqueue(cmd),
      accepts: (value) => this.accepting(value),
      escrow: (value) => this.update({ escrow: value }),
      strays: this.strays,
      log,
      holdRefreshMs,
    });
  }

  get status(): BillAcceptorStatus {
    return this.board.status;
  }

  /** Resolves after the first exchange; the loop then runs until stop(). Never rejects. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.queue = [];
    this.unanswered = 0;
    this.lastStatus = null;
    this.settings.reset();
    this.link = new Id003Link({
      port: this.port,
      binding: this.binding,
      responseTimeoutMs: this.responseTimeoutMs,
      reconnectMinMs: this.reconnect.min,
      reconnectMaxMs: this.reconnect.max,
      logger: this.log,
      onLateReply: (req, reply) => this.onLateReply(req, reply),
    });
    this.update({ detail: 'starting' });
    await this.tick();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const link = this.link;
    this.link = null;
    await link?.close();
    this.update({ device: 'offline', detail: 'stopped' });
  }

  /** Takes effect on the next poll: the acceptor is reconfigured from its reported status. */
  enable(values: number[], handlers: BillAcceptorHandlers): void {
    this.wanted = [...values];
    this.handlers = handlers;
  }

  disable(): void {
    this.wanted = [];
    this.notes.disable();
  }

  onStatus(listener: (status: BillAcceptorStatus) => void): () => void {
    return this.board.subscribe(listener);
  }

  onStrayNote(listener: (note: StrayNote) => Promise<void> | void): () => void {
    return this.strays.add(listener);
  }

  /** ID-003 has no command to read the acceptor's counters: the host's journal is the count. */
  async readCounters(): Promise<CashBoxCounters | null> {
    return null;
  }

  /** Nothing to reset (see readCounters). */
  async resetCounters(): Promise<boolean> {
    return false;
  }

  // ---- the poll loop ----

  private async tick(): Promise<void> {
    this.timer = null;
    try {
      await this.exchange();
    } catch (err) {
      this.log.error({ err }, 'id003: unexpected error in the poll loop');
    }
    if (!this.running) return;
    const next = this.queue.some((r) => URGENT.has(r.cmd)) ? 0 : this.pollIntervalMs;
    this.timer = setTimeout(() => void this.tick(), next);
  }

  private async exchange(): Promise<void> {
    const link = this.link;
    if (!link) return;
    const open = await link.ensureOpen();
    if (!this.running) return;
    if (!open) return this.lost('port not open');
    if (this.notes.holdDue(Date.now())) this.enqueue(Cmd.HOLD);
    const req = this.queue.shift() ?? STATUS_REQ;
    if (req.cmd === Cmd.ACK) {
      // The acceptor does not answer the host's ACK; the next STATUS REQ shows its effect.
      const sent = await link.send(encodeFrame(req.cmd, req.data));
      if (!sent && this.running) this.lost('port write failed');
      return;
    }
    const reply = await link.request(req);
    if (!this.running) return;
    if (reply === 'down') return this.lost('port closed');
    if (reply === 'noReply') {
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
    if (URGENT.has(cmd) && this.timer) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.tick(), 0);
    }
  }

  // ---- replies ----

  /** A command's reply that came after it timed out still tells us something; a status no. */
  private onLateReply(req: Request, reply: Frame): void {
    if (req.cmd !== Cmd.STATUS_REQ && this.running) this.onCommandReply(req, reply);
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
    const repeated = code === this.lastStatus;
    this.lastStatus = code;
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
        this.reconcile();
        return this.healthy(null);
      case Status.ACCEPTING:
      case Status.STACKED:
        this.notes.onIdle(code === Status.ACCEPTING ? 'accepting' : 'stacked');
        return this.healthy(null);
      case Status.ESCROW:
        this.notes.onEscrow(this.valueOf(data[0], true), this.accepting() ? this.handlers : null);
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
    const fault = this.notes.onVendValid(this.valueOf(code, false));
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
  private valueOf(code: number | undefined, warn: boolean): number | null {
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

  private update(patch: Partial<BillAcceptorStatus>): void {
    this.board.update(patch);
  }
}
