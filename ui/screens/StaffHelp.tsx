import type { Screen } from '../../src/api/kiosk-api';
import { helpLead } from './help-words';
import type { ScreenProps } from './types';

type StaffHelpScreen = Extract<Screen, { name: 'staffHelp' }>;

/**
 * A person is coming, and what happens next: she may carry on by herself (the call stands) or
 * withdraw it. When the kiosk called because time ran out with her money on its way, only staff
 * end it.
 */
export function StaffHelp({ t, send, screen }: ScreenProps & { screen: StaffHelpScreen }) {
  return (
    <section className="screen center">
      <div role="status">
        <h1>{t('staffHelp')}</h1>
      </div>
      <p>{t(helpLead(screen))}</p>
      {screen.moneyInFlight && <p className="reassure">{t('moneySafe')}</p>}
      {screen.canLeave && (
        <div className="actions">
          <button className="button primary" onClick={() => send({ type: 'CONTINUE_ALONE' })}>
            {t('continueAlone')}
          </button>
          <button className="button secondary" onClick={() => send({ type: 'CANCEL_CALL' })}>
            {t('cancelCall')}
          </button>
        </div>
      )}
    </section>
  );
}
