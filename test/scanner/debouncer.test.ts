// The same text read again within the window is one scan; a hold is one scan however long.
import { describe, expect, it } from 'vitest';
import { Debouncer } from '../../src/scanning/debouncer';

describe('Debouncer', () => {
  it('drops the same text within 1500 ms by default, passes it after', () => {
    let now = 0;
    const d = new Debouncer({ clock: () => now });
    expect(d.accept('SGCC:3100123456')).toBe(true);
    now = 1499;
    expect(d.accept('SGCC:3100123456')).toBe(false);
    now = 1499 + 1500;
    expect(d.accept('SGCC:3100123456')).toBe(true);
  });

  it('passes a different text at once, and the first one again after it', () => {
    let now = 0;
    const d = new Debouncer({ clock: () => now });
    expect(d.accept('A')).toBe(true);
    now = 10;
    expect(d.accept('B')).toBe(true);
    now = 20;
    expect(d.accept('A')).toBe(true);
  });

  it('treats a bill held under the scanner for 10 s (a read every 400 ms) as one scan', () => {
    let now = 0;
    const d = new Debouncer({ clock: () => now });
    let passed = 0;
    for (now = 0; now <= 10_000; now += 400) if (d.accept('SGCC:3100123456')) passed++;
    expect(passed).toBe(1);
  });

  it('takes its window from the options, and forgets on reset', () => {
    let now = 0;
    const d = new Debouncer({ windowMs: 100, clock: () => now });
    d.accept('A');
    now = 99;
    expect(d.accept('A')).toBe(false);
    d.reset();
    expect(d.accept('A')).toBe(true);
    now = 300;
    expect(d.accept('A')).toBe(true);
  });
});
