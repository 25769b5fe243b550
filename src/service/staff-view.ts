// What the staff screens show: a pure function of the mode's state and the customer's visit
// under it. Never a PIN (its length only), a card number, or a whole account number.
import type { SnapshotFrom } from 'xstate';
import {
  StaffScreenName,
  type DeviceView,
  type DiagnosticTestsView,
  type GatewayCheck,
  type HelpCallView,
  type OutOfServiceReason,
  type PrinterState,
  type StaffView,
  type ToolOutcome,
} from '../api/kiosk-api';
import type { AssistedScreen } from './assisted-screens';
import type { ReceiptScreen } from './receipt-screens';
import { can } from './roles';
import { SCREEN_ACTION } from './staff-mode-machine';
import {
  PAID_STATES,
  customerScreenOf,
  customerStateOf,
  helpCalled,
  type SessionSnapshot,
} from '../flows/session-view';
import { walletBusy } from '../flows/session-types';
import type { staffModeMachine } from './staff-mode-machine';
import { amountToPay } from '../flows/pay-scope';

type ModeSnapshot = SnapshotFrom<typeof staffModeMachine>;

/** What the service screens show besides the mode and the visit (read when drawn). */
export interface ServiceFacts {
  devices(): DeviceView[];
  gateway: GatewayCheck | null;
  lastTool: ToolOutcome | null;
  /** The diagnostics screen's tests: what they have seen. */
  tests(): DiagnosticTestsView;
  service(): { inService: boolean; reason: OutOfServiceReason | null };
  printer(): PrinterState;
  /** The screens over the journal (open items, sync, the day, the cash-box exchange). */
  assisted(screen: AssistedScreen): StaffView;
  /** Reprint, reversal and PINs. */
  receipts(screen: ReceiptScreen): StaffView;
  /** Care for elders living alone (the community room's care part). */
  care(): StaffView;
  /** Community notices. */
  notices(): StaffView;
}

export function staffViewOf(
  mode: ModeSnapshot,
  session: SessionSnapshot,
  facts: ServiceFacts,
): StaffView | null {
  const c = mode.context;
  if (mode.matches('closed')) return null;
  if (mode.matches('open') && c.person) {
    if (mode.matches({ open: 'screen' }) && c.screen) return SCREENS[c.screen](facts, c.device);
    return {
      name: 'staffHome',
      who: { name: c.person.name, role: c.person.role },
      helpCall: helpCalled(session) ? helpCallOf(session) : null,
      menu: STAFF_SCREENS.filter((screen) => can(c.person?.role ?? 'staff', SCREEN_ACTION[screen])),
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

const STAFF_SCREENS = StaffScreenName.options;
/** Events per device on the diagnostics overview (all 20 when one device is opened). */
const OVERVIEW_EVENTS = 2;

/** Each staff screen → its view. A new screen without a view fails the typecheck here. */
const SCREENS: {
  [S in StaffScreenName]: (facts: ServiceFacts, device: DeviceView['kind'] | null) => StaffView;
} = {
  openItems: (f) => f.assisted('openItems'),
  syncQueue: (f) => f.assisted('syncQueue'),
  daySummary: (f) => f.assisted('daySummary'),
  cashExchange: (f) => f.assisted('cashExchange'),
  reprint: (f) => f.receipts('reprint'),
  reversal: (f) => f.receipts('reversal'),
  pins: (f) => f.receipts('pins'),
  myPin: (f) => f.receipts('myPin'),
  care: (f) => f.care(),
  notices: (f) => f.notices(),
  diagnostics: (f, device) => {
    const all = f.devices();
    const focused = all.some((d) => d.kind === device) ? device : null;
    return {
      name: 'diagnostics',
      // The overview shows each device's last few events; one device in focus, all of them.
      devices: focused
        ? all.filter((d) => d.kind === focused)
        : all.map((d) => ({ ...d, events: d.events.slice(-OVERVIEW_EVENTS) })),
      focus: focused,
      gateway: f.gateway,
      lastTool: f.lastTool,
      tests: f.tests(),
    };
  },
  serviceState: (f) => ({
    name: 'serviceState',
    ...f.service(),
    printer: f.printer(),
    lastTool: f.lastTool,
  }),
};

/** The customer's visit as the member of staff answering her call needs it. */
export function helpCallOf(s: SessionSnapshot): HelpCallView {
  const c = s.context;
  const state = customerStateOf(s);
  return {
    reason: c.helpReason ?? 'customer',
    customerScreen: customerScreenOf(s).name,
    billerName: c.biller?.name['zh-CN'] ?? null,
    amountDue: c.quote ? amountToPay(c) : null,
    collected: c.collected,
    noteInEscrow: c.noteInEscrow,
    underReview: c.underReview,
    accountTail: c.quote ? c.quote.account.slice(-4) : null,
    wayForward: PAID_STATES.has(state)
      ? 'paid'
      : c.noteInEscrow
        ? 'waitForNote'
        : walletBusy(c)
          ? 'waitForWallet'
          : c.collected > 0
            ? 'settleCash'
            : c.paymentId === null
              ? 'nothingTaken'
              : 'goOn',
    canGoBack: s.can({ type: 'BACK' }),
    // Nothing to cancel once she has paid (her result screen only ends the visit).
    canCancel: s.can({ type: 'CANCEL' }) && state !== 'attract' && !PAID_STATES.has(state),
  };
}
