// The parts the service point's screens embed — the document camera and the signature pad —
// each alone in the real frame (`parts.html?part=camera|signature&locale=en&scale=1.5`, and
// `min`/`max` pages for the camera). What they hand back is recorded in `window.__partEvents`
// and shown as text; it ends the part (unmounted, as leaving its screen would). Their uploads
// go to the page's own origin: the E2E serves this page from the host's origin
// (test/e2e/camera-and-signature.test.ts), so they reach the real edge.
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { DocumentCamera } from '../../ui/camera/DocumentCamera';
import { translator } from '../../ui/i18n/messages';
import { Frame } from '../../ui/screens/Frame';
import { SignaturePad } from '../../ui/signature/SignaturePad';
import { createVoiceOutput } from '../../ui/voice/speech-voice';
import { VoiceContext } from '../../ui/voice/voice-context';
import { traced } from '../../ui/voice/voice-trace';
import '../../ui/styles.css';
import { select } from './select';

const q = new URLSearchParams(window.location.search);
const part = q.get('part') === 'signature' ? 'signature' : 'camera';
const pages = { min: Number(q.get('min') ?? 2), max: Number(q.get('max') ?? 3) };
const events: unknown[] = [];
Object.assign(window, { __partEvents: events });

function Part() {
  const selection = select(`?screen=service-home&${q.toString()}`, Date.now());
  const voice = useMemo(() => traced(createVoiceOutput()), []);
  const [result, setResult] = useState('');
  const [closed, setClosed] = useState(false);
  if (selection.kind !== 'screen') return <pre role="alert">{JSON.stringify(selection)}</pre>;
  const { snapshot } = selection;
  const lang = snapshot.locale;
  const t = translator(lang);
  document.documentElement.lang = lang;
  document.documentElement.style.setProperty('--text-scale', String(snapshot.prefs.textScale));
  // What a part hands back ends it, as leaving its screen would: the part unmounts.
  const record = (e: object) => {
    events.push(e);
    setResult(JSON.stringify(e));
    setClosed(true);
  };
  return (
    <VoiceContext.Provider value={(text) => voice.speak(text, lang)}>
      <Frame t={t} snapshot={snapshot} send={(e) => events.push(e)} inert={false}>
        {closed ? null : part === 'camera' ? (
          <DocumentCamera
            lang={lang}
            label={t('partsSampleDocument')}
            pages={pages}
            onDone={(photoIds) => record({ type: 'done', photoIds })}
            onCancel={() => record({ type: 'cancel' })}
          />
        ) : (
          <SignaturePad
            lang={lang}
            onSigned={(signed) => record({ type: 'signed', ...signed })}
            onCancel={() => record({ type: 'cancel' })}
          />
        )}
      </Frame>
      <output data-part-result hidden>
        {result}
      </output>
    </VoiceContext.Provider>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Part />
    </StrictMode>,
  );
}
