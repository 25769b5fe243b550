// The VAT invoice's codes in words (both the screens and the voice say them).
import type {
  InvoiceDeliveryView,
  InvoiceField,
  InvoiceProblem,
  Screen,
} from '../../src/api/kiosk-api';
import type { MessageKey, Translator } from '../i18n/messages';
import { spokenPeriod } from '../voice/screen-voice';

type Task = Extract<Screen, { name: 'invoiceWorking' }>['task'];

export const INVOICE_PROBLEM_WORDS: Record<InvoiceProblem, MessageKey> = {
  unreachable: 'invoiceProblemUnreachable',
  account_not_found: 'invoiceProblemAccountNotFound',
  invalid_account: 'invoiceProblemInvalidAccount',
  account_locked: 'invoiceProblemAccountLocked',
  tax_id_length: 'invoiceProblemTaxIdLength',
  tax_id_character: 'invoiceProblemTaxIdCharacter',
  tax_id_check: 'invoiceProblemTaxIdCheck',
  not_in_register: 'invoiceProblemNotInRegister',
  invalid_mobile: 'invoiceProblemInvalidMobile',
  no_period: 'invoiceProblemNoPeriod',
  no_evidence: 'invoiceProblemNoEvidence',
  period_not_paid: 'invoiceProblemPeriodNotPaid',
  already_invoiced: 'invoiceProblemAlreadyInvoiced',
  refused: 'invoiceProblemRefused',
};

export const INVOICE_WORKING_WORDS: Record<Task, MessageKey> = {
  account: 'invoiceWorkingAccount',
  register: 'invoiceWorkingRegister',
  points: 'invoiceWorkingPoints',
  sending: 'invoiceWorkingSending',
};

/** Each typed field's title and hint. */
export const INVOICE_FIELD_WORDS: Record<InvoiceField, { title: MessageKey; hint: MessageKey }> = {
  account: { title: 'invoiceEnterAccount', hint: 'invoiceAccountHint' },
  taxId: { title: 'invoiceEnterTaxId', hint: 'invoiceTaxIdHint' },
  phone: { title: 'invoiceEnterPhone', hint: 'invoicePhoneHint' },
};

/** A typed value in groups of four (a tax code, a mobile 138 0013 8000 in 3-4-4). */
export function groupedValue(field: InvoiceField, value: string): string {
  if (field === 'phone')
    return [value.slice(0, 3), value.slice(3, 7), value.slice(7)].filter(Boolean).join(' ');
  return value.match(/.{1,4}/g)?.join(' ') ?? '';
}

/** Months as people say them: 2026年9月、2026年11月 / September 2026, November 2026. */
export const monthsText = (t: Translator, periods: readonly string[]) =>
  t.list(periods.map((p) => spokenPeriod(p, t.locale)));

export const deliveryText = (t: Translator, d: InvoiceDeliveryView) =>
  'pickup' in d ? d.pickup.name[t.locale] : d.email;
