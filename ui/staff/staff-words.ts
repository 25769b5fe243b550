// The staff screens' codes in words: one table per list, shared by the screens that show them
// and the voice that says them (ui/voice/staff-voice*.ts), so the two never drift apart.
import type {
  DeviceView,
  DiagnosticTestsView,
  HelpCallView,
  ItemAction,
  OpenItemRow,
  ReversalReasonCode,
  ScreenName,
  StaffScreenName,
  StaffView,
  ToolOutcome,
} from '../../src/api/kiosk-api';
import type { MessageKey, Translator } from '../i18n/messages';

/** The staff home's menu: each screen by the words of its button. */
export const STAFF_MENU: Readonly<Record<StaffScreenName, MessageKey>> = {
  openItems: 'staffOpenOpenItems',
  syncQueue: 'staffOpenSyncQueue',
  daySummary: 'staffOpenDaySummary',
  cashExchange: 'staffOpenCashExchange',
  diagnostics: 'staffOpenDiagnostics',
  serviceState: 'staffOpenServiceState',
  reprint: 'staffOpenReprint',
  reversal: 'staffOpenReversal',
  pins: 'staffOpenPins',
  myPin: 'staffOpenMyPin',
};

/** The way forward for a resident whose call staff answered. */
export const HELP_WAY: Readonly<Record<HelpCallView['wayForward'], MessageKey>> = {
  goOn: 'staffWayGoOn',
  settleCash: 'staffWaySettleCash',
  waitForNote: 'staffWayWaitForNote',
  waitForWallet: 'staffWayWaitForWallet',
  nothingTaken: 'staffWayNothingTaken',
};

export const ITEM_KIND: Readonly<Record<OpenItemRow['kind'], MessageKey>> = {
  refund_slip: 'itemKindRefundSlip',
  note_review: 'itemKindNoteReview',
  stray_note: 'itemKindStrayNote',
  discrepancy: 'itemKindDiscrepancy',
  payment: 'itemKindPayment',
};

/** An open item's actions (a discrepancy is explained by its reasons: itemExplain). */
export const ITEM_ACTION: Readonly<Record<Exclude<ItemAction, 'explain'>, MessageKey>> = {
  pay_out: 'itemPayOut',
  credit_found: 'itemCreditFound',
  returned: 'itemReturned',
  in_box: 'itemInBox',
  not_found: 'itemNotFound',
  ask_again: 'itemAskAgain',
};

export const REVERSAL_REASON: Readonly<Record<ReversalReasonCode, MessageKey>> = {
  wrong_account: 'reversalReasonWrongAccount',
  wrong_biller: 'reversalReasonWrongBiller',
  wrong_amount: 'reversalReasonWrongAmount',
  duplicate_payment: 'reversalReasonDuplicatePayment',
  customer_request: 'reversalReasonCustomerRequest',
};

type ReversalOutcome = NonNullable<Extract<StaffView, { name: 'reversal' }>['outcome']>['outcome'];

/** A reversal's outcome ({amount}, {message}). */
export const REVERSAL_OUTCOME: Readonly<Record<ReversalOutcome, MessageKey>> = {
  reversed: 'reversalReversed',
  too_late: 'reversalTooLate',
  not_found: 'reversalNotFound',
  refused: 'reversalRefused',
  unknown: 'reversalUnknown',
};

export const DEVICE_KIND: Readonly<Record<DeviceView['kind'], MessageKey>> = {
  billAcceptor: 'diagKindBillAcceptor',
  printer: 'diagKindPrinter',
  scanner: 'diagKindScanner',
  cardReader: 'diagKindCardReader',
};

/** What a running test asks the technician to do. */
export const TEST_HINT: Readonly<Record<NonNullable<DiagnosticTestsView['running']>, MessageKey>> =
  {
    acceptor: 'diagTestAcceptorOn',
    scanner: 'diagTestScannerOn',
    card: 'diagTestCardOn',
    touch: 'diagTestTouchHint',
  };

/** Why a test could not start. */
export const TEST_PROBLEM: Readonly<
  Record<NonNullable<DiagnosticTestsView['problem']>, MessageKey>
> = {
  paymentOpen: 'diagTestProblemPaymentOpen',
  acceptorNotReady: 'diagTestProblemAcceptorNotReady',
  noDevice: 'diagTestProblemNoDevice',
};

export const PRINTER_STATE: Readonly<
  Record<Extract<StaffView, { name: 'serviceState' }>['printer'], MessageKey>
> = {
  ok: 'printerStateOk',
  low: 'printerStateLow',
  out: 'printerStateOut',
  none: 'printerStateNone',
};

/** Why a PIN was refused; a code not listed is said as pinRefused. */
const PIN_PROBLEM: Readonly<Record<string, MessageKey>> = {
  format: 'pinWeakFormat',
  same_digit: 'pinWeakSameDigit',
  sequence: 'pinWeakSequence',
  pattern: 'pinWeakPattern',
  staff_number: 'pinWeakStaffNumber',
  pins_differ: 'pinDiffer',
  wrong_pin: 'pinWrongCurrent',
  locked: 'staffLocked',
};

export function pinProblemWords(t: Translator, problem: string): string {
  const key = PIN_PROBLEM[problem];
  return key ? t(key, { time: '' }) : t('pinRefused', { reason: problem });
}

/** Why a sign-in did not open the mode, in words; null when nothing went wrong. */
export function signInProblemWords(
  t: Translator,
  view: Extract<StaffView, { name: 'signIn' }>,
): string | null {
  switch (view.problem) {
    case null:
      return null;
    case 'wrong_pin':
      return t('staffWrongPin', { count: view.triesLeft ?? 0 });
    case 'locked':
      return t('staffLocked', {
        time: view.lockedUntil === null ? '' : clockTime(view.lockedUntil),
      });
    case 'unknown':
      return t('staffUnknown');
    case 'no_pin':
      return t('staffNoPin');
  }
}

/** "14:05" in business time (the kiosk's clock is Asia/Shanghai). */
export function clockTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A refusal in words; a code the tables do not know, as "not done: <code>". */
export function refusalWords(t: Translator, reason: string | null): string {
  const code = (reason ?? '').split(':')[0] ?? '';
  return t.refusal(code) ?? t('deskRefused', { reason: reason ?? '' });
}

const TOOL: Readonly<Record<ToolOutcome['tool'], MessageKey>> = {
  testPage: 'toolTestPage',
  gateway: 'toolGateway',
  paperReplaced: 'toolPaperReplaced',
  bundle: 'toolBundle',
};

/** A test's outcome: done, or not done and why (a bundle's file and checksum are apart). */
export function toolWords(t: Translator, outcome: ToolOutcome): string {
  const tool = t(TOOL[outcome.tool]);
  return outcome.ok
    ? t('toolOk', { tool })
    : t('toolFailed', { tool, problem: outcome.problem ?? '' });
}

/** A resident's screen in words; a name this renderer does not know (a newer host) as it is. */
export function screenWords(t: Translator, name: string): string {
  return (t.screen(name as ScreenName) as string | undefined) ?? name;
}
