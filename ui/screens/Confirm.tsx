import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { BILLER_ICONS } from '../design/icons';
import { Screen } from '../design/Screen';
import { ChangeNote } from './ChangeNote';
import { Money } from './Money';
import type { ScreenProps } from './types';
import { AccountNumber } from './AccountNumber';

type ConfirmScreen = Extract<KioskScreen, { name: 'confirm' }>;

/** Amount, payee, account and method once more before any money moves (R9). */
export function Confirm({ t, send, screen }: ScreenProps & { screen: ConfirmScreen }) {
  return (
    <Screen
      title={t('confirmTitle')}
      icon={BILLER_ICONS[screen.biller.kind]}
      actions={{
        primary: { label: t('confirmPay'), onClick: () => send({ type: 'CONFIRM' }) },
        secondary: [{ label: t('change'), onClick: () => send({ type: 'BACK' }) }],
      }}
    >
      <p className="amount-card">
        <span className="amount-label">{t('amountDue')}</span>{' '}
        <Money t={t} fen={screen.amountDue} size="huge" testId="confirm-amount" />
      </p>
      {screen.scope === 'overdue' && <p>{t('confirmOverdueOnly')}</p>}
      <dl className="facts fill">
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
    </Screen>
  );
}
