// Applying for a service: each document photographed on the document camera (高拍仪), page by
// page, and the signature drawn on the screen (ui/camera/, ui/signature/): their photos are
// staged at the kiosk as they are taken (POST /api/photos) and named to the host by id
// (DOCUMENT_PHOTOS, SIGNED). A document the service does not require is left out with none.
import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { DocumentCamera } from '../camera/DocumentCamera';
import { SignaturePad } from '../signature/SignaturePad';
import { local } from './application-words';
import type { ScreenProps } from './types';

type DocumentScreen = Extract<KioskScreen, { name: 'applicationDocument' }>;

export function ApplicationDocument({ t, send, screen }: ScreenProps & { screen: DocumentScreen }) {
  const d = screen.document;
  return (
    <DocumentCamera
      // A new document is a new camera (its pages counted from none).
      key={d.id}
      lang={t.locale}
      label={local(t, d.label)}
      pages={d.pages}
      onDone={(photoIds) =>
        send(
          photoIds.length === 0
            ? { type: 'SKIP' }
            : { type: 'DOCUMENT_PHOTOS', documentId: d.id, photoIds },
        )
      }
      onCancel={() => send({ type: 'BACK' })}
    />
  );
}

export function ApplicationSignature({ t, send }: ScreenProps) {
  return (
    <SignaturePad
      lang={t.locale}
      onSigned={(signed) => send({ type: 'SIGNED', ...signed })}
      onCancel={() => send({ type: 'BACK' })}
    />
  );
}
