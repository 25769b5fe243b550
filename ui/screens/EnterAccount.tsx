import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { BILLER_ICONS } from '../design/icons';
import { Screen } from '../design/Screen';
import { Alerts } from './Alerts';
import type { ScreenProps } from './types';
import { AccountNumber } from './AccountNumber';
import { DigitKeypad } from './DigitKeypad';

type EnterAccountScreen = Extract<KioskScreen, { name: 'enterAccount' }>;

/** The keypad beside the number on a wide screen, below it on a tall one. */
export function EnterAccount({ t, send, screen }: ScreenProps & { screen: EnterAccountScreen }) {
  return (
    <Screen
      title={
        <>
          {t.kind(screen.biller.kind)} · {t('enterAccount')}
        </>
      }
      icon={BILLER_ICONS[screen.biller.kind]}
      actions={{
        primary: {
          label: t('confirm'),
          disabled: screen.digits.length === 0,
          onClick: () => send({ type: 'SUBMIT_ACCOUNT' }),
        },
        secondary: [{ label: t('back'), onClick: () => send({ type: 'BACK' }) }],
      }}
    >
      <div className="columns">
        <div className="column fixed">
          {screen.biller.accountLength && (
            <p>{t('accountDigits', { count: screen.biller.accountLength })}</p>
          )}
          <output className="account-digits" aria-label={t('accountEntered')}>
            {screen.digits ? <AccountNumber account={screen.digits} /> : '\u00a0'}
          </output>
          <Alerts messages={[screen.problem && t.problem(screen.problem)]} />
        </div>
        <DigitKeypad t={t} onKey={(k) => send({ type: 'KEY', key: k })} />
      </div>
    </Screen>
  );
}
