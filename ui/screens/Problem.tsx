import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { TONE_ICONS } from '../design/icons';
import { Screen } from '../design/Screen';
import { AccountNumber } from './AccountNumber';
import { Alerts } from './Alerts';
import { DEAD_END } from './problem-words';
import type { ScreenProps } from './types';

type ProblemScreen = Extract<KioskScreen, { name: 'problem' }>;

const Attention = TONE_ICONS.attention;

/**
 * Why she cannot go on, in plain words, and what she can do next. An account the kiosk cannot
 * take (locked, nothing due) says which account and where to go instead (the service hall), and
 * offers another account and a person.
 */
export function Problem({ t, send, screen }: ScreenProps & { screen: ProblemScreen }) {
  const deadEnd = DEAD_END[screen.problem];
  const hall = screen.serviceHall;
  return (
    <Screen
      title={t(deadEnd?.title ?? 'problemTitle')}
      tone={screen.problem === 'nothing_due' ? 'info' : 'failure'}
      actions={{
        primary: { label: t('home'), onClick: () => send({ type: 'DONE' }) },
        secondary: [
          ...(screen.canRetype
            ? [{ label: t('retypeAccount'), onClick: () => send({ type: 'BACK' }) }]
            : []),
          { label: t('callStaff'), onClick: () => send({ type: 'CALL_STAFF' }) },
        ],
      }}
    >
      {deadEnd ? (
        <>
          {screen.account && (
            <dl className="facts">
              <dt>{t('account')}</dt>
              <dd className="account-number">
                <AccountNumber account={screen.account} />
              </dd>
            </dl>
          )}
          <Alerts messages={[t.problem(screen.problem)]} />
          <div className="service-hall">
            <p className="lead">{t(deadEnd.next)}</p>
            {hall && (
              <>
                <p>
                  {t('hallWhere', { name: hall.name[t.locale], address: hall.address[t.locale] })}
                </p>
                {hall.hours && <p>{t('hallHours', { hours: hall.hours[t.locale] })}</p>}
              </>
            )}
          </div>
        </>
      ) : (
        <>
          <Alerts messages={[t.problem(screen.problem)]} />
          <div className="pictogram-big tone-failure">
            <Attention />
          </div>
        </>
      )}
    </Screen>
  );
}
