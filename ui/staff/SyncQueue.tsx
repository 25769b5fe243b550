import type { StaffView } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import type { ScreenProps } from '../screens/types';
import { DeskOutcome, StaffToolbar } from './StaffParts';
import { clockTime } from './staff-words';

type SyncView = Extract<StaffView, { name: 'syncQueue' }>;

/** Payments taken and not yet written off: their age, tries and last problem; try again now. */
export function SyncQueue({ t, send, view }: ScreenProps & { view: SyncView }) {
  return (
    <section className="screen staff-screen">
      <h1>{t('syncTitle')}</h1>
      <DeskOutcome t={t} result={view.lastResult} />
      {view.payments.length === 0 ? (
        <p role="status">{t('syncNone')}</p>
      ) : (
        <>
          {/* Above the list, where it stays put while the list's figures change. */}
          <div className="actions">
            <button
              className="button primary"
              onClick={() => send({ type: 'STAFF_TRY_NOW', agentSerial: null })}
            >
              {t('syncTryAll')}
            </button>
          </div>
          <ul className="item-list">
            {view.payments.map((p) => (
              <li key={p.agentSerial} className="item" aria-label={p.agentSerial}>
                <p>
                  {t('syncRow', {
                    biller: p.billerName,
                    account: p.account,
                    amount: formatYuan(p.amount),
                    minutes: p.ageMinutes,
                    attempts: p.attempts,
                  })}
                </p>
                {p.lastError && <p>{t('syncLastError', { error: p.lastError })}</p>}
                {p.retryAfterUntil !== null && (
                  <p>{t('syncWaitUntil', { time: clockTime(p.retryAfterUntil) })}</p>
                )}
                <button
                  className="button secondary"
                  onClick={() => send({ type: 'STAFF_TRY_NOW', agentSerial: p.agentSerial })}
                >
                  {t('syncTryNow')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <StaffToolbar t={t} send={send} />
    </section>
  );
}
