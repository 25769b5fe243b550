// The customer's own settings as the frame offers them: three text sizes in a cycle, four
// volume steps. The host keeps them (and resets them for the next customer).
import type { Snapshot } from '../../src/api/kiosk-api';
import type { MessageKey } from '../i18n/messages';

export type TextScale = Snapshot['prefs']['textScale'];

const SCALES: readonly TextScale[] = [1, 1.25, 1.5];
export const MAX_VOLUME = 3;

/** 1 → 1.25 → 1.5 → 1: one button, one tap, never a slider. */
export function nextTextScale(scale: TextScale): TextScale {
  return SCALES[(SCALES.indexOf(scale) + 1) % SCALES.length] ?? 1;
}

export function textSizeName(scale: TextScale): MessageKey {
  if (scale === 1.5) return 'textSize15';
  return scale === 1.25 ? 'textSize125' : 'textSize1';
}

/** Volume as people count it: step 0..3 shown as 1..4 of 4. */
export const volumeLevel = (volume: number): number => volume + 1;
