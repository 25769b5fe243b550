// The community service point's flow (issue 14): 查进度 by tracking code and the mobile's last
// four, its screens by state, and its place in the session (in from the idle screen, out to it).
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import { sessionMachine } from '../../src/flows/session-machine';
import { screenOf } from '../../src/flows/session-view';
import {
  servicePointMachine,
  type ProgressLookup,
  type ProgressView,
} from '../../src/flows/service-point/service-point-machine';
import { servicePointScreenOf } from '../../src/flows/service-point/service-point-view';
import type { ServiceKey } from '../../src/api/kiosk-api';

const TIMING = { writeOffWaitMs: 1, doneScreenMs: 1, partialCashWaitMs: 1 };

const NEEDS_MORE: ProgressView = {
  trackingCode: 'N3ED-5MR8',
  status: 'needs_more',
  timeline: [
    { status: 'received', at: '2026-12-01T02:10:00Z', note: { 'zh-CN': '已受理', en: 'Received' } },
  ],
  nextStep: null,
  reason: null,
  requested: [{ documentId: 'property', label: null, pages: { min: 1, max: 4 } }],
  applicationSerial: null,
};

function lookups(answer: (code: string, last4: string) => ProgressLookup) {
  const asked: { code: string; last4: string }[] = [];
  const logic = servicePointMachine.provide({
    actors: {
      progressByCode: fromPromise<ProgressLookup, { code: string; last4: string }>(
        async ({ input }) => {
          asked.push(input);
          return answer(input.code, input.last4);
        },
      ),
    },
  });
  return { logic, asked };
}

const keys = (text: string) =>
  [...text].map((key) => ({ type: 'SERVICE_KEY' as const, key: key as ServiceKey }));

describe('the service point flow', () => {
  it('looks progress up by the code as the gateway reads it and the last four', async () => {
    const { logic, asked } = lookups((code, last4) =>
      code === 'N3ED-5MR8' && last4 === '5678'
        ? { ok: true, progress: NEEDS_MORE }
        : { ok: false, problem: 'not_found' },
    );
    const a = createActor(logic).start();
    expect(servicePointScreenOf(a.getSnapshot())).toEqual({ name: 'serviceHome' });
    a.send({ type: 'OPEN_PROGRESS' });
    for (const e of keys('N3ED5MR8X')) a.send(e); // the ninth is not taken
    expect(servicePointScreenOf(a.getSnapshot())).toMatchObject({
      name: 'progressEntry',
      step: 'code',
      code: 'N3ED5MR8',
    });
    a.send({ type: 'SERVICE_NEXT' });
    for (const e of keys('56A78')) a.send(e); // a letter is no digit of a phone
    expect(servicePointScreenOf(a.getSnapshot())).toMatchObject({ step: 'last4', last4: '5678' });
    a.send({ type: 'SERVICE_NEXT' });
    await waitFor(a, (s) => s.matches('progress'));
    expect(asked).toEqual([{ code: 'N3ED-5MR8', last4: '5678' }]);
    // No serial from the gateway here: nothing to add the documents to at the kiosk.
    const { applicationSerial: _, ...shown } = NEEDS_MORE;
    expect(servicePointScreenOf(a.getSnapshot())).toEqual({
      name: 'progress',
      ...shown,
      requested: [{ documentId: 'property', label: null }],
      addNow: false,
    });
    a.send({ type: 'DONE' });
    expect(a.getSnapshot().status).toBe('done');
  });

  it('refuses a short code or last four in words, and a wrong pair sends her back to the code', async () => {
    const { logic } = lookups(() => ({ ok: false, problem: 'not_found' }));
    const a = createActor(logic).start();
    a.send({ type: 'OPEN_PROGRESS' });
    for (const e of keys('K7QH')) a.send(e);
    a.send({ type: 'SERVICE_NEXT' });
    expect(servicePointScreenOf(a.getSnapshot())).toMatchObject({ problem: 'invalid_code' });
    for (const e of keys('2M9D')) a.send(e);
    expect(servicePointScreenOf(a.getSnapshot())).toMatchObject({ problem: null });
    a.send({ type: 'SERVICE_NEXT' });
    for (const e of keys('12')) a.send(e);
    a.send({ type: 'SERVICE_NEXT' });
    expect(servicePointScreenOf(a.getSnapshot())).toMatchObject({ problem: 'invalid_last4' });
    for (const e of keys('34')) a.send(e);
    a.send({ type: 'SERVICE_NEXT' });
    await waitFor(a, (s) => s.matches('enterCode'));
    expect(servicePointScreenOf(a.getSnapshot())).toMatchObject({
      step: 'code',
      code: 'K7QH2M9D',
      last4: '',
      problem: 'not_found',
    });
  });

  it('the stand-in (no gateway) says unreachable; delete and clear edit what was typed', async () => {
    const a = createActor(servicePointMachine).start();
    a.send({ type: 'OPEN_PROGRESS' });
    for (const e of keys('AB')) a.send(e);
    a.send({ type: 'SERVICE_KEY', key: 'delete' });
    expect(a.getSnapshot().context.code).toBe('A');
    a.send({ type: 'SERVICE_KEY', key: 'clear' });
    for (const e of keys('K7QH2M9D')) a.send(e);
    a.send({ type: 'SERVICE_NEXT' });
    for (const e of keys('8000')) a.send(e);
    a.send({ type: 'SERVICE_NEXT' });
    await waitFor(a, (s) => s.matches('enterCode'));
    expect(a.getSnapshot().context.problem).toBe('unreachable');
  });

  it("the receipt's QR held to the scanner, from any screen of hers, shows its progress", async () => {
    const scans: string[] = [];
    const logic = servicePointMachine.provide({
      actors: {
        progressByScan: fromPromise<ProgressLookup, { text: string }>(async ({ input }) => {
          scans.push(input.text);
          return input.text.startsWith('KIOSK-APP:')
            ? { ok: true, progress: { ...NEEDS_MORE, trackingCode: null } }
            : { ok: false, problem: 'not_a_receipt' };
        }),
      },
    });
    const a = createActor(logic).start();
    a.send({ type: 'OPEN_PROGRESS' });
    for (const e of keys('K7')) a.send(e);
    a.send({ type: 'SCANNED', text: '134567890123456780' }); // a wallet code
    await waitFor(a, (s) => s.matches('enterCode'));
    expect(servicePointScreenOf(a.getSnapshot())).toMatchObject({
      name: 'progressEntry',
      code: '',
      problem: 'not_a_receipt',
    });
    a.send({ type: 'SCANNED', text: 'KIOSK-APP:SH-XH-WK-0007-20261204-900002' });
    expect(servicePointScreenOf(a.getSnapshot())).toEqual({ name: 'progressLookingUp' });
    await waitFor(a, (s) => s.matches('progress'));
    expect(servicePointScreenOf(a.getSnapshot())).toMatchObject({
      name: 'progress',
      trackingCode: null,
      status: 'needs_more',
    });
    expect(scans).toEqual(['134567890123456780', 'KIOSK-APP:SH-XH-WK-0007-20261204-900002']);
  });

  it('every state has a screen', () => {
    const states = Object.keys(servicePointMachine.root.states);
    const initial = createActor(servicePointMachine).getSnapshot();
    for (const value of states) {
      const s = servicePointMachine.resolveState({ value, context: initial.context });
      expect(servicePointScreenOf(s).name).toMatch(/^[a-zA-Z]+$/);
    }
  });
});

describe('the service point in the session', () => {
  it('opens from the idle screen, takes its events, and ends on the idle screen', async () => {
    const a = createActor(sessionMachine, { input: TIMING }).start();
    a.send({ type: 'OPEN_SERVICES' });
    expect(screenOf(a.getSnapshot())).toEqual({ name: 'serviceHome' });
    a.send({ type: 'OPEN_PROGRESS' });
    a.send({ type: 'SERVICE_KEY', key: 'K' });
    expect(screenOf(a.getSnapshot())).toMatchObject({ name: 'progressEntry', code: 'K' });
    a.send({ type: 'BACK' });
    expect(screenOf(a.getSnapshot())).toEqual({ name: 'serviceHome' });
    a.send({ type: 'BACK' });
    expect(screenOf(a.getSnapshot()).name).toBe('attract');
    a.send({ type: 'OPEN_SERVICES' });
    a.send({ type: 'OPEN_PROGRESS' });
    a.send({ type: 'CANCEL' });
    expect(screenOf(a.getSnapshot()).name).toBe('attract');
    // A scan at the service point is hers (the stand-in answers "unreachable").
    a.send({ type: 'OPEN_SERVICES' });
    a.send({ type: 'SCANNED', text: 'KIOSK-APP:SH-XH-WK-0007-20261204-900002' });
    await waitFor(a, (s) => screenOf(s).name === 'progressEntry');
    expect(screenOf(a.getSnapshot())).toMatchObject({ problem: 'unreachable' });
    a.send({ type: 'CANCEL' });
    // Opened afresh: nothing of the last visit's typing.
    a.send({ type: 'OPEN_SERVICES' });
    a.send({ type: 'OPEN_PROGRESS' });
    expect(screenOf(a.getSnapshot())).toMatchObject({ code: '' });
  });
});
