// What is said when a screen appears: its heading, the figures on it (every amount in words,
// spoken-amount.ts) and its choices — the buttons it shows, in their own words and in the order
// they stand, the main ones first — all from the message tables. The switch is exhaustive, so a
// new screen cannot go unspoken; test/ui/resident-voice.test.ts renders every gallery screen and
// fails on a button or an amount shown but not said.
import { addDocumentsParts } from './add-documents-voice';
import { invoiceParts } from './invoice-voice';
import type { CashChange, ReceiptDelivery, Screen } from '../../src/api/kiosk-api';
import type { Translator } from '../i18n/messages';
import { OUT_OF_SERVICE_REASON } from '../screens/out-of-service-reason';
import { helpLead } from '../screens/help-words';
import { topicPage } from '../screens/info-pages';
import { DEAD_END } from '../screens/problem-words';
import { showCodeHow } from '../screens/qr-words';
import { sayWithAmounts, spokenAmount } from './spoken-amount';
import { whyTotal } from '../screens/pay-words';
import { KEYPAD_PAGE_LABELS, SERVICE_PROBLEM_WORDS, STATUS_WORDS } from '../screens/service-words';
import { isApplicationScreen } from '../screens/application-words';
import { applicationParts } from './application-voice';

/** "3100123456" read digit by digit, not as three billion and more. */
export function spellDigits(text: string): string {
  return text.split('').join(' ');
}

/** A sentence to say, or nothing (a condition not met). */
export type Part = string | false | null | undefined;

/**
 * Joins the parts present into sentences, ended the way the language ends them. Each sentence
 * starts with a capital (an English one may begin with a spoken amount: "{amount} yuan to pay").
 */
export function speech(t: Translator, parts: Part[]): string {
  return parts
    .filter((p): p is string => typeof p === 'string' && p.length > 0)
    .map((p) =>
      p.replace(/(^|[.!?]\s+)(\p{Ll})/gu, (_, end: string, c: string) => end + c.toUpperCase()),
    )
    .map((p) => (/[。.！!？?]$/u.test(p) ? p : p + t('sentenceEnd')))
    .join(' ');
}

const present = (parts: readonly Part[]) =>
  parts.filter((p): p is string => typeof p === 'string' && p.length > 0);

/** "A", "A，或B", "A、B，或C" / "A or B", "A, B or C". */
export function orList(t: Translator, items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return t('voiceOrLast', { list: t.list(items.slice(0, -1)), last: items.at(-1) ?? '' });
}

/**
 * The screen's buttons by their own words: the main ones ("您可以选：现金缴费，或扫码支付"),
 * then the others ("也可以点：返回"). Nothing when the screen offers nothing.
 */
export function choiceParts(t: Translator, main: readonly Part[], other: readonly Part[] = []) {
  const m = present(main);
  const o = present(other);
  // One way on is tapped ("您可以点：完成"); between two or more she chooses.
  const lead = m.length > 1 ? 'voiceYouCanChoose' : 'voiceYouCanTap';
  return [
    m.length > 0 && t(lead, { choices: orList(t, m) }),
    o.length > 0 &&
      t(m.length > 0 ? 'voiceYouCanAlso' : 'voiceYouCanTap', { choices: orList(t, o) }),
  ];
}

/** The frame's 呼叫工作人员, said once a visit (voice-cues.ts decides when). */
export const helpLine = (t: Translator): string =>
  speech(t, [t('voiceHelp', { button: t('callStaff') })]);

/** A message with its amounts (integer fen, by placeholder) in words. */
const say = sayWithAmounts;

/** The sentences on change (pay-words.ts changeLines), with every amount in words. */
function spokenChange(t: Translator, cash: CashChange, amount: number): Part[] {
  if (cash.overpayment === 'kept') return [t('changeKept')];
  if (!cash.notesCanPay) return [say(t, 'changeNotesCannotPay', { amount })];
  const notes = cash.refusedNotes.map((v) => spokenAmount(v, t.locale));
  return [
    t('changeRefused'),
    notes.length > 0 &&
      // "{notes} 元" said as the notes' own words, each with its unit.
      t('changeRefusedNow', { notes: t.list(notes) }).replace(/\s*(元|yuan)$/, ''),
  ];
}

/** A bill's period "2025-09" as people say it: 2025年9月, September 2025. */
export function spokenPeriod(period: string, locale: Translator['locale']): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return period;
  const format = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  });
  return format.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
}

/** A masked name (张*华) is said with 某 in Chinese, not "asterisk". */
const spokenName = (t: Translator, name: string) =>
  t.locale === 'zh-CN' ? name.replace(/\*+/g, '某') : name;

/** Her receipt: take it, or keep it on her phone (or ask staff for a printed copy). */
function receiptLines(
  t: Translator,
  s: { printed: boolean; eReceiptUrl: string | null; copyAsked: boolean },
): Part[] {
  if (s.printed) return [t('takeReceipt')];
  return [s.eReceiptUrl && t('eReceiptLead'), s.copyAsked && t('copyAsked')];
}

/**
 * A result screen's choices: done, a printed copy from staff when none came out, and the copy of
 * the receipt where it waits behind an action (screens/receipt-fold.ts).
 */
const resultChoices = (
  t: Translator,
  s: { printed: boolean; copyAsked: boolean },
  receiptFolded: boolean,
) =>
  choiceParts(
    t,
    [t('done')],
    [!s.printed && !s.copyAsked && t('askPrintedCopy'), receiptFolded && t('showReceipt')],
  );

/** The parts of a screen's line; `screenVoice` joins them. */
function screenParts(
  screen: Screen,
  t: Translator,
  receipts: ReceiptDelivery,
  receiptFolded: boolean,
): Part[] {
  if (isApplicationScreen(screen)) return applicationParts(screen, t, receiptFolded);
  switch (screen.name) {
    case 'attract': {
      const topic = screen.highlights[0];
      return [
        t('voiceAttract'),
        topic && t('voiceAttractTopic', { title: topic.title }),
        ...choiceParts(
          t,
          [t('start')],
          // As they stand: the topic's 了解更多 in its panel, then the action bar's.
          topic
            ? [t('readMore'), t('communityServices')]
            : [t('communityServices'), t('policyInfo')],
        ),
        t('voiceHelp', { button: t('callStaff') }),
      ];
    }
    case 'outOfService':
      return [t('outOfService'), screen.reason && t(OUT_OF_SERVICE_REASON[screen.reason])];
    case 'chooseBiller': {
      // The list is loading: say nothing until it is on the screen (a new key then says it).
      if (screen.billers.length === 0) return [];
      const open = screen.billers.filter((b) => !b.paused).map((b) => t.kind(b.kind));
      const paused = screen.billers.filter((b) => b.paused).map((b) => t.kind(b.kind));
      return [
        t('chooseBiller'),
        ...choiceParts(t, open, [t('back')]),
        paused.length > 0 && t('voiceBillersPaused', { kinds: t.list(paused) }),
      ];
    }
    case 'enterAccount': {
      const length = screen.biller.accountLength;
      return [
        t('voiceEnterAccount', { kind: t.kind(screen.biller.kind), confirm: t('confirm') }),
        length !== null && t('accountDigits', { count: length }),
        screen.digits.length > 0 && t('voiceDigitsTyped', { count: screen.digits.length }),
        screen.problem && t.problem(screen.problem),
        ...choiceParts(t, [], [t('delete'), t('clear'), t('back')]),
      ];
    }
    case 'lookingUp':
      return [t('lookingUp')];
    case 'bills': {
      const { quote } = screen;
      const why = whyTotal(screen);
      return [
        screen.requoted && t('requoted'),
        t('voiceBills', {
          kind: t.kind(screen.biller.kind),
          holder: spokenName(t, quote.holder),
          count: quote.bills.length,
        }),
        ...quote.bills.map((b) =>
          b.lateFee > 0
            ? say(
                t,
                'voiceBillOverdue',
                { amount: b.principal, lateFee: b.lateFee },
                { period: spokenPeriod(b.period, t.locale), days: b.daysOverdue },
              )
            : say(
                t,
                'voiceBill',
                { amount: b.principal },
                { period: spokenPeriod(b.period, t.locale) },
              ),
        ),
        say(t, 'voiceTotalDue', { amount: quote.totalDue }),
        why && t(why),
        screen.scope === 'overdue' &&
          `${t('payNowOverdue')} ${say(t, 'yuan', { amount: screen.amountToPay })}`,
        ...spokenChange(t, screen.cash, screen.amountToPay),
        receipts === 'screen' && t('receiptOnScreen'),
        ...choiceParts(
          t,
          [t('payCash'), t('payQr')],
          [
            screen.overdueOnly !== null &&
              t(screen.scope === 'overdue' ? 'payAllBills' : 'payOverdueOnly'),
            t('back'),
          ],
        ),
      ];
    }
    case 'confirm':
      return [
        say(
          t,
          'voiceConfirm',
          { amount: screen.amountDue },
          {
            payee: screen.biller.name[t.locale],
            // Her account's last 4 digits, one by one: enough to check, never the whole number
            // said aloud beside other people.
            tail: spellDigits(screen.account.slice(-4)),
            holder: spokenName(t, screen.holder),
            method: t(screen.method === 'cash' ? 'methodCash' : 'methodQr'),
          },
        ),
        screen.scope === 'overdue' && t('confirmOverdueOnly'),
        ...(screen.method === 'cash' ? spokenChange(t, screen.cash, screen.amountDue) : []),
        ...choiceParts(t, [t('confirmPay')], [t('change')]),
      ];
    case 'qrPay': {
      const toPay = say(t, 'voiceToPay', { amount: screen.amountDue });
      if (screen.step === 'paying')
        return [t('qrPaying'), toPay, ...choiceParts(t, [], [t('cancelPayment')])];
      if (screen.step === 'confirming') {
        return [
          t('qrConfirming'),
          toPay,
          t('qrConfirmingLead'),
          ...choiceParts(t, [], [t('cancelPayment')]),
        ];
      }
      if (screen.step === 'cancelling') return [t('qrCancelling'), toPay];
      const code = screen.kioskCodeUrl !== null;
      return [
        screen.refused && t('qrRefused'),
        toPay,
        t(code ? 'qrScanKioskCode' : 'qrShowYourCode'),
        // Where to hold it on this terminal, or how to scan the kiosk's code.
        code ? t('qrScanHow') : showCodeHow(t, screen.scannerWindow),
        // As they stand: the switch is the main action while she shows her own code; with the
        // kiosk's code up she acts at her phone, and switching back is one of the others.
        ...(code
          ? choiceParts(t, [], [t('qrUsePaymentCode'), t('cancelPayment')])
          : choiceParts(t, [t('qrUseKioskCode')], [t('cancelPayment')])),
      ];
    }
    case 'staffHelp':
      return [
        t('staffHelp'),
        t(helpLead(screen)),
        screen.moneyInFlight && t('moneySafe'),
        ...choiceParts(
          t,
          [screen.canLeave && t('continueAlone')],
          [screen.canLeave && t('cancelCall')],
        ),
      ];
    case 'info': {
      if (screen.topic) {
        return [
          screen.topic.title,
          ...screen.topic.paragraphs,
          // Opened on the idle screen: back goes there, and every topic is one tap away.
          ...choiceParts(t, [t('back')], [screen.openedFrom === 'attract' && t('allTopics')]),
        ];
      }
      const page = topicPage(screen.topics, 0);
      return [
        t('voiceInfoList', {
          titles: orList(
            t,
            page.shown.map((x) => x.title),
          ),
        }),
        ...choiceParts(t, [], [t('back'), page.pages > 1 && t('moreTopics')]),
      ];
    }
    case 'insertCash': {
      const notes = screen.acceptedNotes.map((fen) => spokenAmount(fen, t.locale));
      return [
        say(t, 'voiceInsertCash', { amount: screen.amountDue }),
        screen.collected > 0 &&
          say(t, 'voiceCollected', {
            collected: screen.collected,
            remaining: Math.max(0, screen.amountDue - screen.collected),
          }),
        screen.noteInEscrow && t('noteChecking'),
        screen.underReview > 0 && say(t, 'underReview', { amount: screen.underReview }),
        notes.length > 0 && t('voiceAcceptedNotes', { notes: t.list(notes) }),
        t(screen.acceptsOverpayment ? 'overpaymentNote' : 'noOverpaymentNote'),
        // Stopping is offered only while no note is being checked (the button is disabled).
        ...choiceParts(
          t,
          [],
          [!screen.noteInEscrow && t(screen.collected === 0 ? 'cancel' : 'stopInserting')],
        ),
      ];
    }
    case 'partialCash': {
      const amount = { amount: screen.collected };
      const writeOff = screen.outcome === 'writeOff';
      return [
        say(t, 'partialCash', amount),
        say(t, 'partialShort', { amount: Math.max(0, screen.amountDue - screen.collected) }),
        !screen.canContinue && t('partialFaultLead'),
        say(t, writeOff ? 'partialWriteOffLead' : 'partialRefundLead', amount),
        screen.underReview > 0 && say(t, 'underReview', { amount: screen.underReview }),
        t('partialCallStaff'),
        // Going on is the main choice while she can; else a person (the screen's order).
        ...choiceParts(
          t,
          [screen.canContinue ? t('continueInserting') : t('callStaff')],
          [
            writeOff ? say(t, 'confirmPartialWriteOff', amount) : t('confirmRefundSlip'),
            screen.canContinue && t('callStaff'),
          ],
        ),
      ];
    }
    case 'awaitingStaff':
      return [t('awaitingStaff'), say(t, 'awaitingStaffLead', { amount: screen.collected })];
    case 'refundSlip':
      return [
        t('refundSlip'),
        say(t, 'refundSlipLead', { amount: screen.amount }),
        t(screen.printed ? 'takeRefundSlip' : 'showRefundSlip'),
        ...choiceParts(t, [t('done')]),
      ];
    case 'writingOff':
      return [t('writingOff')];
    case 'paid':
      return [
        t('paid'),
        // "Received", not "inserted": a wallet payment inserts nothing.
        say(t, 'voiceReceived', { amount: screen.collected }),
        screen.prepaidCredited > 0 && say(t, 'prepaid', { amount: screen.prepaidCredited }),
        ...receiptLines(t, screen),
        ...resultChoices(t, screen, receiptFolded),
      ];
    case 'pendingSync':
      return [
        t('pendingSync'),
        say(t, 'voiceReceived', { amount: screen.collected }),
        t('pendingSyncLead'),
        ...receiptLines(t, screen),
        ...resultChoices(t, screen, receiptFolded),
      ];
    case 'serviceHome':
      return [
        t('communityServices'),
        ...choiceParts(t, [t('applyService'), t('checkProgress'), t('vatInvoice')], [t('back')]),
        t('scanReceiptHint'),
      ];
    case 'progressEntry':
      return [
        screen.step === 'code'
          ? t('voiceEnterTrackingCode', { next: t('nextStep') })
          : t('voiceEnterPhoneLast4', { next: t('confirm') }),
        screen.step === 'code' && t('voiceKeypadPages', { pages: t.list(KEYPAD_PAGE_LABELS) }),
        screen.problem && t(SERVICE_PROBLEM_WORDS[screen.problem]),
        ...choiceParts(t, [], [t('delete'), t('clear'), t('back')]),
      ];
    case 'progressLookingUp':
      return [t('lookingUpProgress')];
    case 'progress':
      return [
        t('voiceProgress', { status: t(STATUS_WORDS[screen.status]) }),
        screen.status === 'needs_more' &&
          screen.requested.length > 0 &&
          t('progressRequested', {
            docs: t.list(screen.requested.map((r) => r.label?.[t.locale] ?? r.documentId)),
          }),
        screen.reason && t('progressReason', { text: screen.reason[t.locale] }),
        screen.nextStep &&
          screen.status !== 'needs_more' &&
          t('progressNext', { text: screen.nextStep[t.locale] }),
        screen.addNow && t('progressRequestedNow'),
        ...(screen.addNow
          ? choiceParts(t, [t('addDocumentsNow')], [t('done')])
          : choiceParts(t, [t('done')])),
      ];
    case 'invoiceBiller':
    case 'invoiceEntry':
    case 'invoicePeriods':
    case 'invoiceEvidence':
    case 'invoiceType':
    case 'invoiceTitle':
    case 'invoiceDelivery':
    case 'invoiceEmail':
    case 'invoiceReview':
    case 'invoiceWorking':
    case 'invoiceReceipt':
      return invoiceParts(screen, t);
    case 'addDocumentsCamera':
    case 'addDocumentsReview':
    case 'addDocumentsSending':
    case 'addDocumentsReceipt':
      return addDocumentsParts(screen, t);
    case 'problem': {
      // An account the kiosk cannot take: what it is, and where to go instead.
      const deadEnd = DEAD_END[screen.problem];
      const hall = screen.serviceHall;
      return [
        t(deadEnd?.title ?? 'problemTitle'),
        t.problem(screen.problem),
        deadEnd && t(deadEnd.next),
        hall && t('hallWhere', { name: hall.name[t.locale], address: hall.address[t.locale] }),
        hall?.hours && t('hallHours', { hours: hall.hours[t.locale] }),
        ...choiceParts(t, [t('home')], [screen.canRetype && t('retypeAccount'), t('callStaff')]),
      ];
    }
  }
}

/** The whole line for a screen; empty while its data is still on the way (billers loading). */
export function screenVoice(
  screen: Screen,
  t: Translator,
  receipts: ReceiptDelivery,
  /** The result's copy of the receipt waits behind an action (screens/receipt-fold.ts). */
  receiptFolded = false,
): string {
  return speech(t, screenParts(screen, t, receipts, receiptFolded));
}

/**
 * Screens where the resident decides (not a wait, not the idle screen, not the help she already
 * called): the first of a visit also names the frame's 呼叫工作人员.
 */
export function residentDecides(screen: Screen): boolean {
  switch (screen.name) {
    case 'attract':
    case 'outOfService':
    case 'lookingUp':
    case 'writingOff':
    case 'staffHelp':
    case 'progressLookingUp':
    case 'applicationWorking':
    case 'invoiceWorking':
    case 'addDocumentsSending':
      return false;
    case 'chooseBiller':
      return screen.billers.length > 0;
    case 'qrPay':
      return screen.step === 'showYourCode';
    default:
      return true;
  }
}

/** Which appearance of a screen a line belongs to: a new key is a new screen to speak. */
export function screenKey(screen: Screen): string {
  switch (screen.name) {
    case 'chooseBiller':
      // The list arriving (or a biller pausing) is the screen to speak.
      return `${screen.name}:${screen.billers.map((b) => `${b.id}${b.paused ? '-' : ''}`).join(',')}`;
    case 'enterAccount':
      return `${screen.name}:${screen.biller.id}`;
    case 'bills':
      return `${screen.name}:${screen.quote.totalDue}:${screen.requoted}:${screen.scope}`;
    case 'qrPay':
      return `${screen.name}:${screen.step}:${screen.kioskCodeUrl ? 'code' : ''}`;
    case 'staffHelp':
      return `${screen.name}:${screen.reason}:${screen.moneyInFlight}:${screen.canLeave}`;
    case 'info':
      return `${screen.name}:${screen.topic?.id ?? ''}`;
    case 'problem':
      return `${screen.name}:${screen.problem}`;
    case 'progressEntry':
      return `${screen.name}:${screen.step}:${screen.problem ?? ''}`;
    case 'progress':
      return `${screen.name}:${screen.trackingCode ?? ''}:${screen.status}`;
    case 'applicationField':
      return `${screen.name}:${screen.field.id}:${screen.problem ?? ''}`;
    case 'applicationDocument':
      return `${screen.name}:${screen.document.id}:${screen.problem ?? ''}`;
    case 'applicationAccount':
    case 'applicationReview':
    case 'applicationCatalogue':
      return `${screen.name}:${screen.problem ?? ''}`;
    case 'applicationWorking':
      return `${screen.name}:${screen.step}`;
    case 'addDocumentsCamera':
      return `${screen.name}:${screen.documentId}`;
    case 'addDocumentsReview':
      return `${screen.name}:${screen.problem ?? ''}`;
    case 'invoiceEntry':
      return `${screen.name}:${screen.field}:${screen.problem ?? ''}`;
    case 'invoicePeriods':
      return `${screen.name}:${screen.chosen.join(',')}:${screen.paidElsewhere}:${screen.problem ?? ''}`;
    case 'invoiceWorking':
      return `${screen.name}:${screen.task}`;
    case 'invoiceReview':
      return `${screen.name}:${screen.problem ?? ''}`;
    default:
      return screen.name;
  }
}
