// "Needs more" answered at the kiosk: each requested document on the document camera, the lot
// reviewed once, and a receipt saying they were added (or accepted for later); then the
// progress again.
import { Fragment } from 'react';
import type { LocalizedText, Screen as KioskScreen } from '../../src/api/kiosk-api';
import { DocumentCamera } from '../camera/DocumentCamera';
import { Screen } from '../design/Screen';
import type { Translator } from '../i18n/messages';
import { Alerts } from './Alerts';
import { ADD_DOCUMENTS_PROBLEM_WORDS } from './service-words';
import type { ScreenProps } from './types';

type Of<N extends KioskScreen['name']> = Extract<KioskScreen, { name: N }>;

/** A requested document by its label (the reviewer's words), or its id when it has none. */
export const documentName = (
  t: Translator,
  d: { documentId: string; label: LocalizedText | null },
) => (d.label ? d.label[t.locale] : d.documentId);

export function AddDocumentsCamera({
  t,
  send,
  screen,
}: ScreenProps & { screen: Of<'addDocumentsCamera'> }) {
  const name = documentName(t, screen);
  return (
    <DocumentCamera
      // A fresh camera (and pages) for each document.
      key={screen.documentId}
      lang={t.locale}
      label={
        screen.count > 1
          ? t('addDocumentsLabelOf', { label: name, index: screen.index + 1, count: screen.count })
          : name
      }
      pages={screen.pages}
      onDone={(photoIds) =>
        send({ type: 'DOCUMENT_PHOTOS', documentId: screen.documentId, photoIds })
      }
      onCancel={() => send({ type: 'BACK' })}
    />
  );
}

export function AddDocumentsReview({
  t,
  send,
  screen,
}: ScreenProps & { screen: Of<'addDocumentsReview'> }) {
  return (
    <Screen
      title={t('addDocumentsReviewTitle')}
      actions={{
        primary: { label: t('addDocumentsSend'), onClick: () => send({ type: 'SERVICE_NEXT' }) },
        secondary: [{ label: t('back'), onClick: () => send({ type: 'BACK' }) }],
      }}
    >
      {screen.trackingCode && <p>{t('addDocumentsReviewLead', { code: screen.trackingCode })}</p>}
      <Alerts messages={[screen.problem && t(ADD_DOCUMENTS_PROBLEM_WORDS[screen.problem])]} />
      <dl className="facts fill">
        {screen.documents.map((d) => (
          <Fragment key={d.documentId}>
            <dt>{documentName(t, d)}</dt>
            <dd>{t('addDocumentsPages', { pages: d.pages })}</dd>
          </Fragment>
        ))}
      </dl>
    </Screen>
  );
}

export function AddDocumentsReceipt({
  t,
  send,
  screen,
}: ScreenProps & { screen: Of<'addDocumentsReceipt'> }) {
  const words = {
    accepted: ['addDocumentsAccepted', 'addDocumentsAcceptedLead'],
    pending: ['addDocumentsPending', 'addDocumentsPendingLead'],
    rejected: ['addDocumentsRejected', 'addDocumentsRejectedLead'],
  } as const;
  const [title, lead] = words[screen.state];
  return (
    <Screen
      title={t(title)}
      tone={screen.state === 'rejected' ? 'failure' : 'success'}
      live="status"
      actions={{
        primary: { label: t('addDocumentsSeeProgress'), onClick: () => send({ type: 'DONE' }) },
      }}
    >
      <p className="lead">{t(lead)}</p>
      {screen.trackingCode && <p>{t('progressCode', { code: screen.trackingCode })}</p>}
      <p>{t('addDocumentsSerial', { serial: screen.serial })}</p>
    </Screen>
  );
}
