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
] as const;
export const StaffEvent = z.discriminatedUnion('type', [...STAFF_EVENT_SCHEMAS]);
export type StaffEvent = z.infer<typeof StaffEvent>;

const STAFF_EVENT_TYPES: ReadonlySet<string> = new Set<string>([
  'STAFF_SIGN_IN',
  'STAFF_KEY',
  'STAFF_SUBMIT',
  'STAFF_LOCK',
  'STAFF_HELP',
] satisfies StaffEvent['type'][]);

/** A tap on a staff screen (the host routes it to the staff desk, never to the visit). */
export function isStaffEvent<E extends { type: string }>(
  event: E,
): event is Extract<E, StaffEvent> {
  return STAFF_EVENT_TYPES.has(event.type);
}
