// The staff screens' codes in words: one table per list, shared by the screens that show them
// and the voice that says them (ui/voice/staff-voice*.ts), so the two never drift apart.
import { isRefundReason, refundReasonWords } from '../../src/api/refund-reasons';
import type {
  CareAlertRow,
  CareOutcomeName,
  CareReadingRow,
  DeviceView,
  DiagnosticTestsView,
  NoticeFieldName,
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
  care: 'staffOpenCare',
  notices: 'staffOpenNotices',
};

/** The way forward for a resident whose call staff answered. */
export const HELP_WAY: Readonly<Record<HelpCallView['wayForward'], MessageKey>> = {
  goOn: 'staffWayGoOn',
  settleCash: 'staffWaySettleCash',
  waitForNote: 'staffWayWaitForNote',
  waitForWallet: 'staffWayWaitForWallet',
  nothingTaken: 'staffWayNothingTaken',
  paid: 'staffWayPaid',
};

/** Why she called, in words. */
export const HELP_REASON: Readonly<Record<HelpCallView['reason'], MessageKey>> = {
  customer: 'staffHelpReasonCustomer',
  timeout: 'staffHelpReasonTimeout',
  printedCopy: 'staffHelpReasonPrintedCopy',
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

/** A device's status as its driver publishes it (drivers/device.ts), in words. */
const DEVICE_STATUS: Readonly<Record<string, MessageKey>> = {
  online: 'deviceOnline',
  offline: 'deviceOffline',
  hardwareError: 'deviceHardwareError',
  busy: 'deviceBusy',
  noDevice: 'deviceNoDevice',
  userError: 'deviceUserError',
};

/** A device status in words; one a newer host sends, as it is. */
export function deviceStatusWords(t: Translator, status: string): string {
  const key = Object.hasOwn(DEVICE_STATUS, status) ? DEVICE_STATUS[status] : undefined;
  return key ? t(key) : status;
}

/** An open item's detail codes in words (what the journal or the device recorded). */
const ITEM_DETAIL: Readonly<Record<string, MessageKey>> = {
  note_in_escrow_at_restart: 'itemWhyNoteInEscrowAtRestart',
  acceptor_boxed_note_after_restart: 'itemWhyBoxedAfterRestart',
  note_settled: 'itemWhyNoteSettled',
  not_cash: 'itemWhyNotCash',
  payment_in_progress: 'itemWhyPaymentInProgress',
  overpayment_not_allowed: 'itemWhyOverpaymentNotAllowed',
  store_and_forward_expired: 'itemWhyStoreAndForwardExpired',
  stray_note_in_box: 'itemWhyStrayInBox',
  stray_note_returned: 'itemWhyStrayReturned',
  stray_note_uncertain: 'itemWhyStrayUncertain',
  payment_unknown: 'itemNeedPaymentUnknown',
  await_recon: 'itemNeedAwaitRecon',
  refund_required: 'itemNeedRefundRequired',
  reversal_unknown: 'itemNeedReversalUnknown',
  cash_exchange_short: 'itemDiffCashShort',
  cash_exchange_long: 'itemDiffCashLong',
  cash_exchange_mixed: 'itemDiffCashMixed',
  kiosk_only: 'itemDiffKioskOnly',
  gateway_only: 'itemDiffGatewayOnly',
  amount_mismatch: 'itemDiffAmountMismatch',
  reversed_at_gateway: 'itemDiffReversedAtGateway',
  written_off_after_refund: 'itemDiffWrittenOffAfterRefund',
};

/** An item's detail in words: a known code by its words, anything else (a device's words) as is. */
export function itemDetailWords(t: Translator, detail: string): string {
  // A refund's reason: the words its slip printed for her (one table with the receipts).
  if (isRefundReason(detail)) return refundReasonWords(detail)[t.locale === 'en' ? 'en' : 'zh'];
  const key = Object.hasOwn(ITEM_DETAIL, detail) ? ITEM_DETAIL[detail] : undefined;
  return key ? t(key) : detail;
}

/** The reasons a difference is explained by. */
const DISCREPANCY_REASON: Readonly<Record<string, MessageKey>> = {
  counting_error: 'discrepancyCountingError',
  late_write_off: 'discrepancyLateWriteOff',
  reversal_after_day_cut: 'discrepancyReversalAfterDayCut',
  refund_paid: 'discrepancyRefundPaid',
  note_found: 'discrepancyNoteFound',
  gateway_error: 'discrepancyGatewayError',
  other: 'discrepancyOther',
};

/** A discrepancy reason in words; a code a newer host sends, as it is. */
export function discrepancyReasonWords(t: Translator, reason: string): string {
  const key = Object.hasOwn(DISCREPANCY_REASON, reason) ? DISCREPANCY_REASON[reason] : undefined;
  return key ? t(key) : reason;
}

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

// ---- Care for elders living alone ----

export const CARE_KIND: Readonly<Record<CareAlertRow['kind'], MessageKey>> = {
  low_usage: 'careKindLowUsage',
  spike: 'careKindSpike',
};

export const CARE_OUTCOME: Readonly<Record<CareOutcomeName, MessageKey>> = {
  visited_ok: 'careOutcomeVisitedOk',
  called_ok: 'careOutcomeCalledOk',
  needs_help: 'careOutcomeNeedsHelp',
  away: 'careOutcomeAway',
  false_alarm: 'careOutcomeFalseAlarm',
};

/** kWh with one decimal, as the meter reads. */
export function kwh(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1);
}

/** The median of a household's readings (its usual day). */
export function medianKwh(readings: readonly CareReadingRow[]): number | null {
  if (readings.length === 0) return null;
  const sorted = readings.map((r) => r.kwh).sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** An alert's figures in words: the last day against the median, and how far it moved. */
export function careFigures(t: Translator, alert: CareAlertRow): string {
  if (alert.lastKwh === null || alert.medianKwh === null)
    return t('careSince', { day: t.day(alert.since) });
  const figures = t('careFigures', { last: kwh(alert.lastKwh), median: kwh(alert.medianKwh) });
  return `${figures}${comma(t)}${careChange(t, alert.lastKwh, alert.medianKwh)}`;
}

/** "78% less than usual" or "3.2 times the usual". */
export function careChange(t: Translator, last: number, median: number): string {
  if (median <= 0) return '';
  return last < median
    ? t('careDrop', { percent: Math.round((1 - last / median) * 100) })
    : t('careRise', { times: kwh(last / median) });
}

/** The chart's text alternative: the key figures of the 30 days, and the drop. */
export function careChartText(t: Translator, readings: readonly CareReadingRow[]): string {
  const median = medianKwh(readings);
  const last = readings.at(-1);
  if (median === null || !last) return t('careNone');
  const low = readings.reduce((a, b) => (b.kwh < a.kwh ? b : a));
  const text = t('careChartAlt', {
    median: kwh(median),
    last: kwh(last.kwh),
    min: kwh(low.kwh),
    minDay: low.day.slice(5),
  });
  return `${text}${comma(t)}${careChange(t, last.kwh, median)}`;
}

const comma = (t: Translator) => (t.locale === 'zh-CN' ? '，' : ', ');

// ---- Community notices ----

export const NOTICE_FIELD: Readonly<Record<NoticeFieldName, MessageKey>> = {
  date: 'noticeFieldDate',
  time: 'noticeFieldTime',
  place: 'noticeFieldPlace',
};

/** An audience tag in words (elder, volunteer, building-12). */
export function noticeTagWords(t: Translator, tag: string): string {
  if (tag === 'elder') return t('noticeTagElder');
  if (tag === 'volunteer') return t('noticeTagVolunteer');
  const building = /^building-(\d+)$/.exec(tag);
  return building ? t('noticeTagBuilding', { number: building[1] ?? '' }) : tag;
}

/** A notice's outcome: sent to so many, or kept to go later. */
export function noticeOutcomeWords(
  t: Translator,
  outcome: Extract<StaffView, { name: 'notices' }>['outcome'],
): string | null {
  if (!outcome) return null;
  if (outcome.state === 'accepted') return t('noticeSentTo', { count: outcome.recipients ?? 0 });
  if (outcome.state === 'pending') return t('noticeSentLater');
  return refusalWords(t, 'rejected');
}
