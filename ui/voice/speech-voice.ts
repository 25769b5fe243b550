// The Web Speech API voice (speechSynthesis), with the recording voice where it is missing.
import type { Locale } from '../../src/api/kiosk-api';
import { RecordingVoice } from './recording-voice';
import type { VoiceOutput } from './voice-output';

/** BCP 47 tags the platform voices are listed under. */
const SPEECH_LANG: Record<Locale, string> = { 'zh-CN': 'zh-CN', en: 'en-US' };

export class SpeechVoice implements VoiceOutput {
  private volume = 1;

  constructor(private readonly synth: SpeechSynthesis) {}

  speak(text: string, lang: Locale): void {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = SPEECH_LANG[lang];
    utterance.volume = this.volume;
    // Without an explicit voice some platforms read Chinese with an English voice.
    const prefix = SPEECH_LANG[lang].slice(0, 2);
    const voice = this.synth.getVoices().find((v) => v.lang.replace('_', '-').startsWith(prefix));
    if (voice) utterance.voice = voice;
    this.synth.speak(utterance);
  }

  cancel(): void {
    this.synth.cancel();
  }

  setVolume(volume: number): void {
    this.volume = Math.min(1, Math.max(0, volume));
  }
}

export function createVoiceOutput(): VoiceOutput {
  const available = 'speechSynthesis' in window && typeof SpeechSynthesisUtterance === 'function';
  return available ? new SpeechVoice(window.speechSynthesis) : new RecordingVoice();
}
