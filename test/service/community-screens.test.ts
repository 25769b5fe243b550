// The care and notices screens over stand-in ports: only enrolled households, spikes to staff
// only, an outcome asked once however often it is tapped, a refusal shown by its code; a notice
// with its date and time as typed on the keypad, refused without an audience, sent once.
import { describe, expect, it } from 'vitest';
import type { Key, StaffView } from '../../src/api/kiosk-api';
import { CareScreen, type CarePort } from '../../src/service/care-screen';
import {
  NoticesScreen,
  dateValue,
  timeValue,
  type NoticesPort,
} from '../../src/service/notices-screen';

const HEAD = { label: '武康路**弄**号 3 室', holder: '王*芳', contact: '138****8000' };
const ev = (figures: Record<string, number>) => figures;
const READINGS = Array.from({ length: 40 }, (_, i) => ({ day: `2026-11-${i}`, kwh: 3 }));

function carePort(
  outcome: () => Promise<
    { ok: true; value: unknown } | { ok: false; reason: string; code: string }
  >,
) {
  const asked: string[] = [];
  const port: CarePort = {
    alerts: async () => ({
      ok: true,
      value: [
        {
          alertId: 'a1',
          householdId: 'hh-01',
          household: HEAD,
          kind: 'low_usage',
          since: '2026-12-05',
          evidence: ev({ last24hKwh: 0.1, median30dKwh: 3.4 }),
        },
        {
          alertId: 'a2',
          householdId: 'hh-02',
          household: HEAD,
          kind: 'spike',
          since: '2026-12-03',
          evidence: ev({ last3dAverageKwh: 18, median30dKwh: 5 }),
        },
        // A household the gateway does not list as enrolled: never shown.
        {
          alertId: 'a3',
          householdId: 'hh-99',
          household: HEAD,
          kind: 'low_usage',
          since: '2026-12-05',
          evidence: ev({}),
        },
      ],
    }),
    households: async () => ({
      ok: true,
      value: [
        { ...HEAD, householdId: 'hh-01', readings: READINGS },
        { ...HEAD, householdId: 'hh-02', readings: READINGS },
      ],
    }),
    recordOutcome: async (alertId, o) => {
      asked.push(`${alertId}:${o}`);
      return outcome();
    },
  };
  return { port, asked };
}

type Care = Extract<StaffView, { name: 'care' }>;
const careView = (s: CareScreen, role: 'staff' | 'technician') => s.view(role) as Care;

describe('the care screen', () => {
  it('shows enrolled households only, spikes to staff only, 30 days per chart', async () => {
    const s = new CareScreen();
    s.attach(carePort(async () => ({ ok: true, value: {} })).port);
    expect(careView(s, 'staff').step).toBe('loading');
    await s.load('staff');
    expect(careView(s, 'staff').alerts.map((a) => a.alertId)).toEqual(['a1', 'a2']);
    expect(careView(s, 'technician').alerts.map((a) => a.alertId)).toEqual(['a1']);
    expect(careView(s, 'staff').alerts[1]).toMatchObject({ lastKwh: 18, medianKwh: 5 });
    await s.handle({ type: 'STAFF_CARE', action: 'choose', alertId: 'a1' }, 'staff');
    expect(careView(s, 'staff')).toMatchObject({ step: 'alert', chosen: { alertId: 'a1' } });
    expect(careView(s, 'staff').readings).toHaveLength(30);
    // A technician never has a spike opened for them.
    await s.handle({ type: 'STAFF_CARE', action: 'choose', alertId: 'a2' }, 'technician');
    expect(careView(s, 'technician').chosen).toBeNull();
  });

  it('records an outcome once however often it is tapped, and says a refusal by its code', async () => {
    let answer: (v: { ok: true; value: unknown }) => void = () => undefined;
    const { port, asked } = carePort(() => new Promise((r) => (answer = r)));
    const s = new CareScreen();
    s.attach(port);
    await s.load('staff');
    const tap = () =>
      s.handle(
        { type: 'STAFF_CARE', action: 'outcome', alertId: 'a1', outcome: 'visited_ok' },
        'staff',
      );
    const first = tap();
    await tap();
    answer({ ok: true, value: {} });
    await first;
    await tap();
    expect(asked).toEqual(['a1:visited_ok']);
    expect(careView(s, 'staff').alerts[0]?.outcome).toBe('visited_ok');

    const refused = new CareScreen();
    refused.attach(
      carePort(async () => ({ ok: false, reason: 'unreachable', code: 'unreachable' })).port,
    );
    await refused.load('staff');
    await refused.handle(
      { type: 'STAFF_CARE', action: 'outcome', alertId: 'a1', outcome: 'away' },
      'staff',
    );
    expect(careView(refused, 'staff').lastResult).toEqual({ ok: false, reason: 'unreachable' });
  });

  it('without the community room: not configured, nothing asked', async () => {
    const s = new CareScreen();
    await s.load('staff');
    expect(careView(s, 'staff')).toMatchObject({
      step: 'list',
      problem: 'not_configured',
      alerts: [],
    });
  });
});

type Notices = Extract<StaffView, { name: 'notices' }>;

describe('the notices screen', () => {
  it('reads dates and times as typed', () => {
    expect(dateValue('1220')).toBe('12月20日');
    expect(dateValue('0230')).toBeNull();
    expect(dateValue('1301')).toBeNull();
    expect(dateValue('122')).toBeNull();
    expect(timeValue('0900')).toBe('09:00');
    expect(timeValue('2460')).toBeNull();
  });

  it('refuses without an audience, previews, and sends once', async () => {
    const sent: unknown[] = [];
    const port: NoticesPort = {
      templates: () => [
        {
          id: 'talk',
          title: { 'zh-CN': '讲座', en: 'Talk' },
          fields: [{ id: 'date' }, { id: 'place' }],
        },
      ],
      preview: (_id, v) =>
        v.date && v.place
          ? { ok: true, value: { 'zh-CN': `${v.date}在${v.place}`, en: `${v.date} at ${v.place}` } }
          : { ok: false, reason: 'invalid', code: 'missing_field' },
      send: async (d) => {
        sent.push(d);
        return {
          ok: true,
          serial: 'S-1',
          state: 'accepted',
          reply: { noticeId: 'n1', recipients: 57 },
        };
      },
      sent: async () => ({ ok: true, value: [] }),
    };
    const s = new NoticesScreen();
    s.attach(port, { places: ['居委会', '小区广场'], tags: ['elder', 'building-1'] });
    const v = () => s.view() as Notices;
    await s.handle({ type: 'STAFF_NOTICE', action: 'template', templateId: 'talk' });
    // The time is not this template's field: the keypad types nothing into it.
    await s.handle({ type: 'STAFF_NOTICE', action: 'field', field: 'time' });
    expect(s.typed({ type: 'STAFF_KEY', key: '1' })).toBe(false);
    await s.handle({ type: 'STAFF_NOTICE', action: 'field', field: 'date' });
    for (const k of '1220') s.typed({ type: 'STAFF_KEY', key: k as Key });
    await s.handle({ type: 'STAFF_NOTICE', action: 'preview' });
    expect(v().lastResult).toEqual({ ok: false, reason: 'no_audience' });
    await s.handle({ type: 'STAFF_NOTICE', action: 'tag', value: 'elder' });
    await s.handle({ type: 'STAFF_NOTICE', action: 'tag', value: 'not-a-tag' });
    await s.handle({ type: 'STAFF_NOTICE', action: 'preview' });
    expect(v().lastResult).toEqual({ ok: false, reason: 'missing_field' });
    // Only this community's places (config community.notices) are taken.
    await s.handle({ type: 'STAFF_NOTICE', action: 'place', value: '社区活动室' });
    expect(v().place).toBeNull();
    expect(v()).toMatchObject({
      places: ['居委会', '小区广场'],
      tagChoices: ['elder', 'building-1'],
    });
    await s.handle({ type: 'STAFF_NOTICE', action: 'place', value: '居委会' });
    await s.handle({ type: 'STAFF_NOTICE', action: 'preview' });
    expect(v()).toMatchObject({ step: 'preview', preview: { 'zh-CN': '12月20日在居委会' } });
    await Promise.all([
      s.handle({ type: 'STAFF_NOTICE', action: 'send' }),
      s.handle({ type: 'STAFF_NOTICE', action: 'send' }),
    ]);
    await s.handle({ type: 'STAFF_NOTICE', action: 'send' });
    expect(sent).toEqual([
      { templateId: 'talk', values: { date: '12月20日', place: '居委会' }, tags: ['elder'] },
    ]);
    expect(v()).toMatchObject({ step: 'done', outcome: { state: 'accepted', recipients: 57 } });
  });
});
