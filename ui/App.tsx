import { useEffect, useState } from 'react';
import type { KioskApi, Snapshot } from '../src/api/kiosk-api';
import { translator } from './i18n/messages';
import { Frame } from './screens/Frame';
import { MoreTimeDialog } from './screens/MoreTimeDialog';
import { ScreenView } from './screens/ScreenView';
import { StaffScreens } from './staff/StaffView';
import { useVoice } from './voice/use-voice';
import { VoiceContext } from './voice/voice-context';

/** The renderer is a function of the host's latest snapshot; taps become events. */
export function App({ api }: { api: KioskApi }) {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  useEffect(() => api.subscribe(setSnapshot), [api]);
  const say = useVoice(snapshot);
  const locale = snapshot?.locale;
  // The resident's large type is hers: staff screens keep their own (dense) sizes.
  const textScale = snapshot?.staff ? 1 : (snapshot?.prefs.textScale ?? 1);
  useEffect(() => {
    if (locale) document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    // Every size in styles.css is in rem, so this one multiplier scales them all (R12).
    document.documentElement.style.setProperty('--text-scale', String(textScale));
  }, [textScale]);
  if (!snapshot) return null;
  const t = translator(snapshot.locale);
  const send = (e: Parameters<KioskApi['send']>[0]) => api.send(e);
  const { prompt } = snapshot;
  if (snapshot.staff) {
    return (
      <main className="frame staff-frame" data-screen={`staff:${snapshot.staff.name}`}>
        {snapshot.staffCardAway && (
          <p role="status" className="staff-notice">
            {t(snapshot.staffCardAway === 'forApproval' ? 'staffCardLent' : 'staffCardDue')}
          </p>
        )}
        <StaffScreens t={t} send={send} view={snapshot.staff} />
      </main>
    );
  }
  return (
    <VoiceContext.Provider value={say}>
      <Frame t={t} snapshot={snapshot} send={send} inert={prompt !== null}>
        <ScreenView
          key={snapshot.screen.name}
          t={t}
          screen={snapshot.screen}
          receipts={snapshot.service.receipts}
          textScale={textScale}
          send={send}
        />
      </Frame>
      {prompt && <MoreTimeDialog t={t} send={send} deadline={prompt.deadline} />}
    </VoiceContext.Provider>
  );
}
