// The care screen through the running host: staff sign in at the kiosk, open "care for elders
// living alone", see the open alerts of enrolled households (masked), open one with its 30 days
// and record an outcome once however often it is tapped; a technician sees no spike. Every read
// and the outcome are in the service audit (the community room writes them) and logged at the
// gateway by staff number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Key, Snapshot, StaffView, UserEvent } from '../../src/api/kiosk-api';
import { DEMO_COMMUNITY } from '../../sim/gateway/community-seed';
import { startTestKiosk, type TestKioskHandle } from '../support/kiosk-fixture';

const PEOPLE = [
  { staffNumber: '2001', name: '李工', role: 'technician' },
  { staffNumber: '1001', name: '王芳', role: 'staff' },
] as const;
const TECH_PIN = '482913';
const STAFF_PIN = '731604';

let kiosk: TestKioskHandle;
type Care = Extract<StaffView, { name: 'care' }>;

async function until(check: (s: Snapshot) => boolean, what: string): Promise<Snapshot> {
  for (let i = 0; i < 400; i++) {
    const s = kiosk.host.latest();
    if (check(s)) return s;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(kiosk.host.latest().staff)}`);
}
const send = (e: UserEvent) => kiosk.host.send(e);
const care = (s: Snapshot): Care | null => (s.staff?.name === 'care' ? s.staff : null);

async function signIn(staffNumber: string, pin: string): Promise<void> {
  send({ type: 'STAFF_SIGN_IN' });
  for (const d of staffNumber) send({ type: 'STAFF_KEY', key: d as Key });
  send({ type: 'STAFF_SUBMIT' });
  await until((s) => s.staff?.name === 'signIn' && s.staff.step === 'pin', 'the PIN step');
  for (const d of pin) send({ type: 'STAFF_KEY', key: d as Key });
  await until((s) => s.staff?.name === 'staffHome', 'the staff home');
}

async function openCare(): Promise<Care> {
  send({ type: 'STAFF_OPEN', screen: 'care' });
  const s = await until((x) => care(x)?.step === 'list', 'the alerts');
  return care(s) as Care;
}

beforeAll(async () => {
  kiosk = await startTestKiosk({
    people: PEOPLE.map((p) => ({ ...p })),
    community: { id: DEMO_COMMUNITY, uploadTimeoutMs: 60_000, answerWaitMs: 1_500 },
  });
  const { auth } = kiosk.host.service;
  expect(await auth.setupPinAtConsole('2001', TECH_PIN)).toEqual({ ok: true });
  const tech = await auth.authenticate({ staffNumber: '2001' }, TECH_PIN);
  if (!tech.ok) throw new Error('the technician could not sign in');
  expect(await auth.setPin(tech.person, '1001', STAFF_PIN)).toEqual({ ok: true });
});
afterAll(() => kiosk.stop());

describe('the care screen at the kiosk', () => {
  it('a technician sees the drop but never a spike', async () => {
    await signIn('2001', TECH_PIN);
    const home = kiosk.host.latest().staff;
    expect(home?.name === 'staffHome' && home.menu).toContain('care');
    const list = await openCare();
    expect(list.alerts.map((a) => a.kind)).toEqual(['low_usage']);
    expect(JSON.stringify(kiosk.host.latest())).not.toContain('spike');
    send({ type: 'STAFF_LOCK' });
    await until((s) => s.staff === null, 'the mode closed');
  });

  it('staff see every open alert, masked; one with its 30 days; an outcome recorded once', async () => {
    const before = kiosk.host.service.audit.list({ action: 'care.view' }).length;
    await signIn('1001', STAFF_PIN);
    const list = await openCare();
    expect(list.alerts.map((a) => a.kind).sort()).toEqual(['low_usage', 'spike']);
    expect(list.households).toBeGreaterThan(0);
    for (const a of list.alerts) {
      expect(a.holder).toMatch(/\*/);
      expect(a.contact).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
    const low = list.alerts.find((a) => a.kind === 'low_usage');
    if (!low) throw new Error('no low_usage alert');
    expect(low.lastKwh).not.toBeNull();
    expect(low.lastKwh ?? 0).toBeLessThan((low.medianKwh ?? 0) * 0.3);

    send({ type: 'STAFF_CARE', action: 'choose', alertId: low.alertId });
    const chosen = care(await until((s) => care(s)?.step === 'alert', 'the alert')) as Care;
    expect(chosen.readings).toHaveLength(30);
    expect(chosen.readings.at(-1)?.kwh ?? 99).toBeLessThan(1);

    // A double tap: one outcome at the gateway.
    send({ type: 'STAFF_CARE', action: 'outcome', alertId: low.alertId, outcome: 'visited_ok' });
    send({ type: 'STAFF_CARE', action: 'outcome', alertId: low.alertId, outcome: 'visited_ok' });
    await until((s) => care(s)?.chosen?.outcome === 'visited_ok', 'the outcome');
    await until((s) => care(s)?.lastResult?.ok === true, 'done');
    const outcomes = kiosk.host.service.audit.list({ action: 'care.outcome' });
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({
      actor: { staffNumber: '1001' },
      detail: { outcome: 'visited_ok', ok: true },
    });

    // Every read audited (alerts and households at each opening), with counts only.
    const views = kiosk.host.service.audit.list({ action: 'care.view' }).slice(before);
    expect(views.map((v) => v.actor?.staffNumber)).toEqual(['1001', '1001']);
    expect(JSON.stringify(views)).not.toMatch(/\*|138/);
  });
});

describe('community notices at the kiosk', () => {
  type Notices = Extract<StaffView, { name: 'notices' }>;
  const notices = (s: Snapshot): Notices | null => (s.staff?.name === 'notices' ? s.staff : null);
  const notice = (e: Omit<Extract<UserEvent, { type: 'STAFF_NOTICE' }>, 'type'>) =>
    send({ type: 'STAFF_NOTICE', ...e });

  it('composed without Chinese typing, previewed, sent once however often tapped, counted', async () => {
    send({ type: 'STAFF_LOCK' });
    await signIn('1001', STAFF_PIN);
    send({ type: 'STAFF_OPEN', screen: 'notices' });
    await until((s) => notices(s)?.step === 'template', 'the templates');
    notice({ action: 'template', templateId: 'safety-talk' });
    notice({ action: 'field', field: 'date' });
    for (const d of '1310') send({ type: 'STAFF_KEY', key: d as Key }); // no 13th month
    expect(notices(kiosk.host.latest())?.date).toEqual({ typed: '1310', value: null });
    send({ type: 'STAFF_KEY', key: 'clear' });
    for (const d of '1210') send({ type: 'STAFF_KEY', key: d as Key });
    notice({ action: 'field', field: 'time' });
    for (const d of '1400') send({ type: 'STAFF_KEY', key: d as Key });
    notice({ action: 'place', value: '社区活动室' });
    notice({ action: 'preview' }); // no audience yet
    await until((s) => notices(s)?.lastResult?.reason === 'no_audience', 'no audience');
    notice({ action: 'tag', value: 'elder' });
    notice({ action: 'preview' });
    const preview = notices(await until((s) => notices(s)?.step === 'preview', 'the preview'));
    expect(preview?.preview?.['zh-CN']).toContain('12月10日 14:00在社区活动室');

    notice({ action: 'send' });
    notice({ action: 'send' });
    const done = notices(await until((s) => notices(s)?.step === 'done', 'sent'));
    expect(done?.outcome).toMatchObject({ state: 'accepted' });
    expect(done?.outcome?.recipients).toBeGreaterThan(0);
    notice({ action: 'send' });
    expect(kiosk.host.service.audit.list({ action: 'notices.send' })).toHaveLength(1);
    const sent = notices(await until((s) => (notices(s)?.sent.length ?? 0) > 0, 'the sent list'));
    expect(sent?.sent[0]).toMatchObject({
      noticeSerial: done?.outcome?.serial,
      recipients: done?.outcome?.recipients,
      tags: ['elder'],
    });
  });
});
