// What is said when a screen appears: its heading, the figures on it and what to do next,
// all from the message tables. The switch is exhaustive, so a new screen cannot go unspoken.
import type { ReceiptDelivery, Screen } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import type { Translator } from '../i18n/messages';
import { topicPage } from '../screens/info-pages';
import { DEAD_END } from '../screens/problem-words';
import { showCodeHow } from '../screens/qr-words';
import { helpLead } from '../screens/help-words';

/** "3100123456" read digit by digit, not as three billion and more. */
export function spellDigits(text: string): string {
  return text.split('').join(' ');
}

type Part = string | false | null | undefined;

/** Joins the parts present into sentences, ended the way the language ends them. */
function speech(t: Translator, parts: Part[]): string {
  return parts
    .filter((p): p is string => typeof p === 'string' && p.length > 0)
    .map((p) => (/[。.！!？?]$/u.test(p) ? p : p + t('sentenceEnd')))
    .join(' ');
}

/** Her receipt: take it, or keep it on her phone, or ask staff for a printed copy. */
function receiptLines(
  t: Translator,
  s: { printed: boolean; eReceiptUrl: string | null; copyAsked: boolean },
): Part[] {
  if (s.printed) return [t('takeReceipt')];
  if (s.copyAsked) return [s.eReceiptUrl && t('eReceiptLead'), t('copyAsked')];
  return [
    s.eReceiptUrl && t('eReceiptLead'),
    t('voicePrintedCopy', { button: t('askPrintedCopy') }),
  ];
}

export function screenVoice(screen: Screen, t: Translator, receipts: ReceiptDelivery): string {
  switch (screen.name) {
    case 'attract':
      return t('voiceAttract');
    case 'outOfService':
      return t('outOfService');
    case 'chooseBiller': {
      const open = screen.billers.filter((b) => !b.paused).map((b) => t.kind(b.kind));
      return t('voiceChooseBiller', { kinds: t.list(open) });
    }
    case 'enterAccount':
      return speech(t, [
        t('voiceEnterAccount', { kind: t.kind(screen.biller.kind) }),
        screen.problem && t.problem(screen.problem),
      ]);
    case 'lookingUp':
      return t('lookingUp');
    case 'bills': {
      const { quote } = screen;
      const lateFees = quote.bills.reduce((sum, b) => sum + b.lateFee, 0);
      return speech(t, [
        screen.requoted && t('requoted'),
        t('voiceBills', {
          kind: t.kind(screen.biller.kind),
          holder: quote.holder,
          amount: formatYuan(quote.totalDue),
        }),
        lateFees > 0 && t('voiceLateFee', { amount: formatYuan(lateFees) }),
        receipts === 'screen' && t('receiptOnScreen'),
        t('voiceChooseMethod'),
      ]);
    }
    case 'confirm':
      return t('voiceConfirm', {
        payee: screen.biller.name[t.locale],
        amount: formatYuan(screen.amountDue),
        account: spellDigits(screen.account),
        holder: screen.holder,
        method: t(screen.method === 'cash' ? 'methodCash' : 'methodQr'),
      });
    case 'qrPay': {
      const amount = formatYuan(screen.amountDue);
      if (screen.step === 'paying') return t('qrPaying');
      if (screen.step === 'confirming')
        return speech(t, [t('qrConfirming'), t('qrConfirmingLead')]);
      if (screen.step === 'cancelling') return t('qrCancelling');
      return speech(t, [
        screen.refused && t('qrRefused'),
        screen.kioskCodeUrl
          ? t('voiceQrKioskCode', {
              amount,
              scan: t('qrScanKioskCode'),
              how: t('qrScanHow'),
              other: t('qrUsePaymentCode'),
            })
          : t('voiceQrShowCode', {
              amount,
              show: t('qrShowYourCode'),
              how: showCodeHow(t, screen.scannerWindow),
              other: t('qrUseKioskCode'),
            }),
      ]);
    }
    case 'staffHelp':
      return speech(t, [
        t('staffHelp'),
        t(helpLead(screen)),
        screen.moneyInFlight && t('moneySafe'),
        screen.canLeave &&
          t('voiceHelpChoices', { carryOn: t('continueAlone'), cancel: t('cancelCall') }),
      ]);
    case 'info':
      if (screen.topic) return speech(t, [screen.topic.title, ...screen.topic.paragraphs]);
      return t('voiceInfoList', {
        titles: t.list(topicPage(screen.topics, 0).shown.map((x) => x.title)),
      });
    case 'insertCash':
      return speech(t, [
        t('voiceInsertCash', { amount: formatYuan(screen.amountDue - screen.collected) }),
        t(screen.acceptsOverpayment ? 'overpaymentNote' : 'noOverpaymentNote'),
      ]);
    case 'partialCash': {
      const amount = formatYuan(screen.collected);
      return speech(t, [
        t('partialCash', { amount }),
        t('partialShort', { amount: formatYuan(Math.max(0, screen.amountDue - screen.collected)) }),
        !screen.canContinue && t('partialFaultLead'),
        t(screen.outcome === 'writeOff' ? 'partialWriteOffLead' : 'partialRefundLead', { amount }),
        screen.underReview > 0 && t('underReview', { amount: formatYuan(screen.underReview) }),
      ]);
    }
    case 'refundSlip':
      return speech(t, [
        t('refundSlip'),
        t('refundSlipLead', { amount: formatYuan(screen.amount) }),
        t(screen.printed ? 'takeRefundSlip' : 'showRefundSlip'),
      ]);
    case 'writingOff':
      return t('writingOff');
    case 'paid':
      return speech(t, [
        t('paid'),
        `${t(screen.method === 'qr' ? 'paidByPhone' : 'collected')} ${t('yuan', { amount: formatYuan(screen.collected) })}`,
        screen.prepaidCredited > 0 && t('prepaid', { amount: formatYuan(screen.prepaidCredited) }),
        ...receiptLines(t, screen),
      ]);
    case 'pendingSync':
      return speech(t, [t('pendingSync'), t('pendingSyncLead'), ...receiptLines(t, screen)]);
    case 'problem': {
      const deadEnd = DEAD_END[screen.problem];
      const hall = screen.serviceHall;
      return speech(t, [
        deadEnd && t(deadEnd.title),
        t.problem(screen.problem),
        deadEnd && t(deadEnd.next),
        hall && t('hallName', { name: hall.name[t.locale] }),
        hall && t('hallAddress', { address: hall.address[t.locale] }),
        hall?.hours && t('hallHours', { hours: hall.hours[t.locale] }),
      ]);
    }
  }
}

/** Which appearance of a screen a line belongs to: a new key is a new screen to speak. */
export function screenKey(screen: Screen): string {
  switch (screen.name) {
    case 'enterAccount':
      return `${screen.name}:${screen.biller.id}`;
    case 'bills':
      return `${screen.name}:${screen.quote.totalDue}:${screen.requoted}`;
    case 'qrPay':
      return `${screen.name}:${screen.step}:${screen.kioskCodeUrl ? 'code' : ''}`;
    case 'staffHelp':
      return `${screen.name}:${screen.reason}:${screen.moneyInFlight}:${screen.canLeave}`;
    case 'info':
      return `${screen.name}:${screen.topic?.id ?? ''}`;
    case 'problem':
      return `${screen.name}:${screen.problem}`;
    default:
      return screen.name;
  }
}
