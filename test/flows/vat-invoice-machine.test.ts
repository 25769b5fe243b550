// The VAT invoice's flow: every path from the account to the receipt, the tax code refused at
// once by its check character, the register's 404, accepted for later, and the gateway's final
// refusals (period_not_paid, already_invoiced); and its place in the service point.
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor, type AnyActorRef } from 'xstate';
import type { Screen, ServiceKey } from '../../src/api/kiosk-api';
import { servicePointMachine } from '../../src/flows/service-point/service-point-machine';
import { servicePointScreenOf } from '../../src/flows/service-point/service-point-view';
import type { BillerChoice, LookupResult } from '../../src/flows/session-types';
import { monthsOffered } from '../../src/flows/vat-invoice/invoice-steps';
import {
  EVIDENCE_DOCUMENT,
  vatInvoiceMachine,
  type InvoiceOutcome,
  type InvoiceRequestInput,
  type PointsLookup,
  type TitleLookup,
} from '../../src/flows/vat-invoice/vat-invoice-machine';
import { vatInvoiceScreenOf } from '../../src/flows/vat-invoice/vat-invoice-view';

const GOOD_TAX_ID = '91310104MA1FL8XK2X';
const UNKNOWN_TAX_ID = '91310104MA1FP3QW7D'; // well formed, but the stand-in register lacks it

const POWER: BillerChoice = {
  id: 'sh-power',
  kind: 'electricity',
  name: { 'zh-CN': '国网上海市电力公司', en: 'State Grid Shanghai' },
  accountLength: 10,
  paused: false,
  acceptsOverpayment: true,
  allowsPartial: true,
  accountPattern: '^\\d{10}$',
};
const WATER: BillerChoice = { ...POWER, id: 'sh-water', accountLength: 9 };

const QUOTE: LookupResult = {
  ok: true,
  quote: {
    quoteId: 'q1',
    billerId: 'sh-power',
    expiresAt: '2026-12-07T15:59:59Z',
    account: '3100123456',
    holder: '张*明',
    address: '武康路**弄**号',
    bills: [
      {
        billId: 'b1',
        period: '2026-10',
        principal: 18650,
        lateFee: 783,
        dueDate: '2026-11-25',
        daysOverdue: 12,
      },
    ],
    totalDue: 19433,
    quotedAt: '2026-12-07T02:00:00Z',
    raw: '{}',
  },
};

const POINT = {
  id: 'pp-wukang-committee',
  name: { 'zh-CN': '武康路社区居委会', en: 'Wukang Road neighbourhood committee' },
  address: { 'zh-CN': '武康路**号', en: 'Wukang Road' },
  hours: { 'zh-CN': '工作日 9:00–16:30', en: 'Weekdays 9:00–16:30' },
};

interface Stand {
  billers?: BillerChoice[];
  bills?: LookupResult;
  outcome?: (input: InvoiceRequestInput) => InvoiceOutcome;
}

function flow(s: Stand = {}) {
  const sent: InvoiceRequestInput[] = [];
  const titles: string[] = [];
  const logic = vatInvoiceMachine.provide({
    actors: {
      loadBillers: fromPromise<BillerChoice[]>(async () => s.billers ?? [POWER, WATER]),
      lookUpBills: fromPromise<LookupResult, { billerId: string; account: string }>(
        async ({ input }) =>
          input.account === '3100123456'
            ? (s.bills ?? QUOTE)
            : { ok: false, problem: 'account_not_found' },
      ),
      invoiceTitle: fromPromise<TitleLookup, { taxId: string }>(async ({ input }) => {
        titles.push(input.taxId);
        return input.taxId === GOOD_TAX_ID
          ? {
              ok: true,
              buyer: {
                taxId: input.taxId,
                name: '上海武康餐饮管理有限公司',
                address: '上海市徐汇区武康路**号',
                phone: '021-6433****',
                bank: '中国工商银行上海市徐汇支行',
                bankAccount: '1001****0912',
              },
            }
          : { ok: false, problem: 'not_in_register' };
      }),
      pickupPoints: fromPromise<PointsLookup>(async () => ({ ok: true, points: [POINT] })),
      requestInvoice: fromPromise<InvoiceOutcome, InvoiceRequestInput>(async ({ input }) => {
        sent.push(input);
        return (
          s.outcome?.(input) ?? {
            ok: true,
            state: 'accepted',
            serial: 'KIOSK-0001-20261207-000001',
            qr: 'KIOSK-0001-20261207-000001',
            rejectCode: null,
          }
        );
      }),
    },
  });
  const a = createActor(logic).start();
  const screen = (): Screen => vatInvoiceScreenOf(a.getSnapshot());
  const type = (text: string) => {
    for (const key of text) a.send({ type: 'SERVICE_KEY', key: key as ServiceKey });
  };
  const settled = () => waitFor(a, (x) => !String(x.value).match(/^(loading|lookingUp|sending)/));
  return { a, screen, type, settled, sent, titles };
}

type Flow = ReturnType<typeof flow>;

/** From the start to the months of account 3100123456. */
async function toPeriods(f: Flow) {
  await f.settled();
  f.a.send({ type: 'INVOICE_CHOOSE', choice: 'sh-power' });
  f.type('3100123456');
  f.a.send({ type: 'SERVICE_NEXT' });
  await f.settled();
}

/** From the months to the tax code's keypad: the months paid, and the kind. */
async function toTaxId(f: Flow, kind: 'special' | 'normal', months = ['2026-11']) {
  await toPeriods(f);
  for (const choice of months) f.a.send({ type: 'INVOICE_CHOOSE', choice });
  f.a.send({ type: 'SERVICE_NEXT' });
  f.a.send({ type: 'INVOICE_CHOOSE', choice: kind });
}

/** From the tax code's keypad to the delivery: the good code, the company confirmed. */
async function toDelivery(f: Flow) {
  f.type(GOOD_TAX_ID);
  f.a.send({ type: 'SERVICE_NEXT' });
  await f.settled();
  f.a.send({ type: 'SERVICE_NEXT' }); // the company is right
  await f.settled();
}

/** From the delivery to the review: a pickup point and the mobile. */
function pickupToReview(f: Flow) {
  f.a.send({ type: 'INVOICE_CHOOSE', choice: POINT.id });
  f.type('13800138000');
  f.a.send({ type: 'SERVICE_NEXT' });
}

/** From the start to the review, choosing as a company that paid through the gateway does. */
async function toReview(f: Flow) {
  await toTaxId(f, 'special', ['2026-11', '2026-09']);
  await toDelivery(f);
  pickupToReview(f);
}

describe('the months offered', () => {
  it('are this month and the three before, newest first, a month still due marked', () => {
    expect(monthsOffered('2026-02', ['2025-12'])).toEqual([
      { period: '2026-02', due: false },
      { period: '2026-01', due: false },
      { period: '2025-12', due: true },
      { period: '2025-11', due: false },
    ]);
  });
});

describe('the VAT invoice flow', () => {
  it('goes from the account to the receipt, and sends what was chosen and confirmed', async () => {
    const f = flow();
    await toReview(f);
    expect(f.screen()).toMatchObject({
      name: 'invoiceReview',
      account: '3100123456',
      periods: ['2026-09', '2026-11'],
      type: 'special',
      buyer: { name: '上海武康餐饮管理有限公司', taxId: GOOD_TAX_ID },
      delivery: { pickup: { id: POINT.id } },
      phone: '13800138000',
      evidencePages: 0,
    });
    f.a.send({ type: 'SERVICE_NEXT' });
    await f.settled();
    expect(f.sent).toEqual([
      {
        billerId: 'sh-power',
        account: '3100123456',
        periods: ['2026-09', '2026-11'],
        type: 'special',
        buyer: expect.objectContaining({ taxId: GOOD_TAX_ID }),
        delivery: { pickupPointId: POINT.id },
        phone: '13800138000',
        evidence: [],
      },
    ]);
    expect(f.screen()).toMatchObject({
      name: 'invoiceReceipt',
      state: 'accepted',
      serial: 'KIOSK-0001-20261207-000001',
      problem: null,
    });
    f.a.send({ type: 'DONE' });
    expect(f.a.getSnapshot().status).toBe('done');
  });

  it('offers the months of the bill query, and a month still due cannot be chosen', async () => {
    const f = flow({ billers: [POWER] }); // one biller: straight to the account
    await f.settled();
    expect(f.screen()).toMatchObject({ name: 'invoiceEntry', field: 'account' });
    f.type('3100123456');
    f.a.send({ type: 'SERVICE_NEXT' });
    await f.settled();
    const s = f.screen();
    expect(s).toMatchObject({ name: 'invoicePeriods', holder: '张*明', chosen: [] });
    if (s.name !== 'invoicePeriods') throw new Error(s.name);
    expect(s.months.map((m) => m.period)).toEqual(['2026-12', '2026-11', '2026-10', '2026-09']);
    expect(s.months.find((m) => m.period === '2026-10')?.due).toBe(true);
    f.a.send({ type: 'INVOICE_CHOOSE', choice: '2026-10' });
    f.a.send({ type: 'SERVICE_NEXT' });
    expect(f.screen()).toMatchObject({ name: 'invoicePeriods', chosen: [], problem: 'no_period' });
    f.a.send({ type: 'INVOICE_CHOOSE', choice: '2026-11' });
    f.a.send({ type: 'INVOICE_CHOOSE', choice: '2026-11' }); // chosen again: taken off
    expect(f.screen()).toMatchObject({ chosen: [] });
  });

  it('says a wrong account plainly and keeps the keypad; an incomplete one is not asked', async () => {
    const f = flow();
    await f.settled();
    f.a.send({ type: 'INVOICE_CHOOSE', choice: 'sh-power' });
    f.type('31001');
    f.a.send({ type: 'SERVICE_NEXT' });
    expect(f.screen()).toMatchObject({ field: 'account', problem: 'invalid_account' });
    f.type('99999');
    f.a.send({ type: 'SERVICE_NEXT' });
    await f.settled();
    expect(f.screen()).toMatchObject({
      name: 'invoiceEntry',
      field: 'account',
      value: '3100199999',
      problem: 'account_not_found',
    });
    f.a.send({ type: 'BACK' });
    expect(f.screen()).toMatchObject({ name: 'invoiceBiller' });
  });

  it('refuses a tax code with a wrong check character at once, before the register', async () => {
    const f = flow();
    await toTaxId(f, 'normal');
    f.type('91310104MA1FL8XK2');
    expect(f.screen()).toMatchObject({ field: 'taxId', problem: null }); // 17: not yet
    f.type('Y'); // the 18th, wrong: said as it is typed
    expect(f.screen()).toMatchObject({
      name: 'invoiceEntry',
      field: 'taxId',
      value: '91310104MA1FL8XK2Y',
      problem: 'tax_id_check',
    });
    f.a.send({ type: 'SERVICE_NEXT' });
    expect(f.screen()).toMatchObject({ name: 'invoiceEntry', problem: 'tax_id_check' });
    expect(f.titles).toEqual([]);
    f.a.send({ type: 'SERVICE_KEY', key: 'delete' });
    expect(f.screen()).toMatchObject({ problem: null });
    f.a.send({ type: 'SERVICE_NEXT' }); // 17 characters
    expect(f.screen()).toMatchObject({ problem: 'tax_id_length' });
    f.type('O'); // a letter no code has
    expect(f.screen()).toMatchObject({ problem: 'tax_id_character' });
    f.a.send({ type: 'SERVICE_KEY', key: 'delete' });
    f.type('X');
    expect(f.screen()).toMatchObject({ problem: null });
    f.a.send({ type: 'SERVICE_NEXT' });
    await f.settled();
    expect(f.screen()).toMatchObject({ name: 'invoiceTitle' });
    expect(f.titles).toEqual([GOOD_TAX_ID]);
  });

  it('says when the register has no such company (404): retype or call staff', async () => {
    const f = flow();
    await toTaxId(f, 'special');
    f.type(UNKNOWN_TAX_ID);
    f.a.send({ type: 'SERVICE_NEXT' });
    await f.settled();
    expect(f.screen()).toMatchObject({
      name: 'invoiceEntry',
      field: 'taxId',
      value: UNKNOWN_TAX_ID,
      problem: 'not_in_register',
    });
    f.a.send({ type: 'SERVICE_KEY', key: 'clear' });
    f.type(GOOD_TAX_ID);
    f.a.send({ type: 'SERVICE_NEXT' });
    await f.settled();
    expect(f.screen()).toMatchObject({ name: 'invoiceTitle' });
  });

  it('asks for payment evidence by camera when the months were paid elsewhere', async () => {
    const f = flow();
    await toPeriods(f);
    f.a.send({ type: 'INVOICE_CHOOSE', choice: '2026-09' });
    f.a.send({ type: 'INVOICE_CHOOSE', choice: 'elsewhere' });
    expect(f.screen()).toMatchObject({ paidElsewhere: true });
    f.a.send({ type: 'SERVICE_NEXT' });
    expect(f.screen()).toEqual({ name: 'invoiceEvidence', pages: 0 });
    f.a.send({ type: 'DOCUMENT_PHOTOS', documentId: 'property', photoIds: ['7'] }); // not this one
    f.a.send({ type: 'DOCUMENT_PHOTOS', documentId: EVIDENCE_DOCUMENT, photoIds: [] });
    expect(f.screen()).toMatchObject({ name: 'invoiceEvidence' });
    f.a.send({ type: 'DOCUMENT_PHOTOS', documentId: EVIDENCE_DOCUMENT, photoIds: ['7', '8'] });
    expect(f.screen()).toMatchObject({ name: 'invoiceType' });
    f.a.send({ type: 'INVOICE_CHOOSE', choice: 'normal' });
    await toDelivery(f);
    pickupToReview(f);
    expect(f.screen()).toMatchObject({ name: 'invoiceReview', evidencePages: 2 });
    f.a.send({ type: 'SERVICE_NEXT' });
    await f.settled();
    expect(f.sent[0]?.evidence).toEqual(['7', '8']);
  });

  it('takes an e-mail instead of a pickup point, when a plausible one is typed', async () => {
    const f = flow();
    await toTaxId(f, 'normal');
    await toDelivery(f);
    f.a.send({ type: 'INVOICE_CHOOSE', choice: 'email' });
    f.a.send({ type: 'INVOICE_EMAIL', email: 'caiwu@wukang' });
    expect(f.screen()).toEqual({ name: 'invoiceEmail', email: 'caiwu@wukang' });
    f.a.send({ type: 'INVOICE_EMAIL', email: 'caiwu@wukang.example' });
    f.type('13800138000');
    f.a.send({ type: 'SERVICE_NEXT' });
    expect(f.screen()).toMatchObject({ delivery: { email: 'caiwu@wukang.example' } });
    f.a.send({ type: 'SERVICE_NEXT' });
    await f.settled();
    expect(f.sent[0]?.delivery).toEqual({ email: 'caiwu@wukang.example' });
  });

  it('refuses a mobile that is not one', async () => {
    const f = flow();
    await toReview(f);
    f.a.send({ type: 'BACK' });
    f.a.send({ type: 'SERVICE_KEY', key: 'clear' });
    f.type('12345678901');
    f.a.send({ type: 'SERVICE_NEXT' });
    expect(f.screen()).toMatchObject({ field: 'phone', problem: 'invalid_mobile' });
  });

  it('shows a request accepted for later with its serial', async () => {
    const f = flow({
      outcome: () => ({ ok: true, state: 'pending', serial: 'S-2', qr: 'S-2', rejectCode: null }),
    });
    await toReview(f);
    f.a.send({ type: 'SERVICE_NEXT' });
    await f.settled();
    expect(f.screen()).toMatchObject({ name: 'invoiceReceipt', state: 'pending', serial: 'S-2' });
  });

  it.each([
    ['period_not_paid', 'period_not_paid'],
    ['already_invoiced', 'already_invoiced'],
    ['account_not_found', 'refused'],
  ] as const)('says a final refusal %s plainly on the receipt', async (code, problem) => {
    const f = flow({
      outcome: () => ({ ok: true, state: 'rejected', serial: 'S-3', qr: 'S-3', rejectCode: code }),
    });
    await toReview(f);
    f.a.send({ type: 'SERVICE_NEXT' });
    await f.settled();
    expect(f.screen()).toMatchObject({ name: 'invoiceReceipt', state: 'rejected', problem });
  });

  it('keeps the review with the reason when the room refuses before sending', async () => {
    const f = flow({ outcome: () => ({ ok: false, problem: 'unreachable', field: null }) });
    await toReview(f);
    f.a.send({ type: 'SERVICE_NEXT' });
    await f.settled();
    expect(f.screen()).toMatchObject({ name: 'invoiceReview', problem: 'unreachable' });
  });

  it('says so when the billers cannot be loaded, and goes back', async () => {
    const a = createActor(vatInvoiceMachine).start(); // the stand-ins: no gateway
    await waitFor(a, (x) => x.value === 'unavailable');
    expect(vatInvoiceScreenOf(a.getSnapshot())).toEqual({
      name: 'invoiceBiller',
      billers: [],
      problem: 'unreachable',
    });
    a.send({ type: 'BACK' });
    expect(a.getSnapshot().status).toBe('done');
  });
});

describe('the VAT invoice in the service point', () => {
  it('opens from the home, its screens are the service point’s, and it ends back home', async () => {
    const logic = servicePointMachine.provide({
      actors: {
        vatInvoice: vatInvoiceMachine.provide({
          actors: {
            loadBillers: fromPromise<BillerChoice[]>(async () => [POWER]),
          },
        }),
      },
    });
    const sp = createActor(logic).start();
    sp.send({ type: 'OPEN_VAT_INVOICE' });
    await waitFor(sp, () => servicePointScreenOf(sp.getSnapshot()).name === 'invoiceEntry');
    sp.send({ type: 'SERVICE_KEY', key: '3' });
    expect(servicePointScreenOf(sp.getSnapshot())).toMatchObject({
      name: 'invoiceEntry',
      field: 'account',
      value: '3',
    });
    expect(sp.getSnapshot().children.vatInvoice as AnyActorRef | undefined).toBeDefined();
    sp.send({ type: 'BACK' }); // one biller: back from the account leaves the invoice
    await waitFor(sp, (x) => x.value === 'home');
    expect(servicePointScreenOf(sp.getSnapshot())).toEqual({ name: 'serviceHome' });
  });
});
