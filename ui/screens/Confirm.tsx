import type { Screen } from '../../src/api/kiosk-api';
import { AccountNumber } from './AccountNumber';
import { ChangeNote } from './ChangeNote';
import { Money } from './Money';
import { Decide } from './Decide';
import type { ScreenProps } from './types';

type ConfirmScreen = Extract<Screen, { name: 'confirm' }>;

/** Amount, payee, account and method once more before any money moves (R9). */
export function Confirm({ t, send, screen }: ScreenProps & { screen: ConfirmScreen }) {
  return (
    <section className="screen">
      <h1>{t('confirmTitle')}</h1>
      <Decide
        actions={
          <>
            <button className="button primary" onClick={() => send({ type: 'CONFIRM' })}>
              {t('confirmPay')}
            </button>
            <button className="button secondary" onClick={() => send({ type: 'BACK' })}>
              {t('change')}
            </button>
          </>
        }
      >
        <p className="amount-large">
          {t('amountDue')} <Money t={t} fen={screen.amountDue} testId="confirm-amount" />
        </p>
        {screen.scope === 'overdue' && <p>{t('confirmOverdueOnly')}</p>}
        <dl className="facts">
          <dt>{t('payee')}</dt>
          <dd>{screen.biller.name[t.locale]}</dd>
          <dt>{t('account')}</dt>
          <dd className="account-number">
            <AccountNumber account={screen.account} />
          </dd>
          <dt>{t('holder')}</dt>
          <dd>{screen.holder}</dd>
          <dt>{t('method')}</dt>
          <dd>{t(screen.method === 'cash' ? 'methodCash' : 'methodQr')}</dd>
        </dl>
        {screen.method === 'cash' && (
          <ChangeNote t={t} cash={screen.cash} amount={screen.amountDue} />
        )}
      </Decide>
    </section>
  );
}
