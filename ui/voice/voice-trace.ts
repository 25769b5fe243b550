// Every spoken line is also left where a test (or a technician's console) can read it:
// window.__kioskVoice collects them all, <body data-voice> holds the latest.
import type { Locale } from '../../src/api/kiosk-api';
import type { VoiceLine, VoiceOutput } from './voice-output';

declare global {
  interface Window {
    __kioskVoice?: VoiceLine[];
  }
}

export function traced(inner: VoiceOutput): VoiceOutput {
  window.__kioskVoice ??= [];
  return {
    speak(text: string, lang: Locale) {
      (window.__kioskVoice ??= []).push({ text, lang });
      document.body.dataset.voice = text;
      inner.speak(text, lang);
    },
    cancel: () => inner.cancel(),
    setVolume: (volume) => inner.setVolume(volume),
  };
}
