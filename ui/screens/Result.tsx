import type { Screen } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import { Money } from './Money';
import { QrCode } from './QrCode';
import { Receipt } from './Receipt';
import type { ScreenProps } from './types';

type ResultScreen = Extract<Screen, { name: 'paid' | 'pendingSync' }>;

/** Paid, or money safely taken with the write-off still pending: both end the visit calmly. */
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
          <div className="actions">
            <button className="button primary" onClick={() => send({ type: 'DONE' })}>
              {t('done')}
            </button>
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
