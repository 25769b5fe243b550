// What the staff screens show: a pure function of the mode's state and the customer's visit
// under it. Never a PIN (its length only), a card number, or a whole account number.
import type { SnapshotFrom } from 'xstate';
import type { HelpCallView, StaffView } from '../api/kiosk-api';
import {
  customerScreenOf,
  customerStateOf,
  helpCalled,
  type SessionSnapshot,
} from '../flows/session-view';
import type { staffModeMachine } from './staff-mode-machine';

type ModeSnapshot = SnapshotFrom<typeof staffModeMachine>;

export function staffViewOf(mode: ModeSnapshot, session: SessionSnapshot): StaffView | null {
  const c = mode.context;
  if (mode.matches('closed')) return null;
  if (mode.matches('open') && c.person) {
    return {
      name: 'staffHome',
      who: { name: c.person.name, role: c.person.role },
      helpCall: helpCalled(session) ? helpCallOf(session) : null,
    };
  }
  return {
    name: 'signIn',
    by: c.by,
    step: mode.matches({ signIn: 'staffNumber' })
      ? 'staffNumber'
      : mode.matches({ signIn: 'checking' })
        ? 'checking'
        : 'pin',
    staffNumber: c.by === 'staffNumber' ? c.staffNumber : '',
    pinLength: c.pin.length,
    problem: c.problem,
    triesLeft: c.triesLeft,
    lockedUntil: c.lockedUntil,
  };
}

/** The customer's visit as the member of staff answering her call needs it. */
export function helpCallOf(s: SessionSnapshot): HelpCallView {
  const c = s.context;
  const state = customerStateOf(s);
  return {
    reason: c.helpReason ?? 'customer',
    customerScreen: customerScreenOf(s).name,
    billerName: c.biller?.name['zh-CN'] ?? null,
    amountDue: c.quote?.totalDue ?? null,
    collected: c.collected,
    noteInEscrow: c.noteInEscrow,
    underReview: c.underReview,
    wayForward: c.noteInEscrow
      ? 'waitForNote'
      : c.qr.step === 'paying'
        ? 'waitForWallet'
        : c.collected > 0
          ? 'settleCash'
          : c.paymentId === null
            ? 'nothingTaken'
            : 'goOn',
    canGoBack: s.can({ type: 'BACK' }),
    canCancel: s.can({ type: 'CANCEL' }) && state !== 'attract',
  };
}
