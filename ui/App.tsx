import { useEffect, useState } from 'react';
import type { KioskApi, Snapshot } from '../src/api/kiosk-api';
import { translator } from './i18n/messages';
import { Frame } from './screens/Frame';
import { ScreenView } from './screens/ScreenView';

/** The renderer is a function of the host's latest snapshot; taps become events. */
export function App({ api }: { api: KioskApi }) {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  useEffect(() => api.subscribe(setSnapshot), [api]);
  useEffect(() => {
    if (snapshot) document.documentElement.lang = snapshot.locale;
  }, [snapshot]);
  if (!snapshot) return null;
  const t = translator(snapshot.locale);
  return (
    <Frame t={t} snapshot={snapshot} send={(e) => api.send(e)}>
      <ScreenView
        t={t}
        screen={snapshot.screen}
        receipts={snapshot.service.receipts}
        send={(e) => api.send(e)}
      />
    </Frame>
  );
}
