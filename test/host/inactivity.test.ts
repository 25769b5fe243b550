// The inactivity clock: asks after the idle time, gives at least 30 s to answer, times out only
// when unanswered, and never runs while the session is not waiting for the customer. Durations
// are monotonic: a wall clock stepped back or forward mid-way changes neither when the question
// comes nor when it times out, only the wall-time deadline the screen counts down to.
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../src/flows/session-types';
import { InactivityClock } from '../../src/host/inactivity';
import { steppedClocks } from '../support/stepped-clocks';

const HOUR = 3_600_000;

let clock: InactivityClock | null = null;
afterEach(() => clock?.stop());

function rig(waiting = true) {
  const time = steppedClocks(0);
  const sent: SessionEvent[] = [];
  const state = { waiting };
  clock = new InactivityClock({
    clock: time.wall,
    monotonic: time.monotonic,
    idleMs: 90_000,
    answerMs: 10_000, // raised to the 30 s minimum
    waiting: () => state.waiting,
    send: (e) => sent.push(e),
    tickMs: 60_000,
  });
  /** Real time passes to `ms` after the start, then a tick. */
  const at = (ms: number) => {
    time.pass(ms - time.monotonic());
    clock?.tick();
  };
  return { sent, at, state, time, tap: () => clock?.activity() };
}

describe('the inactivity clock', () => {
  it('asks after 90 s, with a deadline 30 s away, then times out', () => {
    const r = rig();
    r.at(89_999);
    expect(r.sent).toEqual([]);
    r.at(90_000);
    expect(r.sent).toEqual([{ type: 'INACTIVE', deadline: 120_000 }]);
    r.at(119_999);
    expect(r.sent).toHaveLength(1);
    r.at(120_000);
    expect(r.sent.at(-1)).toEqual({ type: 'TIMED_OUT' });
  });

  it('a tap answers the question and restarts the quiet time, as often as needed', () => {
    const r = rig();
    for (let i = 0; i < 12; i++) {
      const t0 = i * 100_000;
      r.at(t0 + 90_000);
      r.tap();
    }
    expect(r.sent.filter((e) => e.type === 'TIMED_OUT')).toEqual([]);
    expect(r.sent.filter((e) => e.type === 'INACTIVE')).toHaveLength(12);
  });

  it('does not run while the kiosk itself is busy (money in flight, result screens)', () => {
    const r = rig(false);
    r.at(500_000);
    expect(r.sent).toEqual([]);
    r.state.waiting = true;
    r.at(500_001);
    expect(r.sent).toEqual([]); // the quiet time starts when waiting starts
    r.at(590_001);
    expect(r.sent).toHaveLength(1);
  });
});

describe('the inactivity clock with the wall clock stepped', () => {
  it('stepped back an hour in the quiet time: still asks after 90 s, deadline in the new wall time', () => {
    const r = rig();
    r.at(40_000);
    r.time.stepWall(-HOUR);
    r.at(89_999);
    expect(r.sent).toEqual([]);
    r.at(90_000);
    expect(r.sent).toEqual([{ type: 'INACTIVE', deadline: 120_000 - HOUR }]);
    r.at(120_000);
    expect(r.sent.at(-1)).toEqual({ type: 'TIMED_OUT' });
  });

  it('stepped forward an hour in the quiet time: does not ask early', () => {
    const r = rig();
    r.at(40_000);
    r.time.stepWall(HOUR);
    r.at(40_001);
    r.at(89_999);
    expect(r.sent).toEqual([]);
    r.at(90_000);
    expect(r.sent).toEqual([{ type: 'INACTIVE', deadline: 120_000 + HOUR }]);
  });

  it('stepped back while the question is up: times out on time, the screen told the new deadline', () => {
    const r = rig();
    r.at(90_000);
    r.at(100_000);
    r.time.stepWall(-HOUR);
    r.at(101_000);
    // 19 s left, counted from the new wall time.
    expect(r.sent).toEqual([
      { type: 'INACTIVE', deadline: 120_000 },
      { type: 'INACTIVE', deadline: 120_000 - HOUR },
    ]);
    r.at(119_999);
    expect(r.sent.map((e) => e.type)).not.toContain('TIMED_OUT');
    r.at(120_000);
    expect(r.sent.at(-1)).toEqual({ type: 'TIMED_OUT' });
  });

  it('stepped forward while the question is up: the customer keeps the whole 30 s', () => {
    const r = rig();
    r.at(90_000);
    r.time.stepWall(HOUR);
    r.at(91_000);
    expect(r.sent).toEqual([
      { type: 'INACTIVE', deadline: 120_000 },
      { type: 'INACTIVE', deadline: 120_000 + HOUR },
    ]);
    r.at(119_999);
    expect(r.sent.map((e) => e.type)).not.toContain('TIMED_OUT');
    r.at(120_000);
    expect(r.sent.at(-1)).toEqual({ type: 'TIMED_OUT' });
  });

  it('an unstepped wall clock never re-sends the deadline', () => {
    const r = rig();
    for (let ms = 90_000; ms < 120_000; ms += 1_000) r.at(ms);
    expect(r.sent).toEqual([{ type: 'INACTIVE', deadline: 120_000 }]);
  });
});
