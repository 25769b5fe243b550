import type { StaffView } from '../../src/api/kiosk-api';
import type { ScreenProps } from '../screens/types';
import { CareChart } from './CareChart';
import { DeskOutcome, StaffToolbar } from './StaffParts';
import { CARE_KIND, CARE_OUTCOME, careFigures } from './staff-words';

type CareView = Extract<StaffView, { name: 'care' }>;
type Alert = CareView['alerts'][number];

function AlertHead({ t, alert }: Pick<ScreenProps, 't'> & { alert: Alert }) {
  return (
    <>
      <h2>
        {t(CARE_KIND[alert.kind])} · {t('careSince', { day: t.day(alert.since) })}
      </h2>
      <p>
        {alert.label} · {alert.holder} · {alert.contact}
      </p>
      <p>{careFigures(t, alert)}</p>
      {alert.outcome && (
        <p className="care-recorded">
          {t('careRecorded', { outcome: t(CARE_OUTCOME[alert.outcome]) })}
        </p>
      )}
    </>
  );
}

/**
 * Care for elders living alone: the open alerts of enrolled households (masked as the contract
 * gives them), one alert with its household's 30-day chart, and the outcome recorded.
 */
export function Care({ t, send, view }: ScreenProps & { view: CareView }) {
  const chosen = view.chosen;
  return (
    <section className="screen staff-screen care">
      <h1>{t('careTitle')}</h1>
      {view.step === 'loading' ? (
        <p role="status">{t('careLoading')}</p>
      ) : view.problem ? (
        <p role="status">{t('careProblem')}</p>
      ) : chosen ? (
        <div className="care-alert">
          <div className="care-main">
            <div className="item" data-kind={chosen.kind}>
              <AlertHead t={t} alert={chosen} />
            </div>
            <CareChart t={t} readings={view.readings} />
          </div>
          <div className="care-side">
            <DeskOutcome t={t} result={view.lastResult} />
            <h2>{t('careRecordTitle')}</h2>
            <div className="actions care-outcomes">
              {view.outcomes.map((outcome) => (
                <button
                  key={outcome}
                  className={outcome === chosen.outcome ? 'button primary' : 'button secondary'}
                  aria-pressed={outcome === chosen.outcome}
                  onClick={() =>
                    send({
                      type: 'STAFF_CARE',
                      action: 'outcome',
                      alertId: chosen.alertId,
                      outcome,
                    })
                  }
                >
                  {t(CARE_OUTCOME[outcome])}
                </button>
              ))}
            </div>
            <div className="actions">
              <button
                className="button secondary"
                onClick={() => send({ type: 'STAFF_CARE', action: 'list' })}
              >
                {t('careBackToList')}
              </button>
            </div>
          </div>
        </div>
      ) : (
        <>
          <p role="status">
            {view.alerts.length === 0
              ? t('careNone')
              : t('careCount', { alerts: view.alerts.length, households: view.households })}
          </p>
          <ul className="item-list">
            {view.alerts.map((alert) => (
              <li key={alert.alertId} className="item" data-kind={alert.kind}>
                <AlertHead t={t} alert={alert} />
                <div className="actions">
                  <button
                    className="button primary"
                    onClick={() =>
                      send({ type: 'STAFF_CARE', action: 'choose', alertId: alert.alertId })
                    }
                  >
                    {t('careOpen')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {!chosen && view.step !== 'loading' && (
        <div className="actions">
          <button
            className="button secondary"
            onClick={() => send({ type: 'STAFF_CARE', action: 'refresh' })}
          >
            {t('careRefresh')}
          </button>
        </div>
      )}
      <StaffToolbar t={t} send={send} />
    </section>
  );
}
