import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { TONE_ICONS } from '../design/icons';
import { Screen } from '../design/Screen';
import type { ScreenProps } from './types';

type StaffHelpScreen = Extract<KioskScreen, { name: 'staffHelp' }>;

const HelpPictogram = TONE_ICONS.help;

/** A person is coming. With money in flight there is no way out but them. */
export function StaffHelp({ t, send, screen }: ScreenProps & { screen: StaffHelpScreen }) {
  return (
    <Screen
      title={t('staffHelp')}
      tone="help"
      live="status"
      actions={
        screen.moneyInFlight
          ? { none: 'wait' }
          : { primary: { label: t('back'), onClick: () => send({ type: 'DONE' }) } }
      }
    >
      <div className="pictogram-big">
        <HelpPictogram />
      </div>
      {screen.moneyInFlight && <p className="reassure">{t('moneySafe')}</p>}
    </Screen>
  );
}
