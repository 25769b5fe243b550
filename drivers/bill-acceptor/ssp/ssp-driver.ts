// ITL SSP bill acceptor driver (NV9, NV10, NV200), unencrypted. A single poll loop owns the
// line: each tick sends the command the device state calls for (device-state.ts), or POLL, and
// acts on the reply. The money path (ask the host, then act) lives in NoteTracker; the line
// (SEQ, retransmission, reopen) in SspLink.
import type { CashBoxCounters } from '../bill-acceptor';
import { monotonicNow } from '../../monotonic';
import { deviceText } from '../../diagnosis';
import { AcceptorDriver } from '../common/acceptor-driver';
import type { DeviceIdentity } from '../common/acceptor-driver';
import type { AcceptorOptions, LineDefaults } from '../common/driver-options';
import { channelValue, parseSetup, tableValues } from './channels';
import type { ChannelTable } from './channels';
import { Cmd, Event, REJECT_REASONS, REPLY_NAMES, Reply, hex } from './codes';
import { CounterJobs } from './counter-jobs';
import { PROTOCOL_VERSION, freshState, nextStep } from './device-state';
import type { DeviceState, Step } from './device-state';
import { parseEvents } from './events';
import type { SspEvent } from './events';
import { faultView } from './faults';
import { SspLink } from './link';
import { NoteTracker } from './note-tracker';
import { PollEvents } from './poll-events';

/**
 * Defaults: 9600 8N2; a tick every 300 ms (5–2000: HOLD goes out every tick while the host
 * decides, well within 10 s); 1 s per attempt; the port's reopen and re-SYNC backoff 500 ms – 30 s.
 */
export interface SspOptions extends AcceptorOptions {
  /** Re-sends of an unanswered command before the device counts as offline (default 20). */
  retries?: number;
}

const LINE: LineDefaults = {
  serial: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 2 },
  responseTimeoutMs: 1000,
};

/** Replies saying the command itself is wrong: resending it cannot help. */
const DEFINITIVE: ReadonlySet<number> = new Set([
  Reply.UNKNOWN_COMMAND,
  Reply.WRONG_PARAMETER_COUNT,
  Reply.PARAMETER_OUT_OF_RANGE,
]);
const CMD_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(Cmd).map(([name, code]) => [code, name]),
);

/** Poll events counted for diagnose() (READ NOTE only with a channel: the note in escrow). */
const EVENT_COUNTER: Readonly<Record<number, string>> = {
  [Event.CREDIT]: 'credited',
  [Event.STACKED]: 'stacked',
  [Event.REJECTED]: 'rejected',
  [Event.CLEARED_FROM_FRONT]: 'returned',
  [Event.SLAVE_RESET]: 'resets',
};

export class SspBillAcceptor extends AcceptorDriver {
  private readonly retries: number;
  protected readonly notes: NoteTracker;
  private readonly jobs = new CounterJobs();
  private readonly polls: PollEvents;
  private link: SspLink | null = null;
  private state: DeviceState = freshState(true);
  private table: ChannelTable | null = null;
  private wantRejectCode = false;
  private syncBackoffMs: number;
  /** Monotonic time. */
  private nextSyncAt = 0;
  /** Line counts of the links of earlier runs (each start builds a new link). */
  private readonly pastLine = { crcErrors: 0, droppedBytes: 0, retransmits: 0 };

  constructor(options: SspOptions) {
    const pollIntervalMs = options.pollIntervalMs ?? 300;
    if (pollIntervalMs < 5 || pollIntervalMs > 2000) {
      throw new RangeError(`pollIntervalMs ${pollIntervalMs} outside 5–2000 (HOLD must beat 10 s)`);
    }
    super('ssp', options, LINE, pollIntervalMs, ['resets']);
    this.retries = options.retries ?? 20;
    this.syncBackoffMs = this.line.reconnectMinMs;
    const log = this.log;
    this.notes = new NoteTracker({
      accepts: (value) => this.accepting().includes(value),
      escrow: (value) => this.update({ escrow: value }),
      stray: (note) =>
        this.strays.emit(note).then(
          () => true,
          () => false,
        ),
      wake: () => this.loop.wake(),
      log,
    });
    this.polls = new PollEvents({
      notes: this.notes,
      handlers: () => this.handlers,
      value: (channel) => channelValue(this.table, channel),
      deviceReset: () => {
        log.warn({}, 'ssp: the device reset');
        this.state = freshState(false);
        this.update({ device: 'busy', detail: 'device reset' });
      },
      disabled: () => (this.state.enabled = false),
      rejected: () => (this.wantRejectCode = true),
      notePath: (clear) => (clear ? this.path.clear() : this.path.occupied()),
      log,
    });
  }

  /** Resolves after the first exchange; the loop then runs until stop(). Never rejects. */
  start(): Promise<void> {
    return this.loop.start(() => {
      this.state = freshState(true);
      this.polls.reset();
      this.history.started();
      this.link = new SspLink(this.line);
      this.update({ detail: 'starting' });
    });
  }

  async stop(): Promise<void> {
    this.loop.stop();
    this.polls.reset();
    this.jobs.flush();
    const link = this.link;
    this.link = null;
    if (link) {
      this.pastLine.crcErrors += link.stats.crcErrors;
      this.pastLine.droppedBytes += link.stats.droppedBytes;
      this.pastLine.retransmits += link.retransmits;
    }
    await link?.close();
    this.update({ device: 'offline', detail: 'stopped' });
  }

  /** GET COUNTERS. Null when offline, stopped, or the device keeps none. */
  readCounters(): Promise<CashBoxCounters | null> {
    return this.reachable() ? this.jobs.read() : Promise.resolve(null);
  }

  /** RESET COUNTERS. False when offline, stopped, or the device keeps none. */
  resetCounters(): Promise<boolean> {
    return this.reachable() ? this.jobs.reset() : Promise.resolve(false);
  }

  /**
   * From SETUP REQUEST, the one identifying request the driver sends: the unit type and the
   * dataset's country stand for the model, the four firmware characters for the firmware.
   * Null until the device has answered it.
   */
  protected identity(): DeviceIdentity {
    const table = this.table;
    if (!table) return { model: null, firmware: null };
    const country = deviceText(table.country);
    const model = `unit type ${hex(table.unitType)}${country ? ` (${country})` : ''}`;
    return { model, firmware: deviceText(table.firmware) };
  }

  protected lineCounters(): Record<string, number> {
    const { pastLine: past, link } = this;
    return {
      crcErrors: past.crcErrors + (link?.stats.crcErrors ?? 0),
      droppedBytes: past.droppedBytes + (link?.stats.droppedBytes ?? 0),
      retransmits: past.retransmits + (link?.retransmits ?? 0),
    };
  }

  // ---- the poll loop ----

  /**
   * One exchange; true when a setting was just accepted, so the next command can follow at
   * once. Settings go out back to back; POLL and HOLD keep to the poll interval.
   */
  protected async step(): Promise<boolean> {
    const link = this.link;
    if (!link || this.polls.holding) return false;
    const open = await link.ensureOpen();
    if (!this.loop.running || this.polls.holding) return false;
    if (!open) return this.lost('port not open', false);
    if (!this.state.synced && monotonicNow() < this.nextSyncAt) return false;
    const step = nextStep(this.state, {
      table: this.table,
      note: this.notes.command(),
      inEscrow: this.notes.inEscrow,
      repoll: this.polls.wantsRepoll,
      accept: this.accepting(),
      rejectCode: this.wantRejectCode,
      job: this.jobs.next,
    });
    // Offline, one SYNC per backoff period; otherwise the full retry budget.
    const retries = step.cmd === Cmd.SYNC && this.board.device === 'offline' ? 0 : this.retries;
    const reply = await link.command(
      Buffer.from([step.cmd, ...step.data]),
      step.cmd === Cmd.SYNC ? 'sync' : step.repeat ? 'repeat' : 'next',
      retries,
    );
    if (!this.loop.running) return false;
    if (reply === 'down') return this.lost('port closed', false);
    if (reply === 'noReply') return this.lost('no reply from acceptor', true);
    this.onReply(step, reply);
    return reply[0] === Reply.OK && step.cmd !== Cmd.POLL && step.cmd !== Cmd.HOLD;
  }

  /** Unreachable. It may have reset meanwhile: SYNC and configure it again once it answers. */
  private lost(detail: string, backoff: boolean): false {
    if (backoff) {
      this.nextSyncAt = monotonicNow() + this.syncBackoffMs;
      this.syncBackoffMs = Math.min(this.syncBackoffMs * 2, this.line.reconnectMaxMs);
    }
    this.state = freshState(!this.notes.inEscrow);
    this.polls.reset(); // SEQ context is gone; an unjournalled credit ends as 'uncertain'
    this.jobs.flush();
    this.update({ device: 'offline', detail });
    return false;
  }

  // ---- replies ----

  private onReply(step: Step, reply: Buffer): void {
    const code = reply[0] ?? 0;
    const ok = code === Reply.OK;
    const name = CMD_NAMES[step.cmd] ?? hex(step.cmd);
    if (!ok && code !== Reply.CANNOT_PROCESS && step.cmd !== Cmd.SYNC) {
      const why = REPLY_NAMES[code] ?? hex(code);
      this.log.warn({ cmd: name, reply: why }, 'ssp: command refused');
      if (code === Reply.KEY_NOT_SET) this.fault('the device wants eSSP encryption');
      else if (!DEFINITIVE.has(code) || step.cmd === Cmd.POLL)
        this.fault(`${name} answered ${why}`);
    }
    switch (step.cmd) {
      case Cmd.SYNC:
        this.state.synced = true;
        this.syncBackoffMs = this.line.reconnectMinMs;
        if (this.board.device === 'offline') this.update({ device: 'busy', detail: 'starting' });
        return;
      case Cmd.HOST_PROTOCOL_VERSION:
        // A device that cannot do version 6 keeps its own; the validator events are the same.
        if (!ok) this.log.warn({ version: PROTOCOL_VERSION }, 'ssp: protocol version refused');
        this.state.protocolSet = true;
        return;
      case Cmd.SETUP_REQUEST:
        if (ok) this.onSetup(parseSetup(reply.subarray(1)));
        return;
      case Cmd.SET_INHIBITS:
      case Cmd.ENABLE:
      case Cmd.DISABLE:
        if (ok && step.cmd === Cmd.SET_INHIBITS) this.state.inhibits = step.data;
        else if (ok) this.state.enabled = step.cmd === Cmd.ENABLE;
        else if (DEFINITIVE.has(code)) this.state.refused.add(step.cmd);
        return;
      case Cmd.HOLD:
      case Cmd.REJECT:
        if (step.orphan) {
          this.state.orphanCheck = false;
          if (ok) this.log.warn({}, 'ssp: returned a note left in escrow by an earlier run');
        } else if (code === Reply.CANNOT_PROCESS || (ok && step.cmd === Cmd.REJECT)) {
          this.notes.onEscrowLeft(); // the device no longer holds it (timed out, or our REJECT)
        }
        return;
      case Cmd.LAST_REJECT_CODE:
        this.wantRejectCode = false;
        if (ok) this.log.info({ reason: this.rejectReason(reply[1]) }, 'ssp: note rejected');
        return;
      case Cmd.GET_COUNTERS:
      case Cmd.RESET_COUNTERS:
        return this.jobs.answer(reply);
      case Cmd.POLL:
        if (ok) this.onPoll(reply, step.repeat);
        return;
    }
  }

  private onSetup(table: ChannelTable | null): void {
    if (!table || table.channels.length === 0) {
      return this.fault('the device reported no usable channel table');
    }
    const { unitType, firmware, country, protocolVersion, channels } = table;
    this.log.info({ unitType, firmware, country, protocolVersion, channels }, 'ssp: channel table');
    this.table = table;
    this.state.setupRead = true;
    this.update({ denominations: tableValues(table) });
  }

  private onPoll(reply: Buffer, repeat: boolean): void {
    const events = parseEvents(reply.subarray(1));
    const { stacker, fault } = faultView(events, this.board.stacker);
    if (fault) this.update({ device: 'hardwareError', stacker, detail: fault });
    else this.update({ device: 'online', stacker, detail: null });
    // A deliberate re-poll (same SEQ) repeats events already counted.
    if (!repeat) this.count(events);
    this.polls.handle(events, reply, repeat);
  }

  private count(events: readonly SspEvent[]): void {
    for (const { code, channel } of events) {
      const counter = EVENT_COUNTER[code];
      if (counter) this.history.count(counter);
      else if (code === Event.READ_NOTE && channel && !this.notes.inEscrow) {
        this.history.count('escrowed');
      }
    }
  }

  // ---- helpers ----

  /** Values (fen) to take now: enabled, handled, and in the device's table. */
  private accepting(): number[] {
    const table = this.table;
    if (!this.handlers || !table || !this.state.setupRead) return [];
    return this.wanted.filter((v) => table.channels.some((c) => c.valueFen === v));
  }

  private rejectReason(code: number | undefined): string {
    return code === undefined ? 'unknown' : (REJECT_REASONS[code] ?? hex(code));
  }

  private fault(detail: string): void {
    this.update({ device: 'hardwareError', detail });
  }

  private reachable(): boolean {
    return this.loop.running && this.board.device !== 'offline';
  }
}
