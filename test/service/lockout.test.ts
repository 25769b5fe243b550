// Lockout (src/service/lockout.ts, through ServiceAuth): five wrong PINs lock the person for 15
// minutes, by card or by staff number alike; a good PIN resets the count; the count and the lock
// survive a restart; a try is spent before its PIN is checked, so a kill mid-check or tries at
// once cannot get a sixth.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Lockout, LOCK_MS, MAX_TRIES } from '../../src/service/lockout';
import {
  journalFile,
  openRoom,
  PINS,
  seedPins,
  testClock,
  type JournalFile,
  type Room,
} from './service-fixture';

const WRONG = '246813';

let jf: JournalFile;
beforeEach(() => {
  jf = journalFile();
});
afterEach(() => jf.remove());

describe('lockout', () => {
  it('counts down four wrong PINs, locks at the fifth for 15 minutes, then gives five fresh tries', async () => {
    const room = openRoom(jf, testClock());
    await seedPins(room, ['1001']);
    const { auth, clock } = room;
    for (const triesLeft of [4, 3, 2, 1]) {
      expect(await auth.authenticate({ staffNumber: '1001' }, WRONG)).toEqual({
        ok: false,
        reason: 'wrong_pin',
        triesLeft,
      });
    }
    const lockedAt = clock();
    expect(await auth.authenticate({ staffNumber: '1001' }, WRONG)).toEqual({
      ok: false,
      reason: 'locked',
      lockedUntil: lockedAt + LOCK_MS,
      triesLeft: 0,
    });
    // Locked: even the right PIN, by card or by number, is not checked.
    clock.advance(LOCK_MS - 1);
    expect(await auth.authenticate({ card: '04C0FFEE000001' }, PINS['1001'] ?? '')).toMatchObject({
      ok: false,
      reason: 'locked',
      lockedUntil: lockedAt + LOCK_MS,
    });
    clock.advance(1);
    expect(await auth.authenticate({ staffNumber: '1001' }, WRONG)).toMatchObject({
      reason: 'wrong_pin',
      triesLeft: 4,
    });
    expect((await auth.authenticate({ staffNumber: '1001' }, PINS['1001'] ?? '')).ok).toBe(true);
  });

  it('a good PIN resets the count', async () => {
    const room = openRoom(jf, testClock());
    await seedPins(room, ['1001']);
    for (let round = 0; round < 3; round += 1) {
      for (let i = 0; i < MAX_TRIES - 1; i += 1)
        await room.auth.authenticate({ staffNumber: '1001' }, WRONG);
      expect((await room.auth.authenticate({ staffNumber: '1001' }, PINS['1001'] ?? '')).ok).toBe(
        true,
      );
      expect(room.auth.lockState('1001')).toEqual({ failures: 0, lockedUntil: null });
    }
  });

  it('one count per person, by card and by staff number alike; other people are not touched', async () => {
    const room = openRoom(jf, testClock());
    await seedPins(room, ['1001', '9001']);
    await room.auth.authenticate({ card: '04C0FFEE000001' }, WRONG);
    await room.auth.authenticate({ staffNumber: '1001' }, WRONG);
    await room.auth.authenticate({ card: '04:c0:ff:ee:00:00:01' }, WRONG);
    await room.auth.authenticate({ staffNumber: '1001' }, WRONG);
    expect(await room.auth.authenticate({ card: '04C0FFEE000001' }, WRONG)).toMatchObject({
      reason: 'locked',
    });
    expect(room.auth.lockState('1001').lockedUntil).toBe(room.clock() + LOCK_MS);
    expect(room.auth.lockState('9001')).toEqual({ failures: 0, lockedUntil: null });
    expect((await room.auth.authenticate({ staffNumber: '9001' }, PINS['9001'] ?? '')).ok).toBe(
      true,
    );
  });

  it('the count and the lock survive a restart of the host', async () => {
    const clock = testClock();
    const first = openRoom(jf, clock);
    await seedPins(first, ['1001']);
    for (let i = 0; i < 3; i += 1) await first.auth.authenticate({ staffNumber: '1001' }, WRONG);
    first.db.close();

    const second = openRoom(jf, clock);
    expect(second.auth.lockState('1001')).toEqual({ failures: 3, lockedUntil: null });
    await second.auth.authenticate({ staffNumber: '1001' }, WRONG);
    await second.auth.authenticate({ staffNumber: '1001' }, WRONG);
    second.db.close();

    const third = openRoom(jf, clock);
    expect(
      await third.auth.authenticate({ staffNumber: '1001' }, PINS['1001'] ?? ''),
    ).toMatchObject({ ok: false, reason: 'locked', lockedUntil: clock() + LOCK_MS });
  });

  it('a try is spent before its PIN is checked: a host killed mid-check does not get it back', () => {
    const clock = testClock();
    const db = jf.open();
    const lockout = new Lockout(db, clock);
    for (let i = 0; i < MAX_TRIES; i += 1) lockout.begin('1001'); // each killed before its answer
    db.close();
    const again = new Lockout(jf.open(), clock);
    expect(again.begin('1001')).toEqual({ locked: true, lockedUntil: clock() + LOCK_MS });
  });

  it('ten tries at once: five are checked, five refused; the right PIN among the refused cannot enter', async () => {
    const room = openRoom(jf, testClock());
    await seedPins(room, ['1001']);
    const tries = Array.from({ length: 10 }, (_, i) =>
      room.auth.authenticate({ staffNumber: '1001' }, i === 7 ? (PINS['1001'] ?? '') : WRONG),
    );
    const results = await Promise.all(tries);
    expect(results.filter((r) => !r.ok && r.reason === 'wrong_pin')).toHaveLength(4);
    expect(results.filter((r) => !r.ok && r.reason === 'locked')).toHaveLength(6);
    expect(results.some((r) => r.ok)).toBe(false);
    const checked = room.audit
      .list()
      .filter((r) => r.action === 'auth.wrong_pin' || r.action === 'auth.locked_out');
    expect(checked).toHaveLength(5);
  });

  it('a wall clock set back cannot stretch a lock past 15 minutes from now', async () => {
    const room = openRoom(jf, testClock());
    await seedPins(room, ['1001']);
    for (let i = 0; i < MAX_TRIES; i += 1)
      await room.auth.authenticate({ staffNumber: '1001' }, WRONG);
    room.clock.advance(-86_400_000); // a day back
    const r = await room.auth.authenticate({ staffNumber: '1001' }, PINS['1001'] ?? '');
    expect(r).toMatchObject({ reason: 'locked', lockedUntil: room.clock() + LOCK_MS });
    room.clock.advance(LOCK_MS);
    expect((await room.auth.authenticate({ staffNumber: '1001' }, PINS['1001'] ?? '')).ok).toBe(
      true,
    );
  });
});

type Op =
  { op: 'try'; right: boolean; byCard: boolean } | { op: 'wait'; ms: number } | { op: 'restart' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ op: fc.constant('try'), right: fc.boolean(), byCard: fc.boolean() }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('wait'),
      ms: fc.oneof(
        fc.integer({ min: 0, max: 120_000 }),
        fc.integer({ min: LOCK_MS - 2, max: LOCK_MS + 2 }),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'restart' }) },
) as fc.Arbitrary<Op>;

describe('lockout, any sequence of tries, waits and restarts', () => {
  it('behaves as the rule says; never a sixth checked wrong PIN within 15 minutes; a success resets', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 30 }), async (ops) => {
        const file = journalFile('kiosk-lockout-prop-');
        try {
          const clock = testClock();
          let room: Room = openRoom(file, clock);
          await seedPins(room, ['1001']);
          // The rule, as a model.
          let failures = 0;
          let lockedUntil: number | null = null;
          /** Times of PINs checked and found wrong since the last success. */
          const wrongChecked: number[] = [];
          for (const o of ops) {
            if (o.op === 'wait') {
              clock.advance(o.ms);
              continue;
            }
            if (o.op === 'restart') {
              room.db.close();
              room = openRoom(file, clock);
              continue;
            }
            const now = clock();
            const credential = o.byCard ? { card: '04C0FFEE000001' } : { staffNumber: '1001' };
            const r = await room.auth.authenticate(
              credential,
              o.right ? (PINS['1001'] ?? '') : WRONG,
            );
            if (lockedUntil !== null && now < lockedUntil) {
              expect(r).toEqual({ ok: false, reason: 'locked', lockedUntil, triesLeft: 0 });
              continue;
            }
            if (lockedUntil !== null) {
              failures = 0;
              lockedUntil = null;
            }
            failures += 1;
            if (o.right) {
              expect(r.ok).toBe(true);
              failures = 0;
              wrongChecked.length = 0;
              continue;
            }
            wrongChecked.push(now);
            if (failures >= MAX_TRIES) {
              lockedUntil = now + LOCK_MS;
              expect(r).toEqual({ ok: false, reason: 'locked', lockedUntil, triesLeft: 0 });
            } else {
              expect(r).toEqual({
                ok: false,
                reason: 'wrong_pin',
                triesLeft: MAX_TRIES - failures,
              });
            }
            // The invariant itself: at most five wrong PINs checked in any 15 minutes.
            const recent = wrongChecked.filter((t) => t > now - LOCK_MS);
            expect(recent.length).toBeLessThanOrEqual(MAX_TRIES);
          }
        } finally {
          file.remove();
        }
      }),
      { numRuns: 60 },
    );
  });
});
