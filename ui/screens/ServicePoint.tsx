// The community service point (issue 14): its home, 查进度 on the kiosk's own keypad (digits and
// Latin capitals: no Chinese typing), and an application's timeline in plain words.
import type { Screen, ServiceKey } from '../../src/api/kiosk-api';
import type { Translator } from '../i18n/messages';
import { Alerts } from './Alerts';
import { Decide } from './Decide';
import { SERVICE_PROBLEM_WORDS, STATUS_WORDS } from './service-words';
import type { ScreenProps } from './types';

type ProgressEntryScreen = Extract<Screen, { name: 'progressEntry' }>;
type ProgressScreen = Extract<Screen, { name: 'progress' }>;

export function ServiceHome({ t, send }: ScreenProps) {
  return (
    <section className="screen">
      <h1>{t('communityServices')}</h1>
      <Decide
        actions={
          <>
            <button className="button primary huge" onClick={() => send({ type: 'OPEN_PROGRESS' })}>
              {t('checkProgress')}
            </button>
            <button className="button secondary" onClick={() => send({ type: 'BACK' })}>
              {t('back')}
            </button>
          </>
        }
      >
        <p className="lead">{t('communityServicesLead')}</p>
        <p>{t('checkProgressLead')}</p>
      </Decide>
    </section>
  );
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
/** A tracking code may hold any Latin capital: all 26 are offered. */
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

export function ProgressEntry({ t, send, screen }: ScreenProps & { screen: ProgressEntryScreen }) {
  const key = (k: ServiceKey) => () => send({ type: 'SERVICE_KEY', key: k });
  const code = screen.step === 'code';
  const value = code ? screen.code : screen.last4;
  const shown = code && value.length > 4 ? `${value.slice(0, 4)}-${value.slice(4)}` : value;
  return (
    <section className="screen">
      <h1>{t(code ? 'enterTrackingCode' : 'enterPhoneLast4')}</h1>
      <div className="split">
        <div className="split-part">
          <p>{t(code ? 'trackingCodeHint' : 'phoneLast4Hint')}</p>
          <output
            className="account-digits"
            aria-label={t(code ? 'enterTrackingCode' : 'enterPhoneLast4')}
          >
            {shown || '\u00a0'}
          </output>
          <Alerts messages={[screen.problem && t(SERVICE_PROBLEM_WORDS[screen.problem])]} />
          <div className="actions">
            <button className="button secondary" onClick={() => send({ type: 'BACK' })}>
              {t('back')}
            </button>
            <button
              className="button primary"
              disabled={value.length === 0}
              onClick={() => send({ type: 'SERVICE_NEXT' })}
            >
              {t(code ? 'nextStep' : 'confirm')}
            </button>
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
          <button className="button key secondary" onClick={key('clear')}>
            {t('clear')}
          </button>
          {code &&
            LETTERS.map((l) => (
              <button key={l} className="button key" onClick={key(l)}>
                {l}
              </button>
            ))}
        </div>
      </div>
    </section>
  );
}

const local = (t: Translator, text: { 'zh-CN': string; en: string }) => text[t.locale];

/** When, in the resident's words: the day and the minute, Beijing time. */
function when(t: Translator, at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const bj = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${t.day(bj.slice(0, 10))} ${bj.slice(11, 16)}`;
}

export function Progress({ t, send, screen }: ScreenProps & { screen: ProgressScreen }) {
  const docs = screen.requested.map((r) => (r.label ? local(t, r.label) : r.documentId));
  return (
    <section className="screen">
      <h1>{t('progressTitle')}</h1>
      <Decide
        actions={
          <button className="button primary" onClick={() => send({ type: 'DONE' })}>
            {t('done')}
          </button>
        }
      >
        {screen.trackingCode && <p>{t('progressCode', { code: screen.trackingCode })}</p>}
        <p className="lead">{t(STATUS_WORDS[screen.status])}</p>
        {screen.status === 'needs_more' && docs.length > 0 && (
          <Alerts
            messages={[t('progressRequested', { docs: t.list(docs) }), t('progressRequestedHelp')]}
          />
        )}
        {screen.reason && <p>{t('progressReason', { text: local(t, screen.reason) })}</p>}
        {screen.nextStep && <p>{t('progressNext', { text: local(t, screen.nextStep) })}</p>}
        <ol className="timeline">
          {screen.timeline.map((e) => (
            <li key={`${e.at}-${e.status}`}>
              <strong>{t(STATUS_WORDS[e.status])}</strong> · {when(t, e.at)}
              <br />
              {local(t, e.note)}
            </li>
          ))}
        </ol>
      </Decide>
    </section>
  );
}
