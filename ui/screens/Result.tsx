import type { Screen } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import { Money } from './Money';
import { QrCode } from './QrCode';
import { Receipt } from './Receipt';
import type { ScreenProps } from './types';

type ResultScreen = Extract<Screen, { name: 'paid' | 'pendingSync' }>;

/**
 * Paid, or money safely taken with the write-off still pending: both end the visit calmly. No
 * paper receipt (the printer could not print): the e-receipt as a QR, and for a resident without
 * a smartphone, staff called to print her a copy.
 */
export function Result({ t, send, screen }: ScreenProps & { screen: ResultScreen }) {
  const paid = screen.name === 'paid';
  return (
    <section className="screen">
      <div role="status">
        <h1>{t(paid ? 'paid' : 'pendingSync')}</h1>
      </div>
      <div className="beside">
        <div className="beside-main">
          <p className="total">
            {t(screen.method === 'qr' ? 'paidByPhone' : 'collected')}{' '}
            <Money t={t} fen={screen.collected} testId="result-collected" />
          </p>
          {paid && screen.prepaidCredited > 0 && (
            <p>{t('prepaid', { amount: formatYuan(screen.prepaidCredited) })}</p>
          )}
          {!paid && <p>{t('pendingSyncLead')}</p>}
          {screen.printed && <p>{t('takeReceipt')}</p>}
          {screen.copyAsked && <p role="status">{t('copyAsked')}</p>}
          <div className="actions">
            <button className="button primary" onClick={() => send({ type: 'DONE' })}>
              {t('done')}
            </button>
            {!screen.printed && !screen.copyAsked && (
              <button
                className="button secondary"
                onClick={() => send({ type: 'ASK_PRINTED_COPY' })}
              >
                {t('askPrintedCopy')}
              </button>
            )}
          </div>
        </div>
        {!screen.printed && screen.eReceiptUrl && (
          <div className="e-receipt">
            <p role="note">{t('eReceiptLead')}</p>
            <QrCode url={screen.eReceiptUrl} label={t('eReceipt')} className="e-receipt-qr" />
          </div>
        )}
        <Receipt t={t} lines={screen.receiptLines} />
      </div>
    </section>
  );
}
