import type { Screen } from '../../src/api/kiosk-api';
import { AccountNumber } from './AccountNumber';
import { Alerts } from './Alerts';
import { Decide } from './Decide';
import { DEAD_END } from './problem-words';
import type { ScreenProps } from './types';

type ProblemScreen = Extract<Screen, { name: 'problem' }>;

/** Why she cannot go on, in plain words, and what she can do next. */
export function Problem({ t, send, screen }: ScreenProps & { screen: ProblemScreen }) {
  const deadEnd = DEAD_END[screen.problem];
  const hall = screen.serviceHall;
  return (
    <section className="screen">
      <h1>{t(deadEnd?.title ?? 'problemTitle')}</h1>
      <Decide
        actions={
          <>
            <button className="button primary" onClick={() => send({ type: 'DONE' })}>
              {t('home')}
            </button>
            {screen.canRetype && (
              <button className="button secondary" onClick={() => send({ type: 'BACK' })}>
                {t('retypeAccount')}
              </button>
            )}
            <button className="button secondary" onClick={() => send({ type: 'CALL_STAFF' })}>
              {t('callStaff')}
            </button>
          </>
        }
      >
        {screen.account && (
          <dl className="facts">
            <dt>{t('account')}</dt>
            <dd className="account-number">
              <AccountNumber account={screen.account} />
            </dd>
          </dl>
        )}
        <Alerts messages={[t.problem(screen.problem)]} />
        {deadEnd && (
          <div className="service-hall">
            <p>{t(deadEnd.next)}</p>
            {hall && (
              <>
                <p>{t('hallName', { name: hall.name[t.locale] })}</p>
                <p>{t('hallAddress', { address: hall.address[t.locale] })}</p>
                {hall.hours && <p>{t('hallHours', { hours: hall.hours[t.locale] })}</p>}
              </>
            )}
          </div>
        )}
      </Decide>
    </section>
  );
}
