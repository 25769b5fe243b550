// The VAT invoice's two captures: payment evidence on the document camera (months paid
// elsewhere), and the company's e-mail on the on-screen keyboard (Latin layout).
import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { useState } from 'react';
import { DocumentCamera } from '../camera/DocumentCamera';
import { Screen } from '../design/Screen';
import { TextKeyboard } from '../keyboard/TextKeyboard';
import type { ScreenProps } from './types';

type Of<N extends KioskScreen['name']> = Extract<KioskScreen, { name: N }>;

/** The document the flow takes the photos as (src/flows/vat-invoice: EVIDENCE_DOCUMENT). */
const EVIDENCE = 'payment-evidence';

export function InvoiceEvidence({ t, send }: ScreenProps & { screen: Of<'invoiceEvidence'> }) {
  return (
    <DocumentCamera
      lang={t.locale}
      label={t('invoiceEvidenceLabel')}
      pages={{ min: 1, max: 4 }}
      onDone={(photoIds) => send({ type: 'DOCUMENT_PHOTOS', documentId: EVIDENCE, photoIds })}
      onCancel={() => send({ type: 'BACK' })}
    />
  );
}

/** An e-mail is at most this long (the contract's schema checks it again). */
const EMAIL_MAX = 60;

export function InvoiceEmail({ t, send, screen }: ScreenProps & { screen: Of<'invoiceEmail'> }) {
  const [email, setEmail] = useState(screen.email);
  const next = () => send({ type: 'INVOICE_EMAIL', email: email.trim() });
  return (
    // Refused (the flow keeps what was sent only then): the title says why, as an alert.
    <Screen
      title={t(screen.email === '' ? 'invoiceEmailTitle' : 'invoiceEmailBad')}
      live={screen.email === '' ? undefined : 'alert'}
      actions={{
        primary: { label: t('nextStep'), disabled: email.trim() === '', onClick: next },
        secondary: [{ label: t('back'), onClick: () => send({ type: 'BACK' }) }],
      }}
    >
      <TextKeyboard
        lang={t.locale}
        value={email}
        maxLength={EMAIL_MAX}
        onChange={setEmail}
        onDone={next}
        layout="email"
      />
    </Screen>
  );
}
