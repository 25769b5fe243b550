// Entry (src/service/authenticator.ts): card + PIN or staff number + PIN; unknown, no PIN and
// wrong PIN told apart as the screens need; PINs set by a technician only, changed by their
// holder with the current one, the first technician's at the console once; four eyes means two
// people; every attempt and PIN change audited, without a PIN, a name or a whole card UID.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_MS, MAX_TRIES } from '../../src/service/lockout';
import { PinStore } from '../../src/service/pin-store';
import {
  enter,
  journalFile,
  openRoom,
  PINS,
  seedPins,
  TEST_PEOPLE,
  testClock,
  type JournalFile,
  type Room,
} from './service-fixture';

const pin = (n: string) => PINS[n] ?? '';
const WRONG = '246813';

let jf: JournalFile;
let room: Room;
beforeEach(async () => {
  jf = journalFile();
  room = openRoom(jf, testClock());
  await seedPins(room, ['1001', '9001']);
});
afterEach(() => jf.remove());

/** Every audit row as text, for what must never be in it. */
function auditText(): string {
  return JSON.stringify(room.audit.list({ limit: 1_000 }));
}

describe('authenticate', () => {
  it('card + PIN, or staff number + PIN: the person, as config names them', async () => {
    const byCard = await room.auth.authenticate({ card: '04c0ffee000001' }, pin('1001'));
    expect(byCard).toEqual({
      ok: true,
      person: { staffNumber: '1001', name: '王小明', role: 'staff' },
    });
    const byNumber = await room.auth.authenticate({ staffNumber: '9001' }, pin('9001'));
    expect(byNumber).toMatchObject({
      ok: true,
      person: { staffNumber: '9001', role: 'technician' },
    });
    if (!byCard.ok) throw new Error('unreachable');
    expect(room.auth.isAuthenticated(byCard.person)).toBe(true);
    expect(room.auth.isAuthenticated({ staffNumber: '1001', name: '王小明', role: 'staff' })).toBe(
      false,
    );
    expect(Object.isFrozen(byCard.person)).toBe(true);
  });

  it('an unknown card, an account card or an unknown staff number: unknown, and no try spent', async () => {
    expect(await room.auth.authenticate({ card: '0499999999' }, pin('1001'))).toEqual({
      ok: false,
      reason: 'unknown',
    });
    expect(await room.auth.authenticate({ card: '04A1B2C3D4E5F6' }, pin('1001'))).toMatchObject({
      reason: 'unknown',
    });
    expect(await room.auth.authenticate({ staffNumber: '370514' }, pin('1001'))).toMatchObject({
      reason: 'unknown',
    });
    expect(room.auth.lockState('1001').failures).toBe(0);
    const rows = room.audit.list();
    expect(rows.map((r) => r.action)).toEqual(['auth.unknown', 'auth.unknown', 'auth.unknown']);
    expect(rows[0]).toMatchObject({
      actor: null,
      subject: null,
      detail: { via: 'card', cardTail: '9999', purpose: 'enter' },
    });
    // The typed "staff number" may be a PIN in the wrong box: never recorded.
    expect(rows[2]?.detail).toEqual({ via: 'staff_number', purpose: 'enter' });
    expect(auditText()).not.toContain('370514');
  });

  it('a person without a PIN cannot enter (no_pin), whatever they type', async () => {
    for (const typed of ['', '000000', pin('1002')]) {
      expect(await room.auth.authenticate({ staffNumber: '1002' }, typed)).toEqual({
        ok: false,
        reason: 'no_pin',
      });
    }
    expect(room.audit.list({ action: 'auth.no_pin' })).toHaveLength(3);
  });

  it('audits every attempt: success, wrong PIN, lockout, refused while locked', async () => {
    await room.auth.authenticate({ card: '04C0FFEE000001' }, pin('1001'));
    for (let i = 0; i < MAX_TRIES; i += 1)
      await room.auth.authenticate({ card: '04C0FFEE000001' }, WRONG);
    await room.auth.authenticate({ staffNumber: '1001' }, pin('1001'));
    const rows = room.audit.list();
    expect(rows.map((r) => r.action)).toEqual([
      'auth.ok',
      'auth.wrong_pin',
      'auth.wrong_pin',
      'auth.wrong_pin',
      'auth.wrong_pin',
      'auth.locked_out',
      'auth.refused_locked',
    ]);
    expect(rows[0]).toMatchObject({
      actor: { staffNumber: '1001', role: 'staff' },
      detail: { via: 'card', cardTail: '0001', purpose: 'enter' },
    });
    expect(rows[1]).toMatchObject({
      actor: null,
      subject: 'staff:1001',
      detail: { via: 'card', cardTail: '0001', triesLeft: 4 },
    });
    expect(rows[5]?.detail).toMatchObject({
      lockedUntil: new Date(room.clock() + LOCK_MS + 8 * 3600_000)
        .toISOString()
        .replace('Z', '+08:00'),
    });
    expect(rows[6]).toMatchObject({ subject: 'staff:1001', detail: { via: 'staff_number' } });
    const text = auditText();
    for (const secret of [pin('1001'), WRONG, '04C0FFEE000001', 'C0FFEE', '王小明'])
      expect(text).not.toContain(secret);
  });

  it('a stored hash cheaper than today’s parameters is rehashed at the next good entry', async () => {
    const strong = { n: 64, r: 2, p: 1 };
    const upgraded = openRoom(jf, room.clock, { pinHash: strong });
    const store = new PinStore(upgraded.db);
    expect(store.get('1001')).toMatchObject({ n: 16, r: 1 });
    const before = store.setInfo('1001');
    await upgraded.auth.authenticate({ staffNumber: '1001' }, WRONG);
    expect(store.get('1001')).toMatchObject({ n: 16, r: 1 }); // not on a wrong PIN
    expect((await upgraded.auth.authenticate({ staffNumber: '1001' }, pin('1001'))).ok).toBe(true);
    expect(store.get('1001')).toMatchObject({ n: 64, r: 2, p: 1 });
    expect(store.setInfo('1001')).toEqual(before);
    expect((await upgraded.auth.authenticate({ staffNumber: '1001' }, pin('1001'))).ok).toBe(true);
    expect(upgraded.audit.latest({ limit: 2 }).map((r) => r.detail?.rehashed)).toEqual([
      undefined,
      true,
    ]);
  });
});

describe('setPin', () => {
  it('a technician sets anyone’s PIN; it works at once and is audited', async () => {
    const li = await enter(room, '9001');
    expect(await room.auth.setPin(li, '1002', '582047')).toEqual({ ok: true });
    expect((await room.auth.authenticate({ staffNumber: '1002' }, '582047')).ok).toBe(true);
    expect(new PinStore(room.db).setInfo('1002')).toEqual({ setAt: room.clock(), setBy: '9001' });
    expect(room.audit.list({ action: 'pin.set' })).toMatchObject([
      {
        actor: { staffNumber: '9001', role: 'technician' },
        subject: 'staff:1002',
        detail: { outcome: 'set' },
      },
    ]);
    expect(auditText()).not.toContain('582047');
  });

  it('staff cannot set PINs, not even their own', async () => {
    const wang = await enter(room, '1001');
    expect(await room.auth.setPin(wang, '1002', '582047')).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
    expect(await room.auth.setPin(wang, '1001', '582047')).toMatchObject({ reason: 'not_allowed' });
    expect(room.auth.hasPin('1002')).toBe(false);
    expect(room.audit.list({ action: 'pin.set' })).toMatchObject([
      { actor: { staffNumber: '1001' }, detail: { outcome: 'refused', reason: 'not_allowed' } },
      { actor: { staffNumber: '1001' }, detail: { outcome: 'refused', reason: 'not_allowed' } },
    ]);
  });

  it('refuses weak PINs and unknown people, saying why', async () => {
    const li = await enter(room, '9001');
    expect(await room.auth.setPin(li, '1002', '111111')).toEqual({
      ok: false,
      reason: 'weak_pin',
      problem: 'same_digit',
    });
    expect(await room.auth.setPin(li, '1002', '123456')).toMatchObject({ problem: 'sequence' });
    expect(await room.auth.setPin(li, '1002', '12345')).toMatchObject({ problem: 'format' });
    expect(await room.auth.setPin(li, '1002', '100245')).toMatchObject({ problem: 'staff_number' });
    expect(await room.auth.setPin(li, '7777', '582047')).toEqual({ ok: false, reason: 'unknown' });
    expect(room.auth.hasPin('1002')).toBe(false);
    expect(room.auth.hasPin('7777')).toBe(false);
  });

  it('a new PIN lifts the person’s lock', async () => {
    for (let i = 0; i < MAX_TRIES; i += 1)
      await room.auth.authenticate({ staffNumber: '1001' }, WRONG);
    expect(room.auth.lockState('1001').lockedUntil).not.toBeNull();
    const li = await enter(room, '9001');
    await room.auth.setPin(li, '1001', '604821');
    expect(room.auth.lockState('1001')).toEqual({ failures: 0, lockedUntil: null });
    expect((await room.auth.authenticate({ staffNumber: '1001' }, '604821')).ok).toBe(true);
    expect((await room.auth.authenticate({ staffNumber: '1001' }, pin('1001'))).ok).toBe(false);
  });

  it('only for a person who entered here: a look-alike object is refused', async () => {
    const forged = { staffNumber: '9001', name: '李工', role: 'technician' } as const;
    // @ts-expect-error: the type says so too
    await expect(room.auth.setPin(forged, '1002', '582047')).rejects.toThrow(/entered their PIN/);
    const elsewhere = openRoom(jf, room.clock);
    const li = await enter(elsewhere, '9001');
    await expect(room.auth.setPin(li, '1002', '582047')).rejects.toThrow(/entered their PIN/);
    expect(room.auth.hasPin('1002')).toBe(false);
  });
});

describe('changePin', () => {
  it('the holder changes their PIN with the current one; the old one stops working', async () => {
    const wang = await enter(room, '1001');
    expect(await room.auth.changePin(wang, pin('1001'), '604821')).toEqual({ ok: true });
    expect((await room.auth.authenticate({ staffNumber: '1001' }, '604821')).ok).toBe(true);
    expect(await room.auth.authenticate({ staffNumber: '1001' }, pin('1001'))).toMatchObject({
      reason: 'wrong_pin',
    });
    expect(room.audit.list({ action: 'pin.change_own' })).toMatchObject([
      { actor: { staffNumber: '1001', role: 'staff' }, detail: { outcome: 'set' } },
    ]);
    expect(room.audit.list({ action: 'auth.ok' }).map((r) => r.detail?.purpose)).toEqual([
      'enter',
      'change_pin',
      'enter',
    ]);
  });

  it('a wrong current PIN is a wrong try like any other (it counts towards the lock)', async () => {
    const wang = await enter(room, '1001');
    for (const triesLeft of [4, 3, 2, 1])
      expect(await room.auth.changePin(wang, WRONG, '604821')).toEqual({
        ok: false,
        reason: 'wrong_pin',
        triesLeft,
      });
    expect(await room.auth.changePin(wang, WRONG, '604821')).toMatchObject({ reason: 'locked' });
    expect(await room.auth.changePin(wang, pin('1001'), '604821')).toMatchObject({
      reason: 'locked',
    });
    expect((await room.auth.authenticate({ staffNumber: '1001' }, '604821')).ok).toBe(false);
  });

  it('a weak new PIN is refused before the current one is even checked', async () => {
    const wang = await enter(room, '1001');
    expect(await room.auth.changePin(wang, WRONG, '654321')).toEqual({
      ok: false,
      reason: 'weak_pin',
      problem: 'sequence',
    });
    expect(room.auth.lockState('1001').failures).toBe(0);
  });
});

describe('authenticateApprover (four eyes)', () => {
  it('a second person with their own card and PIN; never the first, and that spends no try', async () => {
    const wang = await enter(room, '1001');
    expect(
      await room.auth.authenticateApprover(wang, { card: '04C0FFEE000001' }, pin('1001')),
    ).toEqual({ ok: false, reason: 'same_person' });
    expect(await room.auth.authenticateApprover(wang, { staffNumber: '1001' }, WRONG)).toEqual({
      ok: false,
      reason: 'same_person',
    });
    expect(room.auth.lockState('1001').failures).toBe(0);
    const second = await room.auth.authenticateApprover(
      wang,
      { card: '04C0FFEE000002' },
      pin('9001'),
    );
    expect(second).toMatchObject({ ok: true, person: { staffNumber: '9001' } });
    expect(room.audit.latest({ limit: 1 })[0]?.detail).toMatchObject({ purpose: 'approve' });
  });
});

describe('setupPinAtConsole (the first technician)', () => {
  let fresh: Room;
  beforeEach(() => {
    const file = journalFile('kiosk-console-');
    fresh = openRoom(file, testClock());
    return () => file.remove();
  });

  it('sets the first technician’s PIN once; every further PIN is set at the kiosk', async () => {
    expect(await fresh.auth.setupPinAtConsole('9001', pin('9001'))).toEqual({ ok: true });
    expect((await fresh.auth.authenticate({ staffNumber: '9001' }, pin('9001'))).ok).toBe(true);
    expect(await fresh.auth.setupPinAtConsole('9002', pin('9002'))).toEqual({
      ok: false,
      reason: 'already_set_up',
    });
    expect(await fresh.auth.setupPinAtConsole('9001', '604821')).toMatchObject({
      reason: 'already_set_up',
    });
    expect(fresh.auth.techniciansWithPin()).toEqual(['9001']);
    expect(fresh.audit.list({ action: 'pin.console_setup' })).toMatchObject([
      { actor: null, subject: 'staff:9001', detail: { outcome: 'set', recover: false } },
      { actor: null, detail: { outcome: 'refused', reason: 'already_set_up' } },
      { actor: null, detail: { outcome: 'refused', reason: 'already_set_up' } },
    ]);
    expect(new PinStore(fresh.db).setInfo('9001')?.setBy).toBeNull();
  });

  it('only for a technician in config, and never a weak PIN', async () => {
    expect(await fresh.auth.setupPinAtConsole('1001', pin('1001'))).toEqual({
      ok: false,
      reason: 'not_technician',
    });
    expect(await fresh.auth.setupPinAtConsole('7777', pin('9001'))).toMatchObject({
      reason: 'unknown',
    });
    expect(await fresh.auth.setupPinAtConsole('9001', '000000')).toMatchObject({
      reason: 'weak_pin',
      problem: 'same_digit',
    });
    expect(fresh.auth.techniciansWithPin()).toEqual([]);
  });

  it('recover: replaces a technician’s PIN and lifts their lock, audited as such', async () => {
    await fresh.auth.setupPinAtConsole('9001', pin('9001'));
    for (let i = 0; i < MAX_TRIES; i += 1)
      await fresh.auth.authenticate({ staffNumber: '9001' }, WRONG);
    expect(await fresh.auth.setupPinAtConsole('9001', '604821', { recover: true })).toEqual({
      ok: true,
    });
    expect((await fresh.auth.authenticate({ staffNumber: '9001' }, '604821')).ok).toBe(true);
    expect(fresh.audit.list({ action: 'pin.console_setup' }).at(-1)?.detail).toEqual({
      outcome: 'set',
      recover: true,
    });
  });
});

describe('PINs persist', () => {
  it('a PIN set survives closing and reopening the journal', async () => {
    const li = await enter(room, '9001');
    await room.auth.setPin(li, '1002', '582047');
    room.db.close();
    const again = openRoom(jf, room.clock);
    expect((await again.auth.authenticate({ staffNumber: '1002' }, '582047')).ok).toBe(true);
    expect(again.people.all()).toHaveLength(TEST_PEOPLE.length);
  });
});
