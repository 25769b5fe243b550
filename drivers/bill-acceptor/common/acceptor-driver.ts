// What every acceptor driver does alike, whatever its protocol: it keeps what the host asked
// for (the values and their handlers), publishes its status, tells stray notes and when the note
// path is clear, and runs one poll loop. A protocol driver adds its line, its start-up and its replies (step()).
// Its DeviceHistory (diagnose()) hears every status change and every warning or error logged.
import { DeviceHistory } from '../../diagnosis';
import type {
  BillAcceptor,
  BillAcceptorDiagnosis,
  BillAcceptorHandlers,
  BillAcceptorStatus,
  CashBoxCounters,
  StrayNote,
} from '../bill-acceptor';
import type { DriverLogger } from './driver-logger';
import { lineOptions } from './driver-options';
import type { AcceptorOptions, LineDefaults, LineOptions } from './driver-options';
import { NotePath } from './note-path';
import { PollLoop } from './poll-loop';
import { StatusBoard } from './status-board';
import { StrayNotes } from './stray-notes';

/** What both protocols count; each adds its own line counters. */
export const NOTE_COUNTERS = ['escrowed', 'credited', 'stacked', 'returned', 'rejected'] as const;

/** What the device said it is, where the protocol tells. */
export interface DeviceIdentity {
  model: string | null;
  firmware: string | null;
}

export abstract class AcceptorDriver implements BillAcceptor {
  protected readonly line: LineOptions;
  protected readonly history: DeviceHistory;
  protected readonly log: DriverLogger;
  protected readonly board: StatusBoard;
  protected readonly strays: StrayNotes;
  /** Whether a note may be in the device's path; its listeners hear when it is clear. */
  protected readonly path: NotePath;
  protected readonly loop: PollLoop;
  /** Values (fen) the host enabled; the driver takes those the device's table has. */
  protected wanted: number[] = [];
  protected handlers: BillAcceptorHandlers | null = null;
  /** The money path of the note in hand: disable() returns one still awaiting its decision. */
  protected abstract readonly notes: { disable(): void };

  /**
   * `name` prefixes every log message and names the driver in diagnose(), e.g. 'id003';
   * `pollIntervalMs` is the one the protocol driver checked (or its default); `counters` are
   * the protocol's own, reported from 0 beside the notes' (NOTE_COUNTERS).
   */
  constructor(
    private readonly name: BillAcceptorDiagnosis['driver'],
    options: AcceptorOptions,
    defaults: LineDefaults,
    pollIntervalMs: number,
    counters: readonly string[],
  ) {
    const line = lineOptions(options, defaults);
    this.history = new DeviceHistory([...NOTE_COUNTERS, ...counters]);
    // Links, ports and the money path log through this one: their warnings become events.
    this.line = { ...line, logger: this.history.logger(line.logger) };
    const log = (this.log = this.line.logger);
    this.board = new StatusBoard(line.logger, name, this.history);
    this.strays = new StrayNotes(log, name);
    this.path = new NotePath(log, name);
    this.loop = new PollLoop({ intervalMs: pollIntervalMs, step: () => this.step(), log, name });
  }

  get status(): BillAcceptorStatus {
    return this.board.status;
  }

  /** Takes effect on the next poll: the device is reconfigured from its reported state. */
  enable(values: number[], handlers: BillAcceptorHandlers): void {
    this.wanted = [...values];
    this.handlers = handlers;
  }

  disable(): void {
    this.wanted = [];
    this.notes.disable();
  }

  onStatus(listener: (status: BillAcceptorStatus) => void): () => void {
    return this.board.listen(listener);
  }

  onStrayNote(listener: (note: StrayNote) => Promise<void> | void): () => void {
    return this.strays.add(listener);
  }

  onNotePathClear(listener: () => void): () => void {
    return this.path.add(listener);
  }

  diagnose(): BillAcceptorDiagnosis {
    const { device, stacker, detail } = this.board.status;
    return {
      kind: 'billAcceptor',
      driver: this.name,
      port: this.line.port.path,
      ...this.identity(),
      status: device,
      detail,
      stacker,
      counters: { ...this.history.counters(), ...this.lineCounters() },
      events: this.history.events.list(),
    };
  }

  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;
  abstract readCounters(): Promise<CashBoxCounters | null>;
  abstract resetCounters(): Promise<boolean>;

  /** Model and firmware as the device reported them (null where it does not say). */
  protected abstract identity(): DeviceIdentity;

  /** The line's own counts since the driver was built (bad frames, timeouts…). */
  protected abstract lineCounters(): Record<string, number>;

  /** One exchange with the device; true to run the next one at once. */
  protected abstract step(): Promise<boolean>;

  protected update(patch: Partial<BillAcceptorStatus>): void {
    this.board.update(patch);
  }
}
