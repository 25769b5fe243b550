import type { Screen } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import { EReceiptQr } from './EReceiptQr';
import { Money } from './Money';
import type { ScreenProps } from './types';

type ResultScreen = Extract<Screen, { name: 'paid' | 'pendingSync' }>;

/** Paid, or money safely taken with the write-off still pending: both end the visit calmly. */
export function Result({ t, send, screen }: ScreenProps & { screen: ResultScreen }) {
  const paid = screen.name === 'paid';
  return (
    <section className="screen">
      <h1 role="status">{t(paid ? 'paid' : 'pendingSync')}</h1>
      <p className="total">
        {t('collected')} <Money t={t} fen={screen.collected} testId="result-collected" />
      </p>
      {paid && screen.prepaidCredited > 0 && (
        <p>{t('prepaid', { amount: formatYuan(screen.prepaidCredited) })}</p>
      )}
      {!paid && <p>{t('pendingSyncLead')}</p>}
      {screen.printed ? (
        <p>{t('takeReceipt')}</p>
      ) : (
        screen.eReceiptUrl && (
          <div className="e-receipt">
            <p role="note">{t('eReceiptLead')}</p>
            <EReceiptQr url={screen.eReceiptUrl} label={t('eReceipt')} />
          </div>
        )
      )}
      <figure className="receipt" aria-label={t('receipt')}>
        {screen.receiptLines.map((line, i) => (
          <div key={i}>{line}</div>
        ))}
      </figure>
      <div className="actions">
        <button className="button primary" onClick={() => send({ type: 'DONE' })}>
          {t('done')}
        </button>
      </div>
    </section>
  );
}
