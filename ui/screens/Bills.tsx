import type { ReceiptDelivery, Screen as KioskScreen } from '../../src/api/kiosk-api';
import { BILLER_ICONS, SERVICE_ICONS } from '../design/icons';
import { Screen } from '../design/Screen';
import { Tile, Tiles } from '../design/Tile';
import { Alerts } from './Alerts';
import { ChangeNote } from './ChangeNote';
import { Money } from './Money';
import { whyTotal } from './pay-words';
import type { ScreenProps } from './types';
import { AccountNumber } from './AccountNumber';

type BillsScreen = Extract<KioskScreen, { name: 'bills' }>;

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
    <Screen
      title={
        <>
          {t.kind(screen.biller.kind)} · <AccountNumber account={quote.account} />
        </>
      }
      icon={BILLER_ICONS[screen.biller.kind]}
      className="bills-screen"
      actions={{
        none: 'choice',
        secondary: [
          ...(screen.overdueOnly !== null
            ? [
                {
                  label: t(overdueChosen ? 'payAllBills' : 'payOverdueOnly'),
                  onClick: () =>
                    send({ type: 'CHOOSE_SCOPE', scope: overdueChosen ? 'all' : 'overdue' }),
                },
              ]
            : []),
          { label: t('back'), onClick: () => send({ type: 'BACK' }) },
        ],
      }}
    >
      <div className="columns">
        <div className="column fixed">
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
          <ChangeNote t={t} cash={screen.cash} amount={screen.amountToPay} />
        </div>
        <div className="column">
          <Alerts messages={[screen.requoted && t('requoted')]} />
          <p className="total amount-card">
            {t('totalDue')} <Money t={t} fen={quote.totalDue} size="large" testId="total-due" />
          </p>
          {overdueChosen && (
            <p className="total">
              {t('payNowOverdue')} <Money t={t} fen={screen.amountToPay} testId="amount-to-pay" />
            </p>
          )}
          {why && <p>{t(why)}</p>}
          {receipts === 'screen' && <p role="note">{t('receiptOnScreen')}</p>}
        </div>
      </div>
      {/* The two ways to pay side by side under the facts, across the whole width. */}
      <Tiles count={2}>
        <Tile
          icon={SERVICE_ICONS.cash}
          label={t('payCash')}
          onClick={() => send({ type: 'PAY_CASH' })}
        />
        <Tile icon={SERVICE_ICONS.qr} label={t('payQr')} onClick={() => send({ type: 'PAY_QR' })} />
      </Tiles>
    </Screen>
  );
}
