// The committee's notice templates: staff pick one, fill its few fields (a date, a time, a
// place) on the kiosk's keypad and choose the audience; the text is the template's with the
// fields put in, in Chinese (sent) and English (shown to staff who read it), at most 300
// characters (the contract). The contract has no template route: they are the kiosk's.
import { MAX_NOTICE_CHARS, type LocalText } from './contract';
import { hasControl } from './form-check';

export interface NoticeField {
  id: 'date' | 'time' | 'place';
  label: LocalText;
}

export interface NoticeTemplate {
  id: string;
  title: LocalText;
  /** The text, with {date}, {time} and {place} where the fields go. */
  text: LocalText;
  fields: readonly NoticeField[];
}

const DATE: NoticeField = { id: 'date', label: { 'zh-CN': '日期', en: 'Date' } };
const TIME: NoticeField = { id: 'time', label: { 'zh-CN': '时间', en: 'Time' } };
const PLACE: NoticeField = { id: 'place', label: { 'zh-CN': '地点', en: 'Place' } };

export const NOTICE_TEMPLATES: readonly NoticeTemplate[] = [
  {
    id: 'power-outage',
    title: { 'zh-CN': '计划停电通知', en: 'Planned power cut' },
    text: {
      'zh-CN':
        '【武康路社区】因电网检修，{place}将于{date} {time}起计划停电约4小时，请提前做好准备。独居老人如需帮助请联系居委会。',
      en: '[Wukang Road community] Grid maintenance: planned power cut at {place} on {date} from {time}, about 4 hours. Elders living alone who need help, please call the committee.',
    },
    fields: [PLACE, DATE, TIME],
  },
  {
    id: 'safety-talk',
    title: { 'zh-CN': '安全用电讲座', en: 'Electrical safety talk' },
    text: {
      'zh-CN': '【武康路社区】{date} {time}在{place}举办安全用电讲座，欢迎居民参加。',
      en: '[Wukang Road community] Electrical safety talk on {date} at {time}, {place}. All residents welcome.',
    },
    fields: [DATE, TIME, PLACE],
  },
  {
    id: 'service-day',
    title: { 'zh-CN': '上门服务日', en: 'Service day' },
    text: {
      'zh-CN':
        '【武康路社区】供电公司{date}在{place}设服务点，可办理一户多人口、电表校验等业务，请携带身份证。',
      en: '[Wukang Road community] The power company is at {place} on {date}: multi-person tariffs, meter checks and more. Bring your ID card.',
    },
    fields: [DATE, PLACE],
  },
  {
    id: 'heat-care',
    title: { 'zh-CN': '高温关怀提醒', en: 'Heat care reminder' },
    text: {
      'zh-CN':
        '【武康路社区】{date}起持续高温，请老人注意防暑、合理使用空调。{place}设纳凉点，开放时间{time}。',
      en: '[Wukang Road community] Hot days from {date}: keep cool and use air conditioning wisely. Cool room at {place}, open {time}.',
    },
    fields: [DATE, PLACE, TIME],
  },
];

export type NoticeValues = Partial<Readonly<Record<NoticeField['id'], string>>>;

export type ComposedNotice =
  | { ok: true; text: { 'zh-CN': string; en: string } }
  | { ok: false; problem: 'unknown_template' | 'missing_field' | 'too_long'; field?: string };

/** A template's text with its fields put in; refused when a field is missing or it is too long. */
export function composeNotice(templateId: string, values: NoticeValues): ComposedNotice {
  const template = NOTICE_TEMPLATES.find((t) => t.id === templateId);
  if (!template) return { ok: false, problem: 'unknown_template' };
  for (const f of template.fields) {
    const value = values[f.id]?.trim() ?? '';
    if (value === '' || hasControl(value) || /[{}]/.test(value))
      return { ok: false, problem: 'missing_field', field: f.id };
  }
  const fill = (text: string) =>
    text.replace(/\{(date|time|place)\}/g, (_, id: NoticeField['id']) => values[id]?.trim() ?? '');
  const text = { 'zh-CN': fill(template.text['zh-CN']), en: fill(template.text.en) };
  if ([...text['zh-CN']].length > MAX_NOTICE_CHARS || [...text.en].length > MAX_NOTICE_CHARS)
    return { ok: false, problem: 'too_long' };
  return { ok: true, text };
}
