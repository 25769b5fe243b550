// What the VAT invoice's screens say: the title, the choices by their own words (months, kinds,
// pickup points with address and hours), what was typed and what is wrong.
import type { Screen } from '../../src/api/kiosk-api';
import type { Translator } from '../i18n/messages';
import {
  deliveryText,
  monthsText,
  INVOICE_FIELD_WORDS,
  INVOICE_PROBLEM_WORDS,
  INVOICE_WORKING_WORDS,
} from '../screens/invoice-words';
import { KEYPAD_PAGE_LABELS } from '../screens/service-words';
import { choiceParts, spellDigits, type Part } from './screen-voice';

type InvoiceScreen = Extract<Screen, { name: `invoice${string}` }>;

export function invoiceParts(screen: InvoiceScreen, t: Translator): Part[] {
  const problem = 'problem' in screen && screen.problem && t(INVOICE_PROBLEM_WORDS[screen.problem]);
  switch (screen.name) {
    case 'invoiceBiller':
      return [
        t('invoiceChooseBiller'),
        problem,
        ...choiceParts(
          t,
          screen.billers.map((b) => b.name[t.locale]),
          [t('back')],
        ),
      ];
    case 'invoiceEntry': {
      const words = INVOICE_FIELD_WORDS[screen.field];
      // The way on is said first (as on the other keypads), then the keys; a tax code (public)
      // is spelled back, an account or a mobile only counted.
      return [
        t('voiceInvoiceThen', { title: t(words.title), next: t('nextStep') }),
        t(words.hint),
        screen.field === 'taxId' && t('voiceKeypadPages', { pages: t.list(KEYPAD_PAGE_LABELS) }),
        screen.value &&
          (screen.field === 'taxId'
            ? spellDigits(screen.value)
            : t('voiceInvoiceTyped', { count: screen.value.length })),
        problem,
        ...choiceParts(t, [], [t('delete'), t('clear'), t('back')]),
      ];
    }
    case 'invoicePeriods': {
      const open = screen.months.filter((m) => !m.due).map((m) => m.period);
      const due = screen.months.filter((m) => m.due).map((m) => m.period);
      return [
        t('invoicePeriodsTitle'),
        t('voiceInvoiceMonths', { months: monthsText(t, open) }),
        due.length > 0 && t('voiceInvoiceDue', { months: monthsText(t, due) }),
        screen.chosen.length > 0 &&
          t('voiceInvoiceChosen', { months: monthsText(t, screen.chosen) }),
        screen.paidElsewhere && t('invoicePaidElsewhereOn'),
        problem,
        ...choiceParts(t, [t('nextStep')], [t('back'), t('invoicePaidElsewhere')]),
      ];
    }
    case 'invoiceEvidence':
      return [
        t('invoiceEvidenceTitle'),
        t('invoiceEvidenceLead'),
        t('invoiceEvidenceLabel'),
        ...choiceParts(t, [], [t('back')]),
      ];
    case 'invoiceType':
      return [
        t('invoiceTypeTitle'),
        t('voiceInvoiceKind', {
          kind: t('invoiceTypeSpecial'),
          detail: t('invoiceTypeSpecialDetail'),
        }),
        t('voiceInvoiceKind', {
          kind: t('invoiceTypeNormal'),
          detail: t('invoiceTypeNormalDetail'),
        }),
        ...choiceParts(t, [t('invoiceTypeSpecial'), t('invoiceTypeNormal')], [t('back')]),
      ];
    case 'invoiceTitle':
      return [
        t('invoiceTitleTitle'),
        t('invoiceTitleLead'),
        `${t('invoiceCompanyName')} ${screen.buyer.name}`,
        ...choiceParts(t, [t('invoiceTitleRight')], [t('back')]),
      ];
    case 'invoiceDelivery':
      return [
        t('invoiceDeliveryTitle'),
        ...screen.points.map((p) =>
          t('voiceInvoicePickup', {
            name: p.name[t.locale],
            address: p.address[t.locale],
            hours: p.hours[t.locale],
          }),
        ),
        ...choiceParts(
          t,
          screen.points.map((p) => p.name[t.locale]),
          [t('back'), screen.emailOffered && t('invoiceByEmail')],
        ),
      ];
    case 'invoiceEmail':
      return [
        t(screen.email === '' ? 'invoiceEmailTitle' : 'invoiceEmailBad'),
        ...choiceParts(t, [t('nextStep')], [t('back')]),
      ];
    case 'invoiceReview':
      return [
        t('invoiceReviewTitle'),
        problem,
        `${t('invoicePeriods')} ${monthsText(t, screen.periods)}`,
        t(screen.type === 'special' ? 'invoiceTypeSpecial' : 'invoiceTypeNormal'),
        `${t('invoiceCompany')} ${screen.buyer.name}`,
        `${t('invoiceDelivery')} ${deliveryText(t, screen.delivery)}`,
        ...choiceParts(t, [t('invoiceSubmit')], [t('change')]),
      ];
    case 'invoiceWorking':
      return [t(INVOICE_WORKING_WORDS[screen.task])];
    case 'invoiceReceipt':
      return screen.state === 'rejected'
        ? [t('invoiceReceiptRejected'), problem, ...choiceParts(t, [t('done')])]
        : [
            t(screen.state === 'accepted' ? 'invoiceReceiptAccepted' : 'invoiceReceiptPending'),
            t('invoiceReceiptSerial', { serial: spellDigits(screen.serial.slice(-6)) }),
            screen.state === 'pending' && t('invoiceReceiptPendingLead'),
            t('invoiceReceiptKeep'),
            ...choiceParts(t, [t('done')]),
          ];
  }
}
