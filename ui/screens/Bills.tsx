import type { ReceiptDelivery, Screen as KioskScreen } from '../../src/api/kiosk-api';
import { BILLER_ICONS, SERVICE_ICONS } from '../design/icons';
import { Screen } from '../design/Screen';
import { Tile, Tiles } from '../design/Tile';
import { Alerts } from './Alerts';
import { Money } from './Money';
import type { ScreenProps } from './types';

type BillsScreen = Extract<KioskScreen, { name: 'bills' }>;

export function Bills({
  t,
  send,
  screen,
  receipts,
}: ScreenProps & { screen: BillsScreen; receipts: ReceiptDelivery }) {
  const { quote } = screen;
  return (
    <Screen
      title={
        <>
          {t.kind(screen.biller.kind)} · {quote.account}
        </>
      }
      icon={BILLER_ICONS[screen.biller.kind]}
      actions={{
        none: 'choice',
        secondary: [{ label: t('back'), onClick: () => send({ type: 'BACK' }) }],
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
          {receipts === 'screen' && <p role="note">{t('receiptOnScreen')}</p>}
        </div>
        <div className="column">
          <p className="total amount-card">
            {t('totalDue')} <Money t={t} fen={quote.totalDue} size="large" testId="total-due" />
          </p>
          <Tiles count={2}>
            <Tile
              icon={SERVICE_ICONS.cash}
              label={t('payCash')}
              onClick={() => send({ type: 'PAY_CASH' })}
            />
            <Tile
              icon={SERVICE_ICONS.qr}
              label={t('payQr')}
              onClick={() => send({ type: 'PAY_QR' })}
            />
          </Tiles>
        </div>
      </div>
    </Screen>
  );
}
