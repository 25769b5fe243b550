// The community service point's flow (issue 14): a child the session invokes while the resident
// is at the service point. Its states map to screens in service-point-view.ts (a typed map: a
// state without a screen fails the typecheck). What touches the gateway is an actor the host
// provides (src/host/service-point-actors.ts); the stand-ins here answer "unreachable".
import { assign, fromPromise, sendTo, setup } from 'xstate';
import type {
  ApplicationStatusView,
  LocalizedText,
  Screen,
  ServiceKey,
  ServiceProblem,
} from '../../api/kiosk-api';
import { applicationMachine } from '../application/application-machine';
import { APPLICATION_EVENT_TYPES, type ApplicationEvent } from '../application/application-types';
import { applicationScreenOf } from '../application/application-view';

/** A tracking code as typed: 8 characters (shown as XXXX-XXXX), digits and Latin capitals. */
export const TRACKING_CODE_LENGTH = 8;

export interface ProgressView {
  trackingCode: string | null;
  status: ApplicationStatusView;
  timeline: { status: ApplicationStatusView; at: string; note: LocalizedText }[];
  nextStep: LocalizedText | null;
  reason: LocalizedText | null;
  requested: { documentId: string; label: LocalizedText | null }[];
}

export type ProgressLookup =
  { ok: true; progress: ProgressView } | { ok: false; problem: ServiceProblem };

export interface ServicePointContext {
  code: string;
  last4: string;
  problem: ServiceProblem | null;
  progress: ProgressView | null;
  /** While she applies for a service: the application's screen (its own flow's view). */
  application: Screen | null;
}

export type ServicePointEvent =
  | { type: 'OPEN_PROGRESS' }
  | { type: 'SERVICE_KEY'; key: ServiceKey }
  | { type: 'SERVICE_NEXT' }
  /** A code held to the scanner: an application receipt's QR names its application. */
  | { type: 'SCANNED'; text: string }
  | { type: 'BACK' }
  | { type: 'DONE' }
  /** On the home: apply for a service (办理业务); then the application's own events. */
  | { type: 'OPEN_APPLY' }
  | ApplicationEvent;

/** Handed on to the application while she applies. */
const toApplication = Object.fromEntries(
  APPLICATION_EVENT_TYPES.map((type) => [
    type,
    { actions: sendTo('application', ({ event }: { event: ServicePointEvent }) => event) },
  ]),
);

function typed(value: string, key: ServiceKey, max: number, digitsOnly: boolean): string {
  if (key === 'delete') return value.slice(0, -1);
  if (key === 'clear') return '';
  if (digitsOnly && !/^[0-9]$/.test(key)) return value;
  return value.length < max ? value + key : value;
}

/** The code as the gateway reads it: K7QH2M9D → K7QH-2M9D. */
export function trackingCodeOf(typedCode: string): string {
  return `${typedCode.slice(0, 4)}-${typedCode.slice(4)}`;
}

const fresh = {
  code: '',
  last4: '',
  problem: null,
  progress: null,
  application: null,
} satisfies ServicePointContext;

export const servicePointMachine = setup({
  types: {
    context: {} as ServicePointContext,
    events: {} as ServicePointEvent,
  },
  actors: {
    progressByCode: fromPromise<ProgressLookup, { code: string; last4: string }>(async () => ({
      ok: false,
      problem: 'unreachable',
    })),
    progressByScan: fromPromise<ProgressLookup, { text: string }>(async () => ({
      ok: false,
      problem: 'unreachable',
    })),
    application: applicationMachine,
  },
}).createMachine({
  id: 'servicePoint',
  context: fresh,
  initial: 'home',
  // The receipt's QR held to the scanner, wherever she is: its application's progress.
  on: { SCANNED: { target: '.lookingUpScan', actions: assign(fresh) } },
  states: {
    home: {
      on: {
        OPEN_PROGRESS: { target: 'enterCode', actions: assign(fresh) },
        OPEN_APPLY: { target: 'applying', actions: assign(fresh) },
        BACK: 'left',
        DONE: 'left',
      },
    },
    enterCode: {
      on: {
        SERVICE_KEY: {
          actions: assign({
            code: ({ context, event }) =>
              typed(context.code, event.key, TRACKING_CODE_LENGTH, false),
            problem: null,
          }),
        },
        SERVICE_NEXT: [
          {
            guard: ({ context }) => context.code.length === TRACKING_CODE_LENGTH,
            target: 'enterLast4',
          },
          { actions: assign({ problem: 'invalid_code' }) },
        ],
        BACK: 'home',
      },
    },
    enterLast4: {
      on: {
        SERVICE_KEY: {
          actions: assign({
            last4: ({ context, event }) => typed(context.last4, event.key, 4, true),
            problem: null,
          }),
        },
        SERVICE_NEXT: [
          { guard: ({ context }) => context.last4.length === 4, target: 'lookingUp' },
          { actions: assign({ problem: 'invalid_last4' }) },
        ],
        BACK: { target: 'enterCode', actions: assign({ last4: '', problem: null }) },
      },
    },
    lookingUp: {
      invoke: {
        src: 'progressByCode',
        input: ({ context }) => ({ code: trackingCodeOf(context.code), last4: context.last4 }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'progress',
            actions: assign({
              progress: ({ event }) => (event.output.ok ? event.output.progress : null),
            }),
          },
          {
            // A wrong code or last four: type them again, with the reason.
            target: 'enterCode',
            actions: assign({
              problem: ({ event }) => (event.output.ok ? null : event.output.problem),
              last4: '',
            }),
          },
        ],
        onError: { target: 'enterCode', actions: assign({ problem: 'unreachable', last4: '' }) },
      },
    },
    lookingUpScan: {
      on: { SCANNED: {} },
      invoke: {
        src: 'progressByScan',
        input: ({ event }) => ({ text: event.type === 'SCANNED' ? event.text : '' }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'progress',
            actions: assign({
              progress: ({ event }) => (event.output.ok ? event.output.progress : null),
            }),
          },
          {
            target: 'enterCode',
            actions: assign({
              problem: ({ event }) => (event.output.ok ? null : event.output.problem),
            }),
          },
        ],
        onError: { target: 'enterCode', actions: assign({ problem: 'unreachable' }) },
      },
    },
    progress: {
      on: { DONE: 'left', BACK: 'home' },
    },
    // Applying for a service (src/flows/application/): a scan names her bill here, not a receipt.
    applying: {
      invoke: {
        id: 'application',
        src: 'application',
        onSnapshot: {
          actions: assign({ application: ({ event }) => applicationScreenOf(event.snapshot) }),
        },
        onDone: [
          { guard: ({ event }) => event.output.done, target: 'left' },
          { target: 'home', actions: assign({ application: null }) },
        ],
      },
      on: toApplication,
    },
    left: { type: 'final' },
  },
});
