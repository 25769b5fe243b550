// Applying for a service: whose account (typed on the kiosk's keypad, a bill held to the
// scanner, or a card; its company chosen first when the service's kind has more than one), and
// the holder as the company gives it — the applicant's name is confirmed here, never typed.
import type { Key, Screen as KioskScreen } from '../../src/api/kiosk-api';
import { BILLER_ICONS } from '../design/icons';
import { Screen } from '../design/Screen';
import { AccountNumber } from './AccountNumber';
import { Alerts } from './Alerts';
import { DigitKeypad } from './DigitKeypad';
import { APPLY_PROBLEM_WORDS, local } from './application-words';
import type { ScreenProps } from './types';

type AccountScreen = Extract<KioskScreen, { name: 'applicationAccount' }>;
type ConfirmScreen = Extract<KioskScreen, { name: 'applicationAccountConfirm' }>;

export function ApplicationAccount({ t, send, screen }: ScreenProps & { screen: AccountScreen }) {
  const choosing = screen.billers.length > 1;
  return (
    <Screen
      title={t('applyAccountTitle')}
      icon={BILLER_ICONS[screen.service.billerKind]}
      actions={{
        primary: {
          label: t('confirm'),
          disabled: screen.digits.length === 0 || screen.billerId === null,
          onClick: () => send({ type: 'SUBMIT_ACCOUNT' }),
        },
        secondary: [{ label: t('back'), onClick: () => send({ type: 'BACK' }) }],
      }}
    >
      <div className="columns">
        <div className="column fixed">
          <p>{local(t, screen.service.name)}</p>
          {choosing && (
            <div className="biller-choice" role="group" aria-label={t('applyChooseBiller')}>
              {screen.billers.map((b) => (
                <button
                  key={b.id}
                  className="button secondary"
                  aria-pressed={b.id === screen.billerId}
                  onClick={() => send({ type: 'CHOOSE_BILLER', billerId: b.id })}
                >
                  {local(t, b.name)}
                </button>
              ))}
            </div>
          )}
          {!screen.problem && screen.accountLength && (
            <p>{t('accountDigits', { count: screen.accountLength })}</p>
          )}
          <output className="account-digits" aria-label={t('accountEntered')}>
            {screen.digits ? <AccountNumber account={screen.digits} /> : '\u00a0'}
          </output>
          {!screen.problem && <p>{t('applyAccountHint')}</p>}
          <Alerts messages={[screen.problem && t(APPLY_PROBLEM_WORDS[screen.problem])]} />
        </div>
        <DigitKeypad t={t} onKey={(key: Key) => send({ type: 'KEY', key })} />
      </div>
    </Screen>
  );
}

export function ApplicationAccountConfirm({
  t,
  send,
  screen,
}: ScreenProps & { screen: ConfirmScreen }) {
  return (
    <Screen
      title={t('applyConfirmTitle')}
      actions={{
        primary: { label: t('confirm'), onClick: () => send({ type: 'CONFIRM' }) },
        secondary: [{ label: t('back'), onClick: () => send({ type: 'BACK' }) }],
      }}
    >
      <p className="lead">{local(t, screen.billerName)}</p>
      <dl className="facts">
        <dt>{t('account')}</dt>
        <dd>
          <AccountNumber account={screen.account} />
        </dd>
        <dt>{t('holder')}</dt>
        <dd>{screen.holder}</dd>
        <dt>{t('applyAddressLabel')}</dt>
        <dd>{screen.address}</dd>
      </dl>
      <p>{t('applyConfirmLead')}</p>
    </Screen>
  );
}
