// Decides what to say when a new snapshot arrives: the whole screen when a screen (or the
// language) changes, or when its data arrives (the billers list); otherwise only what changed on
// it — a digit typed, a note counted, an error, a setting, the help call, the "more time?"
// prompt. Never the same line per snapshot.
import type { Screen, Snapshot } from '../../src/api/kiosk-api';
import { staffScreenKey, staffScreenNews, staffScreenVoice } from './staff-voice';
import type { Translator } from '../i18n/messages';
import { secondsLeft } from '../screens/countdown';
import { textSizeName, volumeLevel } from '../screens/prefs';
import { receiptFolds } from '../screens/receipt-fold';
import { helpLine, residentDecides, screenKey, screenVoice } from './screen-voice';
import { sayWithAmounts } from './spoken-amount';

/**
 * What the voice keeps from one snapshot to the next within a resident's visit. The frame's
 * 呼叫工作人员 is on every screen, but naming it on every screen would bury each screen's own
 * choices; the idle screen invites help, and the first screen of a visit where she decides names
 * it once more (she may not have heard the idle screen). Not again in that visit, nor once she
 * has called.
 */
export interface VoiceMemory {
  helpSaid: boolean;
}

export const newVoiceMemory = (): VoiceMemory => ({ helpSaid: false });

function keypadEcho(before: string, after: string, t: Translator): string[] {
  if (after.length === before.length + 1 && after.startsWith(before)) return [after.slice(-1)];
  if (after.length === before.length - 1 && before.startsWith(after)) return [t('delete')];
  if (after.length === 0 && before.length > 0) return [t('voiceCleared')];
  return [];
}

const grew = (before: number, after: number) => after > before;

/** Changes within one screen; `prev` and `next` have the same screen key. */
function onScreen(prev: Screen, next: Screen, t: Translator): string[] {
  const review = (amount: number) => sayWithAmounts(t, 'underReview', { amount });
  if (prev.name === 'enterAccount' && next.name === 'enterAccount') {
    if (next.problem && next.problem !== prev.problem) return [t.problem(next.problem)];
    return keypadEcho(prev.digits, next.digits, t);
  }
  if (prev.name === 'insertCash' && next.name === 'insertCash') {
    const lines: string[] = [];
    if (grew(prev.collected, next.collected)) {
      const remaining = Math.max(0, next.amountDue - next.collected);
      lines.push(sayWithAmounts(t, 'voiceCollected', { collected: next.collected, remaining }));
    }
    if (grew(prev.underReview, next.underReview)) lines.push(review(next.underReview));
    return lines;
  }
  if (prev.name === 'partialCash' && next.name === 'partialCash') {
    return grew(prev.underReview, next.underReview) ? [review(next.underReview)] : [];
  }
  if (prev.name === 'qrPay' && next.name === 'qrPay' && next.refused && !prev.refused) {
    return [t('qrRefused')];
  }
  return [];
}

function settings(prev: Snapshot['prefs'], next: Snapshot['prefs'], t: Translator): string[] {
  const lines: string[] = [];
  if (prev.muted && !next.muted) lines.push(t('voiceSoundOn'));
  if (prev.volume !== next.volume)
    lines.push(t('volumeLevel', { level: volumeLevel(next.volume) }));
  if (prev.textScale !== next.textScale) {
    lines.push(t('textSize', { size: t(textSizeName(next.textScale)) }));
  }
  return lines.filter((line) => line.length > 0);
}

/** The technician pressed the voice test (diagnostics): its counter went up. */
function voiceTestPressed(prev: Snapshot | null, next: Snapshot): boolean {
  const count = (s: Snapshot | null) =>
    s?.staff?.name === 'diagnostics' ? s.staff.tests.voiceTest : null;
  const before = count(prev);
  const after = count(next);
  return before !== null && after !== null && after > before;
}

export function voiceCues(
  prev: Snapshot | null,
  next: Snapshot,
  t: Translator,
  now: number,
  memory: VoiceMemory,
): string[] {
  const lines: string[] = [];
  // Staff at the screen: their screen whole when it opens or what it is about changes, else an
  // outcome appearing on it; the resident's screen underneath stays quiet.
  if (next.staff) {
    const before = prev?.locale === next.locale ? prev.staff : null;
    if (!before || staffScreenKey(before) !== staffScreenKey(next.staff)) {
      lines.push(staffScreenVoice(next.staff, t));
    } else {
      lines.push(...staffScreenNews(before, next.staff, t));
    }
    if (voiceTestPressed(prev, next)) lines.push(t('diagTestVoiceSentence'));
    // The opening card lent for an approval, or due back: said once, when it changes.
    const away = next.staffCardAway;
    if (away && away !== prev?.staffCardAway) {
      lines.push(t(away === 'forApproval' ? 'staffCardLent' : 'staffCardDue'));
    }
    return lines;
  }
  const newScreen =
    !prev ||
    prev.staff !== null ||
    prev.locale !== next.locale ||
    screenKey(prev.screen) !== screenKey(next.screen);
  if (next.screen.name === 'attract' || next.helpCalled) memory.helpSaid = next.helpCalled;
  if (newScreen) {
    lines.push(
      screenVoice(next.screen, t, next.service.receipts, receiptFolds(next.prefs.textScale)),
    );
    if (!memory.helpSaid && residentDecides(next.screen)) {
      lines.push(helpLine(t));
      memory.helpSaid = true;
    }
  } else lines.push(...onScreen(prev.screen, next.screen, t));
  if (prev) lines.push(...settings(prev.prefs, next.prefs, t));
  if (next.helpCalled && !prev?.helpCalled) lines.push(t('helpComing'));
  if (next.prompt && !prev?.prompt) {
    lines.push(t('voiceMoreTime', { seconds: secondsLeft(next.prompt.deadline, now) }));
  }
  return lines.filter((line) => line.length > 0);
}
