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
  TestNote,
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
    if (this.testHandlers) this.stopTest(); // a payment's enable ends any test
    this.wanted = [...values];
    this.handlers = handlers;
  }

  disable(): void {
    this.wanted = [];
    this.notes.disable();
  }

  // ---- test mode (diagnostics): every note returned at escrow, none credited ----

  private testHandlers: BillAcceptorHandlers | null = null;

  get testing(): boolean {
    return this.testHandlers !== null;
  }

  startTest(onNote: (note: TestNote) => void): boolean {
    if (this.testHandlers) return true;
    const values = this.board.status.denominations;
    // Notes enabled for a payment belong to it; an acceptor that has not said its notes waits.
    if ((this.handlers && this.wanted.length > 0) || values.length === 0) return false;
    const tell = (note: TestNote) => {
      try {
        onNote(note);
      } catch (err) {
        this.log.error({ err }, `${this.name}: test note listener failed`);
      }
    };
    let escrowed: number | null = null;
    const handlers: BillAcceptorHandlers = {
      onEscrow: async (value) => {
        escrowed = value;
        return 'return';
      },
      // The device stacked a note it was told to return: money in the box, a stray, no credit.
      onCredit: async (value) => {
        this.log.error({ value }, `${this.name}: test mode note stacked, told as a stray`);
        await this.strays.emit({
          value,
          outcome: 'stacked',
          inBox: true,
          reason: 'stacked in test mode',
        });
        tell({ value, outcome: 'stacked' });
      },
      onReturned: (value) => {
        tell({ value: value ?? escrowed, outcome: 'returned' });
        escrowed = null;
      },
      onUncertain: (value, reason, inBox) => {
        this.strays.tell({ value, outcome: 'uncertain', inBox, reason });
      },
    };
    this.testHandlers = handlers;
    this.wanted = [...values];
    this.handlers = handlers;
    this.log.info({ values }, `${this.name}: test mode on`);
    return true;
  }

  stopTest(): void {
    if (!this.testHandlers) return;
    if (this.handlers === this.testHandlers) {
      this.handlers = null;
      this.disable();
    }
    this.testHandlers = null;
    this.log.info({}, `${this.name}: test mode off`);
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
