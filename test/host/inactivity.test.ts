// The inactivity clock: asks after the idle time, gives at least 30 s to answer, times out only
// when unanswered, and never runs while the session is not waiting for the customer.
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../src/flows/session-machine';
import { InactivityClock } from '../../src/host/inactivity';

let clock: InactivityClock | null = null;
afterEach(() => clock?.stop());

function rig(waiting = true) {
  let now = 0;
  const sent: SessionEvent[] = [];
  const state = { waiting };
  clock = new InactivityClock({
    clock: () => now,
    idleMs: 90_000,
    answerMs: 10_000, // raised to the 30 s minimum
    waiting: () => state.waiting,
    send: (e) => sent.push(e),
    tickMs: 60_000,
  });
  const at = (ms: number) => {
    now = ms;
    clock?.tick();
  };
  return { sent, at, state, tap: () => clock?.activity() };
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
