// What the care screen says after its title: how many alerts, each by its kind and figures (never
// the household's place, holder or contact aloud: the kiosk stands in a public hall), and the
// choices; one alert's chart in words (its text alternative: the drop) and the outcomes. A
// notice: its template, fields as they stand, the audience, the text as it will go, the count.
import type { NoticeFieldName, StaffView } from '../../src/api/kiosk-api';
import type { Translator } from '../i18n/messages';
import {
  CARE_KIND,
  CARE_OUTCOME,
  NOTICE_FIELD,
  careChartText,
  careFigures,
  noticeOutcomeWords,
  noticeTagWords,
} from '../staff/staff-words';
import type { Part } from './screen-voice';
import { choices, resultWords } from './staff-voice-parts';

type CareView = Extract<StaffView, { name: 'care' }>;

/** Alerts read out one by one; more are counted. */
const ALERTS_READ = 3;

export function careVoice(t: Translator, v: CareView): Part[] {
  if (v.step === 'loading') return [t('careLoading')];
  if (v.problem) return [t('careProblem'), choices(t, [t('careRefresh'), t('staffBackHome')])];
  const chosen = v.chosen;
  if (v.step === 'alert' && chosen) {
    return [
      t(CARE_KIND[chosen.kind]),
      careFigures(t, chosen),
      t('careChartTitle'),
      careChartText(t, v.readings),
      chosen.outcome ? t('careRecorded', { outcome: t(CARE_OUTCOME[chosen.outcome]) }) : null,
      resultWords(t, v.lastResult),
      t('careRecordTitle'),
      choices(t, [...v.outcomes.map((o) => t(CARE_OUTCOME[o])), t('careBackToList')]),
    ];
  }
  if (v.alerts.length === 0)
    return [t('careNone'), choices(t, [t('careRefresh'), t('staffBackHome')])];
  return [
    t('careCount', { alerts: v.alerts.length, households: v.households }),
    ...v.alerts
      .slice(0, ALERTS_READ)
      .map((a) => t.list([t(CARE_KIND[a.kind]), t('careSince', { day: t.day(a.since) })])),
    choices(t, [t('careOpen'), t('careRefresh'), t('staffBackHome')]),
  ];
}

type NoticesView = Extract<StaffView, { name: 'notices' }>;

/** A field of the notice as it stands: its name and value (never digits one by one). */
function filled(t: Translator, v: NoticesView, field: NoticeFieldName): string {
  const value = field === 'place' ? v.place : field === 'date' ? v.date.value : v.time.value;
  return t('voiceNoticeFilled', {
    field: t(NOTICE_FIELD[field]),
    value: value ?? t('noticeNotSet'),
  });
}

export function noticesVoice(t: Translator, v: NoticesView): Part[] {
  const template = v.templates.find((x) => x.id === v.chosen);
  if (v.step === 'template' || !template) {
    return [
      t('noticeChooseTemplate'),
      t('voiceNoticeTemplates', { count: v.templates.length }),
      choices(
        t,
        v.templates.map((x) => x.title[t.locale]),
      ),
    ];
  }
  const audience = t.list(v.tags.map((tag) => noticeTagWords(t, tag)));
  if (v.step === 'compose') {
    return [
      template.title[t.locale],
      ...template.fields.map((f) => filled(t, v, f)),
      v.field && v.field !== 'place'
        ? t('noticeTyping', { field: t(NOTICE_FIELD[v.field]) })
        : null,
      v.tags.length > 0 ? `${t('noticeAudience')}: ${audience}` : null,
      resultWords(t, v.lastResult),
      choices(t, [t('noticePreview'), t('noticeChooseAnother')]),
    ];
  }
  return [
    template.title[t.locale],
    `${t('noticeAudience')}: ${audience}`,
    v.preview ? v.preview[t.locale] : null,
    v.step === 'sending' ? t('noticeSending') : null,
    v.step === 'done' ? noticeOutcomeWords(t, v.outcome) : null,
    resultWords(t, v.lastResult),
    v.step === 'preview'
      ? choices(t, [t('noticeSend'), t('noticeEdit')])
      : v.step === 'done'
        ? choices(t, [t('noticeNew')])
        : null,
  ];
}
