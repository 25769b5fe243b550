// What the receipt and PIN screens say after their title: the receipts found (each by its
// serial's last 4 digits and amount) and the choice; a reversal's chosen payment, its step and
// outcome; whose PIN and which PIN to type next. Never a whole serial, account or PIN.
import type { ReceiptSearch, StaffView } from '../../src/api/kiosk-api';
import type { Translator } from '../i18n/messages';
import { REVERSAL_OUTCOME, REVERSAL_REASON, pinProblemWords } from '../staff/staff-words';
import type { Part } from './screen-voice';
import { RECEIPTS_READ, choices, receiptWords, resultWords, serialTail } from './staff-voice-parts';
import { sayWithAmounts as say } from './spoken-amount';

type View<N extends StaffView['name']> = Extract<StaffView, { name: N }>;

/** The search's hint before it ran; then what it found. */
function found(t: Translator, search: ReceiptSearch, hint: string): Part[] {
  const rows = search.found;
  if (rows === null) return [hint];
  if (rows.length === 0) return [t('findNone')];
  return [
    t('voiceFound', { count: rows.length }),
    ...rows.slice(0, RECEIPTS_READ).map((row) => receiptWords(t, row)),
  ];
}

/** The other way to search, offered beside the results. */
function otherSearch(t: Translator, search: ReceiptSearch): string {
  return t(search.by === 'accountTail' ? 'findBySerial' : 'findByTail');
}

const searchHint = (t: Translator, search: ReceiptSearch) =>
  t(search.by === 'accountTail' ? 'findTailHint' : 'findSerialHint');

export function reprintVoice(t: Translator, v: View<'reprint'>): Part[] {
  const printed = v.printed;
  const any = (v.search.found?.length ?? 0) > 0;
  return [
    printed
      ? printed.printed
        ? t('reprintPrinted', { copy: printed.copyNumber })
        : t('reprintNotPrinted')
      : resultWords(t, v.lastResult),
    ...found(t, v.search, searchHint(t, v.search)),
    choices(t, [any && t('reprintPrint'), otherSearch(t, v.search)]),
  ];
}

export function reversalVoice(t: Translator, v: View<'reversal'>): Part[] {
  const chosen =
    v.chosen &&
    say(
      t,
      'voiceReversalChosen',
      { amount: v.chosen.amount },
      { tail: serialTail(v.chosen.agentSerial) },
    );
  switch (v.step) {
    case 'find': {
      const any = (v.search.found?.length ?? 0) > 0;
      return [
        resultWords(t, v.lastResult),
        t('reversalFindHint'),
        ...found(t, v.search, searchHint(t, v.search)),
        choices(t, [any && t('reversalChoose'), otherSearch(t, v.search)]),
      ];
    }
    case 'reason':
      return [
        chosen,
        t('reversalReasonTitle'),
        choices(
          t,
          v.reasons.map((r) => t(REVERSAL_REASON[r])),
        ),
      ];
    case 'approve': {
      const a = v.approver;
      return [
        chosen,
        resultWords(t, v.lastResult),
        t('reversalApproveTitle'),
        a === null && t('reversalApproveHint'),
        a === null && choices(t, [t('reversalApproveByNumber')]),
        a?.step === 'staffNumber' && t('voiceApproverNumber'),
        a?.step === 'pin' && a.by === 'card' && t('reversalApproverCard'),
        a?.step === 'pin' && t('reversalApproverPin'),
      ];
    }
    case 'checking':
      return [chosen, t(v.outcome ? 'reversalAsking' : 'reversalChecking')];
    case 'done': {
      const o = v.outcome;
      return [
        chosen,
        o &&
          say(t, REVERSAL_OUTCOME[o.outcome], { amount: o.amount }, { message: o.message ?? '' }),
        o?.slipPrinted != null &&
          t(o.slipPrinted ? 'reversalSlipPrinted' : 'reversalSlipNotPrinted'),
        v.lastResult?.ok === false && resultWords(t, v.lastResult),
        choices(t, [o?.outcome === 'unknown' && t('reversalAskAgain'), t('reversalAnother')]),
      ];
    }
  }
}

const FIELD = { current: 'pinCurrent', first: 'pinNew', second: 'pinAgain' } as const;

export function pinsVoice(t: Translator, v: View<'pins'>): Part[] {
  const chosen = v.people.find((p) => p.staffNumber === v.chosen);
  const outcome = v.problem ? pinProblemWords(t, v.problem) : resultWords(t, v.lastResult);
  if (!chosen) {
    const people = v.people.map((p) =>
      t('voicePinPerson', {
        person: t('pinsChoose', { name: p.name, number: p.staffNumber }),
        state: t(p.hasPin ? 'pinsHas' : 'pinsNone'),
      }),
    );
    return [outcome, t('voicePinsPeople', { people: t.list(people) })];
  }
  return [
    outcome,
    t('pinsFor', { name: chosen.name, number: chosen.staffNumber }),
    t('voicePinType', { field: t(FIELD[v.typing.field]) }),
  ];
}

export function myPinVoice(t: Translator, v: View<'myPin'>): Part[] {
  return [
    v.problem ? pinProblemWords(t, v.problem) : resultWords(t, v.lastResult),
    t('voicePinType', { field: t(FIELD[v.typing.field]) }),
  ];
}
