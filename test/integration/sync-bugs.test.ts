// Bugs in the kiosk's sync machinery found with the gateway simulator's fault injection. Each
// test states the behaviour the kiosk should have; they fail until the code is fixed (the fix
// belongs in src/ and offline-queue/, not here).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { capturePayment, PAYMENT_ROUTE, settle, startHarness, type Harness } from './sync-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

// src/gateway/client.ts reads Retry-After only when the error body parses as JSON: a 503 or 429
// whose body is not JSON (the HTML page of a proxy or load balancer in front of the gateway)
// becomes `bad_reply` without retryAfterMs, so the worker retries after its own backoff, sooner
// than the gateway asked (contract: "429 and 503 carry Retry-After"; sync-worker.ts: "never
// sooner than a Retry-After the gateway gave").
it('waits out Retry-After on a 503 whose body is a proxy HTML page', async () => {
  const c = await capturePayment(h, 'sh-power', '3100123456');
  h.sim.setFaults([{ route: PAYMENT_ROUTE, kind: '503', retryAfter: 5, body: 'html', times: 1 }]);
  await settle(h, c.paymentId);
  expect(h.journal.get(c.paymentId).state).toBe('WRITTEN_OFF');
  expect(h.unknowns).toHaveLength(1);
  expect(h.unknowns[0]?.wait).toBeGreaterThanOrEqual(5_000);
});

// offline-queue/sync-worker.ts: stop() neither waits for nor fences the attempt in flight. The
// host closes with syncWorker.stop() then db.close() (src/host/money-services.ts, close()); when
// a write-off request is still waiting for the gateway (up to gateway.timeoutMs), its settle()
// then runs on the closed journal, throws "The database connection is not open", and the
// rejection of `void this.drain()` is unhandled (Node exits on it).
it('stop() waits for a write-off in flight to be journalled, so the journal can close after it', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    await capturePayment(h, 'sh-power', '3100123456');
    h.sim.setFaults([{ route: PAYMENT_ROUTE, kind: 'timeout', times: 1 }]);
    h.worker.kick();
    while (h.sim.requests({ route: PAYMENT_ROUTE }).length === 0) {
      await new Promise((r) => setTimeout(r, 5));
    }
    // The host's close order, while the POST waits for an answer that never comes.
    await h.worker.stop();
    const state = h.journal.inStates(['WRITEOFF_UNKNOWN']).length;
    h.db.close();
    await new Promise((r) => setTimeout(r, 600)); // past the client's 300 ms timeout
    expect(unhandled.map(String)).toEqual([]);
    expect(state).toBe(1); // the timed-out attempt was recorded before the close
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});
