// The VAT invoice's two captures: payment evidence on the document camera (months paid
// elsewhere), and the company's e-mail on the on-screen keyboard (Latin layout).
import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { Screen } from '../design/Screen';
import type { ScreenProps } from './types';

type Of<N extends KioskScreen['name']> = Extract<KioskScreen, { name: N }>;

export function InvoiceEvidence({ t, send }: ScreenProps & { screen: Of<'invoiceEvidence'> }) {
  return (
    <Screen
      title={t('invoiceEvidenceTitle')}
      actions={{
        none: 'device',
        secondary: [{ label: t('back'), onClick: () => send({ type: 'BACK' }) }],
      }}
    >
      <p className="lead">{t('invoiceEvidenceLead')}</p>
      <p>{t('invoiceEvidenceLabel')}</p>
    </Screen>
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
