// Speaks each new snapshot's cues (voice-cues.ts) in the snapshot's language, at the
// customer's volume; muted means nothing is spoken. Returns `say` for renderer-only changes.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Snapshot } from '../../src/api/kiosk-api';
import { translator } from '../i18n/messages';
import { createVoiceOutput } from './speech-voice';
import { newVoiceMemory, voiceCues } from './voice-cues';
import { utteranceVolume } from './voice-output';
import type { Say } from './voice-context';
import { traced } from './voice-trace';

export function useVoice(snapshot: Snapshot | null): Say {
  const output = useMemo(() => traced(createVoiceOutput()), []);
  const previous = useRef<Snapshot | null>(null);
  const memory = useRef(newVoiceMemory());

  useEffect(() => {
    if (!snapshot || snapshot === previous.current) return;
    const before = previous.current;
    previous.current = snapshot;
    output.setVolume(utteranceVolume(snapshot.prefs.volume));
    if (snapshot.prefs.muted) {
      if (!before?.prefs.muted) output.cancel();
      return;
    }
    const t = translator(snapshot.locale);
    // The memory lives as long as the renderer: what was said in this visit (voice-cues.ts).
    const lines = voiceCues(before, snapshot, t, Date.now(), memory.current);
    if (lines.length === 0) return;
    // The newest state is what matters: a half-read older line only confuses.
    output.cancel();
    for (const line of lines) output.speak(line, snapshot.locale);
  }, [snapshot, output]);

  const locale = snapshot?.locale;
  const muted = snapshot?.prefs.muted ?? false;
  return useCallback(
    (text: string) => {
      if (!locale || muted) return;
      output.cancel();
      output.speak(text, locale);
    },
    [output, locale, muted],
  );
}
