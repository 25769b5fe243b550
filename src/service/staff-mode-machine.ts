// Staff and service mode at the kiosk's own screen: closed → sign-in (card + PIN, or staff
// number + PIN) → open. A sibling of the customer's session, never a part of it: while a mode
// is open the customer's visit is paused under it (the staff desk routes the taps), and
// closing the mode gives the screen back. The PIN lives here only while it is typed; the check
// is an actor (ServiceAuth), so the machine can be walked with stand-ins.
import { assign, fromPromise, setup } from 'xstate';
import type { DeviceView, SignInProblem, StaffEvent, StaffScreenName } from '../api/kiosk-api';
import { typedDigits } from './keypad-typing';
import { can, type Action } from './roles';
import type { AuthResult, AuthenticatedPerson, Credential } from './authenticator';

export const STAFF_NUMBER_DIGITS = { min: 4, max: 8 } as const;
export const PIN_DIGITS = 6;

export type ModeEvent =
  | StaffEvent
  /** A card the directory knows as staff or technician was presented (full UID, memory only). */
  | { type: 'STAFF_CARD'; uid: string }
  /** The card on the reader was taken away (during a sign-in by card; an open mode's lock decides). */
  | { type: 'CARD_REMOVED' }
  /** The desk's auto-lock said so: idle for 2 minutes, or the opening card removed. */
  | { type: 'LOCKED' };

export interface ModeContext {
  by: 'card' | 'staffNumber';
  cardUid: string | null;
  staffNumber: string;
  pin: string;
  problem: SignInProblem | null;
  triesLeft: number | null;
  lockedUntil: number | null;
  person: AuthenticatedPerson | null;
  /** The staff screen open over the home, while the mode is open. */
  screen: StaffScreenName | null;
  /** Diagnostics: the one device shown in full, or null for all of them. */
  device: DeviceView['kind'] | null;
}

const FRESH: ModeContext = {
  by: 'staffNumber',
  cardUid: null,
  staffNumber: '',
  pin: '',
  problem: null,
  triesLeft: null,
  lockedUntil: null,
  person: null,
  screen: null,
  device: null,
};

/** What each staff screen needs the role to be allowed. */
export const SCREEN_ACTION: Readonly<Record<StaffScreenName, Action>> = {
  openItems: 'open_items.view',
  syncQueue: 'sync.view',
  daySummary: 'day_summary.view',
  cashExchange: 'cash_box.exchange',
  diagnostics: 'diagnostics.view',
  serviceState: 'service.out_of_service',
  reprint: 'receipt.reprint',
  reversal: 'reversal.request',
  pins: 'pin.set',
  myPin: 'pin.change_own',
  care: 'care.view',
  notices: 'notices.view',
};

function mayOpen(c: ModeContext, screen: StaffScreenName | null): boolean {
  return screen !== null && c.person !== null && can(c.person.role, SCREEN_ACTION[screen]);
}

const credentialOf = (c: ModeContext): Credential =>
  c.by === 'card' && c.cardUid !== null ? { card: c.cardUid } : { staffNumber: c.staffNumber };

export const staffModeMachine = setup({
  types: { context: {} as ModeContext, events: {} as ModeEvent },
  actors: {
    authenticate: fromPromise<AuthResult, { credential: Credential; pin: string }>(async () => ({
      ok: false,
      reason: 'unknown',
    })),
  },
  guards: {
    byCard: ({ context }) => context.by === 'card',
    staffNumberComplete: ({ context }) =>
      context.staffNumber.length >= STAFF_NUMBER_DIGITS.min &&
      context.staffNumber.length <= STAFF_NUMBER_DIGITS.max,
    pinComplete: ({ context }) => context.pin.length === PIN_DIGITS,
  },
}).createMachine({
  id: 'staffMode',
  initial: 'closed',
  context: FRESH,
  states: {
    closed: {
      entry: assign(FRESH),
      on: {
        STAFF_SIGN_IN: { target: 'signIn.staffNumber', actions: assign({ by: 'staffNumber' }) },
        STAFF_CARD: {
          target: 'signIn.pin',
          actions: assign({ by: 'card', cardUid: ({ event }) => event.uid }),
        },
      },
    },
    signIn: {
      initial: 'staffNumber',
      on: {
        STAFF_LOCK: 'closed',
        LOCKED: 'closed',
        CARD_REMOVED: { guard: 'byCard', target: 'closed' },
        // A card presented while typing a staff number: its PIN is asked instead.
        STAFF_CARD: {
          target: '.pin',
          actions: assign({
            by: 'card',
            cardUid: ({ event }) => event.uid,
            pin: '',
            problem: null,
          }),
        },
      },
      states: {
        staffNumber: {
          on: {
            STAFF_KEY: {
              actions: assign({
                staffNumber: ({ context, event }) =>
                  typedDigits(context.staffNumber, event.key, STAFF_NUMBER_DIGITS.max),
                problem: null,
              }),
            },
            STAFF_SUBMIT: { guard: 'staffNumberComplete', target: 'pin' },
          },
        },
        pin: {
          on: {
            STAFF_KEY: {
              actions: assign({
                pin: ({ context, event }) => typedDigits(context.pin, event.key, PIN_DIGITS),
              }),
            },
            STAFF_SUBMIT: { guard: 'pinComplete', target: 'checking' },
          },
          // The sixth digit checks at once: no extra tap to find.
          always: { guard: 'pinComplete', target: 'checking' },
        },
        checking: {
          invoke: {
            src: 'authenticate',
            input: ({ context }) => ({ credential: credentialOf(context), pin: context.pin }),
            onDone: [
              {
                guard: ({ event }) => event.output.ok,
                target: '#staffMode.open',
                actions: assign({
                  person: ({ event }) => (event.output.ok ? event.output.person : null),
                  pin: '',
                  problem: null,
                }),
              },
              {
                target: 'pin',
                actions: assign({
                  pin: '',
                  problem: ({ event }) => (event.output.ok ? null : event.output.reason),
                  triesLeft: ({ event }) =>
                    event.output.ok ? null : (event.output.triesLeft ?? null),
                  lockedUntil: ({ event }) =>
                    event.output.ok ? null : (event.output.lockedUntil ?? null),
                }),
              },
            ],
            onError: { target: 'pin', actions: assign({ pin: '', problem: 'unknown' }) },
          },
        },
      },
    },
    open: {
      initial: 'home',
      // A card taken away is the auto-lock's to judge (it may be lent for an approval): the
      // lock's LOCKED closes the mode.
      on: {
        STAFF_LOCK: 'closed',
        LOCKED: 'closed',
        // A screen this person's role may not open stays shut (staff never reach service mode).
        STAFF_OPEN: [
          { guard: ({ event }) => event.screen === null, target: '.home' },
          {
            guard: ({ context, event }) => mayOpen(context, event.screen),
            target: '.screen',
            actions: assign({ screen: ({ event }) => event.screen, device: null }),
          },
        ],
      },
      states: {
        home: { entry: assign({ screen: null }) },
        /** The screen named in `context.screen` (one state: the view maps each name). */
        screen: {
          on: {
            STAFF_DEVICE: {
              guard: ({ context }) => context.screen === 'diagnostics',
              actions: assign({ device: ({ event }) => event.kind }),
            },
          },
        },
      },
    },
  },
});
