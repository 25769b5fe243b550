// The one interface the renderer speaks through (ux-electron.md R6), and how the customer's
// volume step becomes an utterance volume. No DOM here: the implementations live beside it.
import type { Locale } from '../../src/api/kiosk-api';

export interface VoiceLine {
  text: string;
  lang: Locale;
}

export interface VoiceOutput {
  /** Queues a line after any still being spoken. */
  speak(text: string, lang: Locale): void;
  /** Drops what is being spoken and what is queued. */
  cancel(): void;
  /** 0 (silent) to 1 (full), applied to the lines spoken from now on. */
  setVolume(volume: number): void;
}

/**
 * Utterance volume for each of the customer's steps 0..3. The quietest is a tenth of the
 * loudest in amplitude, so the steps span 20 dB (Section 508 402.3: ≥ 20 dB of user gain).
 */
export const VOLUME_STEPS = [0.1, 0.3, 0.6, 1] as const;

export function utteranceVolume(step: number): number {
  const i = Math.min(VOLUME_STEPS.length - 1, Math.max(0, Math.round(step)));
  return VOLUME_STEPS[i] ?? 1;
}
