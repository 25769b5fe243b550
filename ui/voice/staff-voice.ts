// What a staff screen says, in the language of the moment: its title, then the facts that
// matter and its choices (staff-voice-desk.ts, -receipts.ts, -service.ts), as the resident's
// screens do. Said again whole when what the screen is about changes (staffScreenKey: a step, a
// search's results, an item gone); an outcome appearing on the same screen is said alone
// (staffScreenNews). The switches are exhaustive: a new staff screen cannot go unspoken.
import type { StaffView } from '../../src/api/kiosk-api';
import type { Translator } from '../i18n/messages';
import { TEST_PROBLEM, pinProblemWords, signInProblemWords, toolWords } from '../staff/staff-words';
import { speech } from './screen-voice';
import {
  exchangeVoice,
  homeVoice,
  openItemsVoice,
  signInVoice,
  summaryVoice,
  syncVoice,
} from './staff-voice-desk';
import { resultWords } from './staff-voice-parts';
import { myPinVoice, pinsVoice, reprintVoice, reversalVoice } from './staff-voice-receipts';
import { careVoice, noticesVoice } from './staff-voice-care';
import { diagnosticsVoice, faultyDevices, serviceStateVoice } from './staff-voice-service';

export function staffScreenVoice(view: StaffView, t: Translator): string {
  switch (view.name) {
    case 'signIn': {
      const title =
        view.step === 'staffNumber'
          ? t('staffSignInByNumber')
          : view.by === 'card'
            ? t('staffSignInByCard')
            : t('staffPin');
      return speech(t, [title, ...signInVoice(t, view)]);
    }
    case 'staffHome':
      return speech(t, [
        t('staffHome', { name: view.who.name }),
        t(view.who.role === 'technician' ? 'staffRoleTechnician' : 'staffRoleStaff'),
        ...homeVoice(t, view),
      ]);
    case 'openItems':
      return speech(t, [t('itemsTitle'), ...openItemsVoice(t, view)]);
    case 'syncQueue':
      return speech(t, [t('syncTitle'), ...syncVoice(t, view)]);
    case 'daySummary':
      return speech(t, [t('summaryTitle', { day: view.day }), ...summaryVoice(t, view)]);
    case 'cashExchange':
      return speech(t, [t('exchangeTitle'), ...exchangeVoice(t, view)]);
    case 'diagnostics':
      return speech(t, [t('diagnosticsTitle'), ...diagnosticsVoice(t, view)]);
    case 'serviceState':
      return speech(t, [t('serviceStateTitle'), ...serviceStateVoice(t, view)]);
    case 'reprint':
      return speech(t, [t('reprintTitle'), ...reprintVoice(t, view)]);
    case 'reversal':
      return speech(t, [t('reversalTitle'), ...reversalVoice(t, view)]);
    case 'pins':
      return speech(t, [t('pinsTitle'), ...pinsVoice(t, view)]);
    case 'myPin':
      return speech(t, [t('myPinTitle'), ...myPinVoice(t, view)]);
    case 'care':
      return speech(t, [t('careTitle'), ...careVoice(t, view)]);
    case 'notices':
      return speech(t, [t('noticesTitle'), ...noticesVoice(t, view)]);
  }
}

const serials = (rows: readonly { agentSerial: string }[] | null) =>
  rows === null ? '-' : rows.map((r) => r.agentSerial).join(',');

/**
 * Which state of a staff screen a line belongs to: a new key is said whole. Never what moves by
 * itself or with each key pressed (ages, counters, digits typed): only what staff did or found.
 */
export function staffScreenKey(view: StaffView): string {
  const key = (...parts: unknown[]) => [view.name, ...parts.map(String)].join(':');
  switch (view.name) {
    case 'signIn':
      return key(view.step, view.by);
    case 'staffHome': {
      const call = view.helpCall;
      return key(call?.reason, call?.customerScreen, call?.wayForward, view.menu.join(','));
    }
    case 'openItems':
      return key(view.entering?.key, view.items.map((i) => i.key).join(','));
    case 'syncQueue':
      return key(serials(view.payments));
    case 'daySummary':
      return key(view.day);
    case 'cashExchange':
      return key(view.step, view.discrepancy, view.slipPrinted);
    case 'diagnostics': {
      const faulty = faultyDevices(view.devices).map((d) => `${d.kind}=${d.status}`);
      return key(view.focus, faulty.join(','), view.tests.running);
    }
    case 'serviceState':
      return key(view.inService, view.reason, view.printer);
    case 'reprint':
      return key(
        view.search.by,
        serials(view.search.found),
        view.printed?.copyNumber,
        view.printed?.printed,
      );
    case 'reversal': {
      const a = view.approver;
      return key(
        view.step,
        view.search.by,
        serials(view.search.found),
        a?.by,
        a?.step,
        view.outcome?.outcome,
        view.outcome?.slipPrinted,
      );
    }
    case 'pins':
      return key(view.chosen, view.typing.field);
    case 'myPin':
      return key(view.typing.field);
    case 'care':
      return key(
        view.step,
        view.problem,
        view.chosen?.alertId,
        view.alerts.map((a) => a.alertId).join(','),
      );
    case 'notices':
      return key(view.step, view.chosen, view.field, view.outcome?.serial);
  }
}

/** The outcome a screen shows (a refusal, a test's result), or null. */
function outcomeWords(view: StaffView, t: Translator): string | null {
  switch (view.name) {
    case 'signIn':
      return signInProblemWords(t, view);
    case 'staffHome':
    case 'daySummary':
      return null;
    case 'openItems':
    case 'syncQueue':
    case 'cashExchange':
    case 'reprint':
    case 'reversal':
    case 'care':
    case 'notices':
      return resultWords(t, view.lastResult);
    case 'diagnostics':
      return view.tests.problem
        ? t(TEST_PROBLEM[view.tests.problem])
        : view.lastTool && toolWords(t, view.lastTool);
    case 'serviceState':
      return view.lastTool && toolWords(t, view.lastTool);
    case 'pins':
    case 'myPin':
      return view.problem ? pinProblemWords(t, view.problem) : resultWords(t, view.lastResult);
  }
}

/** On the same screen (same key): an outcome that has just appeared, said alone. */
export function staffScreenNews(prev: StaffView, next: StaffView, t: Translator): string[] {
  const after = outcomeWords(next, t);
  return after !== null && after !== outcomeWords(prev, t) ? [after] : [];
}
