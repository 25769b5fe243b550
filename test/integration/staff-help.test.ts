// A help call answered at the kiosk through the running host: the resident calls with a note
// in, a member of staff signs in by staff number and PIN over her paused visit, sees what she
// sees and the money, cancels safely for her (the note goes by the partial-cash rules), and
// hands the screen back; every step is in the audit, and her taps wait while staff work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Key, Snapshot, UserEvent } from '../../src/api/kiosk-api';
import { startTestKiosk, type TestKioskHandle } from '../support/kiosk-fixture';

const PEOPLE = [
  { staffNumber: '2001', name: '李工', role: 'technician' },
  { staffNumber: '1001', name: '王芳', role: 'staff' },
] as const;
const TECH_PIN = '482913';
const STAFF_PIN = '731604';

let kiosk: TestKioskHandle;

async function until(check: (s: Snapshot) => boolean, what: string): Promise<Snapshot> {
  for (let i = 0; i < 400; i++) {
    const s = kiosk.host.latest();
    if (check(s)) return s;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(kiosk.host.latest())}`);
}

const send = (e: UserEvent) => kiosk.host.send(e);
const keys = (digits: string) => {
  for (const d of digits) send({ type: 'STAFF_KEY', key: d as Key });
};

beforeAll(async () => {
  kiosk = await startTestKiosk({ people: PEOPLE.map((p) => ({ ...p })) });
  const { auth } = kiosk.host.service;
  expect(await auth.setupPinAtConsole('2001', TECH_PIN)).toEqual({ ok: true });
  const tech = await auth.authenticate({ staffNumber: '2001' }, TECH_PIN);
  if (!tech.ok) throw new Error('the technician could not sign in');
  expect(await auth.setPin(tech.person, '1001', STAFF_PIN)).toEqual({ ok: true });
});
afterAll(() => kiosk.stop());

describe('a help call answered by staff at the kiosk', () => {
  it('is seen, answered, settled safely and handed back, all audited', async () => {
    kiosk.scanner.scan('SHWATER:210012345');
    await until((s) => s.screen.name === 'bills', 'the bills');
    send({ type: 'PAY_CASH' });
    await until((s) => s.screen.name === 'confirm', 'confirm');
    send({ type: 'CONFIRM' });
    await until((s) => s.screen.name === 'insertCash', 'insert cash');
    await until(() => kiosk.acceptor.insertNote(1_000), 'the acceptor to take a note');
    await until((s) => s.screen.name === 'insertCash' && s.screen.collected === 1_000, 'credit');

    send({ type: 'CALL_STAFF' });
    await until((s) => s.helpCalled && s.screen.name === 'staffHelp', 'the help call');

    // Sign in without a card: staff number, then a wrong PIN, then the right one.
    send({ type: 'STAFF_SIGN_IN' });
    keys('1001');
    send({ type: 'STAFF_SUBMIT' });
    keys('000111');
    const wrong = await until((s) => s.staff?.name === 'signIn' && s.staff.problem !== null, 'no');
    expect(wrong.staff).toMatchObject({ problem: 'wrong_pin', triesLeft: 4, pinLength: 0 });
    expect(JSON.stringify(wrong)).not.toContain('000111');
    keys(STAFF_PIN);
    const home = await until((s) => s.staff?.name === 'staffHome', 'the staff screen');
    expect(home.staff).toMatchObject({
      name: 'staffHome',
      who: { name: '王芳', role: 'staff' },
      helpCall: {
        reason: 'customer',
        customerScreen: 'insertCash',
        collected: 1_000,
        noteInEscrow: false,
        wayForward: 'settleCash',
        canCancel: true,
      },
    });
    expect(home.staffHelping).toBe(true);

    // The resident's taps wait while staff have the screen.
    send({ type: 'CONTINUE' });
    send({ type: 'CANCEL' });
    await new Promise((r) => setTimeout(r, 200));
    expect(kiosk.host.latest().staff?.name).toBe('staffHome');

    send({ type: 'STAFF_HELP', action: 'cancel' });
    await until(
      (s) => s.staff?.name === 'staffHome' && s.staff.helpCall?.customerScreen === 'partialCash',
      'the part-payment screen under the staff screen',
    );
    send({ type: 'STAFF_HELP', action: 'handBack' });
    const back = await until((s) => s.staff === null, 'the resident screen');
    expect(back.screen.name).toBe('partialCash');
    expect(back.staffHelping).toBe(true);

    const actions = kiosk.host.service.audit
      .list({})
      .map((r) => [r.action, r.actor?.staffNumber ?? null, r.detail?.['step'] ?? null]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['auth.wrong_pin', null, null],
        ['mode.opened', '1001', null],
        ['help_call.answer', '1001', null],
        ['help_call.answer', '1001', 'cancel'],
        ['help_call.answer', '1001', 'handBack'],
        ['mode.locked', '1001', null],
      ]),
    );
  });
});
