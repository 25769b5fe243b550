import type { Key, StaffView } from '../../src/api/kiosk-api';
import { Alerts } from '../screens/Alerts';
import type { ScreenProps } from '../screens/types';

type SignInView = Extract<StaffView, { name: 'signIn' }>;

const DIGITS: Key[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Card + PIN, or staff number + PIN. The PIN shows as dots: the screen never holds its digits. */
export function SignIn({ t, send, view }: ScreenProps & { view: SignInView }) {
  const key = (k: Key) => () => send({ type: 'STAFF_KEY', key: k });
  const askingNumber = view.step === 'staffNumber';
  const problem = problemText(t, view);
  return (
    <section className="screen staff-screen">
      <h1>
        {askingNumber
          ? t('staffSignInByNumber')
          : view.by === 'card'
            ? t('staffSignInByCard')
            : t('staffPin')}
      </h1>
      <div className="split">
        <div className="split-part">
          {askingNumber ? (
            <output className="account-digits" aria-label={t('staffNumber')}>
              {view.staffNumber || '\u00a0'}
            </output>
          ) : (
            <output
              className="account-digits pin-dots"
              aria-label={t('staffPinEntered', { count: view.pinLength })}
            >
              {'●'.repeat(view.pinLength) + '○'.repeat(6 - view.pinLength)}
            </output>
          )}
          {view.step === 'checking' && <p role="status">{t('staffChecking')}</p>}
          <Alerts messages={[problem]} />
          <div className="actions">
            <button className="button secondary" onClick={() => send({ type: 'STAFF_LOCK' })}>
              {t('staffLeave')}
            </button>
            {askingNumber && (
              <button
                className="button primary"
                disabled={view.staffNumber.length < 4}
                onClick={() => send({ type: 'STAFF_SUBMIT' })}
              >
                {t('staffNext')}
              </button>
            )}
          </div>
        </div>
        <div className="keypad">
          {DIGITS.map((d) => (
            <button key={d} className="button key" onClick={key(d)}>
              {d}
            </button>
          ))}
          <button className="button key secondary" onClick={key('delete')}>
            {t('delete')}
          </button>
          <button className="button key" onClick={key('0')}>
            0
          </button>
          <button className="button key secondary" onClick={key('clear')}>
            {t('clear')}
          </button>
        </div>
      </div>
    </section>
  );
}

function problemText(t: ScreenProps['t'], view: SignInView): string | null {
  switch (view.problem) {
    case null:
      return null;
    case 'wrong_pin':
      return t('staffWrongPin', { count: view.triesLeft ?? 0 });
    case 'locked':
      return t('staffLocked', { time: clockTime(view.lockedUntil) });
    case 'unknown':
      return t('staffUnknown');
    case 'no_pin':
      return t('staffNoPin');
  }
}

/** "14:05" in business time (the kiosk's clock is Asia/Shanghai). */
function clockTime(epochMs: number | null): string {
  if (epochMs === null) return '';
  return new Date(epochMs).toLocaleTimeString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
  });
}
