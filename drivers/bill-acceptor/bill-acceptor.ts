// What the cash-in flow sees of a bill acceptor, whatever protocol the device speaks.
// Money is integer fen. The driver asks the host before every decision that moves money:
// the host journals first, then answers, then the driver acts on the device.
import type { DeviceStatus } from '../device';
import type { DeviceDiagnosis } from '../diagnosis';

export type StackerStatus = 'ok' | 'full' | 'open';

export interface BillAcceptorStatus {
  device: DeviceStatus;
  stacker: StackerStatus;
  /** Value in fen of the note held in escrow, or null. */
  escrow: number | null;
  /** Denominations (fen) the device reported it can take; empty until it has said so. */
  denominations: number[];
  /** Last fault, in the driver's words, for technicians and logs. */
  detail: string | null;
}

export type EscrowDecision = 'stack' | 'return';

export interface BillAcceptorHandlers {
  /**
   * A note of `value` fen is held in escrow. Resolve 'stack' only after the escrow is journalled.
   * While this promise is pending the driver holds the note (it never stacks on its own).
   */
  onEscrow(value: number): Promise<EscrowDecision>;
  /**
   * The device reached its credit point for a note of `value` fen (ID-003 VEND VALID,
   * SSP CREDIT). Resolve only after the credit is durably journalled: the driver acknowledges
   * the device only then. Called exactly once per credited note.
   */
  onCredit(value: number): Promise<void>;
  /** A note was returned to the customer or rejected (nothing to credit). */
  onReturned?(value: number | null): void;
  /**
   * The note being handled may or may not have reached the cash box: power was lost while it
   * was stacking, the acceptor powered up with it in the stacker, or it jammed in the stacker.
   * Nothing is credited; the host records the note for staff review. Called at most once per
   * note, in place of onCredit / onReturned. `inBox`: the device says the note ended in the
   * cash box without reaching its credit point (ID-003 power-up with the bill in the stacker,
   * SSP E2 cleared to the cash box), so the ledger counts it there.
   */
  onUncertain?(value: number, reason: string, inBox: boolean): void;
}

/**
 * A note event that belongs to no escrow decision of the current host: typically a credit the
 * acceptor reports after the host restarted mid-note. 'stacked' listeners run before the
 * driver acknowledges the device (the host journals the note in the cash box first).
 */
export interface StrayNote {
  /** Fen, when the device said which note it was; null otherwise (never guessed). */
  value: number | null;
  outcome: 'stacked' | 'returned' | 'uncertain';
  /**
   * The device says the note ended in the cash box: always for 'stacked', never for 'returned';
   * for 'uncertain' when, e.g., a power-up put it there (ID-003 POWER UP 42, SSP E2 or EB), not
   * when a jam or a reset left it who knows where.
   */
  inBox: boolean;
  reason: string;
  /**
   * The driver itself sent this note back from escrow because no payment was taking notes
   * (returned outcomes only). A hint, not proof that it is a new note: after a restart the note
   * in escrow may be one a payment journalled; the journal decides by its own evidence.
   */
  refusedAtEscrow?: boolean;
}

/** The device's own cash box counters, where the protocol has them. */
export interface CashBoxCounters {
  /** Notes the device counts as stacked since its counters were last reset. */
  stacked: number;
  /** Per denomination (fen → count), where the device reports it. */
  byValue: Record<number, number> | null;
}

/** diagnose() of an acceptor: the common shape, with its stacker as the heartbeat reports it. */
export interface BillAcceptorDiagnosis extends DeviceDiagnosis {
  kind: 'billAcceptor';
  driver: 'id003' | 'ssp';
  stacker: StackerStatus;
}

/** A note seen in the acceptor's test mode: validated, then handed back (never credited). */
export interface TestNote {
  /** Fen, as the device validated it (null: it said no value, e.g. a rejected note). */
  value: number | null;
  /** 'returned' as it should be; 'stacked' only if the device stacked it anyway (a stray). */
  outcome: 'returned' | 'stacked';
}

export interface BillAcceptor {
  readonly status: BillAcceptorStatus;
  /** Starts the driver: opens the port, runs the start-up sequence, polls. Never rejects. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Accept notes of these values (fen) only; an empty list inhibits the acceptor. */
  enable(values: number[], handlers: BillAcceptorHandlers): void;
  /** Stop accepting notes. A note already in escrow is returned. */
  disable(): void;
  /**
   * Diagnostics, with no payment open: every note the device validates is returned at escrow
   * and told to `onNote` by value; none is credited. False, changing nothing, while notes are
   * enabled for a payment or before the device has said which notes it takes. A note the
   * device stacks anyway goes to the stray-note listeners (money in the box), never a credit.
   */
  startTest(onNote: (note: TestNote) => void): boolean;
  /** Back to normal operation: inhibited until the next enable(). A note in escrow is returned. */
  stopTest(): void;
  /** Whether the test mode is on. */
  readonly testing: boolean;
  onStatus(listener: (status: BillAcceptorStatus) => void): () => void;
  /** Notes outside any escrow decision (see StrayNote). Returns an unsubscribe function. */
  onStrayNote(listener: (note: StrayNote) => Promise<void> | void): () => void;
  /**
   * The note path is clear again: after the notes it was handling (or, once the driver has
   * started, whatever it held then) the device reported itself idle or began taking a new note.
   * Told once per such spell, after the outcome of every note in it. So no later report can be
   * about a note from before. Returns an unsubscribe function.
   */
  onNotePathClear(listener: () => void): () => void;
  /** The device's counters, or null when the protocol or the device keeps none. Never rejects. */
  readCounters(): Promise<CashBoxCounters | null>;
  /** Zero the device's counters (a technician emptied the cash box); false if it has none. */
  resetCounters(): Promise<boolean>;
  /**
   * For technicians and the heartbeat: the driver's own counts (notes escrowed, credited,
   * stacked, returned, rejected; line errors; reconnects) and its last events. Never the
   * device's cash-box counters (readCounters). Synchronous: it asks the device nothing.
   */
  diagnose(): BillAcceptorDiagnosis;
}
