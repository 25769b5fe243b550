// Applying for a service at the kiosk (issue 14): a child the service point invokes. The
// catalogue → what she will need → the account (keypad, bill, card: the session's own lookups)
// → each step of the form (form-steps.ts: fields, documents, signature, consent) → the review
// → submit → the receipt. Its states map to screens in application-view.ts (a typed map). What
// touches the gateway, the camera's photos or the printer is an actor the host provides
// (src/host/application-actors.ts); the stand-ins here answer "unreachable".
import { accountLookups, cardInput, scanInput } from '../account-lookups';
import { assign, fromPromise, setup } from 'xstate';
import type { ApplicationProblem, ProblemCode } from '../../api/kiosk-api';
import type { BillerChoice, LookupResult, ScanLookupResult } from '../session-types';
import {
  applicantPhone,
  formSteps,
  keypadLength,
  submittedFields,
  valueProblem,
  type FormStep,
} from './form-steps';
import type {
  ApplicationContext,
  ApplicationEvent,
  ApplicationSubmission,
  CatalogueLoad,
  ConfirmedAccount,
  PrintInput,
  PrintOutcome,
  SubmitOutcome,
} from './application-types';

const MAX_ACCOUNT_DIGITS = 20;

/** How the application ended: back to the service point's home, or done (to the idle screen). */
export interface ApplicationOutput {
  done: boolean;
}

const fresh: ApplicationContext = {
  services: [],
  service: null,
  billers: [],
  biller: null,
  digits: '',
  account: null,
  cursor: 0,
  values: {},
  documents: {},
  signature: null,
  smsNotices: null,
  reviewing: false,
  problem: null,
  problemField: null,
  receipt: null,
};

/** A lookup's problem as the account screen says it. */
const ACCOUNT_PROBLEMS: Partial<Record<ProblemCode, ApplicationProblem>> = {
  account_not_found: 'account_not_found',
  invalid_account: 'invalid_account',
  account_locked: 'account_locked',
  unrecognised_scan: 'unrecognised_scan',
  payment_code_scanned: 'unrecognised_scan',
  card_not_recognised: 'card_not_recognised',
};

export const accountProblemOf = (p: ProblemCode): ApplicationProblem =>
  ACCOUNT_PROBLEMS[p] ?? 'unreachable';

export function stepsOf(c: ApplicationContext): FormStep[] {
  return c.service ? formSteps(c.service) : [];
}

export function currentStep(c: ApplicationContext): FormStep | null {
  return stepsOf(c)[c.cursor] ?? null;
}

function typedKey(value: string, key: string, max: number): string {
  if (key === 'delete') return value.slice(0, -1);
  if (key === 'clear') return '';
  return value.length < max ? value + key : value;
}

function confirmed(biller: BillerChoice, found: LookupResult): ConfirmedAccount | null {
  if (!found.ok) return null;
  return {
    billerId: biller.id,
    billerName: biller.name,
    account: found.quote.account,
    holder: found.quote.holder,
    address: found.quote.address,
  };
}

export function submissionOf(c: ApplicationContext): ApplicationSubmission {
  const service = c.service;
  const account = c.account;
  if (!service || !account) throw new Error('application: submitted without a service or account');
  return {
    serviceId: service.id,
    billerId: account.billerId,
    account: account.account,
    applicantName: account.holder,
    phone: applicantPhone(service, c.values),
    fields: submittedFields(service, c.values),
    documents: service.documents
      .filter((d) => (c.documents[d.id] ?? []).length > 0)
      .map((d) => ({ documentId: d.id, photoIds: c.documents[d.id] ?? [] })),
    signature: c.signature
      ? { photoId: c.signature.photoId, signedAt: c.signature.signedAt }
      : null,
    smsNotices: c.smsNotices === true,
  };
}

/** The step of the form a refused part names (a field's or document's id), or -1. */
export function stepOfPart(c: ApplicationContext, part: string | null): number {
  if (part === null) return -1;
  const id = part.replace(/^(fields|documents)\./, '');
  return stepsOf(c).findIndex(
    (s) =>
      (s.part === 'field' && s.field.id === id) ||
      (s.part === 'document' && s.document.id === id) ||
      (s.part === 'signature' && id === 'signature'),
  );
}

/** A bill scanned or a card read: an account of the service's kind is confirmed next. */
const found = ({ event }: { event: { output: ScanLookupResult } }) => event.output;
const afterFound = [
  {
    guard: { type: 'ofServiceKind', params: found },
    target: 'confirmAccount',
    actions: { type: 'foundAccount', params: found },
  },
  { target: 'account', actions: { type: 'accountProblem', params: found } },
] as const;

const isStep =
  (part: FormStep['part']) =>
  ({ context }: { context: ApplicationContext }) =>
    currentStep(context)?.part === part;

export const applicationMachine = setup({
  types: {
    context: {} as ApplicationContext,
    events: {} as ApplicationEvent,
    output: {} as ApplicationOutput,
  },
  actors: {
    loadServices: fromPromise<CatalogueLoad>(async () => ({ ok: false })),
    ...accountLookups,
    submit: fromPromise<SubmitOutcome, ApplicationSubmission>(async () => ({
      kind: 'refused',
      problem: 'unreachable',
      field: null,
      message: 'unreachable',
    })),
    printReceipt: fromPromise<PrintOutcome, PrintInput>(async () => ({
      printed: false,
      lines: [],
    })),
  },
  guards: {
    atField: isStep('field'),
    /** The field under the cursor holds a value it may go on with. */
    fieldFine: ({ context }) => {
      const s = currentStep(context);
      return (
        s?.part === 'field' && valueProblem(s.field, context.values[s.field.id] ?? '') === null
      );
    },
    pastEnd: ({ context }) => context.cursor >= stepsOf(context).length,
    ofServiceKind: ({ context }, found: ScanLookupResult) =>
      found.ok && found.biller.kind === context.service?.billerKind,
  },
  actions: {
    /** The step after this one: the review when she came from it, else the next. */
    advance: assign(({ context }) => ({
      cursor: context.reviewing ? stepsOf(context).length : context.cursor + 1,
      problem: null,
    })),
    /** A found account of the service's kind: confirmed on the next screen. */
    foundAccount: assign((_, found: ScanLookupResult) =>
      found.ok
        ? { biller: found.biller, account: confirmed(found.biller, found), problem: null }
        : {},
    ),
    accountProblem: assign((_, found: ScanLookupResult) => ({
      problem: found.ok ? ('wrong_biller' as const) : accountProblemOf(found.problem),
    })),
  },
}).createMachine({
  id: 'application',
  context: fresh,
  initial: 'loading',
  output: ({ context }) => ({ done: context.receipt !== null }),
  states: {
    loading: {
      invoke: {
        src: 'loadServices',
        onDone: {
          target: 'choose',
          actions: assign(({ event }) =>
            event.output.ok
              ? { services: event.output.services, problem: null }
              : { services: [], problem: 'unreachable' as const },
          ),
        },
        onError: { target: 'choose', actions: assign({ problem: 'unreachable' }) },
      },
    },
    choose: {
      on: {
        CHOOSE_SERVICE: {
          guard: ({ context, event }) => context.services.some((s) => s.id === event.serviceId),
          target: 'needs',
          actions: assign(({ context, event }) => ({
            ...fresh,
            services: context.services,
            service: context.services.find((s) => s.id === event.serviceId) ?? null,
          })),
        },
        BACK: 'left',
      },
    },
    needs: {
      on: { SERVICE_NEXT: 'loadingBillers', CONFIRM: 'loadingBillers', BACK: 'choose' },
    },
    loadingBillers: {
      invoke: {
        src: 'loadBillers',
        onDone: {
          target: 'account',
          actions: assign(({ context, event }) => {
            const billers = event.output.filter((b) => b.kind === context.service?.billerKind);
            return {
              billers,
              biller: billers.length === 1 ? (billers[0] ?? null) : null,
              problem: billers.length === 0 ? ('unreachable' as const) : null,
            };
          }),
        },
        onError: { target: 'account', actions: assign({ problem: 'unreachable' }) },
      },
    },
    account: {
      on: {
        CHOOSE_BILLER: {
          guard: ({ context, event }) => context.billers.some((b) => b.id === event.billerId),
          actions: assign(({ context, event }) => ({
            biller: context.billers.find((b) => b.id === event.billerId) ?? null,
            problem: null,
          })),
        },
        KEY: {
          actions: assign(({ context, event }) => ({
            digits: typedKey(context.digits, event.key, MAX_ACCOUNT_DIGITS),
            problem: null,
          })),
        },
        SUBMIT_ACCOUNT: {
          guard: ({ context }) => context.biller !== null && context.digits.length > 0,
          target: 'lookingUp',
        },
        SCANNED: 'lookingUpScan',
        ACCOUNT_CARD: 'lookingUpCard',
        CARD_NOT_RECOGNISED: { actions: assign({ problem: 'card_not_recognised' }) },
        BACK: [
          { guard: ({ context }) => context.reviewing, target: 'review' },
          { target: 'needs' },
        ],
      },
    },
    lookingUp: {
      invoke: {
        src: 'lookUpBills',
        input: ({ context }) => ({ billerId: context.biller?.id ?? '', account: context.digits }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'confirmAccount',
            actions: assign(({ context, event }) => ({
              account: context.biller ? confirmed(context.biller, event.output) : null,
              problem: null,
            })),
          },
          {
            target: 'account',
            actions: assign(({ event }) => ({
              problem: event.output.ok ? null : accountProblemOf(event.output.problem),
            })),
          },
        ],
        onError: { target: 'account', actions: assign({ problem: 'unreachable' }) },
      },
    },
    lookingUpScan: {
      invoke: {
        src: 'lookUpScan',
        input: scanInput,
        onDone: afterFound,
        onError: { target: 'account', actions: assign({ problem: 'unreachable' }) },
      },
    },
    lookingUpCard: {
      invoke: {
        src: 'lookUpAccount',
        input: cardInput,
        onDone: afterFound,
        onError: { target: 'account', actions: assign({ problem: 'unreachable' }) },
      },
    },
    confirmAccount: {
      on: {
        CONFIRM: [
          { guard: ({ context }) => context.reviewing, target: 'review' },
          { target: 'form', actions: assign({ cursor: 0 }) },
        ],
        BACK: { target: 'account', actions: assign({ account: null }) },
      },
    },
    // Every step of the form, one at a time; the screen follows the step under the cursor.
    form: {
      always: { guard: 'pastEnd', target: 'review' },
      on: {
        KEY: {
          guard: ({ context }) => {
            const s = currentStep(context);
            return s?.part === 'field' && ['integer', 'phone', 'date'].includes(s.field.kind);
          },
          actions: assign(({ context, event }) => {
            const s = currentStep(context);
            if (s?.part !== 'field') return {};
            const id = s.field.id;
            const typed = typedKey(context.values[id] ?? '', event.key, keypadLength(s.field));
            return { values: { ...context.values, [id]: typed }, problem: null };
          }),
        },
        FIELD_TEXT: {
          guard: ({ context }) => {
            const s = currentStep(context);
            return s?.part === 'field' && s.field.kind === 'text';
          },
          actions: assign(({ context, event }) => {
            const s = currentStep(context);
            if (s?.part !== 'field') return {};
            return { values: { ...context.values, [s.field.id]: event.value }, problem: null };
          }),
        },
        CHOOSE_OPTION: {
          guard: ({ context, event }) => {
            const s = currentStep(context);
            return (
              s?.part === 'field' &&
              s.field.kind === 'choice' &&
              s.field.options.some((o) => o.id === event.optionId)
            );
          },
          actions: [
            assign(({ context, event }) => {
              const s = currentStep(context);
              if (s?.part !== 'field') return {};
              return { values: { ...context.values, [s.field.id]: event.optionId } };
            }),
            'advance',
          ],
        },
        SERVICE_NEXT: [
          { guard: 'fieldFine', actions: 'advance' },
          {
            guard: 'atField',
            actions: assign(({ context }) => {
              const s = currentStep(context);
              if (s?.part !== 'field') return {};
              return { problem: valueProblem(s.field, context.values[s.field.id] ?? '') };
            }),
          },
        ],
        // An optional field left out, or a document the service does not require.
        SKIP: {
          guard: ({ context }) => {
            const s = currentStep(context);
            if (s?.part === 'field') return s.field.optional;
            return s?.part === 'document' && s.document.pages.min === 0;
          },
          actions: [
            assign(({ context }) => {
              const s = currentStep(context);
              if (s?.part === 'field') return { values: { ...context.values, [s.field.id]: '' } };
              if (s?.part === 'document')
                return { documents: { ...context.documents, [s.document.id]: [] } };
              return {};
            }),
            'advance',
          ],
        },
        DOCUMENT_PHOTOS: {
          guard: ({ context, event }) => {
            const s = currentStep(context);
            return (
              s?.part === 'document' &&
              s.document.id === event.documentId &&
              event.photoIds.length >= s.document.pages.min &&
              event.photoIds.length <= s.document.pages.max
            );
          },
          actions: [
            assign(({ context, event }) => ({
              documents: { ...context.documents, [event.documentId]: event.photoIds },
            })),
            'advance',
          ],
        },
        SIGNED: {
          guard: isStep('signature'),
          actions: [
            assign(({ event }) => ({
              signature: {
                photoId: event.photoId,
                strokes: event.strokes,
                signedAt: event.signedAt,
              },
            })),
            'advance',
          ],
        },
        CONSENT: {
          guard: isStep('consent'),
          actions: [assign(({ event }) => ({ smsNotices: event.smsNotices })), 'advance'],
        },
        BACK: [
          { guard: ({ context }) => context.reviewing, target: 'review' },
          { guard: ({ context }) => context.cursor === 0, target: 'confirmAccount' },
          { actions: assign(({ context }) => ({ cursor: context.cursor - 1, problem: null })) },
        ],
      },
    },
    review: {
      entry: assign({ reviewing: true }),
      on: {
        CHANGE: [
          {
            guard: ({ event }) => event.part === 'account',
            target: 'account',
            actions: assign({ digits: '', problem: null, problemField: null }),
          },
          {
            guard: ({ context, event }) =>
              event.part === 'consent' ||
              stepOfPart(context, event.part === 'signature' ? 'signature' : event.id) >= 0,
            target: 'form',
            actions: assign(({ context, event }) => ({
              cursor:
                event.part === 'consent'
                  ? stepsOf(context).length - 1
                  : stepOfPart(context, event.part === 'signature' ? 'signature' : event.id),
              problem: null,
              problemField: null,
            })),
          },
        ],
        SUBMIT_APPLICATION: 'submitting',
        BACK: {
          target: 'form',
          actions: assign(({ context }) => ({
            cursor: stepsOf(context).length - 1,
            reviewing: false,
          })),
        },
      },
    },
    submitting: {
      invoke: {
        src: 'submit',
        input: ({ context }) => submissionOf(context),
        onDone: [
          {
            guard: ({ event }) =>
              event.output.kind === 'receipt' && event.output.state !== 'rejected',
            target: 'printing',
            actions: assign(({ event }) => ({
              receipt:
                event.output.kind === 'receipt'
                  ? { ...event.output, printed: false, lines: [] }
                  : null,
            })),
          },
          {
            guard: ({ event }) => event.output.kind === 'receipt',
            target: 'rejected',
            actions: assign(({ event }) => ({
              receipt:
                event.output.kind === 'receipt'
                  ? { ...event.output, printed: false, lines: [] }
                  : null,
            })),
          },
          {
            // Refused before it was journalled, a part named: said on that part's own screen.
            guard: ({ context, event }) =>
              event.output.kind === 'refused' && stepOfPart(context, event.output.field) >= 0,
            target: 'form',
            actions: assign(({ context, event }) =>
              event.output.kind === 'refused'
                ? {
                    cursor: stepOfPart(context, event.output.field),
                    problem: event.output.problem,
                    problemField: event.output.message,
                  }
                : {},
            ),
          },
          {
            target: 'review',
            actions: assign(({ event }) =>
              event.output.kind === 'refused'
                ? { problem: event.output.problem, problemField: event.output.message }
                : {},
            ),
          },
        ],
        onError: { target: 'review', actions: assign({ problem: 'unreachable' }) },
      },
    },
    printing: {
      invoke: {
        src: 'printReceipt',
        input: ({ context }): PrintInput => ({
          serviceName: context.service?.name ?? { 'zh-CN': '', en: '' },
          state: context.receipt?.state === 'accepted' ? 'accepted' : 'pending',
          serial: context.receipt?.serial ?? '',
          trackingCode: context.receipt?.trackingCode ?? null,
          qr: context.receipt?.qr ?? '',
        }),
        onDone: {
          target: 'receipt',
          actions: assign(({ context, event }) => ({
            receipt: context.receipt
              ? { ...context.receipt, printed: event.output.printed, lines: event.output.lines }
              : null,
          })),
        },
        onError: 'receipt',
      },
    },
    receipt: { on: { DONE: 'left' } },
    rejected: { on: { DONE: 'left', BACK: 'left' } },
    left: { type: 'final' },
  },
});
