import { Screen } from '../design/Screen';
import { TONE_ICONS } from '../design/icons';
import type { ScreenProps } from './types';

/** A screen with nothing to choose: the kiosk is busy, or (alert) out of service. */
export function Waiting({
  t,
  message,
  detail = null,
  alert = false,
}: ScreenProps & { message: string; detail?: string | null; alert?: boolean }) {
  const Pictogram = alert ? TONE_ICONS.warning : TONE_ICONS.wait;
  // Where the primary action would be: that there is nothing to do (or, out of service, why).
  return (
    <Screen
      title={message}
      tone={alert ? 'warning' : undefined}
      live={alert ? 'alert' : 'status'}
      busy={!alert}
      actions={{ none: 'wait', note: detail ?? (alert ? null : t('waitNothingToDo')) }}
    >
      <div className="pictogram-big">
        <Pictogram />
      </div>
    </Screen>
  );
}
