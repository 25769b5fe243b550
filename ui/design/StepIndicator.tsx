import type { ScreenName } from '../../src/api/kiosk-api';
import type { Translator } from '../i18n/messages';
import { PAY_STEPS, STEP_OF_SCREEN } from './steps';

/** "第 2 步，共 4 步" with a bar per step, on the screens of the paying path. */
export function StepIndicator({ t, screen }: { t: Translator; screen: ScreenName }) {
  const step = STEP_OF_SCREEN[screen];
  if (step === null) return null;
  return (
    <p className="step-indicator" data-step={step}>
      <span className="step-words">{t('stepOf', { step, steps: PAY_STEPS })}</span>
      <span className="step-bars" aria-hidden="true">
        {Array.from({ length: PAY_STEPS }, (_, i) => (
          <span key={i} className={`step-bar${i + 1 <= step ? ' done' : ''}`} />
        ))}
      </span>
    </p>
  );
}
