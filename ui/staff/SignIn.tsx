import type { Key, StaffView } from '../../src/api/kiosk-api';
import { Alerts } from '../screens/Alerts';
import type { ScreenProps } from '../screens/types';
import { PinDots } from './ReceiptFinder';
import { StaffKeypad } from './StaffParts';
import { signInProblemWords } from './staff-words';

type SignInView = Extract<StaffView, { name: 'signIn' }>;

/** Card + PIN, or staff number + PIN. The PIN shows as dots: the screen never holds its digits. */
export function SignIn({ t, send, view }: ScreenProps & { view: SignInView }) {
  const askingNumber = view.step === 'staffNumber';
  const problem = signInProblemWords(t, view);
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
            <PinDots t={t} length={view.pinLength} label={t('staffPin')} />
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
        <StaffKeypad t={t} send={send} onKey={(k: Key) => send({ type: 'STAFF_KEY', key: k })} />
      </div>
    </section>
  );
}
