// The VAT invoice (增值税发票) at the service point: a child of the service point's flow. Its
// states map to screens in vat-invoice-view.ts (a typed map). What touches the gateway is an
// actor the host provides (src/host/vat-invoice-actors.ts); the stand-ins here answer
// "unreachable". The account step reuses the session's biller list and bill query.
import { assign, fromPromise, setup } from 'xstate';
import type {
  InvoiceBuyerView,
  InvoiceDeliveryView,
  InvoiceField,
  InvoiceProblem,
  InvoiceType,
  PickupPointView,
  ServiceKey,
} from '../../api/kiosk-api';
import { isMobile } from '../../community';
import type { BillerChoice, LookupResult } from '../session-types';
import { typed } from '../service-point/keypad';
import {
  accountProblem,
  beijingMonth,
  MOBILE_LENGTH,
  monthsOffered,
  TAX_ID_LENGTH,
  taxIdTypingProblem,
} from './invoice-steps';

export type TitleLookup =
  { ok: true; buyer: InvoiceBuyerView } | { ok: false; problem: InvoiceProblem };
export type PointsLookup =
  { ok: true; points: PickupPointView[] } | { ok: false; problem: InvoiceProblem };

export interface InvoiceRequestInput {
  billerId: string;
  account: string;
  periods: string[];
  type: InvoiceType;
  buyer: InvoiceBuyerView;
  delivery: { pickupPointId: string } | { email: string };
  phone: string;
  /** Staged photos of payment evidence (none when the periods were paid through the gateway). */
  evidence: string[];
}

export type InvoiceOutcome =
  | {
      ok: true;
      state: 'accepted' | 'pending' | 'rejected';
      serial: string;
      qr: string;
      rejectCode: string | null;
    }
  | { ok: false; problem: InvoiceProblem; field: 'taxId' | 'phone' | null };

export interface VatInvoiceContext {
  billers: BillerChoice[];
  billerId: string;
  account: string;
  holder: string;
  months: { period: string; due: boolean }[];
  chosen: string[];
  paidElsewhere: boolean;
  evidence: string[];
  type: InvoiceType | null;
  taxId: string;
  buyer: InvoiceBuyerView | null;
  points: PickupPointView[];
  delivery: InvoiceDeliveryView | null;
  email: string;
  phone: string;
  problem: InvoiceProblem | null;
  outcome: Extract<InvoiceOutcome, { ok: true }> | null;
}

export type VatInvoiceEvent =
  | { type: 'SERVICE_KEY'; key: ServiceKey }
  | { type: 'SERVICE_NEXT' }
  | { type: 'INVOICE_CHOOSE'; choice: string }
  | { type: 'INVOICE_EMAIL'; email: string }
  | { type: 'DOCUMENT_PHOTOS'; documentId: string; photoIds: string[] }
  | { type: 'BACK' }
  | { type: 'DONE' };

/** The document the evidence step's camera photographs. */
export const EVIDENCE_DOCUMENT = 'payment-evidence';
/** A plausible e-mail as typed (the gateway's schema checks it again). */
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[A-Za-z]{2,}$/;
const MAX_ACCOUNT = 20;

const fresh: VatInvoiceContext = {
  billers: [],
  billerId: '',
  account: '',
  holder: '',
  months: [],
  chosen: [],
  paidElsewhere: false,
  evidence: [],
  type: null,
  taxId: '',
  buyer: null,
  points: [],
  delivery: null,
  email: '',
  phone: '',
  problem: null,
  outcome: null,
};

/** A key on the keypad, applied to the field of the typing state. */
const keyed =
  (field: InvoiceField, max: number, digitsOnly: boolean) =>
  ({
    context,
    event,
  }: {
    context: VatInvoiceContext;
    event: { type: 'SERVICE_KEY'; key: ServiceKey };
  }): Partial<VatInvoiceContext> => {
    const value = typed(context[field], event.key, max, digitsOnly);
    return { [field]: value, problem: field === 'taxId' ? taxIdTypingProblem(value, false) : null };
  };

const choice = (event: VatInvoiceEvent) => (event.type === 'INVOICE_CHOOSE' ? event.choice : '');

export const vatInvoiceMachine = setup({
  types: {
    context: {} as VatInvoiceContext,
    events: {} as VatInvoiceEvent,
  },
  actors: {
    loadBillers: fromPromise<BillerChoice[]>(async () => {
      throw new Error('no gateway');
    }),
    lookUpBills: fromPromise<LookupResult, { billerId: string; account: string }>(async () => ({
      ok: false,
      problem: 'gateway_unavailable',
    })),
    invoiceTitle: fromPromise<TitleLookup, { taxId: string }>(async () => ({
      ok: false,
      problem: 'unreachable',
    })),
    pickupPoints: fromPromise<PointsLookup>(async () => ({ ok: false, problem: 'unreachable' })),
    requestInvoice: fromPromise<InvoiceOutcome, InvoiceRequestInput>(async () => ({
      ok: false,
      problem: 'unreachable',
      field: null,
    })),
  },
  guards: {
    accountComplete: ({ context }) => {
      const b = context.billers.find((x) => x.id === context.billerId);
      const n = b?.accountLength ?? null;
      return context.account.length > 0 && (n === null || context.account.length === n);
    },
  },
}).createMachine({
  id: 'vatInvoice',
  context: fresh,
  initial: 'loadingBillers',
  states: {
    loadingBillers: {
      invoke: {
        src: 'loadBillers',
        onDone: [
          {
            // One biller: nothing to choose.
            guard: ({ event }) => event.output.length === 1,
            target: 'account',
            actions: assign({
              billers: ({ event }) => event.output,
              billerId: ({ event }) => event.output[0]?.id ?? '',
            }),
          },
          { target: 'biller', actions: assign({ billers: ({ event }) => event.output }) },
        ],
        onError: { target: 'unavailable' },
      },
    },
    unavailable: { on: { BACK: 'left', DONE: 'left' } },
    biller: {
      on: {
        INVOICE_CHOOSE: {
          guard: ({ context, event }) => context.billers.some((b) => b.id === choice(event)),
          target: 'account',
          actions: assign({ billerId: ({ event }) => choice(event), account: '', problem: null }),
        },
        BACK: 'left',
      },
    },
    account: {
      on: {
        SERVICE_KEY: { actions: assign(keyed('account', MAX_ACCOUNT, true)) },
        SERVICE_NEXT: [
          { guard: 'accountComplete', target: 'lookingUpAccount' },
          { actions: assign({ problem: 'invalid_account' }) },
        ],
        BACK: [
          { guard: ({ context }) => context.billers.length > 1, target: 'biller' },
          { target: 'left' },
        ],
      },
    },
    lookingUpAccount: {
      invoke: {
        src: 'lookUpBills',
        input: ({ context }) => ({ billerId: context.billerId, account: context.account }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'periods',
            actions: assign(({ event }) => {
              if (!event.output.ok) return {};
              const q = event.output.quote;
              return {
                holder: q.holder,
                months: monthsOffered(
                  beijingMonth(q.quotedAt),
                  q.bills.map((b) => b.period),
                ),
                chosen: [],
                paidElsewhere: false,
                evidence: [],
                problem: null,
              };
            }),
          },
          {
            target: 'account',
            actions: assign({
              problem: ({ event }) =>
                event.output.ok ? null : accountProblem(event.output.problem),
            }),
          },
        ],
        onError: { target: 'account', actions: assign({ problem: 'unreachable' }) },
      },
    },
    periods: {
      on: {
        INVOICE_CHOOSE: [
          {
            guard: ({ event }) => choice(event) === 'elsewhere',
            actions: assign({ paidElsewhere: ({ context }) => !context.paidElsewhere }),
          },
          {
            // A month still due is not paid: it cannot be invoiced.
            guard: ({ context, event }) =>
              context.months.some((m) => m.period === choice(event) && !m.due),
            actions: assign({
              chosen: ({ context, event }) => {
                const p = choice(event);
                return context.chosen.includes(p)
                  ? context.chosen.filter((x) => x !== p)
                  : [...context.chosen, p].sort();
              },
              problem: null,
            }),
          },
        ],
        SERVICE_NEXT: [
          {
            guard: ({ context }) => context.chosen.length === 0,
            actions: assign({ problem: 'no_period' }),
          },
          { guard: ({ context }) => context.paidElsewhere, target: 'evidence' },
          { target: 'type', actions: assign({ evidence: [] }) },
        ],
        BACK: { target: 'account', actions: assign({ problem: null }) },
      },
    },
    evidence: {
      on: {
        DOCUMENT_PHOTOS: {
          guard: ({ event }) => event.documentId === EVIDENCE_DOCUMENT && event.photoIds.length > 0,
          target: 'type',
          actions: assign({ evidence: ({ event }) => event.photoIds, problem: null }),
        },
        BACK: 'periods',
      },
    },
    type: {
      on: {
        INVOICE_CHOOSE: {
          guard: ({ event }) => choice(event) === 'special' || choice(event) === 'normal',
          target: 'taxId',
          actions: assign({
            type: ({ event }) => (choice(event) === 'special' ? 'special' : 'normal'),
            problem: null,
          }),
        },
        BACK: [
          { guard: ({ context }) => context.paidElsewhere, target: 'evidence' },
          { target: 'periods' },
        ],
      },
    },
    taxId: {
      on: {
        SERVICE_KEY: { actions: assign(keyed('taxId', TAX_ID_LENGTH, false)) },
        SERVICE_NEXT: [
          {
            guard: ({ context }) => taxIdTypingProblem(context.taxId, true) !== null,
            actions: assign({ problem: ({ context }) => taxIdTypingProblem(context.taxId, true) }),
          },
          { target: 'lookingUpTitle' },
        ],
        BACK: { target: 'type', actions: assign({ problem: null }) },
      },
    },
    lookingUpTitle: {
      invoke: {
        src: 'invoiceTitle',
        input: ({ context }) => ({ taxId: context.taxId }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'title',
            actions: assign({
              buyer: ({ event }) => (event.output.ok ? event.output.buyer : null),
            }),
          },
          {
            // Not in the register: retype it, or call staff (said on the keypad).
            target: 'taxId',
            actions: assign({
              problem: ({ event }) => (event.output.ok ? null : event.output.problem),
            }),
          },
        ],
        onError: { target: 'taxId', actions: assign({ problem: 'unreachable' }) },
      },
    },
    title: {
      on: {
        SERVICE_NEXT: 'loadingPoints',
        BACK: { target: 'taxId', actions: assign({ buyer: null, problem: null }) },
      },
    },
    loadingPoints: {
      invoke: {
        src: 'pickupPoints',
        onDone: {
          target: 'delivery',
          // No points (or none now): e-mail is still offered.
          actions: assign({ points: ({ event }) => (event.output.ok ? event.output.points : []) }),
        },
        onError: { target: 'delivery', actions: assign({ points: [] }) },
      },
    },
    delivery: {
      on: {
        INVOICE_CHOOSE: [
          { guard: ({ event }) => choice(event) === 'email', target: 'email' },
          {
            guard: ({ context, event }) => context.points.some((p) => p.id === choice(event)),
            target: 'phone',
            actions: assign({
              delivery: ({ context, event }) => {
                const pickup = context.points.find((p) => p.id === choice(event));
                return pickup ? { pickup } : null;
              },
            }),
          },
        ],
        BACK: 'title',
      },
    },
    email: {
      on: {
        INVOICE_EMAIL: [
          {
            guard: ({ event }) => EMAIL.test(event.email),
            target: 'phone',
            actions: assign({
              email: ({ event }) => event.email,
              delivery: ({ event }) => ({ email: event.email }),
            }),
          },
          { actions: assign({ email: ({ event }) => event.email }) },
        ],
        BACK: 'delivery',
      },
    },
    phone: {
      on: {
        SERVICE_KEY: { actions: assign(keyed('phone', MOBILE_LENGTH, true)) },
        SERVICE_NEXT: [
          { guard: ({ context }) => isMobile(context.phone), target: 'review' },
          { actions: assign({ problem: 'invalid_mobile' }) },
        ],
        BACK: { target: 'delivery', actions: assign({ problem: null }) },
      },
    },
    review: {
      on: { SERVICE_NEXT: 'sending', BACK: 'phone' },
    },
    sending: {
      invoke: {
        src: 'requestInvoice',
        input: ({ context }) => ({
          billerId: context.billerId,
          account: context.account,
          periods: context.chosen,
          type: context.type ?? 'normal',
          buyer: context.buyer ?? {
            taxId: context.taxId,
            name: '',
            address: '',
            phone: '',
            bank: '',
            bankAccount: '',
          },
          delivery:
            context.delivery && 'pickup' in context.delivery
              ? { pickupPointId: context.delivery.pickup.id }
              : { email: context.email },
          phone: context.phone,
          evidence: context.paidElsewhere ? context.evidence : [],
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'receipt',
            actions: assign({ outcome: ({ event }) => (event.output.ok ? event.output : null) }),
          },
          {
            // Refused before anything was sent: back to the step to fix, with the reason.
            guard: ({ event }) => !event.output.ok && event.output.field === 'phone',
            target: 'phone',
            actions: assign({ problem: 'invalid_mobile' }),
          },
          {
            guard: ({ event }) => !event.output.ok && event.output.field === 'taxId',
            target: 'taxId',
            actions: assign({ problem: 'tax_id_check' }),
          },
          {
            target: 'review',
            actions: assign({
              problem: ({ event }) => (event.output.ok ? null : event.output.problem),
            }),
          },
        ],
        onError: { target: 'review', actions: assign({ problem: 'unreachable' }) },
      },
    },
    receipt: {
      on: { DONE: 'left', BACK: 'left' },
    },
    left: { type: 'final' },
  },
});
