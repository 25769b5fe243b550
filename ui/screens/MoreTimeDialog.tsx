import { useEffect, useRef, useState } from 'react';
import { secondsLeft } from './countdown';
import type { ScreenProps } from './types';

/**
 * "Need more time?" over the screen, with the time left counting down and one big button
 * (R7). The only dialog there is: it appears only while the host's snapshot has the prompt.
 */
export function MoreTimeDialog({ t, send, deadline }: ScreenProps & { deadline: number }) {
  const [now, setNow] = useState(() => Date.now());
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, []);
  useEffect(() => button.current?.focus(), []);
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="more-time-title"
        aria-describedby="more-time-countdown"
      >
        <h2 id="more-time-title">{t('moreTimeTitle')}</h2>
        <p id="more-time-countdown" className="countdown" aria-live="off">
          {t('moreTimeCountdown', { seconds: secondsLeft(deadline, now) })}
        </p>
        <button
          ref={button}
          className="button primary huge"
          onClick={() => send({ type: 'MORE_TIME' })}
        >
          {t('moreTimeContinue')}
        </button>
      </div>
    </div>
  );
}
