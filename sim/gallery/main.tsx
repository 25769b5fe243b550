// The screen gallery: the real renderer (ui/App) with an in-memory KioskApi fed the fixture the
// URL names, so every screen can be seen, checked and photographed without a host.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { UserEvent } from '../../src/api/kiosk-api';
import { App } from '../../ui/App';
import '../../ui/styles.css';
import { FIXTURES } from './fixtures';
import { FieldStageView } from './FieldStageView';
import { EVENTS_GLOBAL, galleryApi } from './gallery-api';
import { GalleryIndex } from './GalleryIndex';
import { select } from './select';

const events: UserEvent[] = [];
Object.assign(window, { [EVENTS_GLOBAL]: events, __galleryIds: FIXTURES.map((f) => f.id) });

const selection = select(window.location.search, Date.now());
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      {selection.kind === 'index' && <GalleryIndex />}
      {selection.kind === 'error' && <pre role="alert">{selection.message}</pre>}
      {selection.kind === 'screen' &&
        (selection.stage ? (
          <FieldStageView snapshot={selection.snapshot} stage={selection.stage} />
        ) : (
          <App api={galleryApi(selection.snapshot, events)} />
        ))}
    </StrictMode>,
  );
}
