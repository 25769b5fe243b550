// The VAT invoice's read-only screens: the company from the tax register (confirmed, never
// typed), everything once more before it is sent, and the receipt with the request's serial as
// text and QR (or why it was refused).
import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { Screen } from '../design/Screen';
import { AccountNumber } from './AccountNumber';
import { Alerts } from './Alerts';
import { INVOICE_PROBLEM_WORDS, deliveryText, groupedValue, monthsText } from './invoice-words';
import { QrCode } from './QrCode';
import type { ScreenProps } from './types';

type Of<N extends KioskScreen['name']> = Extract<KioskScreen, { name: N }>;

export function InvoiceTitle({ t, send, screen }: ScreenProps & { screen: Of<'invoiceTitle'> }) {
  const b = screen.buyer;
  return (
    <Screen
      title={t('invoiceTitleTitle')}
      actions={{
        primary: { label: t('invoiceTitleRight'), onClick: () => send({ type: 'SERVICE_NEXT' }) },
        secondary: [{ label: t('back'), onClick: () => send({ type: 'BACK' }) }],
      }}
    >
      <p>{t('invoiceTitleLead')}</p>
      <dl className="facts fill">
        <dt>{t('invoiceCompanyName')}</dt>
        <dd>{b.name}</dd>
        <dt>{t('invoiceTaxId')}</dt>
        <dd className="account-number">{groupedValue('taxId', b.taxId)}</dd>
        <dt>{t('invoiceCompanyAddress')}</dt>
        <dd>{b.address}</dd>
        <dt>{t('invoiceCompanyPhone')}</dt>
        <dd>{b.phone}</dd>
        <dt>{t('invoiceBank')}</dt>
        <dd>{b.bank}</dd>
        <dt>{t('invoiceBankAccount')}</dt>
        <dd>{b.bankAccount}</dd>
      </dl>
    </Screen>
  );
}

export function InvoiceReview({ t, send, screen }: ScreenProps & { screen: Of<'invoiceReview'> }) {
  return (
    <Screen
      title={t('invoiceReviewTitle')}
      actions={{
        primary: { label: t('invoiceSubmit'), onClick: () => send({ type: 'SERVICE_NEXT' }) },
        secondary: [{ label: t('change'), onClick: () => send({ type: 'BACK' }) }],
      }}
    >
      <Alerts messages={[screen.problem && t(INVOICE_PROBLEM_WORDS[screen.problem])]} />
      <dl className="facts fill">
        <dt>{t('invoiceAccount')}</dt>
        <dd className="account-number">
          <AccountNumber account={screen.account} />
        </dd>
        <dt>{t('invoicePeriods')}</dt>
        <dd>{monthsText(t, screen.periods)}</dd>
        {screen.evidencePages > 0 && (
          <>
            <dt>{t('invoiceEvidence')}</dt>
            <dd>{t('invoiceEvidencePages', { count: screen.evidencePages })}</dd>
          </>
        )}
        <dt>{t('invoiceType')}</dt>
        <dd>{t(screen.type === 'special' ? 'invoiceTypeSpecial' : 'invoiceTypeNormal')}</dd>
        <dt>{t('invoiceCompany')}</dt>
        <dd>{screen.buyer.name}</dd>
        <dt>{t('invoiceDelivery')}</dt>
        <dd>{deliveryText(t, screen.delivery)}</dd>
        <dt>{t('invoicePhone')}</dt>
        <dd className="account-number">{groupedValue('phone', screen.phone)}</dd>
      </dl>
    </Screen>
  );
}

export function InvoiceReceipt({
  t,
  send,
  screen,
}: ScreenProps & { screen: Of<'invoiceReceipt'> }) {
  const refused = screen.state === 'rejected';
  const title =
    screen.state === 'accepted'
      ? 'invoiceReceiptAccepted'
      : screen.state === 'pending'
        ? 'invoiceReceiptPending'
        : 'invoiceReceiptRejected';
  const d = screen.delivery;
  return (
    <Screen
      title={t(title)}
      tone={refused ? 'failure' : 'success'}
      live="status"
      actions={{ primary: { label: t('done'), onClick: () => send({ type: 'DONE' }) } }}
    >
      {refused ? (
        <Alerts messages={[screen.problem && t(INVOICE_PROBLEM_WORDS[screen.problem])]} />
      ) : (
        <div className="columns">
          <div className="column">
            <p className="lead">{t('invoiceReceiptSerial', { serial: screen.serial })}</p>
            <p>{monthsText(t, screen.periods)}</p>
            <p>
              {'pickup' in d
                ? t('invoiceReceiptPickup', { name: d.pickup.name[t.locale] })
                : t('invoiceReceiptEmail', { email: d.email })}
            </p>
            {screen.state === 'pending' && <p>{t('invoiceReceiptPendingLead')}</p>}
            <p>{t('invoiceReceiptKeep')}</p>
          </div>
          <QrCode url={screen.qr} label={t('invoiceQrLabel')} className="e-receipt-qr" />
        </div>
      )}
    </Screen>
  );
}
