import type { ReceiptDelivery, Screen } from '../../src/api/kiosk-api';
import { Money } from './Money';
import type { ScreenProps } from './types';

type BillsScreen = Extract<Screen, { name: 'bills' }>;

export function Bills({
  t,
  send,
  screen,
  receipts,
}: ScreenProps & { screen: BillsScreen; receipts: ReceiptDelivery }) {
  const { quote } = screen;
  return (
    <section className="screen">
      <h1>
        {t.kind(screen.biller.kind)} · {quote.account}
      </h1>
      <p>{t('billsFor', { holder: quote.holder })}</p>
      <p>{t('address', { address: quote.address })}</p>
      <ul className="bills">
        {quote.bills.map((b) => (
          <li key={b.billId} className="bill">
            <span className="bill-period">{t('period', { period: b.period })}</span>
            <span>
              {t('principal')} <Money t={t} fen={b.principal} />
            </span>
            {b.lateFee > 0 && (
              <span className="late-fee">
                {t('lateFee')} <Money t={t} fen={b.lateFee} /> (
                {t('daysOverdue', { days: b.daysOverdue })})
              </span>
            )}
          </li>
        ))}
      </ul>
      <p className="total">
        {t('totalDue')} <Money t={t} fen={quote.totalDue} testId="total-due" />
      </p>
      {receipts === 'screen' && <p role="note">{t('receiptOnScreen')}</p>}
      <div className="actions">
        <button className="button secondary" onClick={() => send({ type: 'BACK' })}>
          {t('back')}
        </button>
        <button className="button primary" onClick={() => send({ type: 'PAY_CASH' })}>
          {t('payCash')}
        </button>
      </div>
    </section>
  );
}
