// The sync worker with a stepped wall clock. Due times are persisted wall times (they survive a
// restart); a step of the wall clock (NTP, an operator, a clock corrected after boot) must not
// turn a retry into a wait as long as the step, nor make it due at once. Time passing moves the
// monotonic clock and the wall clock; a step moves only the wall clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncWorker } from '../../offline-queue/sync-worker';
import { WallClockSteps } from '../../offline-queue/wall-clock-steps';
import { monotonicNow } from '../../src/time/monotonic';
import {
  capturedPayment,
  openTestJournal,
  RecordingPort,
  tempDir,
  testClock,
  testWorker,
  writtenOffOutcome,
  type TempDir,
  type TestJournal,
} from './journal-fixture';

const HOUR = 3_600_000;
/** testWorker: 1 s base, random 0.5 → the first retry waits 750 ms; the cap is 16 s. */
const FIRST_WAIT = 750;
const CAP = 16_000;

let tmp: TempDir;
let t: TestJournal;
let port: RecordingPort;
let elapsed: number;
const workers: SyncWorker[] = [];

beforeEach(() => {
  tmp = tempDir('kiosk-steps-');
  t = openTestJournal(tmp.file('journal.sqlite'));
  port = new RecordingPort();
  elapsed = 0;
});
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
  if (t.db.open) t.close();
  tmp.remove();
});

/** Real time passes: both clocks move. */
const pass = (ms: number) => {
  elapsed += ms;
  t.clock.advance(ms);
};
/** The wall clock is set forward (+) or back (−). */
const stepWall = (ms: number) => t.clock.advance(ms);

function worker(): SyncWorker {
  const w = testWorker(t, port, { monotonic: () => elapsed });
  workers.push(w);
  return w;
}

async function run(w: SyncWorker): Promise<void> {
  w.kick();
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
}

/** A captured payment whose first write-off came back unknown (due again after FIRST_WAIT). */
async function failedOnce(w: SyncWorker, retryAfterMs?: number): Promise<number> {
  const id = capturedPayment(t);
  port.onSubmit = () =>
    retryAfterMs === undefined
      ? { kind: 'unknown', reason: 'timeout' }
      : { kind: 'unknown', reason: 'http_503', retryAfterMs };
  port.onQuery = (serial) => writtenOffOutcome(serial);
  await run(w);
  expect(port.ops()).toEqual(['submit']);
  return id;
}

const dueAt = (id: number) =>
  (
    t.db.prepare('SELECT next_attempt_at AS at FROM outbox WHERE payment_id = ?').get(id) as {
      at: number;
    }
  ).at;

describe('SyncWorker with the wall clock stepped mid-wait', () => {
  it('stepped back an hour: retried after its backoff, not an hour later', async () => {
    const w = worker();
    const id = await failedOnce(w);
    stepWall(-HOUR);
    pass(FIRST_WAIT - 1);
    await run(w);
    expect(port.ops()).toEqual(['submit']);
    pass(1);
    await run(w);
    expect(port.ops()).toEqual(['submit', 'query']);
    expect(t.journal.get(id).state).toBe('WRITTEN_OFF');
  });

  it('stepped forward an hour: not retried at once, retried after its backoff', async () => {
    const w = worker();
    const id = await failedOnce(w);
    stepWall(HOUR);
    await run(w);
    pass(FIRST_WAIT - 1);
    await run(w);
    expect(port.ops()).toEqual(['submit']);
    pass(1);
    await run(w);
    expect(port.ops()).toEqual(['submit', 'query']);
    expect(t.journal.get(id).state).toBe('WRITTEN_OFF');
  });

  it('a Retry-After floor moves with the step: "retry now" after a step back waits it out, no longer', async () => {
    const w = worker();
    await failedOnce(w, 30_000);
    stepWall(-HOUR);
    pass(10_000);
    w.retryNow();
    await run(w);
    expect(port.ops()).toEqual(['submit']);
    pass(20_000);
    w.retryNow();
    await run(w);
    expect(port.ops()).toEqual(['submit', 'query']);
  });

  it('a payment captured after a step forward, before the worker noticed it, is sent at once', async () => {
    const w = worker();
    await run(w); // the worker has read both clocks
    stepWall(HOUR);
    const id = capturedPayment(t); // due now, in the new wall time
    await run(w);
    expect(port.ops()).toEqual(['submit']);
    expect(t.journal.get(id).state).toBe('WRITTEN_OFF');
  });

  it("the worker's own timer retries after the backoff with the real clocks, the wall set back an hour", async () => {
    let offset = 0;
    const wall = Object.assign(() => Date.now() + offset, { advance: () => {}, set: () => {} });
    t.close();
    t = openTestJournal(tmp.file('real.sqlite'), wall);
    port = new RecordingPort();
    const attemptsAt: number[] = [];
    port.onSubmit = () => {
      attemptsAt.push(monotonicNow());
      return { kind: 'unknown', reason: 'timeout' };
    };
    port.onQuery = (serial) => {
      attemptsAt.push(monotonicNow());
      return writtenOffOutcome(serial);
    };
    const w = testWorker(t, port, { clock: wall, monotonic: monotonicNow, baseDelayMs: 400 });
    workers.push(w);
    const id = capturedPayment(t);
    w.kick();
    const rescheduled = () =>
      (
        t.db.prepare('SELECT attempts FROM outbox WHERE payment_id = ?').get(id) as {
          attempts: number;
        }
      ).attempts === 1;
    while (!rescheduled()) await new Promise((r) => setTimeout(r, 5));
    offset = -HOUR; // the timer for the retry is already set
    const end = monotonicNow() + 5_000;
    while (t.journal.get(id).state !== 'WRITTEN_OFF' && monotonicNow() < end) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(port.ops()).toEqual(['submit', 'query']);
    const waited = (attemptsAt[1] as number) - (attemptsAt[0] as number);
    expect(waited).toBeGreaterThanOrEqual(300 - 5); // 400 ms base, random 0.5 → 300 ms
    expect(waited).toBeLessThan(300 + 1_500);
  });
});

describe('SyncWorker after a restart with the wall clock set back while it was off', () => {
  it('a retry due an hour away by the new wall clock is brought in to its own backoff', async () => {
    const first = worker();
    const id = await failedOnce(first);
    await first.stop();
    stepWall(-HOUR);
    const second = worker();
    await run(second);
    expect(port.ops()).toEqual(['submit']);
    expect(dueAt(id)).toBe(t.clock() + FIRST_WAIT);
    pass(FIRST_WAIT);
    await run(second);
    expect(port.ops()).toEqual(['submit', 'query']);
  });

  it('a row rescheduled before the wait was recorded is brought in to the backoff cap', async () => {
    const first = worker();
    const id = await failedOnce(first);
    await first.stop();
    t.db.prepare('UPDATE outbox SET wait_ms = NULL').run();
    stepWall(-HOUR);
    const second = worker();
    await run(second);
    expect(dueAt(id)).toBe(t.clock() + CAP);
    pass(CAP);
    await run(second);
    expect(port.ops()).toEqual(['submit', 'query']);
  });

  it('a long Retry-After the gateway gave is kept when the clock was not stepped', async () => {
    const first = worker();
    const id = await failedOnce(first, 2 * HOUR);
    const due = dueAt(id);
    await first.stop();
    pass(HOUR);
    const second = worker();
    await run(second);
    expect(dueAt(id)).toBe(due);
    expect(port.ops()).toEqual(['submit']);
  });
});

describe('WallClockSteps', () => {
  it('reports a step once, forward or back, and ignores drift under the tolerance', () => {
    const clock = testClock(0);
    let mono = 0;
    const steps = new WallClockSteps(clock, () => mono, 2_000);
    mono += 5_000;
    clock.advance(5_000 + 1_999); // drift: no step
    expect(steps.take()).toBe(0);
    clock.advance(-HOUR);
    expect(steps.take()).toBe(-HOUR);
    expect(steps.take()).toBe(0);
    mono += 1_000;
    clock.advance(1_000 + HOUR);
    expect(steps.take()).toBe(HOUR);
  });
});
