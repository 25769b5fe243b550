import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { TONE_ICONS } from '../design/icons';
import { Screen } from '../design/Screen';
import { helpLead } from './help-words';
import type { ScreenProps } from './types';

type StaffHelpScreen = Extract<KioskScreen, { name: 'staffHelp' }>;

const HelpPictogram = TONE_ICONS.help;

/**
 * A person is coming, and what happens next: she may carry on by herself (the call stands) or
 * withdraw it. When the kiosk called because time ran out with her money on its way, only staff
 * end it.
 */
export function StaffHelp({ t, send, screen }: ScreenProps & { screen: StaffHelpScreen }) {
  return (
    <Screen
      title={t('staffHelp')}
      tone="help"
      live="status"
      actions={
        screen.canLeave
          ? {
              primary: {
                label: t('continueAlone'),
                onClick: () => send({ type: 'CONTINUE_ALONE' }),
              },
              secondary: [{ label: t('cancelCall'), onClick: () => send({ type: 'CANCEL_CALL' }) }],
            }
          : { none: 'wait' }
      }
    >
      <div className="pictogram-big">
        <HelpPictogram />
      </div>
      <p className="lead">{t(helpLead(screen))}</p>
      {screen.moneyInFlight && <p className="reassure">{t('moneySafe')}</p>}
    </Screen>
  );
}
