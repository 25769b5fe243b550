// The VAT invoice's two captures: payment evidence on the document camera (months paid
// elsewhere), and the company's e-mail on the on-screen keyboard (Latin layout).
import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { DocumentCamera } from '../camera/DocumentCamera';
import { Screen } from '../design/Screen';
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

export function InvoiceEmail({ t, send, screen }: ScreenProps & { screen: Of<'invoiceEmail'> }) {
  return (
    <Screen
      title={t('invoiceEmailTitle')}
      actions={{
        primary: {
          label: t('nextStep'),
          onClick: () => send({ type: 'INVOICE_EMAIL', email: screen.email }),
        },
        secondary: [{ label: t('back'), onClick: () => send({ type: 'BACK' }) }],
      }}
    >
      <output className="account-digits">{screen.email || '\u00a0'}</output>
    </Screen>
  );
}
