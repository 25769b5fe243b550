// Maps the fault events of one POLL reply onto the protocol-neutral status. Jams, stacker full
// and fraud are repeated by the device while they last, so a reply without them clears them;
// a removed cash box stays 'open' until CASHBOX REPLACED (or a reset) says otherwise.
import type { StackerStatus } from '../bill-acceptor';
import { Event } from './codes';
import type { SspEvent } from './events';

export const FAULT_TEXT: Readonly<Record<number, string>> = {
  [Event.SAFE_JAM]: 'safe jam: a note is stuck out of the customer’s reach',
  [Event.UNSAFE_JAM]: 'unsafe jam: a note is stuck where the customer could pull it out',
  [Event.FRAUD_ATTEMPT]: 'fraud attempt',
  [Event.STACKER_FULL]: 'stacker full',
  [Event.NOTE_PATH_OPEN]: 'note path open',
};

export interface FaultView {
  stacker: StackerStatus;
  /** The fault to report, or null when the reply shows none. */
  fault: string | null;
}

export function faultView(events: readonly SspEvent[], stacker: StackerStatus): FaultView {
  let box: StackerStatus = stacker === 'open' ? 'open' : 'ok';
  let fault: string | null = null;
  for (const { code } of events) {
    if (code === Event.SLAVE_RESET || code === Event.CASHBOX_REPLACED) box = 'ok';
    else if (code === Event.CASHBOX_REMOVED) box = 'open';
    else if (code === Event.STACKER_FULL && box === 'ok') box = 'full';
    fault ??= FAULT_TEXT[code] ?? null;
  }
  if (box === 'open') fault ??= 'cash box removed';
  return { stacker: box, fault };
}
