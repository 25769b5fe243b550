// The community notices screen (社区短信通知): staff choose one of the committee's templates,
// fill its few fields without Chinese typing (a date and a time on the staff keypad, a place
// from the community's list in config), choose the audience tags, read the text as it will go, and send it. The
// community room journals the notice and sends it once on its serial, checks who is on duty and
// audits each step (notices.send, notices.view); this keeps what is being composed, sends once
// per composed notice (a second tap, or a tap after it went, sends nothing), and shows the sent
// list with the gateway's counts. The room comes in late, as for the care screen.
import type { DeskResult, NoticeFieldName, StaffEvent, StaffView } from '../api/kiosk-api';
import { typedDigits } from './keypad-typing';

type Lookup<T> = { ok: true; value: T } | { ok: false; reason: string; code: string };
type BothTexts = { 'zh-CN': string; en: string };

/** What the screen needs of the community room's notices part (structural). */
export interface NoticesPort {
  templates(): readonly {
    id: string;
    title: { 'zh-CN': string; en: string };
    fields: readonly { id: NoticeFieldName }[];
  }[];
  preview(templateId: string, values: Partial<Record<NoticeFieldName, string>>): Lookup<BothTexts>;
  send(draft: {
    templateId: string;
    values: Partial<Record<NoticeFieldName, string>>;
    tags: string[];
  }): Promise<
    | {
        ok: true;
        serial: string;
        state: 'accepted' | 'pending' | 'rejected';
        reply: Record<string, unknown> | null;
      }
    | { ok: false; reason: string; code: string }
  >;
  sent(): Promise<
    Lookup<
      {
        noticeSerial: string;
        audience: { tags: string[] };
        text: { 'zh-CN': string };
        sendAt: string;
        recipients: number;
        delivered: number;
      }[]
    >
  >;
}

/**
 * This community's choices (config community.notices): its usual places (the templates name
 * none; chosen, never typed) and the audience tags residents consented under (the gateway
 * counts who gets it).
 */
export interface NoticeChoiceLists {
  places: readonly string[];
  tags: readonly string[];
}
/** Notices shown in the sent list (newest first). */
const SENT_SHOWN = 8;

type NoticeEvent = Extract<StaffEvent, { type: 'STAFF_NOTICE' }>;

export function isNoticeEvent(e: StaffEvent): e is NoticeEvent {
  return e.type === 'STAFF_NOTICE';
}

/** MMDD → 12月20日, when it is a day of the year. */
export function dateValue(typed: string): string | null {
  if (!/^\d{4}$/.test(typed)) return null;
  const month = Number(typed.slice(0, 2));
  const day = Number(typed.slice(2));
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day >= 1 && day <= days ? `${month}月${day}日` : null;
}

/** HHMM → 09:00, when it is a time of day. */
export function timeValue(typed: string): string | null {
  if (!/^\d{4}$/.test(typed)) return null;
  const h = Number(typed.slice(0, 2));
  const m = Number(typed.slice(2));
  return h <= 23 && m <= 59 ? `${typed.slice(0, 2)}:${typed.slice(2)}` : null;
}

type Step = Extract<StaffView, { name: 'notices' }>['step'];
type Outcome = Extract<StaffView, { name: 'notices' }>['outcome'];
type SentRow = Extract<StaffView, { name: 'notices' }>['sent'][number];

export class NoticesScreen {
  private port: NoticesPort | null = null;
  private choices: NoticeChoiceLists = { places: [], tags: [] };
  private step: Step = 'template';
  private chosen: string | null = null;
  private field: NoticeFieldName | null = null;
  private date = '';
  private time = '';
  private place: string | null = null;
  private tags = new Set<string>();
  private preview: BothTexts | null = null;
  private outcome: Outcome = null;
  private sentRows: SentRow[] = [];
  private problem: string | null = null;
  private lastResult: DeskResult | null = null;

  attach(port: NoticesPort, choices: NoticeChoiceLists): void {
    this.port = port;
    this.choices = { places: [...choices.places], tags: [...choices.tags] };
  }

  reset(): void {
    this.compose(null);
    this.sentRows = [];
    this.problem = null;
  }

  private compose(templateId: string | null): void {
    this.step = templateId ? 'compose' : 'template';
    this.chosen = templateId;
    this.field = null;
    this.date = '';
    this.time = '';
    this.place = null;
    this.tags = new Set();
    this.preview = null;
    this.outcome = null;
    this.lastResult = null;
  }

  private fields(): NoticeFieldName[] {
    const t = this.port?.templates().find((x) => x.id === this.chosen);
    return t ? t.fields.map((f) => f.id) : [];
  }

  private values(): Partial<Record<NoticeFieldName, string>> {
    const v: Partial<Record<NoticeFieldName, string>> = {};
    const date = dateValue(this.date);
    const time = timeValue(this.time);
    if (date) v.date = date;
    if (time) v.time = time;
    if (this.place) v.place = this.place;
    return v;
  }

  /** The sent list with the gateway's counts (read audited by the room). */
  async load(): Promise<void> {
    if (!this.port) {
      this.problem = 'not_configured';
      return;
    }
    const r = await this.port.sent();
    if (!r.ok) {
      this.problem = r.reason;
      return;
    }
    this.problem = null;
    this.sentRows = r.value
      .slice()
      .sort((a, b) => b.sendAt.localeCompare(a.sendAt))
      .slice(0, SENT_SHOWN)
      .map((n) => ({
        noticeSerial: n.noticeSerial,
        text: n.text['zh-CN'].slice(0, 300),
        tags: n.audience.tags,
        sendAt: n.sendAt,
        recipients: n.recipients,
        delivered: n.delivered,
      }));
  }

  /** A key of the staff keypad, into the date or the time being typed; whether it was taken. */
  typed(event: StaffEvent): boolean {
    if (event.type !== 'STAFF_KEY' || this.step !== 'compose') return false;
    if (this.field === 'date') this.date = typedDigits(this.date, event.key, 4);
    else if (this.field === 'time') this.time = typedDigits(this.time, event.key, 4);
    else return false;
    return true;
  }

  async handle(event: NoticeEvent): Promise<void> {
    const port = this.port;
    if (!port) return;
    switch (event.action) {
      case 'template':
        if (port.templates().some((t) => t.id === event.templateId))
          this.compose(event.templateId ?? null);
        return;
      case 'new':
        this.compose(null);
        return;
      case 'field':
        if (this.step === 'compose' && event.field && this.fields().includes(event.field))
          this.field = event.field;
        return;
      case 'place':
        if (this.step === 'compose' && this.choices.places.some((p) => p === event.value))
          this.place = event.value ?? null;
        return;
      case 'tag':
        if (this.step !== 'compose' || !this.choices.tags.some((t) => t === event.value)) return;
        if (event.value && !this.tags.delete(event.value)) this.tags.add(event.value);
        return;
      case 'edit':
        if (this.step === 'preview') this.step = 'compose';
        return;
      case 'preview': {
        if (this.step !== 'compose' || !this.chosen) return;
        if (this.tags.size === 0) {
          this.lastResult = { ok: false, reason: 'no_audience' };
          return;
        }
        const r = port.preview(this.chosen, this.values());
        if (!r.ok) {
          this.lastResult = { ok: false, reason: r.code };
          return;
        }
        this.preview = r.value;
        this.lastResult = null;
        this.step = 'preview';
        return;
      }
      case 'send': {
        // Once: only from the preview; a second tap finds it sending or done.
        if (this.step !== 'preview' || !this.chosen) return;
        this.step = 'sending';
        const r = await port.send({
          templateId: this.chosen,
          values: this.values(),
          tags: [...this.tags],
        });
        this.step = 'done';
        if (!r.ok) {
          this.lastResult = { ok: false, reason: r.code };
          return;
        }
        const recipients = r.reply?.recipients;
        this.outcome = {
          state: r.state,
          recipients: typeof recipients === 'number' ? recipients : null,
          serial: r.serial,
        };
        this.lastResult = null;
        await this.load();
        return;
      }
    }
  }

  view(): StaffView {
    const date = dateValue(this.date);
    const time = timeValue(this.time);
    return {
      name: 'notices',
      step: this.step,
      templates: (this.port?.templates() ?? []).map((t) => ({
        id: t.id,
        title: t.title,
        fields: t.fields.map((f) => f.id),
      })),
      chosen: this.chosen,
      field: this.field,
      date: { typed: this.date, value: date },
      time: { typed: this.time, value: time },
      place: this.place,
      places: [...this.choices.places],
      tags: this.choices.tags.filter((t) => this.tags.has(t)),
      tagChoices: [...this.choices.tags],
      preview: this.preview,
      outcome: this.outcome,
      sent: this.sentRows,
      problem: this.problem,
      lastResult: this.lastResult,
    };
  }
}
