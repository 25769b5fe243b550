// Auto-lock (src/service/auto-lock.ts) on a fake monotonic clock: 2 minutes without a touch, the
// opening card taken away, or a lock asked for; a late touch never revives a mode.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { AutoLock, IDLE_LOCK_MS, type LockReason } from '../../src/service/auto-lock';

function fakeClock(start = 1_000) {
  let t = start;
  const clock = () => t;
  clock.advance = (ms: number) => {
    t += ms;
  };
  return clock;
}

function setup(idleMs?: number) {
  const clock = fakeClock();
  const lock = new AutoLock({ clock, ...(idleMs === undefined ? {} : { idleMs }) });
  const heard: LockReason[] = [];
  lock.onLock((r) => heard.push(r));
  return { clock, lock, heard };
}

describe('AutoLock', () => {
  it('starts locked; opens; locks after 2 minutes without a touch, telling why, once', () => {
    const { clock, lock, heard } = setup();
    expect(lock.isOpen()).toBe(false);
    expect(lock.lastReason).toBeNull();
    lock.open({ card: null });
    expect(lock.isOpen()).toBe(true);
    expect(lock.msUntilLock()).toBe(IDLE_LOCK_MS);
    clock.advance(IDLE_LOCK_MS - 1);
    expect(lock.check()).toBeNull();
    expect(lock.msUntilLock()).toBe(1);
    clock.advance(1);
    expect(lock.msUntilLock()).toBe(0);
    expect(lock.check()).toBe('idle');
    expect(lock.check()).toBeNull();
    expect(lock.isOpen()).toBe(false);
    expect(lock.lastReason).toBe('idle');
    expect(lock.msUntilLock()).toBeNull();
    expect(heard).toEqual(['idle']);
  });

  it('a touch starts the 2 minutes again', () => {
    const { clock, lock } = setup();
    lock.open({ card: null });
    for (let i = 0; i < 10; i += 1) {
      clock.advance(IDLE_LOCK_MS - 1);
      expect(lock.touch()).toBe(true);
    }
    expect(lock.isOpen()).toBe(true);
  });

  it('a touch after the time ran out locks instead of reviving the mode', () => {
    const { clock, lock, heard } = setup();
    lock.open({ card: null });
    clock.advance(IDLE_LOCK_MS + 5_000); // nobody called check() meanwhile
    expect(lock.touch()).toBe(false);
    expect(lock.isOpen()).toBe(false);
    expect(heard).toEqual(['idle']);
  });

  it('locks at once when the card that opened the mode is taken away', () => {
    const { lock, heard } = setup();
    lock.open({ card: '04C0FFEE000001' });
    lock.cardRemoved('04:c0:ff:ee:00:00:02'); // another card (a second person's): not this one
    expect(lock.isOpen()).toBe(true);
    lock.cardRemoved('04:c0:ff:ee:00:00:01');
    expect(lock.isOpen()).toBe(false);
    expect(lock.lastReason).toBe('card_removed');
    lock.open({ card: '04C0FFEE000001' });
    lock.cardRemoved(); // the reader did not say which
    expect(heard).toEqual(['card_removed', 'card_removed']);
  });

  it('a mode opened by staff number ignores cards taken away', () => {
    const { lock } = setup();
    lock.open({ card: null });
    lock.cardRemoved();
    lock.cardRemoved('04C0FFEE000001');
    expect(lock.isOpen()).toBe(true);
  });

  it('lock() locks (manual); locking a locked mode says nothing more', () => {
    const { lock, heard } = setup();
    lock.lock();
    lock.open({ card: '04C0FFEE000001' });
    lock.lock();
    lock.lock();
    lock.cardRemoved();
    expect(heard).toEqual(['manual']);
    expect(lock.touch()).toBe(false);
  });

  it('every listener hears the lock even if one throws; unsubscribing works', () => {
    const { lock, heard } = setup();
    const other: LockReason[] = [];
    lock.onLock(() => {
      throw new Error('listener failed');
    });
    const off = lock.onLock((r) => other.push(r));
    lock.open({ card: null });
    expect(() => lock.lock()).toThrow('listener failed');
    expect(heard).toEqual(['manual']);
    expect(other).toEqual(['manual']);
    off();
    lock.open({ card: null });
    expect(() => lock.lock()).toThrow();
    expect(other).toEqual(['manual']);
  });

  it('leaves no timer behind: the caller drives it', () => {
    vi.useFakeTimers();
    try {
      const { clock, lock } = setup();
      lock.open({ card: '04C0FFEE000001' });
      lock.touch();
      clock.advance(IDLE_LOCK_MS);
      lock.check();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a non-positive idle time', () => {
    expect(() => new AutoLock({ clock: () => 0, idleMs: 0 })).toThrow(RangeError);
  });
});

type Step = { op: 'wait'; ms: number } | { op: 'touch' } | { op: 'check' };

describe('AutoLock, any touches and waits', () => {
  it('open exactly while no gap between touches reached the idle time; locked for good after', () => {
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ op: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 150_000 }) }),
      fc.constant({ op: 'touch' as const }),
      fc.constant({ op: 'check' as const }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const { clock, lock, heard } = setup();
        lock.open({ card: null });
        let last = clock();
        let expiredAt: number | null = null;
        for (const s of steps) {
          if (s.op === 'wait') clock.advance(s.ms);
          else if (s.op === 'touch') {
            const open = lock.touch();
            expect(open).toBe(expiredAt === null && clock() - last < IDLE_LOCK_MS);
            if (open) last = clock();
          } else lock.check();
          if (expiredAt === null && clock() - last >= IDLE_LOCK_MS) expiredAt = clock();
          expect(lock.isOpen()).toBe(expiredAt === null);
        }
        expect(heard).toEqual(expiredAt === null ? [] : ['idle']);
      }),
      { numRuns: 500 },
    );
  });
});
