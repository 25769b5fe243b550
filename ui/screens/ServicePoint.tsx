// The community service point (issue 14): its home, 查进度 on the kiosk's own keypad (digits and
// Latin capitals: no Chinese typing), and an application's timeline in plain words.
import { Fragment, useState } from 'react';
import type { Screen as KioskScreen, ServiceKey } from '../../src/api/kiosk-api';
import { SERVICE_ICONS } from '../design/icons';
import { Screen } from '../design/Screen';
import { Tile, Tiles } from '../design/Tile';
import type { Translator } from '../i18n/messages';
import { Alerts } from './Alerts';
import {
  KEYPAD_PAGE_LABELS,
  LETTER_PAGES,
  SERVICE_PROBLEM_WORDS,
  STATUS_WORDS,
} from './service-words';
import type { ScreenProps } from './types';

type ProgressEntryScreen = Extract<KioskScreen, { name: 'progressEntry' }>;
type ProgressScreen = Extract<KioskScreen, { name: 'progress' }>;

export function ServiceHome({ t, send }: ScreenProps) {
  return (
    <Screen
      title={t('communityServices')}
      actions={{
        none: 'choice',
        secondary: [{ label: t('back'), onClick: () => send({ type: 'BACK' }) }],
      }}
    >
      <p className="lead">{t('communityServicesLead')}</p>
      <Tiles count={2}>
        <Tile
          icon={SERVICE_ICONS.apply}
          label={t('applyService')}
          detail={t('applyServiceLead')}
          onClick={() => send({ type: 'OPEN_APPLY' })}
        />
        <Tile
          icon={SERVICE_ICONS.progress}
          label={t('checkProgress')}
          detail={t('checkProgressLead')}
          onClick={() => send({ type: 'OPEN_PROGRESS' })}
        />
      </Tiles>
      <p>{t('scanReceiptHint')}</p>
    </Screen>
  );
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
type KeypadPage = 'digits' | 0 | 1 | 2;

export function ProgressEntry({ t, send, screen }: ScreenProps & { screen: ProgressEntryScreen }) {
  const [page, setPage] = useState<KeypadPage>('digits');
  const key = (k: ServiceKey) => () => send({ type: 'SERVICE_KEY', key: k });
  const code = screen.step === 'code';
  const value = code ? screen.code : screen.last4;
  const shown = code && value.length > 4 ? `${value.slice(0, 4)}-${value.slice(4)}` : value;
  const keys = !code || page === 'digits' ? DIGITS : (LETTER_PAGES[page] ?? []);
  const pageIndex = page === 'digits' ? 0 : page + 1;
  // Three keys a row, 删除 · 0 · 清空 below; on the code's keypad its pages in a row above the keys.
  const cells: (ServiceKey | null)[] = [...keys, ...Array<null>(9 - keys.length).fill(null)];
  const rows = [
    cells.slice(0, 3),
    cells.slice(3, 6),
    cells.slice(6, 9),
    ['delete', keys === DIGITS ? '0' : null, 'clear'] as (ServiceKey | null)[],
  ];
  return (
    <Screen
      title={t(code ? 'enterTrackingCode' : 'enterPhoneLast4')}
      actions={{
        primary: {
          label: t(code ? 'nextStep' : 'confirm'),
          disabled: value.length === 0,
          onClick: () => send({ type: 'SERVICE_NEXT' }),
        },
        secondary: [{ label: t('back'), onClick: () => send({ type: 'BACK' }) }],
      }}
    >
      <div className={code ? 'columns even' : 'columns'}>
        <div className="column fixed">
          {/* A problem says what to check instead (the screen never scrolls). */}
          {!screen.problem && <p>{t(code ? 'trackingCodeHint' : 'phoneLast4Hint')}</p>}
          <output
            className="account-digits"
            aria-label={t(code ? 'enterTrackingCode' : 'enterPhoneLast4')}
          >
            {shown || '\u00a0'}
          </output>
          <Alerts messages={[screen.problem && t(SERVICE_PROBLEM_WORDS[screen.problem])]} />
        </div>
        <div className="keypad-column">
          {code && (
            <div className="keypad-page-row">
              {KEYPAD_PAGE_LABELS.map((label, i) => (
                <button
                  key={label}
                  className="button key secondary"
                  aria-pressed={i === pageIndex}
                  onClick={() => setPage(i === 0 ? 'digits' : ((i - 1) as 0 | 1 | 2))}
                >
                  {label}
                </button>
              ))}
            </div>
          )}
          <div className="keypad">
            {rows.map((row, i) => (
              <Fragment key={i}>
                {row.map((k, j) =>
                  k === null ? (
                    <span key={`${i}-${j}`} />
                  ) : (
                    <button
                      key={k}
                      className={`button key${k === 'delete' || k === 'clear' ? ' secondary' : ''}`}
                      onClick={key(k)}
                    >
                      {k === 'delete' || k === 'clear' ? t(k) : k}
                    </button>
                  ),
                )}
              </Fragment>
            ))}
          </div>
        </div>
      </div>
    </Screen>
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
    <Screen
      title={t('progressTitle')}
      actions={{ primary: { label: t('done'), onClick: () => send({ type: 'DONE' }) } }}
    >
      {screen.trackingCode && <p>{t('progressCode', { code: screen.trackingCode })}</p>}
      <p className="lead">{t(STATUS_WORDS[screen.status])}</p>
      {screen.status === 'needs_more' && docs.length > 0 && (
        <Alerts
          messages={[t('progressRequested', { docs: t.list(docs) }), t('progressRequestedHelp')]}
        />
      )}
      {screen.reason && <p>{t('progressReason', { text: local(t, screen.reason) })}</p>}
      {/* With needs_more, what is asked for is the next step. */}
      {screen.nextStep && screen.status !== 'needs_more' && (
        <p>{t('progressNext', { text: local(t, screen.nextStep) })}</p>
      )}
      <ol className="timeline">
        {screen.timeline.map((e, i) => (
          <li key={`${e.at}-${e.status}`}>
            <strong>{t(STATUS_WORDS[e.status])}</strong> · {when(t, e.at)}
            {/* The latest step's note in full; the earlier ones by their status and day. */}
            {i === screen.timeline.length - 1 && ` · ${local(t, e.note)}`}
          </li>
        ))}
      </ol>
    </Screen>
  );
}
