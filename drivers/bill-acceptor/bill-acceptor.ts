// What the cash-in flow sees of a bill acceptor, whatever protocol the device speaks.
// Money is integer fen. The driver asks the host before every decision that moves money:
// the host journals first, then answers, then the driver acts on the device.
import type { DeviceStatus } from '../device';

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
  onStatus(listener: (status: BillAcceptorStatus) => void): () => void;
}
