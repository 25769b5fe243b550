// JCM ID-003 bill acceptor driver. A single poll loop owns the line: each tick sends the next
// queued command, or STATUS REQ, and acts on the reply. Settings and escrow answers are
// re-derived from every status the acceptor reports, so a lost frame is simply sent again.
// The money path (ask the host, then act) lives in NoteTracker.
import type { BillAcceptor, BillAcceptorHandlers, BillAcceptorStatus } from '../bill-acceptor';
import type { SerialBinding, SerialOptions } from '../../serial/serial-port';
import { Cmd, FAILURE_CODES, INHIBIT_OFF, INHIBIT_ON, REJECT_REASONS, Status, hex } from './codes';
import { disableMask, parseCurrencyAssign, tableValues } from './denominations';
import type { Denomination } from './denominations';
import { encodeFrame } from './frame';
import type { Frame } from './frame';
import { Id003Link } from './link';
import type { DriverLogger } from './link';
import { NoteTracker } from './note-tracker';

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
  logger?: DriverLogger;
}

interface Request {
  cmd: number;
  data: Buffer;
}

/** Settings the acceptor has echoed since it last reset; null/false means "send it". */
interface Confirmed {
  mask: Buffer | null;
  security: boolean;
  inhibit: boolean | null;
}

const STATUS_REQ: Request = { cmd: Cmd.STATUS_REQ, data: Buffer.alloc(0) };
const NORMAL_SECURITY = Buffer.from([0x00, 0x00]);
const unconfirmed = (): Confirmed => ({ mask: null, security: false, inhibit: null });
const SILENT: DriverLogger = { info: () => {}, warn: () => {}, error: () => {} };

const FAULTS: Readonly<Record<number, string>> = {
  [Status.STACKER_FULL]: 'stacker full',
  [Status.STACKER_OPEN]: 'stacker open',
  [Status.ACCEPTOR_JAM]: 'acceptor jam',
  [Status.STACKER_JAM]: 'stacker jam',
  [Status.CHEATED]: 'cheated',
  [Status.FAILURE]: 'failure',
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
  private readonly listeners = new Set<(status: BillAcceptorStatus) => void>();
  private link: Id003Link | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private queue: Request[] = [];
  private unanswered = 0;
  private table: Denomination[] | null = null;
  private confirmed = unconfirmed();
  private wanted: number[] = [];
  private handlers: BillAcceptorHandlers | null = null;
  private current: BillAcceptorStatus = {
    device: 'offline',
    stacker: 'ok',
    escrow: null,
    denominations: [],
    detail: 'not started',
  };

  constructor(options: Id003Options) {
    const pollIntervalMs = options.pollIntervalMs ?? 200;
    if (pollIntervalMs < 10 || pollIntervalMs > 200) {
      throw new RangeError(`pollIntervalMs ${pollIntervalMs} outside 10–200 (100–200 on hardware)`);
    }
    this.pollIntervalMs = pollIntervalMs;
    this.port = { baudRate: 9600, dataBits: 8, parity: 'even', stopBits: 1, ...options.port };
    this.binding = options.binding;
    this.responseTimeoutMs = options.responseTimeoutMs ?? 500;
    this.offlineAfterTimeouts = options.offlineAfterTimeouts ?? 3;
    this.reconnect = { min: options.reconnectMinMs ?? 500, max: options.reconnectMaxMs ?? 30_000 };
    const log = (this.log = options.logger ?? SILENT);
    this.notes = new NoteTracker({
      send: (cmd) => this.enqueue(cmd),
      accepts: (value) => this.accepting(value),
      escrow: (value) => this.update({ escrow: value }),
      fault: (detail) => this.update({ device: 'hardwareError', detail }),
      log,
    });
  }

  get status(): BillAcceptorStatus {
    return { ...this.current, denominations: [...this.current.denominations] };
  }

  /** Resolves after the first exchange; the loop then runs until stop(). Never rejects. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.queue = [];
    this.unanswered = 0;
    this.table = null;
    this.confirmed = unconfirmed();
    this.link = new Id003Link({
      port: this.port,
      binding: this.binding,
      responseTimeoutMs: this.responseTimeoutMs,
      reconnectMinMs: this.reconnect.min,
      reconnectMaxMs: this.reconnect.max,
      logger: this.log,
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
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- the poll loop ----

  private async tick(): Promise<void> {
    this.timer = null;
    try {
      await this.exchange();
    } catch (err) {
      this.log.error({ err }, 'id003: unexpected error in the poll loop');
    }
    if (this.running) this.timer = setTimeout(() => void this.tick(), this.pollIntervalMs);
  }

  private async exchange(): Promise<void> {
    const link = this.link;
    if (!link) return;
    const open = await link.ensureOpen();
    if (!this.running) return;
    if (!open) return this.lost('port not open');
    const req = this.queue.shift() ?? STATUS_REQ;
    const frame = encodeFrame(req.cmd, req.data);
    if (req.cmd === Cmd.ACK) {
      // The acceptor does not answer the host's ACK; the next STATUS REQ shows its effect.
      if (!(await link.send(frame)) && this.running) this.lost('port write failed');
      return;
    }
    const reply = await link.request(frame);
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
    this.confirmed = unconfirmed();
    this.table = null;
    this.queue = [];
    this.update({ device: 'offline', detail });
  }

  /** One of each command at a time; a newer payload replaces a queued one. */
  private enqueue(cmd: number, data: Buffer = Buffer.alloc(0)): void {
    const queued = this.queue.find((r) => r.cmd === cmd);
    if (queued) queued.data = data;
    else this.queue.push({ cmd, data });
  }

  // ---- replies ----

  private onCommandReply(req: Request, reply: Frame): void {
    if (reply.cmd === Status.INVALID_COMMAND) {
      this.log.warn({ cmd: hex(req.cmd) }, 'id003: acceptor refused a command');
      return;
    }
    const acked = reply.cmd === Cmd.ACK;
    const echoed = reply.cmd === req.cmd && reply.data.equals(req.data);
    switch (req.cmd) {
      case Cmd.RESET:
        if (acked) this.confirmed = unconfirmed();
        return;
      case Cmd.STACK_1:
      case Cmd.RETURN:
        if (acked) this.notes.onActionAcked();
        return;
      case Cmd.CURRENCY_ASSIGN:
        if (reply.cmd === Cmd.CURRENCY_ASSIGN) this.onTable(parseCurrencyAssign(reply.data));
        return;
      case Cmd.ENABLE:
        if (echoed) this.confirmed.mask = reply.data;
        return;
      case Cmd.SECURITY:
        if (echoed) this.confirmed.security = true;
        return;
      case Cmd.INHIBIT:
        if (echoed) this.confirmed.inhibit = reply.data[0] !== 0;
        return;
    }
  }

  private onTable(table: Denomination[]): void {
    if (table.length === 0) this.log.warn({}, 'id003: the acceptor reported no denominations');
    this.table = table;
    this.update({ denominations: tableValues(table) });
  }

  private onStatusReply({ cmd: code, data }: Frame): void {
    switch (code) {
      case Status.POWER_UP:
      case Status.POWER_UP_BILL_IN_ACCEPTOR:
      case Status.POWER_UP_BILL_IN_STACKER:
        return this.onPowerUp(code);
      case Status.INITIALIZE:
        this.reconcile();
        return this.update({ device: 'busy', stacker: 'ok', detail: 'initialising' });
      case Status.IDLING:
      case Status.DISABLED:
        this.confirmed.inhibit = code === Status.DISABLED;
        this.notes.end();
        this.reconcile();
        return this.healthy(null);
      case Status.ACCEPTING:
        this.notes.end();
        return this.healthy(null);
      case Status.ESCROW:
        this.notes.onEscrow(this.escrowValue(data[0]), this.handlers);
        return this.healthy(null);
      case Status.STACKING:
      case Status.HOLDING:
        return this.healthy(null);
      case Status.VEND_VALID:
        this.healthy(null);
        return this.notes.onVendValid(this.handlers);
      case Status.STACKED:
        this.notes.onStacked();
        return this.healthy(null);
      case Status.REJECTING:
      case Status.RETURNING:
        if (code === Status.REJECTING && data[0] !== undefined) {
          this.log.info({ reason: REJECT_REASONS[data[0]] ?? hex(data[0]) }, 'id003: rejected');
        }
        this.notes.onReturned(this.handlers);
        return this.healthy(null);
      case Status.PAUSE:
        return this.healthy('paused: a second note was inserted');
      case Status.COMMUNICATION_ERROR:
        return this.log.warn({}, 'id003: the acceptor could not read a frame');
    }
    const fault = FAULTS[code];
    if (fault) return this.onFault(code, fault, data[0]);
    this.log.warn({ status: hex(code) }, 'id003: unknown status');
  }

  private onPowerUp(code: number): void {
    if (code === Status.POWER_UP_BILL_IN_ACCEPTOR) {
      this.notes.onReturned(this.handlers); // RESET hands it back to the customer
    } else if (code === Status.POWER_UP_BILL_IN_STACKER) {
      // RESET stacks it; whether it was credited is for the journal's recovery to settle.
      this.log.error({}, 'id003: powered up with a note in the stacker');
    }
    this.notes.end();
    this.table = null;
    this.confirmed = unconfirmed();
    this.enqueue(Cmd.RESET);
    this.update({ device: 'busy', stacker: 'ok', detail: 'power up' });
  }

  private escrowValue(code: number | undefined): number | null {
    const value = this.table?.find((d) => d.code === code)?.valueFen ?? null;
    if (value === null) this.log.warn({ code: code ?? null }, 'id003: unknown escrow code');
    return value;
  }

  /** Queues whatever the acceptor lacks: the table first, then C0, C1, C3. */
  private reconcile(): void {
    if (!this.table) return this.enqueue(Cmd.CURRENCY_ASSIGN);
    const mask = disableMask(this.table, this.wanted);
    if (!this.confirmed.mask?.equals(mask)) this.enqueue(Cmd.ENABLE, mask);
    if (!this.confirmed.security) this.enqueue(Cmd.SECURITY, NORMAL_SECURITY);
    const inhibit = !this.accepting();
    if (this.confirmed.inhibit !== inhibit) {
      this.enqueue(Cmd.INHIBIT, inhibit ? INHIBIT_ON : INHIBIT_OFF);
    }
  }

  /** Whether to take notes at all, or notes of this value: enabled, handled and in the table. */
  private accepting(value?: number): boolean {
    const table = this.table;
    if (!this.handlers || !table) return false;
    const offered = this.wanted.filter((v) => table.some((d) => d.valueFen === v));
    return value === undefined ? offered.length > 0 : offered.includes(value);
  }

  // ---- status ----

  private healthy(detail: string | null): void {
    const ready = this.table !== null;
    this.update({
      device: ready ? 'online' : 'busy',
      stacker: 'ok',
      detail: ready ? detail : (detail ?? 'reading denominations'),
    });
  }

  private onFault(code: number, fault: string, extra: number | undefined): void {
    const why = code === Status.FAILURE && extra !== undefined ? FAILURE_CODES[extra] : undefined;
    let detail = fault;
    if (why) detail = `${fault}: ${why}`;
    else if (extra !== undefined) detail = `${fault} (${hex(extra)})`;
    const stacker =
      code === Status.STACKER_FULL ? 'full' : code === Status.STACKER_OPEN ? 'open' : 'ok';
    this.update({ device: 'hardwareError', stacker, detail });
  }

  private update(patch: Partial<BillAcceptorStatus>): void {
    const prev = this.current;
    const next = { ...prev, ...patch };
    const changed =
      next.device !== prev.device ||
      next.stacker !== prev.stacker ||
      next.escrow !== prev.escrow ||
      next.detail !== prev.detail ||
      next.denominations.join() !== prev.denominations.join();
    if (!changed) return;
    this.current = next;
    if (next.device !== prev.device || next.detail !== prev.detail) {
      const level = next.device === 'hardwareError' || next.device === 'offline' ? 'warn' : 'info';
      this.log[level]({ device: next.device, detail: next.detail }, 'id003: status');
    }
    for (const listener of this.listeners) {
      try {
        listener(this.status);
      } catch (err) {
        this.log.error({ err }, 'id003: status listener failed');
      }
    }
  }
}
