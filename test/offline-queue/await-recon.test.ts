// AWAIT_RECON (payments.md §6: "unresolved at 日切 → AWAIT_RECON"): a write-off whose outcome is
// still unknown after the business day it was collected on has ended. The sync worker, given a
// businessDay function and an injected clock, moves it there on the next unknown outcome, keeps
// retrying it query first, and settles it when the gateway answers: written_off settles it,
// not_found re-sends the identical body (AWAIT_RECON → WRITEOFF_SENT).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PENDING_SYNC_STATES } from '../../offline-queue/payment-states';
import { reconcileDay } from '../../offline-queue/reconciliation';
import { StaffItems } from '../../offline-queue/staff-items';
import type { QueryOutcome, SyncWorker } from '../../offline-queue/sync-worker';
import { businessDate } from '../../src/time/shanghai';
import {
  capturedPayment,
  drain,
  expectAllowedTransitions,
  openTestJournal,
  outboxRowOf,
  RecordingPort,
  tempDir,
  testClock,
  testWorker,
  transitionsOf,
  writtenOffOutcome,
  type TempDir,
  type TestJournal,
} from './journal-fixture';

/** Ten minutes before midnight in Shanghai: collected on 2026-11-25. */
const COLLECTED = Date.parse('2026-11-25T23:50:00+08:00');
const AFTER_CUT = Date.parse('2026-11-26T00:10:00+08:00');
const MINUTE = 60_000;

let tmp: TempDir;
let t: TestJournal;
let port: RecordingPort;
const workers: SyncWorker[] = [];

beforeEach(() => {
  tmp = tempDir('kiosk-await-recon-');
  t = openTestJournal(tmp.file('journal.sqlite'), testClock(COLLECTED));
  port = new RecordingPort();
});
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
  if (t.db.open) t.close();
  tmp.remove();
});

/** The host's worker: business days in Asia/Shanghai. */
function worker(withBusinessDay = true): SyncWorker {
  const w = testWorker(t, port, withBusinessDay ? { businessDay: businessDate } : {});
  workers.push(w);
  return w;
}

async function pass(w: SyncWorker = worker()): Promise<void> {
  await drain(w);
}

const unknown = { kind: 'unknown', reason: 'timeout' } as const;

/** A payment collected yesterday whose first write-off reply was lost, still on that day. */
async function unknownSinceYesterday(): Promise<{ id: number; serial: string; body: string }> {
  const id = capturedPayment(t, [10000, 5000]);
  port.onSubmit = () => unknown;
  await pass();
  const p = t.journal.get(id);
  expect(p.state).toBe('WRITEOFF_UNKNOWN');
  expect(p.collectedAt).toBe(COLLECTED);
  return { id, serial: p.agentSerial, body: p.requestJson ?? '' };
}

function eventTypes(id: number): string[] {
  return t.journal.events(id).map((e) => e.type);
}

describe('past the day cut: WRITEOFF_UNKNOWN → AWAIT_RECON', () => {
  it('the next unknown outcome after midnight moves it to AWAIT_RECON; the first call was a query', async () => {
    const { id, serial } = await unknownSinceYesterday();
    port.calls.length = 0;
    t.clock.set(AFTER_CUT);
    port.onQuery = () => unknown;

    await pass();

    expect(port.calls).toEqual([{ op: 'query', serial }]);
    expect(t.journal.get(id).state).toBe('AWAIT_RECON');
    expect(transitionsOf(t, id).slice(-2)).toEqual([
      'WRITEOFF_SENT→WRITEOFF_UNKNOWN',
      'WRITEOFF_UNKNOWN→AWAIT_RECON',
    ]);
    expect(eventTypes(id).at(-1)).toBe('unresolved_at_day_cut');
    // Still pending and still in the outbox: it is retried, not dropped.
    expect(PENDING_SYNC_STATES).toContain('AWAIT_RECON');
    const row = outboxRowOf(t, id);
    expect(row).toMatchObject({ attempts: 2, done_at: null, last_error: 'timeout' });
    expect(row?.next_attempt_at).toBeGreaterThan(t.clock());
  });

  it('keeps being retried, each time with a query and never a blind re-send; no new transitions', async () => {
    const { id, serial } = await unknownSinceYesterday();
    t.clock.set(AFTER_CUT);
    port.onQuery = () => unknown;
    await pass();
    const transitions = transitionsOf(t, id);
    port.calls.length = 0;

    for (let i = 0; i < 4; i++) {
      t.clock.advance(5 * MINUTE);
      await pass();
    }

    expect(port.calls).toEqual(Array.from({ length: 4 }, () => ({ op: 'query', serial })));
    expect(t.journal.get(id).state).toBe('AWAIT_RECON');
    expect(transitionsOf(t, id)).toEqual(transitions);
    expect(outboxRowOf(t, id)).toMatchObject({ attempts: 6, done_at: null });
  });

  it('a later not_found re-sends the identical body (AWAIT_RECON → WRITEOFF_SENT) and a write-off settles it', async () => {
    const { id, serial, body } = await unknownSinceYesterday();
    t.clock.set(AFTER_CUT);
    port.onQuery = () => unknown;
    await pass();
    port.calls.length = 0;

    t.clock.advance(5 * MINUTE);
    port.onQuery = () => ({ kind: 'not_found' });
    port.onSubmit = (s) => writtenOffOutcome(s, '2026-11-26');
    await pass();

    expect(port.calls).toEqual([
      { op: 'query', serial },
      { op: 'submit', serial, body },
    ]);
    const p = t.journal.get(id);
    expect(p).toMatchObject({ state: 'WRITTEN_OFF', billerTxnId: `TXN-${serial}` });
    expect(transitionsOf(t, id).slice(-3)).toEqual([
      'WRITEOFF_UNKNOWN→AWAIT_RECON',
      'AWAIT_RECON→WRITEOFF_SENT',
      'WRITEOFF_SENT→WRITTEN_OFF',
    ]);
    expect(eventTypes(id)).toContain('writeoff_resent');
    expect(t.journal.writtenOffOn('2026-11-26').map((r) => r.id)).toEqual([id]);
    expect(outboxRowOf(t, id)?.done_at).toBe(t.clock());
    expectAllowedTransitions(t, id);
  });

  it('a later query that finds it written off settles it without any re-send, on the gateway’s day', async () => {
    const { id, serial } = await unknownSinceYesterday();
    t.clock.set(AFTER_CUT);
    port.onQuery = () => unknown;
    await pass();
    port.calls.length = 0;

    t.clock.advance(5 * MINUTE);
    port.onQuery = (s) => writtenOffOutcome(s, '2026-11-25');
    await pass();

    expect(port.calls).toEqual([{ op: 'query', serial }]);
    expect(t.journal.get(id).state).toBe('WRITTEN_OFF');
    expect(transitionsOf(t, id).at(-1)).toBe('AWAIT_RECON→WRITTEN_OFF');
    // written_off_day is the gateway's business day from the outcome, not the kiosk's today.
    expect(t.journal.writtenOffOn('2026-11-25').map((r) => r.id)).toEqual([id]);
    expect(t.journal.writtenOffOn('2026-11-26')).toEqual([]);
    expect(outboxRowOf(t, id)?.done_at).toBe(t.clock());
  });

  it('a re-send whose reply is lost again goes back to AWAIT_RECON in the same pass', async () => {
    const { id } = await unknownSinceYesterday();
    t.clock.set(AFTER_CUT);
    port.onQuery = () => unknown;
    await pass();

    t.clock.advance(5 * MINUTE);
    port.onQuery = () => ({ kind: 'not_found' });
    port.onSubmit = () => unknown;
    await pass();

    expect(t.journal.get(id).state).toBe('AWAIT_RECON');
    expect(transitionsOf(t, id).slice(-3)).toEqual([
      'AWAIT_RECON→WRITEOFF_SENT',
      'WRITEOFF_SENT→WRITEOFF_UNKNOWN',
      'WRITEOFF_UNKNOWN→AWAIT_RECON',
    ]);
    expectAllowedTransitions(t, id);
  });

  it('a definitive answer after the cut (the gateway reports it reversed) → REFUND_REQUIRED', async () => {
    const { id } = await unknownSinceYesterday();
    t.clock.set(AFTER_CUT);
    port.onQuery = () => unknown;
    await pass();

    t.clock.advance(5 * MINUTE);
    port.onQuery = () => ({ kind: 'rejected', code: 'reversed', message: 'reversed' });
    await pass();

    expect(t.journal.get(id)).toMatchObject({ state: 'REFUND_REQUIRED', rejectCode: 'reversed' });
    expect(transitionsOf(t, id).at(-1)).toBe('AWAIT_RECON→REFUND_REQUIRED');
    expect(outboxRowOf(t, id)?.done_at).toBe(t.clock());
  });

  it('captured yesterday, first sent after the cut with its reply lost: SENT → UNKNOWN → AWAIT_RECON at once', async () => {
    const id = capturedPayment(t);
    t.clock.set(AFTER_CUT);
    port.onSubmit = () => unknown;
    await pass();
    expect(port.ops()).toEqual(['submit']);
    expect(transitionsOf(t, id).slice(-3)).toEqual([
      'FUNDS_CAPTURED→WRITEOFF_SENT',
      'WRITEOFF_SENT→WRITEOFF_UNKNOWN',
      'WRITEOFF_UNKNOWN→AWAIT_RECON',
    ]);
  });
});

describe('before the cut, or without a business day: no AWAIT_RECON', () => {
  it('an unknown outcome on the day of collection stays WRITEOFF_UNKNOWN (one minute before midnight)', async () => {
    const { id } = await unknownSinceYesterday();
    t.clock.set(Date.parse('2026-11-25T23:59:59.999+08:00'));
    port.onQuery = () => unknown;
    await pass();
    expect(t.journal.get(id).state).toBe('WRITEOFF_UNKNOWN');
  });

  it('the cut is midnight in Shanghai, not UTC: 00:00 Shanghai is past it', async () => {
    const { id } = await unknownSinceYesterday();
    t.clock.set(Date.parse('2026-11-26T00:00:00.000+08:00'));
    port.onQuery = () => unknown;
    await pass();
    expect(t.journal.get(id).state).toBe('AWAIT_RECON');
  });

  it('a worker without the businessDay option never moves anything to AWAIT_RECON', async () => {
    const id = capturedPayment(t);
    port.onSubmit = () => unknown;
    port.onQuery = () => unknown;
    await pass(worker(false));
    t.clock.set(AFTER_CUT + 2 * 86_400_000);
    await pass(worker(false));
    expect(t.journal.get(id).state).toBe('WRITEOFF_UNKNOWN');
    expect(port.ops()).toEqual(['submit', 'query']);
  });
});

describe('AWAIT_RECON settled by reconciliation while the worker is draining', () => {
  function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
    let resolve: (value: T) => void = () => undefined;
    const promise = new Promise<T>((r) => {
      resolve = r;
    });
    return { promise, resolve: (value) => resolve(value) };
  }

  it('a payment reconciliation settled after the worker listed it as due is left alone, and the drain does not fail', async () => {
    const a = capturedPayment(t, [10000]);
    const b = capturedPayment(t, [5000]);
    port.onSubmit = () => unknown;
    await pass();
    t.clock.set(AFTER_CUT);
    port.onQuery = () => unknown;
    await pass();
    expect(t.journal.get(a).state).toBe('AWAIT_RECON');
    expect(t.journal.get(b).state).toBe('AWAIT_RECON');
    const serialA = t.journal.get(a).agentSerial;
    const serialB = t.journal.get(b).agentSerial;
    port.calls.length = 0;

    // The worker takes both rows as due, then waits on a slow gateway for A's query...
    t.clock.advance(30 * MINUTE);
    const slow = deferred<QueryOutcome>();
    port.onQuery = (s) => (s === serialA ? slow.promise : writtenOffOutcome(s, '2026-11-25'));
    const w = worker();
    // The drain loop's drain() is what kick() starts, logging a failure: await it to see what
    // would otherwise escape as an unhandled rejection in the host.
    const draining = (w as unknown as { loop: { drain(): Promise<void> } }).loop.drain();
    await new Promise((resolve) => setImmediate(resolve));
    expect(port.calls).toEqual([{ op: 'query', serial: serialA }]);

    // ...while the daily reconciliation job settles B from the gateway's report of 2026-11-25.
    const result = reconcileDay({
      db: t.db,
      journal: t.journal,
      outbox: t.outbox,
      staff: new StaffItems(t.db, t.clock),
      day: '2026-11-25',
      gateway: {
        date: '2026-11-25',
        count: 1,
        total: 5000,
        records: [
          {
            agentSerial: serialB,
            amount: 5000,
            status: 'written_off',
            writtenOffAt: '2026-11-25T23:50:01.000+08:00',
          },
        ],
      },
      clock: t.clock,
    });
    expect(result).toEqual({ matched: 1, differences: [] });
    expect(t.journal.get(b).state).toBe('RECONCILED');

    slow.resolve(unknown);
    await expect(draining).resolves.toBeUndefined();
    // B's outbox row was closed: nothing more is asked or written about it.
    expect(port.calls.filter((c) => c.serial === serialB)).toEqual([]);
    expect(t.journal.get(b).state).toBe('RECONCILED');
    expect(t.journal.get(a).state).toBe('AWAIT_RECON');
  });
});
