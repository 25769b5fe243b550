// A voice that only remembers what it was asked to say: used where the browser has no speech
// synthesis, so the lines still reach the trace (and tests) with the volume they would have had.
import type { Locale } from '../../src/api/kiosk-api';
import type { VoiceOutput } from './voice-output';

export interface RecordedLine {
  text: string;
  lang: Locale;
  volume: number;
}

export class RecordingVoice implements VoiceOutput {
  readonly spoken: RecordedLine[] = [];
  cancels = 0;
  private volume = 1;

  speak(text: string, lang: Locale): void {
    this.spoken.push({ text, lang, volume: this.volume });
  }

  cancel(): void {
    this.cancels += 1;
  }

  setVolume(volume: number): void {
    this.volume = Math.min(1, Math.max(0, volume));
  }
}
