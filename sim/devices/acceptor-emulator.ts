// What every bill-acceptor emulator offers its scripts, whatever bytes it speaks: the developer
// panel, the pty runner, the crash test and the scenario tests drive ID-003 and SSP alike
// through this. Each emulator maps these faults onto its own protocol's statuses and events.
import type { EventEmitter } from 'node:events';
import type { EmulatedDevice } from './emulator-binding';

export type AcceptorProtocol = 'id003' | 'ssp';

/** A lasting condition of the device, reported until cleared (setFault(null)). */
export type AcceptorFault =
  'jamInAcceptor' | 'jamInStacker' | 'stackerFull' | 'stackerOpen' | 'cheated' | 'failure';

/** Faults of the wire, on the emulator's transmit side. */
export interface LineFaults {
  /** Answer nothing at all (a pulled cable, a hung device). */
  silent: boolean;
  /** Corrupt the CRC of the next n frames sent. */
  badCrcFrames: number;
  /** Send each frame in two writes, a little apart. */
  splitFrames: boolean;
  /** Hold each frame back and send it together with the next one. */
  mergeFrames: boolean;
}

/** Where in a note's journey a power cut lands. */
export type PowerLossPoint = 'now' | 'inEscrow' | 'whileStacking';

export interface AcceptorEmulatorEvents {
  /** A note reached the cash box (the device's own count goes up). */
  stacked: [valueFen: number];
  /** A note went back to the customer (returned on command, rejected, or handed back at reset). */
  returned: [valueFen: number];
  /** The device reported a credit point (ID-003 VEND VALID, SSP CREDIT) for this note. */
  credited: [valueFen: number];
}

export interface AcceptorEmulator extends EmulatedDevice {
  readonly protocol: AcceptorProtocol;
  readonly events: EventEmitter<AcceptorEmulatorEvents>;
  /** A short word for the panel and logs (idling, escrow, stacking, …). */
  readonly state: string;
  /** Denominations (fen) the device knows. */
  readonly denominations: readonly number[];
  /** A customer inserts a note; false when the device would not take it now. */
  insertNote(valueFen: number): boolean;
  /** The next note inserted is rejected (reason: the protocol's reject code, if given). */
  rejectNext(reason?: number): void;
  /** Report a lasting fault until setFault(null). */
  setFault(fault: AcceptorFault | null): void;
  /**
   * Cut the power at a point of the next note's journey ('now' = at once). The device goes
   * silent; a note caught inside stays where it was.
   */
  powerLoss(at: PowerLossPoint): void;
  /**
   * Restore power: the device powers up reporting any note still inside. With the power still
   * on, a cut armed for a later point is withdrawn (it would otherwise strike a later note).
   */
  powerOn(): void;
  readonly line: LineFaults;
  /** The device's own counters (SSP keeps them; ID-003 emulator counts for tests only). */
  counters(): { stacked: number; byValue: Record<number, number> };
}
