import { AlertIcon } from './Alerts';
import type { ScreenProps } from './types';

/** A screen with nothing to choose: the kiosk is busy, or (alert) out of service. */
export function Waiting({
  message,
  detail = null,
  alert = false,
}: ScreenProps & { message: string; detail?: string | null; alert?: boolean }) {
  return (
    <section className="screen center" aria-busy={!alert}>
      <div role={alert ? 'alert' : 'status'}>
        <h1 className={alert ? 'alert-heading' : undefined}>
          {alert && <AlertIcon />}
          {message}
        </h1>
        {detail && <p className="lead">{detail}</p>}
      </div>
    </section>
  );
}
