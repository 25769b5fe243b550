// What the resident sees of the VAT invoice: a pure function of its state (UI = f(snapshot)).
import type { SnapshotFrom } from 'xstate';
import type { Screen } from '../../api/kiosk-api';
import { rejectProblem } from './invoice-steps';
import type { vatInvoiceMachine, VatInvoiceContext } from './vat-invoice-machine';

/** Whether the delivery step offers e-mail (the renderer's e-mail keyboard is there). */
export const EMAIL_OFFERED = true;

export type VatInvoiceSnapshot = SnapshotFrom<typeof vatInvoiceMachine>;
export type VatInvoiceState = VatInvoiceSnapshot['value'];

const working = (task: 'account' | 'register' | 'points' | 'sending') => (): Screen => ({
  name: 'invoiceWorking',
  task,
});

const entry =
  (field: 'account' | 'taxId' | 'phone') =>
  (c: VatInvoiceContext): Screen => ({
    name: 'invoiceEntry',
    field,
    value: c[field],
    problem: c.problem,
  });

const billers = (c: VatInvoiceContext): Screen => ({
  name: 'invoiceBiller',
  billers: c.billers.map((b) => ({ id: b.id, name: b.name })),
  problem: c.billers.length === 0 ? 'unreachable' : null,
});

function review(c: VatInvoiceContext): Screen {
  if (!c.buyer || !c.delivery || !c.type) return working('sending')();
  return {
    name: 'invoiceReview',
    account: c.account,
    periods: c.chosen,
    evidencePages: c.paidElsewhere ? c.evidence.length : 0,
    type: c.type,
    buyer: c.buyer,
    delivery: c.delivery,
    phone: c.phone,
    problem: c.problem,
  };
}

/** Each state → its screen. A new state without a screen fails the typecheck here. */
const SCREENS: { [S in VatInvoiceState]: (c: VatInvoiceContext) => Screen } = {
  loadingBillers: working('account'),
  unavailable: billers,
  biller: billers,
  account: entry('account'),
  lookingUpAccount: working('account'),
  periods: (c) => ({
    name: 'invoicePeriods',
    account: c.account,
    holder: c.holder,
    months: c.months,
    chosen: c.chosen,
    paidElsewhere: c.paidElsewhere,
    problem: c.problem,
  }),
  evidence: (c) => ({ name: 'invoiceEvidence', pages: c.evidence.length }),
  type: (c) => ({ name: 'invoiceType', type: c.type }),
  taxId: entry('taxId'),
  lookingUpTitle: working('register'),
  title: (c) => (c.buyer ? { name: 'invoiceTitle', buyer: c.buyer } : working('register')()),
  loadingPoints: working('points'),
  // E-mail is typed on the on-screen keyboard's e-mail layout (ui/keyboard/).
  delivery: (c) => ({ name: 'invoiceDelivery', points: c.points, emailOffered: EMAIL_OFFERED }),
  email: (c) => ({ name: 'invoiceEmail', email: c.email }),
  phone: entry('phone'),
  review,
  sending: working('sending'),
  receipt: (c) =>
    c.outcome && c.delivery
      ? {
          name: 'invoiceReceipt',
          state: c.outcome.state,
          serial: c.outcome.serial,
          qr: c.outcome.qr,
          periods: c.chosen,
          delivery: c.delivery,
          problem: c.outcome.state === 'rejected' ? rejectProblem(c.outcome.rejectCode) : null,
        }
      : working('sending')(),
  left: working('sending'),
};

export function vatInvoiceScreenOf(s: VatInvoiceSnapshot): Screen {
  return SCREENS[s.value](s.context);
}
