import type { ReceiptDelivery, Screen } from '../../src/api/kiosk-api';
import { AccountNumber } from './AccountNumber';
import { Alerts } from './Alerts';
import { ChangeNote } from './ChangeNote';
import { whyTotal } from './pay-words';
import { Money } from './Money';
import { Decide } from './Decide';
import type { ScreenProps } from './types';

type BillsScreen = Extract<Screen, { name: 'bills' }>;

export function Bills({
  t,
  send,
  screen,
  receipts,
}: ScreenProps & { screen: BillsScreen; receipts: ReceiptDelivery }) {
  const { quote } = screen;
  const why = whyTotal(screen);
  const overdueChosen = screen.scope === 'overdue';
  return (
    <section className="screen">
      <h1>
        {t.kind(screen.biller.kind)} · <AccountNumber account={quote.account} />
      </h1>
      <Decide
        actions={
          <>
            <button className="button primary" onClick={() => send({ type: 'PAY_CASH' })}>
              {t('payCash')}
            </button>
            <button className="button primary" onClick={() => send({ type: 'PAY_QR' })}>
              {t('payQr')}
            </button>
            {screen.overdueOnly !== null && (
              <button
                className="button secondary"
                onClick={() =>
                  send({ type: 'CHOOSE_SCOPE', scope: overdueChosen ? 'all' : 'overdue' })
                }
              >
                {t(overdueChosen ? 'payAllBills' : 'payOverdueOnly')}
              </button>
            )}
            <button className="button secondary" onClick={() => send({ type: 'BACK' })}>
              {t('back')}
            </button>
          </>
        }
      >
        <p className="facts-line">
          <span>{t('billsFor', { holder: quote.holder })}</span>
          <span>{t('address', { address: quote.address })}</span>
        </p>
        <ul className="bills">
          {quote.bills.map((b) => (
            <li key={b.billId} className="bill">
              <span className="bill-period">{t('period', { period: b.period })}</span>
              <span className="bill-due">{t('dueDate', { date: t.day(b.dueDate) })}</span>
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
        <Alerts messages={[screen.requoted && t('requoted')]} />
        <p className="total">
          {t('totalDue')} <Money t={t} fen={quote.totalDue} testId="total-due" />
        </p>
        {why && <p>{t(why)}</p>}
        {overdueChosen && (
          <p className="total">
            {t('payNowOverdue')} <Money t={t} fen={screen.amountToPay} testId="amount-to-pay" />
          </p>
        )}
        <ChangeNote t={t} cash={screen.cash} amount={screen.amountToPay} />
        {receipts === 'screen' && <p role="note">{t('receiptOnScreen')}</p>}
      </Decide>
    </section>
  );
}
