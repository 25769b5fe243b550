import type { Key, NoticeFieldName, StaffView } from '../../src/api/kiosk-api';
import type { ScreenProps } from '../screens/types';
import { DeskOutcome, StaffKeypad, StaffToolbar } from './StaffParts';
import { NOTICE_FIELD, clockTime, noticeOutcomeWords, noticeTagWords } from './staff-words';

type NoticesView = Extract<StaffView, { name: 'notices' }>;

/** A field's value as typed so far, or "not filled in". */
function fieldValue(t: ScreenProps['t'], view: NoticesView, field: NoticeFieldName): string {
  if (field === 'place') return view.place ?? t('noticeNotSet');
  const f = view[field];
  return f.value ?? (f.typed || t('noticeNotSet'));
}

/** The sent list with the gateway's counts. */
function SentList({ t, view }: Pick<ScreenProps, 't'> & { view: NoticesView }) {
  return (
    <>
      <h2>{t('noticeSentList')}</h2>
      {view.problem ? (
        <p>{t('noticeProblem')}</p>
      ) : view.sent.length === 0 ? (
        <p>{t('noticeNoneSent')}</p>
      ) : (
        <ul className="item-list notice-sent">
          {view.sent.map((n) => (
            <li key={n.noticeSerial} className="item">
              <p>
                {t('noticeSentRow', {
                  time: clockTime(Date.parse(n.sendAt)),
                  recipients: n.recipients,
                  delivered: n.delivered,
                })}{' '}
                ·{' '}
                {n.tags.map((tag) => noticeTagWords(t, tag)).join(t.locale === 'en' ? ', ' : '、')}
              </p>
              <p className="notice-text">{n.text}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * Community notices: a template, its few fields (a date and a time on the keypad, a place
 * chosen), the audience tags, the text as it will go, sent once; the sent list with counts.
 */
export function Notices({ t, send, view }: ScreenProps & { view: NoticesView }) {
  const template = view.templates.find((x) => x.id === view.chosen);
  const notice = (
    action: 'template' | 'field' | 'place' | 'tag' | 'preview' | 'edit' | 'send' | 'new',
    more = {},
  ) => send({ type: 'STAFF_NOTICE', action, ...more });
  return (
    <section className="screen staff-screen notices">
      <h1>{t('noticesTitle')}</h1>
      {view.step === 'template' || !template ? (
        <>
          <h2>{t('noticeChooseTemplate')}</h2>
          <div className="actions notice-choices">
            {view.templates.map((x) => (
              <button
                key={x.id}
                className="button primary"
                onClick={() => notice('template', { templateId: x.id })}
              >
                {x.title[t.locale]}
              </button>
            ))}
          </div>
          <SentList t={t} view={view} />
        </>
      ) : view.step === 'compose' ? (
        <div className="split">
          <div className="split-part">
            <h2>{template.title[t.locale]}</h2>
            <DeskOutcome t={t} result={view.lastResult} />
            {template.fields.map((field) =>
              field === 'place' ? (
                <div key={field}>
                  <p>
                    {t(NOTICE_FIELD.place)}: {fieldValue(t, view, 'place')}
                  </p>
                  <div className="actions notice-choices">
                    {view.places.map((place) => (
                      <button
                        key={place}
                        className={place === view.place ? 'button primary' : 'button secondary'}
                        aria-pressed={place === view.place}
                        onClick={() => notice('place', { value: place })}
                      >
                        {place}
                      </button>
                    ))}
                  </div>
                </div>
              ) : (
                <div key={field} className="actions">
                  <button
                    className={field === view.field ? 'button primary' : 'button secondary'}
                    aria-pressed={field === view.field}
                    onClick={() => notice('field', { field })}
                  >
                    {t(NOTICE_FIELD[field])}: {fieldValue(t, view, field)}
                  </button>
                </div>
              ),
            )}
            <h2>{t('noticeAudience')}</h2>
            <div className="actions notice-choices">
              {view.tagChoices.map((tag) => (
                <button
                  key={tag}
                  className={view.tags.includes(tag) ? 'button primary' : 'button secondary'}
                  aria-pressed={view.tags.includes(tag)}
                  onClick={() => notice('tag', { value: tag })}
                >
                  {noticeTagWords(t, tag)}
                </button>
              ))}
            </div>
            <div className="actions">
              <button className="button primary" onClick={() => notice('preview')}>
                {t('noticePreview')}
              </button>
              <button className="button secondary" onClick={() => notice('new')}>
                {t('noticeChooseAnother')}
              </button>
            </div>
          </div>
          {view.field && view.field !== 'place' && (
            <StaffKeypad t={t} send={send} onKey={(key: Key) => send({ type: 'STAFF_KEY', key })} />
          )}
        </div>
      ) : (
        <>
          <h2>{template.title[t.locale]}</h2>
          <p>
            {t('noticeAudience')}: {view.tags.map((tag) => noticeTagWords(t, tag)).join(' · ')}
          </p>
          {view.preview && (
            <blockquote className="notice-preview">
              <p lang="zh-CN">{view.preview['zh-CN']}</p>
              {t.locale === 'en' && <p lang="en">{view.preview.en}</p>}
            </blockquote>
          )}
          {view.step === 'sending' && <p role="status">{t('noticeSending')}</p>}
          {view.step === 'done' && (
            <p role="status" className="tool-result">
              {noticeOutcomeWords(t, view.outcome)}
            </p>
          )}
          <DeskOutcome t={t} result={view.lastResult} />
          <div className="actions">
            {view.step === 'preview' && (
              <>
                <button className="button primary" onClick={() => notice('send')}>
                  {t('noticeSend')}
                </button>
                <button className="button secondary" onClick={() => notice('edit')}>
                  {t('noticeEdit')}
                </button>
              </>
            )}
            {view.step === 'done' && (
              <button className="button primary" onClick={() => notice('new')}>
                {t('noticeNew')}
              </button>
            )}
          </div>
          {view.step === 'done' && <SentList t={t} view={view} />}
        </>
      )}
      <StaffToolbar t={t} send={send} />
    </section>
  );
}
