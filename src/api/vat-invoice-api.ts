// The VAT invoice's screens and events (src/flows/vat-invoice/), grouped here and spread into
// kiosk-api.ts's Screen and UserEvent, so both transports validate them and the hostile suite
// fuzzes them. Browser-safe: zod/mini only.
import { z } from 'zod/mini';

const Text = z.object({ 'zh-CN': z.string(), en: z.string() });
const Short = z.string().check(z.maxLength(64));
/** A month as the gateway names periods. */
const Month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/));

/** What she types on the kiosk's keypad: the account, the company's tax code, the mobile. */
export const InvoiceField = z.enum(['account', 'taxId', 'phone']);
export type InvoiceField = z.infer<typeof InvoiceField>;

export const InvoiceType = z.enum(['special', 'normal']);
export type InvoiceType = z.infer<typeof InvoiceType>;

/** Why a VAT invoice step could not go on, said in plain words on the step to fix. */
export const InvoiceProblem = z.enum([
  'unreachable',
  'account_not_found',
  'invalid_account',
  /** Under dispute at the biller: the service hall deals with it. */
  'account_locked',
  /** The unified social credit code is 18 characters. */
  'tax_id_length',
  /** A character no code has (I, O, S, V, Z) or letters where the area code's digits go. */
  'tax_id_character',
  /** The 18th character is not the one the first 17 give: a typing slip (GB 32100). */
  'tax_id_check',
  /** The register has no company with this code (404). */
  'not_in_register',
  'invalid_mobile',
  'no_period',
  'no_evidence',
  /** The gateway refused the request for good (its code on the receipt screen). */
  'period_not_paid',
  'already_invoiced',
  'refused',
]);
export type InvoiceProblem = z.infer<typeof InvoiceProblem>;

/** A pickup point as the delivery tiles show it. */
export const PickupPointView = z.object({ id: Short, name: Text, address: Text, hours: Text });
export type PickupPointView = z.infer<typeof PickupPointView>;

/** The company from the tax register, with its code: confirmed, never typed. */
export const InvoiceBuyerView = z.object({
  taxId: Short,
  name: z.string(),
  address: z.string(),
  phone: z.string(),
  bank: z.string(),
  bankAccount: z.string(),
});
export type InvoiceBuyerView = z.infer<typeof InvoiceBuyerView>;

export const InvoiceDeliveryView = z.union([
  z.object({ pickup: PickupPointView }),
  z.object({ email: z.string() }),
]);
export type InvoiceDeliveryView = z.infer<typeof InvoiceDeliveryView>;

/** A month she may choose: 'due' months are unpaid in the bill query and cannot be chosen. */
export const InvoiceMonthView = z.object({ period: Month, due: z.boolean() });

export const INVOICE_SCREENS = [
  /** Which biller's bills (tiles, as for payments). */
  z.object({
    name: z.literal('invoiceBiller'),
    billers: z.array(z.object({ id: Short, name: Text })),
    /** 'unreachable': the billers could not be loaded (no tiles). */
    problem: z.nullable(InvoiceProblem),
  }),
  /** A value typed on the keypad; the tax code's check character is checked as it completes. */
  z.object({
    name: z.literal('invoiceEntry'),
    field: InvoiceField,
    value: z.string().check(z.maxLength(32)),
    problem: z.nullable(InvoiceProblem),
  }),
  /** The months to invoice; "paid elsewhere" asks for payment evidence by camera. */
  z.object({
    name: z.literal('invoicePeriods'),
    account: Short,
    holder: z.string(),
    months: z.array(InvoiceMonthView),
    chosen: z.array(Month),
    paidElsewhere: z.boolean(),
    problem: z.nullable(InvoiceProblem),
  }),
  /** Payment evidence (a bank slip, an app's record) photographed on the document camera. */
  z.object({ name: z.literal('invoiceEvidence'), pages: z.int().check(z.nonnegative()) }),
  z.object({ name: z.literal('invoiceType'), type: z.nullable(InvoiceType) }),
  /** The company's particulars from the register, to confirm. */
  z.object({ name: z.literal('invoiceTitle'), buyer: InvoiceBuyerView }),
  /** A pickup point near here, or e-mail. */
  z.object({
    name: z.literal('invoiceDelivery'),
    points: z.array(PickupPointView),
    emailOffered: z.boolean(),
  }),
  /** The e-mail address, on the Latin keyboard. */
  z.object({ name: z.literal('invoiceEmail'), email: z.string().check(z.maxLength(254)) }),
  /** Everything once more before it is sent. */
  z.object({
    name: z.literal('invoiceReview'),
    account: Short,
    periods: z.array(Month),
    evidencePages: z.int().check(z.nonnegative()),
    type: InvoiceType,
    buyer: InvoiceBuyerView,
    delivery: InvoiceDeliveryView,
    phone: Short,
    /** The last try was not answered or refused: said above the summary. */
    problem: z.nullable(InvoiceProblem),
  }),
  z.object({
    name: z.literal('invoiceWorking'),
    task: z.enum(['account', 'register', 'points', 'sending']),
  }),
  /** The request's serial (its tracking reference) as text and QR; or why it was refused. */
  z.object({
    name: z.literal('invoiceReceipt'),
    state: z.enum(['accepted', 'pending', 'rejected']),
    serial: Short,
    qr: z.string().check(z.maxLength(128)),
    periods: z.array(Month),
    delivery: InvoiceDeliveryView,
    problem: z.nullable(InvoiceProblem),
  }),
] as const;

export const INVOICE_EVENT_SCHEMAS = [
  /** On the service point's home: 开增值税发票. */
  z.object({ type: z.literal('OPEN_VAT_INVOICE') }),
  /** A tile of the step shown: a biller, a month (toggled), a type, a pickup point, 'email', 'elsewhere'. */
  z.object({
    type: z.literal('INVOICE_CHOOSE'),
    choice: z.string().check(z.minLength(1), z.maxLength(64)),
  }),
  /** The e-mail as typed on the on-screen keyboard. */
  z.object({ type: z.literal('INVOICE_EMAIL'), email: z.string().check(z.maxLength(254)) }),
  // A document's photos (payment evidence, documents a reviewer asked for) come as the one
  // DOCUMENT_PHOTOS event the application declares (application-api.ts).
] as const;
