// What the emulated acceptor answers to STATUS REQ in each state: a fault, when one is set,
// hides the state it froze.
import { Status } from '../../drivers/bill-acceptor/id003/codes';
import { encodeFrame } from '../../drivers/bill-acceptor/id003/frame';
import type { AcceptorFault } from './acceptor-emulator';
import type { EmulatedNote } from './id003-table';

export type EmulatorState =
  | 'off'
  | 'powerUp'
  | 'initializing'
  | 'idling'
  | 'disabled'
  | 'accepting'
  | 'escrow'
  | 'holding'
  | 'stacking'
  | 'vendValid'
  | 'stacked'
  | 'rejecting'
  | 'returning';

const FAULT_FRAMES: Readonly<Record<AcceptorFault, Buffer>> = {
  jamInAcceptor: encodeFrame(Status.ACCEPTOR_JAM),
  jamInStacker: encodeFrame(Status.STACKER_JAM),
  stackerFull: encodeFrame(Status.STACKER_FULL),
  stackerOpen: encodeFrame(Status.STACKER_OPEN),
  cheated: encodeFrame(Status.CHEATED),
  failure: encodeFrame(Status.FAILURE, Buffer.from([0xa2])), // stack motor failure
};

/** States reported by a bare status byte ('off' never answers). */
const PLAIN: Readonly<
  Record<Exclude<EmulatorState, 'off' | 'powerUp' | 'escrow' | 'rejecting'>, number>
> = {
  initializing: Status.INITIALIZE,
  idling: Status.IDLING,
  disabled: Status.DISABLED,
  accepting: Status.ACCEPTING,
  holding: Status.HOLDING,
  stacking: Status.STACKING,
  vendValid: Status.VEND_VALID,
  stacked: Status.STACKED,
  returning: Status.RETURNING,
};

export interface Reported {
  state: EmulatorState;
  fault: AcceptorFault | null;
  note: EmulatedNote | null;
  /** 40, or 41 / 42 when power was lost with a note in the acceptor / the stacker. */
  powerUpCode: number;
  rejectReason: number;
}

export function statusFrame(r: Reported): Buffer {
  if (r.fault) return FAULT_FRAMES[r.fault];
  switch (r.state) {
    case 'off':
    case 'powerUp':
      return encodeFrame(r.powerUpCode);
    case 'escrow':
      return encodeFrame(Status.ESCROW, Buffer.from([r.note?.code ?? 0]));
    case 'rejecting':
      return encodeFrame(Status.REJECTING, Buffer.from([r.rejectReason]));
    default:
      return encodeFrame(PLAIN[r.state]);
  }
}
