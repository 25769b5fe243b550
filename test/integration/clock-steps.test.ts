// The whole simulated kiosk with its wall clock (the host's and the gateway's) stepped mid-visit:
// "need more time?" still comes after the quiet time when the clock is set back an hour, and a
// clock set forward an hour neither asks early nor times the customer out. Durations run on the
// host's monotonic clock; the deadline on screen follows the wall clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/api/kiosk-api';
import { monotonicNow } from '../../src/time/monotonic';
import { startTestKiosk, testConfig, type TestKioskHandle } from '../support/kiosk-fixture';

const HOUR = 3_600_000;
const QUIET_MS = 5_000;
const ANSWER_MS = 30_000;

let shift = 0;
const clock = () => Date.now() + shift;
let kiosk: TestKioskHandle;

beforeEach(async () => {
  shift = 0;
  const defaults = testConfig('/tmp/unused');
  kiosk = await startTestKiosk(
    { session: { ...defaults.session, inactivityMs: QUIET_MS, moreTimeAnswerMs: ANSWER_MS } },
    { clock },
  );
});
afterEach(() => kiosk.stop());

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: (s: Snapshot) => boolean, what: string, ms = 10_000) {
  const end = monotonicNow() + ms;
  while (monotonicNow() < end) {
    const s = kiosk.host.latest();
    if (check(s)) return s;
    await pause(25);
  }
  throw new Error(`no ${what}; screen ${kiosk.host.latest().screen.name}`);
}

/** The customer starts a visit and stays on the biller list (a screen that waits for them). */
async function startVisit(): Promise<number> {
  kiosk.host.send({ type: 'START' });
  const since = monotonicNow();
  await until((s) => s.screen.name === 'chooseBiller', 'biller list');
  return since;
}

describe('the kiosk with its wall clock stepped mid-visit', () => {
  it('set back an hour: "need more time?" still comes after the quiet time', async () => {
    const since = await startVisit();
    await pause(2_000);
    shift = -HOUR;
    const asked = await until((s) => s.prompt !== null, '"need more time?"');
    const quietFor = monotonicNow() - since;
    expect(quietFor).toBeGreaterThanOrEqual(QUIET_MS);
    expect(quietFor).toBeLessThan(QUIET_MS + 2_500);
    // The screen counts down to a deadline in the new wall time.
    expect(asked.prompt?.deadline).toBeGreaterThan(clock() + ANSWER_MS - 2_000);
    expect(asked.prompt?.deadline).toBeLessThanOrEqual(clock() + ANSWER_MS);
    expect(asked.screen.name).toBe('chooseBiller');
  });

  it('set forward an hour: not asked early, and not timed out when it is stepped again', async () => {
    const since = await startVisit();
    await pause(2_000);
    shift = HOUR;
    await pause(1_500); // a tick or more after the step
    expect(kiosk.host.latest().prompt).toBeNull();
    await until((s) => s.prompt !== null, '"need more time?"');
    expect(monotonicNow() - since).toBeGreaterThanOrEqual(QUIET_MS);

    shift += HOUR; // while the question is up
    await pause(2_500);
    const s = kiosk.host.latest();
    expect(s.screen.name).toBe('chooseBiller');
    expect(s.prompt).not.toBeNull();
    // About 27 s left, counted from the new wall time.
    const left = (s.prompt?.deadline ?? 0) - clock();
    expect(left).toBeGreaterThan(ANSWER_MS - 5_000);
    expect(left).toBeLessThan(ANSWER_MS);
  });
});
