// One fixture per screen variant and notable sub-state, typed against the KioskApi's Snapshot so
// that a change to the API breaks the gallery at compile time rather than in a screenshot.
import {
  DEFAULT_FRONT_PANEL,
  ProblemCode,
  type CashChange,
  type DeviceView,
  type DiagnosticTestsView,
  type Locale,
  type Screen,
  type Snapshot,
  type ReceiptRow,
  type StaffView,
} from '../../src/api/kiosk-api';
import {
  ACCOUNT,
  BILLERS,
  CABLE_TV,
  CABLE_TV_QUOTE,
  ELECTRICITY,
  HOLDER,
  INFO,
  KIOSK_CODE_URL,
  OVERDUE_QUOTE,
  PROVISIONAL_LINES,
  RECEIPT_LINES,
  RECEIPT_LINES_EN,
  REFUND_SLIP_LINES,
  REFUND_SLIP_LINES_EN,
  SERVICE_HALL,
  TELECOM,
  TELECOM_QUOTE,
  VERIFY_URL,
} from './fixture-data';
import { APPLICATION_FIXTURES } from './application-fixtures';
import { KEYBOARD_STAGES, type FieldStage } from './keyboard-fixtures';

export interface Fixture {
  /** The gallery URL's `?screen=` and the screenshot's file name. */
  id: string;
  title: string;
  /** Host content (the information centre) comes in the customer's language. */
  snapshot(locale: Locale): Snapshot;
  /** Drawn instead of the snapshot's screen, in its frame: a part no screen holds yet. */
  stage?: FieldStage;
}

/** Everything of a snapshot but its screen and language: a quiet kiosk at default settings. */
export const BASE: Omit<Snapshot, 'screen' | 'locale'> = {
  seq: 1,
  service: {
    pendingSync: { count: 0, total: 0 },
    staffItems: 0,
    receipts: 'print',
    printer: 'ok',
  },
  prefs: { textScale: 1, volume: 2, muted: false },
  prompt: null,
  helpCalled: false,
  staffHelping: false,
  staffCardAway: null,
  staff: null,
  frontPanel: DEFAULT_FRONT_PANEL,
};

/** The gallery moves a prompt's deadline to 30 s after the page loads. */
export const PROMPT_SECONDS = 30;

function at(
  id: string,
  title: string,
  screen: Screen | ((locale: Locale) => Screen),
  extra: Partial<Omit<Snapshot, 'screen' | 'locale'>> = {},
): Fixture {
  return {
    id,
    title,
    snapshot: (locale) => ({
      ...BASE,
      ...extra,
      locale,
      screen: typeof screen === 'function' ? screen(locale) : screen,
    }),
  };
}

const PRINTER_OUT = { ...BASE.service, receipts: 'screen', printer: 'out' } as const;
/** Another model of terminal (config `frontPanel`): the receipt left, scanner right, notes below. */
const FRONT_B: Snapshot['frontPanel'] = { left: ['receipt'], right: ['scanner'], below: ['notes'] };
const DUE = OVERDUE_QUOTE.totalDue;

const insertCash = (s: Partial<Extract<Screen, { name: 'insertCash' }>>): Screen => ({
  name: 'insertCash',
  biller: ELECTRICITY,
  amountDue: DUE,
  collected: 0,
  acceptedNotes: [1_000, 2_000, 5_000, 10_000],
  acceptsOverpayment: true,
  noteInEscrow: false,
  underReview: 0,
  ...s,
});

const partialCash = (s: Partial<Extract<Screen, { name: 'partialCash' }>>): Screen => ({
  name: 'partialCash',
  biller: ELECTRICITY,
  amountDue: DUE,
  collected: 20_000,
  outcome: 'writeOff',
  canContinue: true,
  underReview: 0,
  ...s,
});

const qrPay = (s: Partial<Extract<Screen, { name: 'qrPay' }>>): Screen => ({
  name: 'qrPay',
  biller: ELECTRICITY,
  amountDue: DUE,
  scannerWindow: 'below',
  step: 'showYourCode',
  kioskCodeUrl: null,
  refused: false,
  ...s,
});

const enterAccount = (digits: string, problem: ProblemCode | null = null): Screen => ({
  name: 'enterAccount',
  biller: ELECTRICITY,
  digits,
  problem,
});

/** The idle screen shows the information centre's topics in turn; the first one is up. */
const attract = (locale: Locale): Screen => {
  const { id, title, paragraphs } = INFO[locale].lateFees;
  return { name: 'attract', highlights: [{ id, title, summary: paragraphs[0] ?? '' }] };
};

const KEPT: CashChange = { overpayment: 'kept', refusedNotes: [], notesCanPay: true };

/** Electricity: the whole due only (no part payments), the extra kept on the account. */
const BILLS: Extract<Screen, { name: 'bills' }> = {
  name: 'bills',
  biller: ELECTRICITY,
  quote: OVERDUE_QUOTE,
  requoted: false,
  allowsPartial: false,
  overdueOnly: null,
  scope: 'all',
  amountToPay: OVERDUE_QUOTE.totalDue,
  cash: KEPT,
};

const receipt = {
  receiptLines: RECEIPT_LINES,
  printed: true,
  eReceiptUrl: VERIFY_URL,
  copyAsked: false,
};
/** Receipts are bilingual for a resident who chose English. */
const receiptIn = (locale: Locale) => ({
  ...receipt,
  receiptLines: locale === 'en' ? RECEIPT_LINES_EN : RECEIPT_LINES,
});
const slipLinesIn = (locale: Locale) =>
  locale === 'en' ? REFUND_SLIP_LINES_EN : REFUND_SLIP_LINES;

/** Staff and service screens: drawn over the resident's (here the bills) while a mode is up. */
const overBills = (
  id: string,
  title: string,
  staff: StaffView,
  staffCardAway: Snapshot['staffCardAway'] = null,
): Fixture =>
  at(id, title, BILLS, {
    staff,
    staffCardAway,
    helpCalled: staff.name === 'staffHome' && staff.helpCall !== null,
  });

const SIGN_IN: Extract<StaffView, { name: 'signIn' }> = {
  name: 'signIn',
  by: 'staffNumber',
  step: 'staffNumber',
  staffNumber: '1001',
  pinLength: 0,
  problem: null,
  triesLeft: null,
  lockedUntil: null,
};

const DEVICES: DeviceView[] = [
  {
    kind: 'billAcceptor',
    driver: 'id003',
    port: '/dev/ttyS0',
    model: null,
    firmware: null,
    status: 'online',
    detail: null,
    counters: { escrowed: 12, stacked: 11, returned: 1, rejected: 0, reconnects: 0, errors: 0 },
    events: [
      { at: 1_764_900_000_000, level: 'info', text: 'status: online' },
      { at: 1_764_900_060_000, level: 'warn', text: 'note returned: customer cancelled' },
    ],
  },
  {
    kind: 'printer',
    driver: 'escpos',
    port: '/dev/usb/lp0',
    model: null,
    firmware: null,
    status: 'online',
    detail: 'paper low',
    counters: { jobs: 9, printed: 9, failed: 0, reconnects: 0 },
    events: [{ at: 1_764_900_000_000, level: 'warn', text: 'paper near its end' }],
  },
  {
    kind: 'scanner',
    driver: 'hid-pos',
    port: '0c2e:0b8f',
    model: 'Honeywell Youjie HH490',
    firmware: '3.17',
    status: 'online',
    detail: null,
    counters: { scans: 14, reconnects: 0 },
    events: [{ at: 1_764_900_000_000, level: 'info', text: 'scan read: 18 characters, digits' }],
  },
];

const NO_TESTS: DiagnosticTestsView = {
  running: null,
  notes: [],
  scans: [],
  card: null,
  voiceTest: 0,
  problem: null,
};

const DIAGNOSTICS: Extract<StaffView, { name: 'diagnostics' }> = {
  name: 'diagnostics',
  devices: DEVICES,
  focus: null,
  gateway: null,
  lastTool: null,
  tests: NO_TESTS,
};

/** The tests that take no money, each in the state it shows. */
const DIAGNOSTIC_TEST_FIXTURES: Fixture[] = [
  overBills('technician-test-acceptor', 'Technician: acceptor test, notes handed back', {
    ...DIAGNOSTICS,
    tests: {
      ...NO_TESTS,
      running: 'acceptor',
      notes: [
        { value: 10_000, outcome: 'returned' },
        { value: 2_000, outcome: 'returned' },
        { value: null, outcome: 'returned' },
      ],
    },
  }),
  overBills('technician-test-acceptor-refused', 'Technician: acceptor test refused', {
    ...DIAGNOSTICS,
    tests: { ...NO_TESTS, problem: 'paymentOpen' },
  }),
  overBills('technician-test-scanner', 'Technician: scanner test, classes only', {
    ...DIAGNOSTICS,
    tests: {
      ...NO_TESTS,
      running: 'scanner',
      scans: [
        { kind: 'bill', length: 17 },
        { kind: 'paymentCode', length: 18 },
        { kind: 'unknown', length: 5 },
      ],
    },
  }),
  overBills('technician-test-card', 'Technician: card test, last 4 digits', {
    ...DIAGNOSTICS,
    tests: { ...NO_TESTS, card: { last4: '9C1F', kind: 'account' } },
  }),
  overBills('technician-test-touch', 'Technician: touch test grid', {
    ...DIAGNOSTICS,
    tests: { ...NO_TESTS, running: 'touch' },
  }),
];

const RECEIPT_ROW: ReceiptRow = {
  agentSerial: 'KIOSK-0001-20251205-000042',
  kind: 'paid',
  billerName: '国网上海市电力公司',
  account: '3100****56',
  amount: 50_000,
  at: 1_764_900_000_000,
  copies: 0,
};

type ReversalScreenView = Extract<StaffView, { name: 'reversal' }>;
/** A reversal whose payment and reason are chosen, waiting for the second person. */
const REVERSAL_APPROVE: ReversalScreenView = {
  name: 'reversal',
  step: 'approve',
  search: { by: 'accountTail', typed: '3456', found: [RECEIPT_ROW] },
  chosen: RECEIPT_ROW,
  reason: 'wrong_account',
  reasons: [],
  approver: null,
  outcome: null,
  lastResult: null,
};
const REVERSAL_DONE: ReversalScreenView = {
  ...REVERSAL_APPROVE,
  step: 'done',
  outcome: { outcome: 'reversed', amount: RECEIPT_ROW.amount, message: null, slipPrinted: true },
  lastResult: { ok: true, reason: null },
};

type CareScreenView = Extract<StaffView, { name: 'care' }>;
const CARE_LOW: CareScreenView['alerts'][number] = {
  alertId: 'ca_0001',
  kind: 'low_usage',
  label: '武康路**弄**号 3 室',
  holder: '王*芳',
  contact: '138****8000',
  since: '2026-12-05',
  lastKwh: 0.1,
  medianKwh: 3.4,
  outcome: null,
};
const CARE_SPIKE: CareScreenView['alerts'][number] = {
  alertId: 'ca_0002',
  kind: 'spike',
  label: '武康路**弄**号 12 室',
  holder: '陈*',
  contact: '139****1234',
  since: '2026-12-03',
  lastKwh: 19.8,
  medianKwh: 5.2,
  outcome: null,
};
/** 30 days of an elder's use (kWh): a weekly rhythm around 3.4, then next to nothing. */
const WEEK = [0.2, -0.3, 0.1, 0.4, -0.2, 0.6, -0.1] as const;
const CARE_READINGS: CareScreenView['readings'] = Array.from({ length: 30 }, (_, i) => {
  const day = new Date(Date.UTC(2026, 10, 6 + i)).toISOString().slice(0, 10);
  const usual = 3.4 + (WEEK[i % 7] ?? 0);
  return { day, kwh: i === 29 ? 0.1 : Math.round(usual * 10) / 10 };
});
const CARE_LIST: CareScreenView = {
  name: 'care',
  step: 'list',
  alerts: [CARE_LOW, CARE_SPIKE],
  households: 5,
  chosen: null,
  readings: [],
  outcomes: ['visited_ok', 'called_ok', 'needs_help', 'away', 'false_alarm'],
  problem: null,
  lastResult: null,
};

type NoticesScreenView = Extract<StaffView, { name: 'notices' }>;
const NOTICE_SENT_ROW: NoticesScreenView['sent'][number] = {
  noticeSerial: 'SH-XH-WK-0007-20261206-000003',
  text: '【武康路社区】12月10日 14:00在社区活动室举办安全用电讲座，欢迎居民参加。',
  tags: ['elder', 'building-3'],
  sendAt: '2026-12-06T10:05:00+08:00',
  recipients: 57,
  delivered: 55,
};
const NOTICES: NoticesScreenView = {
  name: 'notices',
  step: 'template',
  templates: [
    {
      id: 'power-outage',
      title: { 'zh-CN': '计划停电通知', en: 'Planned power cut' },
      fields: ['place', 'date', 'time'],
    },
    {
      id: 'safety-talk',
      title: { 'zh-CN': '安全用电讲座', en: 'Electrical safety talk' },
      fields: ['date', 'time', 'place'],
    },
  ],
  chosen: null,
  field: null,
  date: { typed: '', value: null },
  time: { typed: '', value: null },
  place: null,
  places: ['社区活动室', '居委会', '小区广场'],
  tags: [],
  tagChoices: ['elder', 'volunteer', 'building-1', 'building-2', 'building-3'],
  preview: null,
  outcome: null,
  sent: [NOTICE_SENT_ROW],
  problem: null,
  lastResult: null,
};
const NOTICE_TEXT = {
  'zh-CN': '【武康路社区】因电网检修，居委会将于12月20日 09:00起计划停电约4小时，请提前做好准备。',
  en: '[Wukang Road community] Grid maintenance: planned power cut at 居委会 on 12月20日 from 09:00, about 4 hours.',
};

/** The staff and service screens, each variant and notable sub-state (drawn over the bills). */
export const STAFF_FIXTURES: Fixture[] = [
  overBills('staff-sign-in', 'Staff: sign in by staff number', SIGN_IN),
  overBills('staff-sign-in-pin', 'Staff: PIN after a wrong try', {
    ...SIGN_IN,
    by: 'card',
    step: 'pin',
    staffNumber: '',
    pinLength: 2,
    problem: 'wrong_pin',
    triesLeft: 3,
  }),
  overBills('staff-home-call', "Staff: a resident's call answered", {
    name: 'staffHome',
    who: { name: '社区工作人员 王*', role: 'staff' },
    helpCall: {
      reason: 'customer',
      customerScreen: 'insertCash',
      billerName: '国网上海市电力公司',
      amountDue: DUE,
      collected: 20_000,
      noteInEscrow: false,
      underReview: 0,
      accountTail: '3456',
      wayForward: 'settleCash',
      canGoBack: false,
      canCancel: true,
    },
    menu: [],
  }),
  overBills('staff-home-printed-copy', 'Staff: the resident wants a printed copy', {
    name: 'staffHome',
    who: { name: '社区工作人员 王*', role: 'staff' },
    helpCall: {
      reason: 'printedCopy',
      customerScreen: 'paid',
      billerName: '国网上海市电力公司',
      amountDue: DUE,
      collected: 50_000,
      noteInEscrow: false,
      underReview: 0,
      accountTail: '3456',
      wayForward: 'paid',
      canGoBack: false,
      canCancel: false,
    },
    menu: ['reprint'],
  }),
  overBills('staff-open-items', 'Staff: open items, one list', {
    name: 'openItems',
    items: [
      {
        key: 'item:3',
        kind: 'refund_slip',
        amount: 10_000,
        agentSerial: 'SH-XH-WK-0007-20261206-000012',
        account: '3100****56',
        detail: '账单已过期',
        direction: null,
        actions: ['pay_out'],
        reasons: [],
      },
      {
        key: 'item:4',
        kind: 'note_review',
        amount: 5_000,
        agentSerial: 'SH-XH-WK-0007-20261206-000013',
        account: null,
        detail: 'note_in_escrow_at_restart',
        direction: null,
        actions: ['credit_found', 'returned'],
        reasons: [],
      },
      {
        key: 'item:5',
        kind: 'discrepancy',
        amount: 1_000,
        agentSerial: null,
        account: null,
        detail: '清机 应有 320.00 元，实点 310.00 元',
        direction: 'short',
        actions: ['explain'],
        reasons: ['counting_error', 'note_found', 'late_write_off'],
      },
    ],
    entering: null,
    lastResult: { ok: true, reason: null },
  }),
  overBills('staff-pay-out-serial', 'Staff: a refund slip paid out, its serial typed', {
    name: 'openItems',
    items: [],
    entering: { key: 'item:3', typed: '2026120600' },
    lastResult: null,
  }),
  overBills('staff-sync-queue', 'Staff: payments waiting for write-off', {
    name: 'syncQueue',
    payments: [
      {
        agentSerial: 'SH-XH-WK-0007-20261206-000014',
        billerName: '上海市自来水公司',
        account: '2100***45',
        amount: 30_000,
        ageMinutes: 42,
        attempts: 5,
        lastError: 'unreachable (ECONNREFUSED)',
        retryAfterUntil: null,
      },
    ],
    lastResult: null,
  }),
  overBills('staff-day-summary', 'Staff: the day summary', {
    name: 'daySummary',
    day: '2026-12-06',
    writtenOff: {
      rows: [
        { billerName: '国网上海市电力公司', method: 'cash', count: 12, amount: 356_000 },
        { billerName: '上海市自来水公司', method: 'qr', count: 4, amount: 61_200 },
      ],
      count: 16,
      amount: 417_200,
    },
    pendingSync: { rows: [], count: 0, amount: 0 },
    reversed: { count: 1, amount: 19_433 },
    cashBox: { count: 41, total: 356_000 },
    openItems: { refund_slip: 1, discrepancy: 1 },
  }),
  overBills('technician-cash-exchange', 'Technician: cash-box exchange, counting', {
    name: 'cashExchange',
    step: 'counting',
    boxId: '7',
    seal: '5501',
    field: '10000',
    lines: [
      { value: 10_000, expected: 31, counted: 30 },
      { value: 5_000, expected: 4, counted: null },
      { value: 2_000, expected: 2, counted: null },
      { value: 1_000, expected: 1, counted: null },
      { value: 500, expected: 0, counted: null },
      { value: 100, expected: 0, counted: null },
    ],
    expectedTotal: 356_000,
    countedTotal: 300_000,
    discrepancy: null,
    slipPrinted: null,
    lastResult: { ok: true, reason: null },
  }),
  overBills('technician-cash-exchange-settled', 'Technician: cash-box exchange, settled short', {
    name: 'cashExchange',
    step: 'settled',
    boxId: '7',
    seal: '5501',
    field: null,
    lines: [
      { value: 10_000, expected: 31, counted: 30 },
      { value: 5_000, expected: 4, counted: 4 },
      { value: 2_000, expected: 2, counted: 2 },
      { value: 1_000, expected: 1, counted: 1 },
    ],
    expectedTotal: 356_000,
    countedTotal: 346_000,
    discrepancy: 10_000,
    slipPrinted: true,
    lastResult: { ok: true, reason: null },
  }),
  overBills('technician-home', 'Technician: home', {
    name: 'staffHome',
    who: { name: '维护工程师 李*', role: 'technician' },
    helpCall: null,
    menu: ['openItems', 'syncQueue', 'daySummary', 'cashExchange', 'diagnostics', 'serviceState'],
  }),
  overBills('technician-diagnostics', 'Technician: device diagnostics', {
    name: 'diagnostics',
    devices: DEVICES,
    focus: null,
    gateway: { reachable: true, latencyMs: 42, clockDifferenceMs: -800, problem: null },
    lastTool: { tool: 'testPage', ok: true, problem: null, bundle: null },
    tests: NO_TESTS,
  }),
  overBills('technician-diagnostics-device', 'Technician: one device, its last 20 events', {
    name: 'diagnostics',
    devices: [
      {
        ...(DEVICES[0] as DeviceView),
        events: Array.from({ length: 20 }, (_, i) => ({
          at: 1_764_900_000_000 + i * 60_000,
          level: i % 7 === 6 ? ('error' as const) : ('info' as const),
          text:
            i % 7 === 6
              ? 'line fault: no answer to POLL (×3)'
              : `note stacked: ${i % 3 ? 50 : 100} yuan`,
        })),
      },
    ],
    focus: 'billAcceptor',
    gateway: null,
    lastTool: null,
    tests: NO_TESTS,
  }),
  ...DIAGNOSTIC_TEST_FIXTURES,
  overBills('technician-service-state', 'Technician: out of service, paper', {
    name: 'serviceState',
    inService: false,
    reason: 'maintenance',
    printer: 'low',
    lastTool: null,
  }),
  // Receipts and PINs: reprint, same-day reversal, PINs.
  overBills('staff-reprint', 'Staff: reprint a receipt as a copy', {
    name: 'reprint',
    search: { by: 'accountTail', typed: '3456', found: [RECEIPT_ROW] },
    printed: { agentSerial: RECEIPT_ROW.agentSerial, copyNumber: 1, printed: true },
    lastResult: { ok: true, reason: null },
  }),
  overBills('staff-reversal-approve', 'Staff: same-day reversal, the second person approves', {
    ...REVERSAL_APPROVE,
    approver: { by: 'staffNumber', step: 'pin', staffNumber: '2001', pinLength: 3 },
    lastResult: { ok: false, reason: 'same_person' },
  }),
  overBills(
    'staff-reversal-card-lent',
    "Staff: one-slot reader, her card lent for the approver's",
    { ...REVERSAL_APPROVE, approver: { by: 'card', step: 'pin', staffNumber: '', pinLength: 2 } },
    'forApproval',
  ),
  overBills('staff-reversal-done', 'Staff: same-day reversal done, slip printed', REVERSAL_DONE),
  overBills(
    'staff-reversal-card-due',
    'Staff: reversal approved, her lent card asked back',
    REVERSAL_DONE,
    'mustReturn',
  ),
  overBills('technician-pins', "Technician: a staff member's PIN, a weak one refused", {
    name: 'pins',
    people: [
      { staffNumber: '1001', name: '社区工作人员 王*', role: 'staff', hasPin: true },
      { staffNumber: '1002', name: '社区工作人员 赵*', role: 'staff', hasPin: false },
      { staffNumber: '9001', name: '维护工程师 李*', role: 'technician', hasPin: true },
    ],
    chosen: '1002',
    typing: { field: 'first', currentLength: 0, firstLength: 2, secondLength: 0 },
    problem: 'sequence',
    lastResult: { ok: false, reason: 'weak_pin' },
  }),
  overBills('staff-my-pin', 'Staff: change my PIN', {
    name: 'myPin',
    typing: { field: 'first', currentLength: 6, firstLength: 4, secondLength: 0 },
    problem: null,
    lastResult: null,
  }),
  overBills('staff-care-alerts', 'Staff: care alerts (a drop, a spike)', CARE_LIST),
  overBills('staff-care-alert', 'Staff: a care alert with its 30 days, recorded', {
    ...CARE_LIST,
    step: 'alert',
    chosen: { ...CARE_LOW, outcome: 'visited_ok' },
    alerts: [{ ...CARE_LOW, outcome: 'visited_ok' }, CARE_SPIKE],
    readings: CARE_READINGS,
    lastResult: { ok: true, reason: null },
  }),
  overBills('staff-notices', 'Staff: community notices, a template to choose', NOTICES),
  overBills('staff-notice-compose', 'Staff: a notice being filled in', {
    ...NOTICES,
    step: 'compose',
    chosen: 'power-outage',
    field: 'time',
    date: { typed: '1220', value: '12月20日' },
    time: { typed: '09', value: null },
    place: '居委会',
    tags: ['elder'],
  }),
  overBills('staff-notice-sent', 'Staff: a notice sent, with its count', {
    ...NOTICES,
    step: 'done',
    chosen: 'power-outage',
    date: { typed: '1220', value: '12月20日' },
    time: { typed: '0900', value: '09:00' },
    place: '居委会',
    tags: ['elder', 'building-3'],
    preview: NOTICE_TEXT,
    outcome: { state: 'accepted', recipients: 184, serial: 'SH-XH-WK-0007-20261206-000004' },
  }),
];

/** An application the reviewer sent back for a document (the simulator seeds one like it). */
const PROGRESS_NEEDS_MORE: Extract<Screen, { name: 'progress' }> = {
  name: 'progress',
  trackingCode: 'N3ED-5MR8',
  status: 'needs_more',
  timeline: [
    {
      status: 'received',
      at: '2026-12-01T02:10:00Z',
      note: { 'zh-CN': '社区服务点已受理', en: 'Received at the community service point' },
    },
    {
      status: 'in_review',
      at: '2026-12-02T06:30:00Z',
      note: { 'zh-CN': '供电公司审核中', en: 'Being reviewed by the power company' },
    },
    {
      status: 'needs_more',
      at: '2026-12-03T01:00:00Z',
      note: { 'zh-CN': '房产证照片不清楚', en: 'The property certificate photo is not clear' },
    },
  ],
  nextStep: { 'zh-CN': '补交材料后继续审核', en: 'The review goes on once the document is in' },
  reason: null,
  requested: [{ documentId: 'property', label: { 'zh-CN': '房产证', en: 'Property certificate' } }],
};

export const FIXTURES: readonly Fixture[] = [
  at('attract', 'Attract', attract),
  at('out-of-service', 'Out of service', { name: 'outOfService', reason: 'maintenance' }),
  at('choose-biller', 'Choose a biller (gas paused)', { name: 'chooseBiller', billers: BILLERS }),
  at('enter-account-empty', 'Account: nothing typed', enterAccount('')),
  at('enter-account-partial', 'Account: half typed', enterAccount('31001')),
  at('enter-account-problem', 'Account: wrong length', enterAccount('310012', 'invalid_account')),
  at('looking-up', 'Looking up the bills', { name: 'lookingUp', biller: ELECTRICITY }),
  at('bills', 'Bills: overdue with late fee', BILLS),
  at('bills-requoted', 'Bills: asked again after the quote expired', {
    ...BILLS,
    requoted: true,
  }),
  at('bills-receipt-on-screen', 'Bills: printer down, receipt on screen', BILLS, {
    service: PRINTER_OUT,
  }),
  at('bills-overdue-only', 'Bills: part payments taken, the overdue bill only chosen', {
    name: 'bills',
    biller: TELECOM,
    quote: TELECOM_QUOTE,
    requoted: false,
    allowsPartial: true,
    overdueOnly: 13_674,
    scope: 'overdue',
    amountToPay: 13_674,
    cash: KEPT,
  }),
  at('bills-no-overpayment', 'Bills: no overpayment, the notes refused named', {
    name: 'bills',
    biller: CABLE_TV,
    quote: CABLE_TV_QUOTE,
    requoted: false,
    allowsPartial: false,
    overdueOnly: null,
    scope: 'all',
    amountToPay: 3_000,
    cash: { overpayment: 'returned', refusedNotes: [5_000, 10_000], notesCanPay: true },
  }),
  ...(['cash', 'qr'] as const).map((method) =>
    at(`confirm-${method}`, `Confirm (${method})`, {
      name: 'confirm',
      biller: ELECTRICITY,
      account: ACCOUNT,
      holder: HOLDER,
      amountDue: DUE,
      method,
      scope: 'all',
      cash: KEPT,
    }),
  ),
  at('confirm-overdue-only', 'Confirm: the overdue bill only', {
    name: 'confirm',
    biller: TELECOM,
    account: TELECOM_QUOTE.account,
    holder: TELECOM_QUOTE.holder,
    amountDue: 13_674,
    method: 'cash',
    scope: 'overdue',
    cash: KEPT,
  }),
  at('insert-cash', 'Insert cash: nothing yet', insertCash({})),
  at('insert-cash-some', 'Insert cash: some in', insertCash({ collected: 20_000 })),
  at(
    'insert-cash-escrow',
    'Insert cash: a note in escrow',
    insertCash({ collected: 20_000, noteInEscrow: true }),
  ),
  at(
    'insert-cash-under-review',
    'Insert cash: a note under review',
    insertCash({ collected: 10_000, underReview: 5_000 }),
  ),
  at('partial-cash-write-off', 'Partial cash: written off', partialCash({})),
  at(
    'partial-cash-refund-slip',
    'Partial cash: refund slip',
    partialCash({ biller: CABLE_TV, amountDue: 5_800, collected: 2_000, outcome: 'refundSlip' }),
  ),
  at(
    'partial-cash-fault',
    'Partial cash: acceptor failed',
    partialCash({ canContinue: false, underReview: 5_000 }),
  ),
  at(
    'awaiting-staff',
    'Part payment left: staff called, the screen held for them',
    { name: 'awaitingStaff', collected: 20_000 },
    { helpCalled: true },
  ),
  at('refund-slip-printed', 'Refund slip: printed', (locale) => ({
    name: 'refundSlip',
    amount: 2_000,
    slipLines: slipLinesIn(locale),
    printed: true,
  })),
  at(
    'refund-slip-on-screen',
    'Refund slip: not printed',
    (locale) => ({
      name: 'refundSlip',
      amount: 2_000,
      slipLines: slipLinesIn(locale),
      printed: false,
    }),
    { service: PRINTER_OUT },
  ),
  at('writing-off', 'Writing off', { name: 'writingOff', collected: 50_000 }),
  at('paid', 'Paid: receipt printed', (locale) => ({
    name: 'paid',
    collected: 50_000,
    method: 'cash',
    prepaidCredited: 8_210,
    ...receiptIn(locale),
  })),
  at('paid-qr', 'Paid by phone (QR): receipt printed', (locale) => ({
    name: 'paid',
    collected: DUE,
    method: 'qr',
    prepaidCredited: 0,
    ...receiptIn(locale),
  })),
  at(
    'paid-e-receipt',
    'Paid: e-receipt QR',
    {
      name: 'paid',
      collected: 50_000,
      method: 'cash',
      prepaidCredited: 8_210,
      ...receipt,
      printed: false,
    },
    { service: PRINTER_OUT },
  ),
  at(
    'paid-e-receipt-copy-asked',
    'Paid: e-receipt QR, a printed copy asked of staff',
    {
      name: 'paid',
      collected: 50_000,
      method: 'cash',
      prepaidCredited: 8_210,
      ...receipt,
      printed: false,
      copyAsked: true,
    },
    { helpCalled: true },
  ),
  at(
    'pending-sync',
    'Money received, write-off pending',
    {
      name: 'pendingSync',
      collected: 50_000,
      method: 'cash',
      ...receipt,
      receiptLines: PROVISIONAL_LINES,
    },
    { service: { ...BASE.service, pendingSync: { count: 1, total: 50_000 } } },
  ),
  at(
    'insert-cash-front-b',
    'Insert cash on another model: notes below the screen',
    insertCash({ collected: 20_000 }),
    { frontPanel: FRONT_B },
  ),
  at(
    'paid-front-b',
    'Paid on another model: the receipt left of the screen',
    { name: 'paid', collected: 50_000, method: 'cash', prepaidCredited: 8_210, ...receipt },
    { frontPanel: FRONT_B },
  ),
  at('qr-show-your-code', 'QR: show your payment code', qrPay({})),
  at(
    'qr-show-your-code-front-b',
    'QR on another model: the scanner right of the screen, said and drawn',
    qrPay({ scannerWindow: 'right' }),
    { frontPanel: FRONT_B },
  ),
  at('qr-kiosk-code', 'QR: scan the kiosk code', qrPay({ kioskCodeUrl: KIOSK_CODE_URL })),
  at('qr-paying', 'QR: the payment code with the wallet', qrPay({ step: 'paying' })),
  at('qr-confirming', 'QR: confirm on your phone', qrPay({ step: 'confirming' })),
  at('qr-cancelling', 'QR: cancelling', qrPay({ step: 'cancelling' })),
  at('qr-refused', 'QR: refused, try again', qrPay({ refused: true })),
  at(
    'staff-help',
    'Staff help: asked for (carry on, or cancel the call)',
    { name: 'staffHelp', reason: 'customer', moneyInFlight: false, canLeave: true },
    { helpCalled: true },
  ),
  at(
    'staff-help-money',
    'Staff help: asked for with money in',
    { name: 'staffHelp', reason: 'customer', moneyInFlight: true, canLeave: true },
    { helpCalled: true },
  ),
  at(
    'staff-help-printed-copy',
    'Staff help: a printed copy asked for',
    { name: 'staffHelp', reason: 'printedCopy', moneyInFlight: false, canLeave: true },
    { helpCalled: true },
  ),
  at(
    'staff-help-timeout',
    'Staff help: time ran out with money on its way (staff only)',
    { name: 'staffHelp', reason: 'timeout', moneyInFlight: true, canLeave: false },
    { helpCalled: true },
  ),
  at('info', 'Information centre', (locale) => ({
    name: 'info',
    topics: INFO[locale].topics,
    topic: null,
    openedFrom: 'list',
  })),
  at('info-topic', 'Information: one topic (from the list)', (locale) => ({
    name: 'info',
    topics: INFO[locale].topics,
    topic: INFO[locale].lateFees,
    openedFrom: 'list',
  })),
  at('info-topic-from-idle', 'Information: a topic opened on the idle screen', (locale) => ({
    name: 'info',
    topics: INFO[locale].topics,
    topic: INFO[locale].lateFees,
    openedFrom: 'attract',
  })),
  ...ProblemCode.options.map((problem) =>
    at(`problem-${problem.replaceAll('_', '-')}`, `Problem: ${problem}`, {
      name: 'problem',
      problem,
      ...(problem === 'account_locked' || problem === 'nothing_due'
        ? { account: ACCOUNT, serviceHall: SERVICE_HALL, canRetype: true }
        : { account: null, serviceHall: null, canRetype: false }),
    }),
  ),
  at('problem-account-locked-no-hall', 'Problem: account_locked, no service hall in config', {
    name: 'problem',
    problem: 'account_locked',
    account: ACCOUNT,
    serviceHall: null,
    canRetype: false,
  }),
  at('more-time', 'Need more time? (over the account screen)', enterAccount('31001'), {
    prompt: { kind: 'moreTime', deadline: 0 },
  }),
  at('help-called', 'Staff called (over the bills)', BILLS, { helpCalled: true }),
  at('service-home', 'Community services', { name: 'serviceHome' }),
  at('progress-code', 'Check progress: the tracking code', {
    name: 'progressEntry',
    step: 'code',
    code: 'N3ED5M',
    last4: '',
    problem: null,
  }),
  at('progress-not-found', 'Check progress: nothing found', {
    name: 'progressEntry',
    step: 'code',
    code: 'N3ED5MR9',
    last4: '',
    problem: 'not_found',
  }),
  at('progress-last4', "Check progress: the mobile's last four", {
    name: 'progressEntry',
    step: 'last4',
    code: 'N3ED5MR8',
    last4: '56',
    problem: null,
  }),
  at('progress-looking-up', 'Check progress: looking up', { name: 'progressLookingUp' }),
  at('progress-needs-more', 'Progress: more documents needed', PROGRESS_NEEDS_MORE),
  at('progress-completed', 'Progress: completed', {
    ...PROGRESS_NEEDS_MORE,
    trackingCode: 'R9TB-7WXC',
    status: 'completed',
    requested: [],
    timeline: [
      ...PROGRESS_NEEDS_MORE.timeline.slice(0, 2),
      {
        status: 'completed',
        at: '2026-12-04T03:00:00Z',
        note: { 'zh-CN': '已办结，新户名已生效', en: 'Done: the new holder is on the account' },
      },
    ],
  }),
  ...APPLICATION_FIXTURES.map(([id, title, screen]) => at(id, title, screen)),
  at('staff-helping', 'A member of staff helping at her screen', BILLS, {
    helpCalled: true,
    staffHelping: true,
  }),
  at('sound-off', 'Sound off (the frame keeps its size)', attract, {
    prefs: { ...BASE.prefs, muted: true },
  }),
  ...KEYBOARD_STAGES.map(({ id, title, stage }) => ({
    ...at(id, title, { name: 'serviceHome' }),
    stage,
  })),
  ...STAFF_FIXTURES,
  at('staff-footer', 'Staff figures in the footer', attract, {
    service: {
      pendingSync: { count: 3, total: 120_000 },
      staffItems: 2,
      receipts: 'print',
      printer: 'low',
    },
  }),
];

export const fixtureById = (id: string): Fixture | undefined => FIXTURES.find((f) => f.id === id);
