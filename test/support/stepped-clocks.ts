// Clocks for testing durations against a wall clock that is stepped (NTP, an operator): the
// monotonic clock moves only when time passes; the wall clock moves with it and also by steps.
import { vi } from 'vitest';

export interface SteppedClocks {
  /** Milliseconds of real time that have passed (starts at 0). */
  monotonic(): number;
  wall(): number;
  /** Time passes: both clocks move on. */
  pass(ms: number): void;
  /** The wall clock is set forward (+) or back (−); no time passes. */
  stepWall(ms: number): void;
}

export function steppedClocks(wallStart = Date.parse('2026-11-26T14:03:11+08:00')): SteppedClocks {
  let elapsed = 0;
  let wallOffset = wallStart;
  return {
    monotonic: () => elapsed,
    wall: () => elapsed + wallOffset,
    pass: (ms) => {
      elapsed += ms;
    },
    stepWall: (ms) => {
      wallOffset += ms;
    },
  };
}

const realNow = Date.now.bind(Date);

/**
 * The process's own wall clock (Date.now) made steppable while real time keeps running, for
 * code that takes no clock seam. Undone by vi.restoreAllMocks().
 */
export function steppableProcessWallClock(): { stepWall(ms: number): void } {
  let offset = 0;
  vi.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
  return {
    stepWall: (ms) => {
      offset += ms;
    },
  };
}
