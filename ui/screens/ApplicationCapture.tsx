// Applying for a service: each document photographed on the document camera (高拍仪), page by
// page, and the signature drawn on the screen — their photos staged at the kiosk
// (POST /api/photos) and named to the host by id (DOCUMENT_PHOTOS, SIGNED).
import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { Screen } from '../design/Screen';
import { Notice, NoticeLine } from '../design/Notice';
import { local, pagesWords } from './application-words';
import type { ScreenProps } from './types';

type DocumentScreen = Extract<KioskScreen, { name: 'applicationDocument' }>;
type SignatureScreen = Extract<KioskScreen, { name: 'applicationSignature' }>;

const stepOf = (t: ScreenProps['t'], s: { index: number; count: number }) => (
  <span className="step-of"> {t('applyStepOf', { step: s.index + 1, steps: s.count })}</span>
);

export function ApplicationDocument({ t, send, screen }: ScreenProps & { screen: DocumentScreen }) {
  const d = screen.document;
  return (
    <Screen
      title={
        <>
          {t('applyDocumentTitle', { label: local(t, d.label) })}
          {stepOf(t, screen)}
        </>
      }
      actions={{
        none: 'device',
        secondary: [
          ...(d.pages.min === 0
            ? [{ label: t('applySkipDocument'), onClick: () => send({ type: 'SKIP' }) }]
            : []),
          { label: t('back'), onClick: () => send({ type: 'BACK' }) },
        ],
      }}
    >
      <p className="lead">{pagesWords(t, d)}</p>
      <p>{t('applyDocumentLead')}</p>
      {screen.pages > 0 && <p>{t('applyDocumentTaken', { pages: screen.pages })}</p>}
      <Notice kind="info">
        <NoticeLine kind="info">{t('applyCameraSoon')}</NoticeLine>
      </Notice>
    </Screen>
  );
}

export function ApplicationSignature({
  t,
  send,
  screen,
}: ScreenProps & { screen: SignatureScreen }) {
  return (
    <Screen
      title={
        <>
          {t('applySignatureTitle')}
          {stepOf(t, screen)}
        </>
      }
      actions={{
        none: 'device',
        secondary: [{ label: t('back'), onClick: () => send({ type: 'BACK' }) }],
      }}
    >
      <p className="lead">{local(t, screen.serviceName)}</p>
      <p>{t('applySignatureLead')}</p>
      <Notice kind="info">
        <NoticeLine kind="info">{t('applySignaturePending')}</NoticeLine>
      </Notice>
    </Screen>
  );
}
