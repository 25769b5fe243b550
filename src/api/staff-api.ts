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

/** What the customer's visit needs from the member of staff who answers a call. */
export const HelpCallView = z.object({
  reason: z.enum(['customer', 'timeout']),
  /** The screen the customer sees under the staff screen (a ScreenName). */
  customerScreen: z.string().check(z.maxLength(32)),
  billerName: z.nullable(z.string()),
  amountDue: z.nullable(Fen),
  collected: Fen,
  noteInEscrow: z.boolean(),
  /** Notes whose fate the acceptor could not tell (they are staff items already). */
  underReview: Fen,
  /**
   * The way forward: the customer can simply go on; notes in need the partial-cash rules to
   * end; a note or the wallet is mid-way and must finish first; or nothing is taken yet.
   */
  wayForward: z.enum(['goOn', 'settleCash', 'waitForNote', 'waitForWallet', 'nothingTaken']),
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
export const StaffScreenName = z.enum(['diagnostics', 'serviceState']);
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
  }),
  z.object({
    name: z.literal('serviceState'),
    inService: z.boolean(),
    reason: z.nullable(OutOfServiceReason),
    printer: z.enum(['ok', 'low', 'out', 'none']),
    lastTool: z.nullable(ToolOutcome),
  }),
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
] as const;
export const StaffEvent = z.discriminatedUnion('type', [...STAFF_EVENT_SCHEMAS]);
export type StaffEvent = z.infer<typeof StaffEvent>;

const STAFF_EVENT_TYPES: ReadonlySet<string> = new Set<string>([
  'STAFF_SIGN_IN',
  'STAFF_KEY',
  'STAFF_SUBMIT',
  'STAFF_LOCK',
  'STAFF_HELP',
  'STAFF_OPEN',
  'STAFF_DEVICE',
  'STAFF_TOOL',
  'STAFF_SET_SERVICE',
] satisfies StaffEvent['type'][]);

/** A tap on a staff screen (the host routes it to the staff desk, never to the visit). */
export function isStaffEvent<E extends { type: string }>(
  event: E,
): event is Extract<E, StaffEvent> {
  return STAFF_EVENT_TYPES.has(event.type);
}
