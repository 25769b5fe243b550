// The same text read again within the window is one scan; a hold is one scan however long. The
// window is monotonic time: stepping the wall clock changes nothing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Debouncer } from '../../src/scanning/debouncer';
import { steppableProcessWallClock } from '../support/stepped-clocks';

const HOUR = 3_600_000;

describe('Debouncer', () => {
  it('drops the same text within 1500 ms by default, passes it after', () => {
    let now = 0;
    const d = new Debouncer({ monotonic: () => now });
    expect(d.accept('SGCC:3100123456')).toBe(true);
    now = 1499;
    expect(d.accept('SGCC:3100123456')).toBe(false);
    now = 1499 + 1500;
    expect(d.accept('SGCC:3100123456')).toBe(true);
  });

  it('passes a different text at once, and the first one again after it', () => {
    let now = 0;
    const d = new Debouncer({ monotonic: () => now });
    expect(d.accept('A')).toBe(true);
    now = 10;
    expect(d.accept('B')).toBe(true);
    now = 20;
    expect(d.accept('A')).toBe(true);
  });

  it('treats a bill held under the scanner for 10 s (a read every 400 ms) as one scan', () => {
    let now = 0;
    const d = new Debouncer({ monotonic: () => now });
    let passed = 0;
    for (now = 0; now <= 10_000; now += 400) if (d.accept('SGCC:3100123456')) passed++;
    expect(passed).toBe(1);
  });

  it('takes its window from the options, and forgets on reset', () => {
    let now = 0;
    const d = new Debouncer({ windowMs: 100, monotonic: () => now });
    d.accept('A');
    now = 99;
    expect(d.accept('A')).toBe(false);
    d.reset();
    expect(d.accept('A')).toBe(true);
    now = 300;
    expect(d.accept('A')).toBe(true);
  });
});

describe('Debouncer with the system wall clock stepped (its default clock)', () => {
  afterEach(() => vi.restoreAllMocks());
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('stepped forward an hour mid-hold: the held bill is still one scan', () => {
    const wall = steppableProcessWallClock();
    const d = new Debouncer({ windowMs: 5_000 });
    expect(d.accept('SGCC:3100123456')).toBe(true);
    wall.stepWall(HOUR);
    expect(d.accept('SGCC:3100123456')).toBe(false);
  });

  it('stepped back an hour: the same bill scanned again after a pause passes', async () => {
    const wall = steppableProcessWallClock();
    const d = new Debouncer({ windowMs: 50 });
    expect(d.accept('SGCC:3100123456')).toBe(true);
    wall.stepWall(-HOUR);
    await pause(80);
    expect(d.accept('SGCC:3100123456')).toBe(true);
  });
});
