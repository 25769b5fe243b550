// The KioskApi's staff and service part: what the screen shows while a committee member or a
// technician works at the kiosk, and the taps they send. Browser-safe (zod/mini only). A PIN
// never travels back to the screen: only how many digits have been typed.
import { z } from 'zod/mini';
import { Fen, Key } from './primitives';

export const StaffRole = z.enum(['staff', 'technician']);
export type StaffRole = z.infer<typeof StaffRole>;

/** Why a sign-in did not open the mode. */
export const SignInProblem = z.enum([
  'wrong_pin',
  /** Five wrong PINs: this card or staff number waits until `lockedUntil`. */
  'locked',
  /** No such card or staff number among the committee's people. */
  'unknown',
  /** This person has no PIN yet: a technician sets it. */
  'no_pin',
]);
export type SignInProblem = z.infer<typeof SignInProblem>;

/**
 * Why staff were called: the customer asked, or the kiosk did (time ran out with money on its
 * way), or she asked for a printed copy of a receipt the printer could not print.
 */
export const HelpReason = z.enum(['customer', 'timeout', 'printedCopy']);
export type HelpReason = z.infer<typeof HelpReason>;

/** What the customer's visit needs from the member of staff who answers a call. */
export const HelpCallView = z.object({
  reason: HelpReason,
  /** The screen the customer sees under the staff screen (a ScreenName). */
  customerScreen: z.string().check(z.maxLength(32)),
  billerName: z.nullable(z.string()),
  amountDue: z.nullable(Fen),
  collected: Fen,
  noteInEscrow: z.boolean(),
  /** Notes whose fate the acceptor could not tell (they are staff items already). */
  underReview: Fen,
  /** The last 4 digits of her account (the reprint screen finds her receipt by them). */
  accountTail: z.nullable(z.string().check(z.maxLength(4))),
  /**
   * The way forward: the customer can simply go on; notes in need the partial-cash rules to
   * end; a note or the wallet is mid-way and must finish first; nothing is taken yet; or the
   * payment is done (she is on its result screen).
   */
  wayForward: z.enum([
    'goOn',
    'settleCash',
    'waitForNote',
    'waitForWallet',
    'nothingTaken',
    'paid',
  ]),
  /** Steps staff may take for the customer right now. */
  canGoBack: z.boolean(),
  canCancel: z.boolean(),
});
export type HelpCallView = z.infer<typeof HelpCallView>;

/** Why the kiosk is out of service, as residents are told (a fixed list: no free text). */
export const OutOfServiceReason = z.enum([
  'maintenance',
  'cashBoxExchange',
  'deviceFault',
  'network',
]);
export type OutOfServiceReason = z.infer<typeof OutOfServiceReason>;

/** The staff and service screens a mode may open (each allowed by role; the home lists them). */
export const StaffScreenName = z.enum([
  'openItems',
  'syncQueue',
  'daySummary',
  'cashExchange',
  'diagnostics',
  'serviceState',
  // Receipts and PINs: reprint (副本), same-day reversal (冲正), PINs set and changed.
  'reprint',
  'reversal',
  'pins',
  'myPin',
  // The community service point: care for elders living alone (独居老人关怀), notices (社区通知).
  'care',
  'notices',
]);
export type StaffScreenName = z.infer<typeof StaffScreenName>;

const DeviceEvent = z.object({
  at: z.number(),
  level: z.enum(['info', 'warn', 'error']),
  text: z.string().check(z.maxLength(300)),
});

/** One device as the technician sees it (the driver's diagnose(): never a scanned text). */
export const DeviceView = z.object({
  kind: z.enum(['billAcceptor', 'printer', 'scanner', 'cardReader']),
  driver: z.string(),
  port: z.string(),
  model: z.nullable(z.string()),
  firmware: z.nullable(z.string()),
  status: z.string(),
  detail: z.nullable(z.string()),
  counters: z.record(z.string(), z.number()),
  events: z.array(DeviceEvent),
});
export type DeviceView = z.infer<typeof DeviceView>;

export const GatewayCheck = z.object({
  reachable: z.boolean(),
  latencyMs: z.nullable(z.number()),
  /** The gateway's clock minus the kiosk's, from the reply's Date header (±1 s resolution). */
  clockDifferenceMs: z.nullable(z.number()),
  problem: z.nullable(z.string().check(z.maxLength(200))),
});
export type GatewayCheck = z.infer<typeof GatewayCheck>;

/** The outcome of a test that takes no money (a test page, a gateway check). */
export const ToolOutcome = z.object({
  tool: z.enum(['testPage', 'gateway', 'paperReplaced', 'bundle']),
  ok: z.boolean(),
  problem: z.nullable(z.string().check(z.maxLength(300))),
  /** The diagnostic bundle written: its file name, size and checksum to read off the screen. */
  bundle: z.nullable(
    z.object({ file: z.string(), bytes: z.int(), sha256: z.string().check(z.length(64)) }),
  ),
});
export type ToolOutcome = z.infer<typeof ToolOutcome>;

/** What staff may do with an open item (each kind allows its own). */
export const ItemAction = z.enum([
  'pay_out',
  'credit_found',
  'returned',
  'in_box',
  'not_found',
  'explain',
  'ask_again',
]);
export type ItemAction = z.infer<typeof ItemAction>;

export const OpenItemRow = z.object({
  /** `item:12` or `payment:<serial>`: what an action names. */
  key: z.string().check(z.maxLength(80)),
  kind: z.enum(['refund_slip', 'note_review', 'stray_note', 'discrepancy', 'payment']),
  amount: Fen,
  agentSerial: z.nullable(z.string()),
  /** Masked (3100****56). */
  account: z.nullable(z.string()),
  /** What it is about, in words the gateway or the kiosk gave (a reason, a state). */
  detail: z.nullable(z.string().check(z.maxLength(200))),
  /** 长款 / 短款 for a discrepancy. */
  direction: z.nullable(z.enum(['long', 'short'])),
  actions: z.array(ItemAction),
  /** The reasons a discrepancy may be explained by. */
  reasons: z.array(z.string()),
});
export type OpenItemRow = z.infer<typeof OpenItemRow>;

/** The last action's outcome on a staff screen: done, or refused with its reason code. */
export const DeskResult = z.object({ ok: z.boolean(), reason: z.nullable(z.string()) });
export type DeskResult = z.infer<typeof DeskResult>;

const DayRow = z.object({
  billerName: z.string(),
  method: z.string(),
  count: z.int(),
  amount: Fen,
});
const DayPart = z.object({ rows: z.array(DayRow), count: z.int(), amount: Fen });

const NoteLine = z.object({ value: Fen, expected: z.int(), counted: z.nullable(z.int()) });

// ---- Diagnostics: the tests that take no money (acceptor, scanner, card, voice, touch) ----

/** A test on the diagnostics screen. Voice and touch run in the renderer; the host audits them. */
export const DiagnosticTest = z.enum(['acceptor', 'scanner', 'card', 'voice', 'touch']);
export type DiagnosticTest = z.infer<typeof DiagnosticTest>;

/** What the tests have seen: never a scanned text nor a whole card UID. */
export const DiagnosticTestsView = z.object({
  /** The test waiting for a note, a scan, a card or touches (one at a time), or none. */
  running: z.nullable(z.enum(['acceptor', 'scanner', 'card', 'touch'])),
  /** Notes the acceptor validated and handed back (newest last). */
  notes: z.array(z.object({ value: z.nullable(Fen), outcome: z.enum(['returned', 'stacked']) })),
  /** Scans by class and length only. */
  scans: z.array(z.object({ kind: z.enum(['bill', 'paymentCode', 'unknown']), length: z.int() })),
  /** The last card read: its UID's last 4 hex digits and whose kind of card it is. */
  card: z.nullable(
    z.object({
      last4: z.string().check(z.length(4)),
      kind: z.enum(['account', 'staff', 'unknown']),
    }),
  ),
  /** Bumped by each voice test: the renderer's voice says the test sentence once per change. */
  voiceTest: z.int().check(z.nonnegative()),
  /** Why the last test could not start. */
  problem: z.nullable(z.enum(['paymentOpen', 'acceptorNotReady', 'noDevice'])),
});
export type DiagnosticTestsView = z.infer<typeof DiagnosticTestsView>;

/** Start or stop a test (voice: say it once; touch: the grid opened, for the audit). */
export const StaffDiagTestEvent = z.object({
  type: z.literal('STAFF_DIAG_TEST'),
  test: DiagnosticTest,
  on: z.boolean(),
});

// ---- end of the diagnostics tests block ----
// ---- Receipts and PINs: reprint (副本), same-day reversal (冲正), PINs ----

/** A receipt found by serial or account tail (the last 7 days). */
export const ReceiptRow = z.object({
  agentSerial: z.string().check(z.maxLength(64)),
  kind: z.enum(['paid', 'provisional', 'refundSlip', 'settlementSlip', 'testPage', 'application']),
  billerName: z.string(),
  /** Masked (3100****56). */
  account: z.string(),
  amount: Fen,
  /** When the money was taken (epoch ms). */
  at: z.number(),
  copies: z.int().check(z.nonnegative()),
});
export type ReceiptRow = z.infer<typeof ReceiptRow>;

/** How receipts are looked for: the account's last 4 digits, or the serial's 14 digits typed. */
export const ReceiptSearch = z.object({
  by: z.enum(['accountTail', 'serial']),
  typed: z.string().check(z.maxLength(14)),
  /** Null until a search ran. */
  found: z.nullable(z.array(ReceiptRow)),
});
export type ReceiptSearch = z.infer<typeof ReceiptSearch>;

export const REVERSAL_REASON_CODES = [
  'wrong_account',
  'wrong_biller',
  'wrong_amount',
  'duplicate_payment',
  'customer_request',
] as const;
export const ReversalReasonCode = z.enum(REVERSAL_REASON_CODES);
export type ReversalReasonCode = z.infer<typeof ReversalReasonCode>;

/** A 6-digit PIN being typed: how many digits only, never the digits. */
const PinTyping = z.object({
  /** The field the keypad types into. */
  field: z.enum(['current', 'first', 'second']),
  currentLength: z.int().check(z.minimum(0), z.maximum(6)),
  firstLength: z.int().check(z.minimum(0), z.maximum(6)),
  secondLength: z.int().check(z.minimum(0), z.maximum(6)),
});

const ReprintView = z.object({
  name: z.literal('reprint'),
  search: ReceiptSearch,
  /** The copy just printed (or not). */
  printed: z.nullable(
    z.object({ agentSerial: z.string(), copyNumber: z.int(), printed: z.boolean() }),
  ),
  lastResult: z.nullable(DeskResult),
});

const ReversalScreenView = z.object({
  name: z.literal('reversal'),
  /** find: a payment of today; reason: why; approve: the second person; done: the outcome. */
  step: z.enum(['find', 'reason', 'approve', 'checking', 'done']),
  search: ReceiptSearch,
  chosen: z.nullable(ReceiptRow),
  reason: z.nullable(ReversalReasonCode),
  reasons: z.array(ReversalReasonCode),
  /** The approver: a card read, or a staff number typed; then their PIN (its length only). */
  approver: z.nullable(
    z.object({
      by: z.enum(['card', 'staffNumber']),
      step: z.enum(['staffNumber', 'pin']),
      staffNumber: z.string().check(z.maxLength(8)),
      pinLength: z.int().check(z.minimum(0), z.maximum(6)),
    }),
  ),
  outcome: z.nullable(
    z.object({
      outcome: z.enum(['reversed', 'too_late', 'not_found', 'refused', 'unknown']),
      amount: Fen,
      message: z.nullable(z.string().check(z.maxLength(200))),
      /** The reversal slip printed (null: no slip for this outcome). */
      slipPrinted: z.nullable(z.boolean()),
    }),
  ),
  lastResult: z.nullable(DeskResult),
});

const PinsView = z.object({
  name: z.literal('pins'),
  people: z.array(
    z.object({
      staffNumber: z.string(),
      /** Masked: the family name and a star. */
      name: z.string(),
      role: StaffRole,
      hasPin: z.boolean(),
    }),
  ),
  /** The person whose PIN is being set. */
  chosen: z.nullable(z.string().check(z.maxLength(8))),
  typing: PinTyping,
  /** A refused PIN's reason (weak_pin: `problem` says why). */
  problem: z.nullable(z.string().check(z.maxLength(40))),
  lastResult: z.nullable(DeskResult),
});

const MyPinView = z.object({
  name: z.literal('myPin'),
  typing: PinTyping,
  problem: z.nullable(z.string().check(z.maxLength(40))),
  lastResult: z.nullable(DeskResult),
});

// ---- end of receipts and PINs ----
// ---- Care for elders living alone (独居老人关怀): the community room's care part ----

/** What staff record of an alert (the contract's outcomes). */
export const CareOutcomeName = z.enum([
  'visited_ok',
  'called_ok',
  'needs_help',
  'away',
  'false_alarm',
]);
export type CareOutcomeName = z.infer<typeof CareOutcomeName>;

/** An open alert of an enrolled household, masked as the contract gives it. */
export const CareAlertRow = z.object({
  alertId: z.string().check(z.maxLength(64)),
  kind: z.enum(['low_usage', 'spike']),
  /** The household's place as the committee knows it (the contract's label, masked by it). */
  label: z.string().check(z.maxLength(100)),
  /** Masked (王*芳, 138****8000). */
  holder: z.string().check(z.maxLength(40)),
  contact: z.string().check(z.maxLength(20)),
  /** The day the alert's use began (YYYY-MM-DD). */
  since: z.string().check(z.maxLength(10)),
  /** The last day's use and the 30-day median (kWh), when the alert says them. */
  lastKwh: z.nullable(z.number()),
  medianKwh: z.nullable(z.number()),
  /** What was recorded at this kiosk since the screen opened. */
  outcome: z.nullable(CareOutcomeName),
});
export type CareAlertRow = z.infer<typeof CareAlertRow>;

export const CareReadingRow = z.object({ day: z.string().check(z.maxLength(10)), kwh: z.number() });
export type CareReadingRow = z.infer<typeof CareReadingRow>;

const CareScreenView = z.object({
  name: z.literal('care'),
  /** Loading: asked of the gateway; list: the open alerts; alert: one chosen, with its chart. */
  step: z.enum(['loading', 'list', 'alert']),
  alerts: z.array(CareAlertRow),
  /** Enrolled households of the committee's community. */
  households: z.int().check(z.nonnegative()),
  chosen: z.nullable(CareAlertRow),
  /** The chosen household's last 30 days (kWh), oldest first. */
  readings: z.array(CareReadingRow),
  outcomes: z.array(CareOutcomeName),
  /** Why the alerts could not be read (unreachable, forbidden, not_configured…). */
  problem: z.nullable(z.string().check(z.maxLength(40))),
  lastResult: z.nullable(DeskResult),
});

// ---- end of care ----
// ---- Community notices (社区短信通知) ----

export const NoticeFieldName = z.enum(['date', 'time', 'place']);
export type NoticeFieldName = z.infer<typeof NoticeFieldName>;

const BothTexts = z.object({
  'zh-CN': z.string().check(z.maxLength(300)),
  en: z.string().check(z.maxLength(300)),
});

const NoticesScreenView = z.object({
  name: z.literal('notices'),
  /** template: choose one; compose: fields and audience; preview: the text; done: sent or not. */
  step: z.enum(['template', 'compose', 'preview', 'sending', 'done']),
  templates: z.array(
    z.object({
      id: z.string().check(z.maxLength(40)),
      title: BothTexts,
      fields: z.array(NoticeFieldName),
    }),
  ),
  chosen: z.nullable(z.string().check(z.maxLength(40))),
  /** The field the keypad types into (date: MMDD, time: HHMM). */
  field: z.nullable(NoticeFieldName),
  /** Digits typed, and the value they make once whole (12月20日, 09:00), or null. */
  date: z.object({ typed: z.string().check(z.maxLength(4)), value: z.nullable(z.string()) }),
  time: z.object({ typed: z.string().check(z.maxLength(4)), value: z.nullable(z.string()) }),
  place: z.nullable(z.string().check(z.maxLength(40))),
  places: z.array(z.string().check(z.maxLength(40))),
  tags: z.array(z.string().check(z.maxLength(40))),
  tagChoices: z.array(z.string().check(z.maxLength(40))),
  preview: z.nullable(BothTexts),
  /** A notice just sent: accepted (recipients counted by the gateway) or kept to send later. */
  outcome: z.nullable(
    z.object({
      state: z.enum(['accepted', 'pending', 'rejected']),
      recipients: z.nullable(z.int()),
      serial: z.string().check(z.maxLength(64)),
    }),
  ),
  sent: z.array(
    z.object({
      noticeSerial: z.string().check(z.maxLength(64)),
      text: z.string().check(z.maxLength(300)),
      tags: z.array(z.string()),
      sendAt: z.string().check(z.maxLength(40)),
      recipients: z.int(),
      delivered: z.int(),
    }),
  ),
  problem: z.nullable(z.string().check(z.maxLength(40))),
  lastResult: z.nullable(DeskResult),
});

// ---- end of notices ----

export const StaffView = z.discriminatedUnion('name', [
  z.object({
    name: z.literal('signIn'),
    /** A card was presented (only its PIN is asked), or staff number then PIN. */
    by: z.enum(['card', 'staffNumber']),
    step: z.enum(['staffNumber', 'pin', 'checking']),
    staffNumber: z.string().check(z.maxLength(8)),
    pinLength: z.int().check(z.minimum(0), z.maximum(6)),
    problem: z.nullable(SignInProblem),
    triesLeft: z.nullable(z.int().check(z.nonnegative())),
    /** Wall time (epoch ms) a locked card or number may try again. */
    lockedUntil: z.nullable(z.number()),
  }),
  z.object({
    name: z.literal('staffHome'),
    /** The name as shown on the badge: never a card number. */
    who: z.object({ name: z.string(), role: StaffRole }),
    helpCall: z.nullable(HelpCallView),
    /** The screens this person may open. */
    menu: z.array(StaffScreenName),
  }),
  z.object({
    name: z.literal('diagnostics'),
    /** Every device with its last few events, or one device (`focus`) with all of them. */
    devices: z.array(DeviceView),
    focus: z.nullable(DeviceView.shape.kind),
    gateway: z.nullable(GatewayCheck),
    /** The last test's outcome, until another is run. */
    lastTool: z.nullable(ToolOutcome),
    tests: DiagnosticTestsView,
  }),
  z.object({
    name: z.literal('openItems'),
    items: z.array(OpenItemRow),
    /** A refund slip being paid out: its serial typed (digits after the terminal id). */
    entering: z.nullable(z.object({ key: z.string(), typed: z.string().check(z.maxLength(20)) })),
    lastResult: z.nullable(DeskResult),
  }),
  z.object({
    name: z.literal('syncQueue'),
    payments: z.array(
      z.object({
        agentSerial: z.string(),
        billerName: z.string(),
        account: z.string(),
        amount: Fen,
        ageMinutes: z.int(),
        attempts: z.int(),
        lastError: z.nullable(z.string()),
        /** Epoch ms the gateway asked the kiosk to wait until, or null. */
        retryAfterUntil: z.nullable(z.number()),
      }),
    ),
    lastResult: z.nullable(DeskResult),
  }),
  z.object({
    name: z.literal('daySummary'),
    day: z.string(),
    writtenOff: DayPart,
    pendingSync: DayPart,
    reversed: z.object({ count: z.int(), amount: Fen }),
    cashBox: z.object({ count: z.int(), total: Fen }),
    openItems: z.record(z.string(), z.int()),
  }),
  z.object({
    name: z.literal('cashExchange'),
    /** ready: nothing begun; counting: the box is out, counts typed; settled: just finished. */
    step: z.enum(['ready', 'counting', 'settled']),
    boxId: z.string().check(z.maxLength(32)),
    seal: z.string().check(z.maxLength(32)),
    /** The field the keypad types into. */
    field: z.nullable(z.string()),
    lines: z.array(NoteLine),
    expectedTotal: Fen,
    countedTotal: z.nullable(Fen),
    /** expected − counted (fen) once settled: > 0 短款, < 0 长款. */
    discrepancy: z.nullable(z.int()),
    slipPrinted: z.nullable(z.boolean()),
    lastResult: z.nullable(DeskResult),
  }),
  z.object({
    name: z.literal('serviceState'),
    inService: z.boolean(),
    reason: z.nullable(OutOfServiceReason),
    printer: z.enum(['ok', 'low', 'out', 'none']),
    lastTool: z.nullable(ToolOutcome),
  }),
  // Receipts and PINs.
  ReprintView,
  ReversalScreenView,
  PinsView,
  MyPinView,
  CareScreenView,
  NoticesScreenView,
]);
export type StaffView = z.infer<typeof StaffView>;
export type StaffViewName = StaffView['name'];

/** Taps on the staff screens (the customer's events never reach staff mode, nor these hers). */
export const STAFF_EVENT_SCHEMAS = [
  /** Sign in without a card reader: staff number, then PIN. */
  z.object({ type: z.literal('STAFF_SIGN_IN') }),
  z.object({ type: z.literal('STAFF_KEY'), key: Key }),
  z.object({ type: z.literal('STAFF_SUBMIT') }),
  /** Leave the sign-in, or lock an open mode: the customer's screen comes back. */
  z.object({ type: z.literal('STAFF_LOCK') }),
  /** For the customer whose call staff answered. */
  z.object({ type: z.literal('STAFF_HELP'), action: z.enum(['back', 'cancel', 'handBack']) }),
  /** Diagnostics: one device in full (its last 20 events), or back to all of them (null). */
  z.object({
    type: z.literal('STAFF_DEVICE'),
    kind: z.nullable(z.enum(['billAcceptor', 'printer', 'scanner', 'cardReader'])),
  }),
  /** An open item's action (`reason`: the discrepancy's explanation). */
  z.object({
    type: z.literal('STAFF_ITEM'),
    key: z.string().check(z.maxLength(80)),
    action: ItemAction,
    reason: z.optional(z.string().check(z.maxLength(40))),
  }),
  /** Payments waiting: try one now (or every one, null) within the sync worker's rules. */
  z.object({
    type: z.literal('STAFF_TRY_NOW'),
    agentSerial: z.nullable(z.string().check(z.maxLength(64))),
  }),
  /** Cash-box exchange: which field the keypad types into (box, seal, a note value in fen). */
  z.object({ type: z.literal('STAFF_EXCHANGE_FIELD'), field: z.string().check(z.maxLength(16)) }),
  z.object({ type: z.literal('STAFF_EXCHANGE'), action: z.enum(['begin', 'finish', 'abort']) }),
  /** Open a screen from the home, or go back to the home (null). */
  z.object({ type: z.literal('STAFF_OPEN'), screen: z.nullable(StaffScreenName) }),
  /** Service tools: a test page, the gateway check, paper replaced. */
  z.object({
    type: z.literal('STAFF_TOOL'),
    tool: z.enum(['testPage', 'gateway', 'paperReplaced', 'bundle']),
  }),
  /** Out of service with a reason residents are shown, or back in service. */
  z.object({
    type: z.literal('STAFF_SET_SERVICE'),
    inService: z.boolean(),
    reason: z.nullable(OutOfServiceReason),
  }),
  StaffDiagTestEvent,
  // ---- Receipts and PINs ----
  /** Reprint and reversal: look by the account's last 4 digits or the serial typed. */
  z.object({ type: z.literal('STAFF_FIND_BY'), by: z.enum(['accountTail', 'serial']) }),
  /** A receipt printed again as a copy. */
  z.object({ type: z.literal('STAFF_REPRINT'), agentSerial: z.string().check(z.maxLength(64)) }),
  /** Reversal: choose the payment, its reason, the approver by staff number; ask again; anew. */
  z.object({
    type: z.literal('STAFF_REVERSAL'),
    action: z.enum(['choose', 'reason', 'approverByNumber', 'askAgain', 'restart']),
    agentSerial: z.optional(z.string().check(z.maxLength(64))),
    reason: z.optional(ReversalReasonCode),
  }),
  /** PINs: whose PIN the technician sets. */
  z.object({ type: z.literal('STAFF_PIN_FOR'), staffNumber: z.string().check(z.maxLength(8)) }),
  // ---- Care ----
  /** Care: open an alert (its chart), record its outcome, back to the list, read again. */
  z.object({
    type: z.literal('STAFF_CARE'),
    action: z.enum(['choose', 'outcome', 'list', 'refresh']),
    alertId: z.optional(z.string().check(z.maxLength(64))),
    outcome: z.optional(CareOutcomeName),
  }),
  /** Notices: a template, the field the keypad types into, a place, a tag on or off, then on. */
  z.object({
    type: z.literal('STAFF_NOTICE'),
    action: z.enum(['template', 'field', 'place', 'tag', 'preview', 'edit', 'send', 'new']),
    templateId: z.optional(z.string().check(z.maxLength(40))),
    field: z.optional(NoticeFieldName),
    value: z.optional(z.string().check(z.maxLength(40))),
  }),
] as const;
export const StaffEvent = z.discriminatedUnion('type', [...STAFF_EVENT_SCHEMAS]);
export type StaffEvent = z.infer<typeof StaffEvent>;

/** Every staff event's type, read from its schema: a new staff event is routed to the desk. */
const STAFF_EVENT_TYPES: ReadonlySet<string> = new Set<string>(
  STAFF_EVENT_SCHEMAS.flatMap((schema) => schema.shape.type.def.values),
);

/** A tap on a staff screen (the host routes it to the staff desk, never to the visit). */
export function isStaffEvent<E extends { type: string }>(
  event: E,
): event is Extract<E, StaffEvent> {
  return STAFF_EVENT_TYPES.has(event.type);
}
