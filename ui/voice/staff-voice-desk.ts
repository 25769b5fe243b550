// What the sign-in, the staff home and the money screens say after their title: who is signed
// in and whether a resident is calling, the open items by kind, the payments waiting, the day's
// figures, the cash-box exchange's totals and difference; then the screen's choices.
import type { StaffView } from '../../src/api/kiosk-api';
import type { Translator } from '../i18n/messages';
import {
  HELP_REASON,
  HELP_WAY,
  ITEM_ACTION,
  ITEM_KIND,
  STAFF_MENU,
  screenWords,
  signInProblemWords,
} from '../staff/staff-words';
import type { Part } from './screen-voice';
import { choices, resultWords } from './staff-voice-parts';
import { sayWithAmounts as say } from './spoken-amount';

type View<N extends StaffView['name']> = Extract<StaffView, { name: N }>;

export function signInVoice(t: Translator, v: View<'signIn'>): Part[] {
  if (v.step === 'checking') return [t('staffChecking')];
  const byNumber = v.step === 'staffNumber';
  return [
    signInProblemWords(t, v),
    byNumber ? t('voiceSignInNumber') : v.by === 'staffNumber' && t('voiceSignInPin'),
    choices(t, [byNumber && t('staffNext'), t('staffLeave')]),
  ];
}

export function homeVoice(t: Translator, v: View<'staffHome'>): Part[] {
  const call = v.helpCall;
  const menu = v.menu.map((screen) => t(STAFF_MENU[screen]));
  if (!call) return [t('staffNoCall'), choices(t, [...menu, t('staffLeave')])];
  return [
    t('staffHelpCall'),
    t(HELP_REASON[call.reason]),
    call.accountTail && t('staffAccountTail', { tail: call.accountTail }),
    t('staffCustomerSees', { screen: screenWords(t, call.customerScreen) }),
    call.billerName && t('staffBiller', { name: call.billerName }),
    call.amountDue !== null && say(t, 'staffAmountDue', { amount: call.amountDue }),
    say(t, 'staffCollected', { amount: call.collected }),
    call.noteInEscrow && t('staffNoteInEscrow'),
    call.underReview > 0 && say(t, 'staffUnderReview', { amount: call.underReview }),
    t(HELP_WAY[call.wayForward]),
    choices(t, [
      call.canGoBack && t('staffStepBack'),
      call.canCancel && t('staffCancelForCustomer'),
      t('staffHandBack'),
      ...menu,
      t('staffLeave'),
    ]),
  ];
}

export function openItemsVoice(t: Translator, v: View<'openItems'>): Part[] {
  if (v.entering) return [t('itemEnterSerial'), choices(t, [t('itemConfirmSerial')])];
  if (v.items.length === 0) return [resultWords(t, v.lastResult), t('itemsNone')];
  const kinds = new Map<string, number>();
  for (const item of v.items) {
    const kind = t(ITEM_KIND[item.kind]);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const actions = new Set<string>();
  for (const item of v.items) {
    for (const a of item.actions)
      actions.add(a === 'explain' ? t('voiceItemExplain') : t(ITEM_ACTION[a]));
  }
  return [
    resultWords(t, v.lastResult),
    say(
      t,
      'voiceItemsCount',
      { amount: v.items.reduce((sum, i) => sum + i.amount, 0) },
      {
        count: v.items.length,
        kinds: t.list([...kinds].map(([kind, count]) => t('voiceItemKindCount', { kind, count }))),
      },
    ),
    choices(t, [...actions]),
  ];
}

export function syncVoice(t: Translator, v: View<'syncQueue'>): Part[] {
  if (v.payments.length === 0) return [resultWords(t, v.lastResult), t('syncNone')];
  return [
    resultWords(t, v.lastResult),
    say(
      t,
      'voiceSyncCount',
      { amount: v.payments.reduce((sum, p) => sum + p.amount, 0) },
      { count: v.payments.length, minutes: Math.max(...v.payments.map((p) => p.ageMinutes)) },
    ),
    choices(t, [t('syncTryAll'), t('syncTryNow')]),
  ];
}

export function summaryVoice(t: Translator, v: View<'daySummary'>): Part[] {
  const figures = (
    key: 'summaryWrittenOff' | 'summaryPending' | 'summaryReversed' | 'summaryCashBox',
    p: { count: number; amount: number },
  ) => say(t, key, { amount: p.amount }, { count: p.count });
  return [
    figures('summaryWrittenOff', v.writtenOff),
    v.pendingSync.count > 0 && figures('summaryPending', v.pendingSync),
    v.reversed.count > 0 && figures('summaryReversed', v.reversed),
    figures('summaryCashBox', { count: v.cashBox.count, amount: v.cashBox.total }),
    t('summaryOpenItems', { count: Object.values(v.openItems).reduce((a, b) => a + b, 0) }),
  ];
}

export function exchangeVoice(t: Translator, v: View<'cashExchange'>): Part[] {
  const totals = say(t, 'exchangeTotals', {
    expected: v.expectedTotal,
    counted: v.countedTotal ?? 0,
  });
  switch (v.step) {
    case 'ready':
      return [
        resultWords(t, v.lastResult),
        say(t, 'voiceExchangeExpected', { amount: v.expectedTotal }),
        t('voiceExchangeReady'),
        choices(t, [t('exchangeBox'), t('exchangeSeal'), t('exchangeBegin')]),
      ];
    case 'counting':
      return [
        resultWords(t, v.lastResult),
        totals,
        t('voiceExchangeCount'),
        choices(t, [t('exchangeFinish'), t('exchangeAbort')]),
      ];
    case 'settled': {
      const d = v.discrepancy;
      return [
        totals,
        d !== null &&
          (d === 0
            ? t('exchangeMatch')
            : say(t, d > 0 ? 'exchangeShort' : 'exchangeLong', { amount: Math.abs(d) })),
        v.slipPrinted !== null &&
          t(v.slipPrinted ? 'exchangeSlipPrinted' : 'exchangeSlipNotPrinted'),
      ];
    }
  }
}
