import type { Screen } from '../../src/api/kiosk-api';
import type { ScreenProps } from './types';

type StaffHelpScreen = Extract<Screen, { name: 'staffHelp' }>;

/** A person is coming. With money in flight there is no way out but them. */
export function StaffHelp({ t, send, screen }: ScreenProps & { screen: StaffHelpScreen }) {
  return (
    <section className="screen center">
      <div role="status">
        <h1>{t('staffHelp')}</h1>
      </div>
      {screen.moneyInFlight ? (
        <p className="reassure">{t('moneySafe')}</p>
      ) : (
        <button className="button primary" onClick={() => send({ type: 'DONE' })}>
          {t('back')}
        </button>
      )}
    </section>
  );
}
