// "The network is back": waiting write-offs are retried at once, skipping their backoff, but
// never before a Retry-After the gateway gave.
import { describe, expect, it } from 'vitest';
import {
  capturedPayment,
  openTestJournal,
  RecordingPort,
  tempDir,
  testWorker,
} from './journal-fixture';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function nextAttemptAt(t: ReturnType<typeof openTestJournal>, id: number): number {
  const row = t.db
    .prepare('SELECT next_attempt_at AS at FROM outbox WHERE payment_id = ?')
    .get(id) as { at: number };
  return row.at;
}

describe('retryNow', () => {
  it('skips the backoff of a write-off whose outcome was unknown, querying first', async () => {
    const t = openTestJournal(tempDir().file('j.sqlite'));
    const id = capturedPayment(t);
    const port = new RecordingPort();
    port.onSubmit = () => ({ kind: 'unknown', reason: 'ECONNREFUSED' });
    const worker = testWorker(t, port);
    worker.kick();
    await settle();
    expect(nextAttemptAt(t, id)).toBeGreaterThan(t.clock());

    port.onQuery = () => ({ kind: 'not_found' });
    port.onSubmit = (s) => ({
      kind: 'written_off',
      billerTxnId: `T-${s}`,
      resultJson: '{}',
      writtenOffDay: '2026-11-26',
    });
    worker.retryNow();
    await settle();
    expect(port.ops()).toEqual(['submit', 'query', 'submit']);
    expect(t.journal.get(id).state).toBe('WRITTEN_OFF');
    await worker.stop();
  });

  it('never retries before the gateway’s Retry-After', async () => {
    const t = openTestJournal(tempDir().file('j.sqlite'));
    const id = capturedPayment(t);
    const port = new RecordingPort();
    port.onSubmit = () => ({ kind: 'unknown', reason: 'http_503', retryAfterMs: 30_000 });
    const worker = testWorker(t, port);
    worker.kick();
    await settle();
    const floor = t.clock() + 30_000;
    expect(nextAttemptAt(t, id)).toBeGreaterThanOrEqual(floor);

    worker.retryNow();
    await settle();
    expect(port.ops()).toEqual(['submit']);
    expect(nextAttemptAt(t, id)).toBe(floor);
    await worker.stop();
  });
});
