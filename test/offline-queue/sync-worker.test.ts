// SyncWorker against a fake WriteOffPort that records every call in order, with an injected
// clock and random source. Rules under test (payments.md §6): journal before effect, one
// write-off per serial, query before any retry or after a restart, byte-identical re-sends,
// Retry-After and bounded exponential backoff, and no payment is ever lost.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canTransition, type PaymentState } from '../../offline-queue/payment-states';
import {
  SyncWorker,
  type QueryOutcome,
  type SyncSettled,
  type SyncWorkerOptions,
  type WriteOffOutcome,
  type WriteOffPort,
} from '../../offline-queue/sync-worker';
import {
  capturedPayment,
  openTestJournal,
  tempDir,
  testClock,
  type TempDir,
  type TestJournal,
} from './journal-fixture';

type Call =
  | { op: 'submit'; serial: string; body: string }
  | { op: 'query'; serial: string; answer?: QueryOutcome['kind'] };

type SubmitHandler = (serial: string, body: string) => WriteOffOutcome | Promise<WriteOffOutcome>;
type QueryHandler = (serial: string) => QueryOutcome | Promise<QueryOutcome>;

/** Records every call in order; answers with the handlers a test sets. */
class FakePort implements WriteOffPort {
  readonly calls: Call[] = [];
  onSubmit: SubmitHandler = (serial) => written(serial);
  onQuery: QueryHandler = () => ({ kind: 'not_found' });

  submit(agentSerial: string, requestJson: string): Promise<WriteOffOutcome> {
    this.calls.push({ op: 'submit', serial: agentSerial, body: requestJson });
    return Promise.resolve(this.onSubmit(agentSerial, requestJson));
  }

  async query(agentSerial: string): Promise<QueryOutcome> {
    const call: Call = { op: 'query', serial: agentSerial };
    this.calls.push(call);
    const answer = await this.onQuery(agentSerial);
    call.answer = answer.kind;
    return answer;
  }

  ops(): string[] {
    return this.calls.map((c) => c.op);
  }
}

function written(serial: string): WriteOffOutcome {
  return {
    kind: 'written_off',
    billerTxnId: `TXN-${serial}`,
    resultJson: JSON.stringify({ agentSerial: serial, status: 'written_off' }),
    writtenOffDay: '2026-11-26',
  };
}

const unknown = (reason = 'timeout', retryAfterMs?: number): WriteOffOutcome =>
  retryAfterMs === undefined
    ? { kind: 'unknown', reason }
    : { kind: 'unknown', reason, retryAfterMs };

/** Lets every queued microtask (the fake port resolves at once) and one macrotask run. */
function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function run(worker: SyncWorker): Promise<void> {
  worker.kick();
  await flush();
  await flush();
}

const BASE = 1_000;
const MAX = 16_000;

let tmp: TempDir;
let t: TestJournal;
let port: FakePort;
const workers: SyncWorker[] = [];

function newWorker(
  j: TestJournal = t,
  p: WriteOffPort = port,
  extra: Partial<SyncWorkerOptions> = {},
): SyncWorker {
  const w = new SyncWorker({
    db: j.db,
    journal: j.journal,
    outbox: j.outbox,
    port: p,
    clock: j.clock,
    random: () => 0.5,
    baseDelayMs: BASE,
    maxDelayMs: MAX,
    ...extra,
  });
  workers.push(w);
  return w;
}

interface OutboxState {
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  done_at: number | null;
}

function outboxOf(j: TestJournal, paymentId: number): OutboxState {
  return j.db
    .prepare(
      'SELECT attempts, next_attempt_at, last_error, done_at FROM outbox WHERE payment_id = ?',
    )
    .get(paymentId) as OutboxState;
}

function transitions(j: TestJournal, id: number): string[] {
  return j.journal
    .events(id)
    .filter((e) => e.toState !== null)
    .map((e) => `${e.fromState ?? '∅'}→${e.toState}`);
}

beforeEach(() => {
  tmp = tempDir('kiosk-sync-');
  t = openTestJournal(tmp.file('journal.sqlite'));
  port = new FakePort();
});
afterEach(() => {
  for (const w of workers.splice(0)) w.stop();
  if (t.db.open) t.close();
  tmp.remove();
});

describe('SyncWorker: happy path', () => {
  it('submits once, ends WRITTEN_OFF with the biller txn id, closes the outbox and emits settled', async () => {
    const id = capturedPayment(t);
    const p = t.journal.get(id);
    const worker = newWorker();
    const settled: SyncSettled[] = [];
    worker.on('settled', (e) => settled.push(e));

    await run(worker);

    expect(port.calls).toEqual([{ op: 'submit', serial: p.agentSerial, body: p.requestJson }]);
    const after = t.journal.get(id);
    expect(after.state).toBe('WRITTEN_OFF');
    expect(after.billerTxnId).toBe(`TXN-${p.agentSerial}`);
    expect(after.resultJson).toContain('written_off');
    expect(outboxOf(t, id).done_at).toBe(t.clock());
    expect(t.outbox.due(Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect(t.outbox.nextDueAt()).toBeNull();
    expect(settled).toEqual([{ paymentId: id, state: 'WRITTEN_OFF' }]);
    expect(transitions(t, id).slice(-3)).toEqual([
      'COLLECTING→FUNDS_CAPTURED',
      'FUNDS_CAPTURED→WRITEOFF_SENT',
      'WRITEOFF_SENT→WRITTEN_OFF',
    ]);

    // Nothing more to do: later kicks call nothing and emit nothing.
    t.clock.advance(3_600_000);
    await run(worker);
    expect(port.calls).toHaveLength(1);
    expect(settled).toHaveLength(1);
  });

  it('drains several captured payments oldest first, one submit each', async () => {
    const a = capturedPayment(t);
    const b = capturedPayment(t, [5000]);
    await run(newWorker());
    expect(port.calls.map((c) => c.serial)).toEqual([
      t.journal.get(a).agentSerial,
      t.journal.get(b).agentSerial,
    ]);
    expect(port.ops()).toEqual(['submit', 'submit']);
    expect(t.journal.get(a).state).toBe('WRITTEN_OFF');
    expect(t.journal.get(b).state).toBe('WRITTEN_OFF');
  });
});

describe('SyncWorker: journal before effect', () => {
  it('the row is already WRITEOFF_SENT, committed, when submit() is called', async () => {
    const id = capturedPayment(t);
    // A second connection sees only committed data: the mark must be durable before the call.
    const reader = new Database(tmp.file('journal.sqlite'), { readonly: true });
    const seen: { state: string; inTransaction: boolean }[] = [];
    port.onSubmit = (serial) => {
      const row = reader.prepare('SELECT state FROM payment WHERE id = ?').get(id) as {
        state: string;
      };
      seen.push({ state: row.state, inTransaction: t.db.inTransaction });
      return written(serial);
    };
    try {
      await run(newWorker());
    } finally {
      reader.close();
    }
    expect(seen).toEqual([{ state: 'WRITEOFF_SENT', inTransaction: false }]);
  });

  it('a re-send after not_found is also marked WRITEOFF_SENT before the call', async () => {
    const id = capturedPayment(t);
    const states: PaymentState[] = [];
    port.onSubmit = () => {
      states.push(t.journal.get(id).state);
      return states.length === 1 ? unknown() : written('x');
    };
    const worker = newWorker();
    await run(worker);
    expect(t.journal.get(id).state).toBe('WRITEOFF_UNKNOWN');
    t.clock.advance(MAX);
    await run(worker);
    expect(port.ops()).toEqual(['submit', 'query', 'submit']);
    expect(states).toEqual(['WRITEOFF_SENT', 'WRITEOFF_SENT']);
  });
});

describe('SyncWorker: unknown outcomes', () => {
  it('unknown → WRITEOFF_UNKNOWN and rescheduled; not retried before it is due', async () => {
    const id = capturedPayment(t);
    port.onSubmit = () => unknown('ETIMEDOUT');
    const worker = newWorker();
    const settled: SyncSettled[] = [];
    worker.on('settled', (e) => settled.push(e));
    const now = t.clock();

    await run(worker);

    expect(t.journal.get(id).state).toBe('WRITEOFF_UNKNOWN');
    const ob = outboxOf(t, id);
    expect(ob.attempts).toBe(1);
    expect(ob.last_error).toBe('ETIMEDOUT');
    expect(ob.done_at).toBeNull();
    expect(ob.next_attempt_at).toBeGreaterThan(now);
    expect(settled).toEqual([]);

    await run(worker); // same instant: not due
    t.clock.set(ob.next_attempt_at - 1);
    await run(worker); // 1 ms early: still not due
    expect(port.ops()).toEqual(['submit']);
  });

  it('the next attempt is a query, and on not_found the re-sent body is byte-identical with the same serial', async () => {
    const id = capturedPayment(t);
    const stored = t.journal.get(id);
    port.onSubmit = (serial) => (port.calls.length === 1 ? unknown() : written(serial));
    port.onQuery = () => ({ kind: 'not_found' });
    const worker = newWorker();

    await run(worker);
    t.clock.advance(MAX);
    await run(worker);

    expect(port.ops()).toEqual(['submit', 'query', 'submit']);
    const [first, query, resend] = port.calls;
    expect(query).toEqual({ op: 'query', serial: stored.agentSerial, answer: 'not_found' });
    expect(first).toEqual({ op: 'submit', serial: stored.agentSerial, body: stored.requestJson });
    expect(resend).toEqual(first);
    expect(
      resend?.op === 'submit' &&
        Buffer.from(resend.body).equals(Buffer.from(stored.requestJson ?? '')),
    ).toBe(true);
    expect(t.journal.get(id).state).toBe('WRITTEN_OFF');
    expect(transitions(t, id).slice(-4)).toEqual([
      'FUNDS_CAPTURED→WRITEOFF_SENT',
      'WRITEOFF_SENT→WRITEOFF_UNKNOWN',
      'WRITEOFF_UNKNOWN→WRITEOFF_SENT',
      'WRITEOFF_SENT→WRITTEN_OFF',
    ]);
  });

  it('a query that finds the payment written off settles it without a second submit', async () => {
    const id = capturedPayment(t);
    port.onSubmit = () => unknown('socket hang up');
    port.onQuery = (serial) => written(serial);
    const worker = newWorker();
    const settled: SyncSettled[] = [];
    worker.on('settled', (e) => settled.push(e));

    await run(worker);
    t.clock.advance(MAX);
    await run(worker);
    t.clock.advance(MAX);
    await run(worker);

    expect(port.ops()).toEqual(['submit', 'query']);
    expect(t.journal.get(id).state).toBe('WRITTEN_OFF');
    expect(t.journal.get(id).billerTxnId).toBe(`TXN-${t.journal.get(id).agentSerial}`);
    expect(outboxOf(t, id).done_at).not.toBeNull();
    expect(settled).toEqual([{ paymentId: id, state: 'WRITTEN_OFF' }]);
  });

  it('a query with an unknown outcome keeps WRITEOFF_UNKNOWN, submits nothing and backs off again', async () => {
    const id = capturedPayment(t);
    port.onSubmit = () => unknown();
    port.onQuery = () => unknown('ECONNRESET');
    const worker = newWorker();
    await run(worker);
    t.clock.advance(MAX);
    await run(worker);
    t.clock.advance(MAX);
    await run(worker);
    expect(port.ops()).toEqual(['submit', 'query', 'query']);
    expect(t.journal.get(id).state).toBe('WRITEOFF_UNKNOWN');
    expect(outboxOf(t, id).attempts).toBe(3);
    expect(outboxOf(t, id).last_error).toBe('ECONNRESET');
  });

  it('a port that throws (sync or async) is treated as unknown, and the next attempt queries', async () => {
    const a = capturedPayment(t);
    const b = capturedPayment(t);
    port.onSubmit = (serial) => {
      if (serial === t.journal.get(a).agentSerial) throw new Error('sync boom');
      return Promise.reject(new Error('async boom'));
    };
    const worker = newWorker();
    await run(worker);
    expect(t.journal.get(a).state).toBe('WRITEOFF_UNKNOWN');
    expect(t.journal.get(b).state).toBe('WRITEOFF_UNKNOWN');
    expect(outboxOf(t, a).last_error).toBe('sync boom');
    expect(outboxOf(t, b).last_error).toBe('async boom');

    port.onQuery = () => {
      throw new Error('query boom');
    };
    t.clock.advance(MAX);
    await run(worker);
    expect(port.ops()).toEqual(['submit', 'submit', 'query', 'query']);
    expect(t.journal.get(a).state).toBe('WRITEOFF_UNKNOWN');
    expect(outboxOf(t, a).last_error).toBe('query boom');

    port.onQuery = (serial) => written(serial);
    t.clock.advance(MAX);
    await run(worker);
    expect(port.ops()).toEqual(['submit', 'submit', 'query', 'query', 'query', 'query']);
    expect(t.journal.get(a).state).toBe('WRITTEN_OFF');
    expect(t.journal.get(b).state).toBe('WRITTEN_OFF');
  });
});

describe('SyncWorker: definitive rejection', () => {
  it('rejected → REFUND_REQUIRED with the code, outbox closed, settled emitted, no further calls', async () => {
    const id = capturedPayment(t);
    port.onSubmit = () => ({
      kind: 'rejected',
      code: 'overpayment_not_allowed',
      message: 'no more than due',
    });
    const worker = newWorker();
    const settled: SyncSettled[] = [];
    worker.on('settled', (e) => settled.push(e));

    await run(worker);
    for (let i = 0; i < 3; i++) {
      t.clock.advance(3_600_000);
      await run(worker);
    }

    expect(port.ops()).toEqual(['submit']);
    const p = t.journal.get(id);
    expect(p.state).toBe('REFUND_REQUIRED');
    expect(p.rejectCode).toBe('overpayment_not_allowed');
    expect(p.collected).toBe(20000);
    expect(outboxOf(t, id).done_at).not.toBeNull();
    expect(settled).toEqual([{ paymentId: id, state: 'REFUND_REQUIRED' }]);
    expect(transitions(t, id).at(-1)).toBe('WRITEOFF_SENT→REFUND_REQUIRED');
  });

  it('a rejection learnt from the query after an unknown outcome also ends REFUND_REQUIRED', async () => {
    const id = capturedPayment(t);
    port.onSubmit = () => unknown();
    port.onQuery = () => ({ kind: 'rejected', code: 'reversed', message: 'reversed' });
    const worker = newWorker();
    await run(worker);
    t.clock.advance(MAX);
    await run(worker);
    t.clock.advance(MAX);
    await run(worker);
    expect(port.ops()).toEqual(['submit', 'query']);
    expect(t.journal.get(id).state).toBe('REFUND_REQUIRED');
    expect(t.journal.get(id).rejectCode).toBe('reversed');
  });
});

describe('SyncWorker: timing', () => {
  it('respects retryAfterMs: next_attempt_at ≥ now + retryAfter, and nothing is called earlier', async () => {
    const id = capturedPayment(t);
    const retryAfterMs = 7 * 60_000; // far above the backoff cap
    port.onSubmit = () => unknown('http_503', retryAfterMs);
    port.onQuery = (serial) => written(serial);
    const worker = newWorker();
    const now = t.clock();
    await run(worker);

    const due = outboxOf(t, id).next_attempt_at;
    expect(due).toBeGreaterThanOrEqual(now + retryAfterMs);

    t.clock.set(now + retryAfterMs - 1);
    await run(worker);
    expect(port.ops()).toEqual(['submit']);
    t.clock.set(due);
    await run(worker);
    expect(port.ops()).toEqual(['submit', 'query']);
  });

  it('takes the backoff when it is longer than a short retryAfterMs', async () => {
    const id = capturedPayment(t);
    port.onSubmit = () => unknown('http_429', 1);
    const now = t.clock();
    await run(newWorker(t, port, { random: () => 0 }));
    expect(outboxOf(t, id).next_attempt_at).toBe(now + BASE / 2);
  });

  it('backoff grows exponentially with jitter and is bounded by maxDelayMs', async () => {
    const waitsFor = async (random: () => number): Promise<number[]> => {
      const j = openTestJournal(tmp.file(`backoff-${Math.random()}.sqlite`), testClock());
      const fake = new FakePort();
      fake.onSubmit = () => unknown();
      fake.onQuery = () => unknown();
      const id = capturedPayment(j);
      const worker = newWorker(j, fake, { random });
      const waits: number[] = [];
      for (let i = 0; i < 10; i++) {
        const before = j.clock();
        await run(worker);
        const next = outboxOf(j, id).next_attempt_at;
        waits.push(next - before);
        j.clock.set(next);
      }
      worker.stop();
      j.close();
      return waits;
    };

    const low = await waitsFor(() => 0);
    const high = await waitsFor(() => 0.999_999);
    // ceiling(n) = min(MAX, BASE·8^(n−1)); the wait is uniform in [ceiling/2, ceiling].
    const ceilings = Array.from({ length: 10 }, (_, i) =>
      Math.min(MAX, BASE * 8 ** Math.min(i, 7)),
    );
    expect(low).toEqual(ceilings.map((c) => c / 2));
    expect(high).toEqual(ceilings);
    for (const waits of [low, high]) {
      for (let i = 1; i < waits.length; i++) {
        expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1] as number);
      }
      for (const w of waits) expect(w).toBeLessThanOrEqual(MAX);
    }
  });

  it('jitter stays within [ceiling/2, ceiling] for any random value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), async (r) => {
        const j = openTestJournal(tmp.file(`jitter-${Math.random()}.sqlite`), testClock());
        const fake = new FakePort();
        fake.onSubmit = () => unknown();
        const id = capturedPayment(j);
        const worker = newWorker(j, fake, { random: () => r });
        const now = j.clock();
        await run(worker);
        const wait = outboxOf(j, id).next_attempt_at - now;
        worker.stop();
        j.close();
        expect(wait).toBeGreaterThanOrEqual(BASE / 2);
        expect(wait).toBeLessThanOrEqual(BASE);
      }),
      { numRuns: 30 },
    );
  });
});

describe('SyncWorker: restart', () => {
  /** Leaves the payment WRITEOFF_SENT: the first worker dies while its submit is in flight. */
  async function crashDuringSubmit(): Promise<{ id: number; serial: string; body: string }> {
    const id = capturedPayment(t);
    const dying = new FakePort();
    dying.onSubmit = () => new Promise<WriteOffOutcome>(() => undefined); // never answers
    const first = newWorker(t, dying);
    first.kick();
    await flush();
    first.stop();
    expect(dying.ops()).toEqual(['submit']);
    t.close();
    // A new process: the journal is reopened from the file.
    t = openTestJournal(tmp.file('journal.sqlite'), t.clock);
    const p = t.journal.get(id);
    expect(p.state).toBe('WRITEOFF_SENT');
    return { id, serial: p.agentSerial, body: p.requestJson ?? '' };
  }

  it('a new worker on a row left WRITEOFF_SENT queries first and settles without re-sending if written off', async () => {
    const { id, serial } = await crashDuringSubmit();
    port.onQuery = (s) => written(s);
    await run(newWorker());
    expect(port.calls).toEqual([{ op: 'query', serial, answer: 'written_off' }]);
    expect(t.journal.get(id).state).toBe('WRITTEN_OFF');
  });

  it('a new worker queries first and re-sends the identical body only on not_found', async () => {
    const { id, serial, body } = await crashDuringSubmit();
    port.onQuery = () => ({ kind: 'not_found' });
    await run(newWorker());
    expect(port.calls).toEqual([
      { op: 'query', serial, answer: 'not_found' },
      { op: 'submit', serial, body },
    ]);
    expect(t.journal.get(id).state).toBe('WRITTEN_OFF');
  });

  it('a new worker on a row left WRITEOFF_UNKNOWN queries first', async () => {
    const id = capturedPayment(t);
    port.onSubmit = () => unknown();
    const first = newWorker();
    await run(first);
    first.stop();
    const restarted = new FakePort();
    restarted.onQuery = (s) => written(s);
    t.clock.advance(MAX);
    await run(newWorker(t, restarted));
    expect(restarted.ops()).toEqual(['query']);
    expect(t.journal.get(id).state).toBe('WRITTEN_OFF');
  });
});

// ---------------------------------------------------------------------------------------------
// Property: a consistent fake gateway (serial → committed), random reply losses, exceptions and
// crashes (the worker is dropped mid-call or between runs and a new one starts on the reopened
// journal). Whatever happens, the §6 invariants hold.

type Decision = 'commit' | 'reject' | 'none';
type Delivery = 'deliver' | 'unknown' | 'throw' | 'crash';

interface Scenario {
  payments: number;
  submits: { decision: Decision; delivery: Delivery; retryAfterMs: number }[];
  queries: Delivery[];
  steps: ('run' | 'crash')[];
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  payments: fc.integer({ min: 1, max: 3 }),
  submits: fc.array(
    fc.record({
      decision: fc.constantFrom<Decision>('commit', 'reject', 'none'),
      delivery: fc.constantFrom<Delivery>('deliver', 'unknown', 'throw', 'crash'),
      retryAfterMs: fc.constantFrom(0, 500, 30_000),
    }),
    { maxLength: 12 },
  ),
  queries: fc.array(fc.constantFrom<Delivery>('deliver', 'unknown', 'throw', 'crash'), {
    maxLength: 12,
  }),
  steps: fc.array(fc.constantFrom<'run' | 'crash'>('run', 'run', 'run', 'crash'), {
    minLength: 1,
    maxLength: 12,
  }),
});

/** The gateway: decides a serial once, replays the decision, answers queries truthfully. */
class ModelGateway implements WriteOffPort {
  readonly committed = new Map<string, string>();
  readonly rejected = new Set<string>();
  readonly calls: Call[] = [];
  duplicates = 0;
  hung = false;
  private submitIdx = 0;
  private queryIdx = 0;

  constructor(private readonly s: Scenario) {}

  /** Stop scripting failures: every later call reaches the gateway and is answered. */
  heal(): void {
    this.submitIdx = Number.POSITIVE_INFINITY;
    this.queryIdx = Number.POSITIVE_INFINITY;
  }

  submit(serial: string, body: string): Promise<WriteOffOutcome> {
    this.calls.push({ op: 'submit', serial, body });
    const step = this.s.submits[this.submitIdx++] ?? {
      decision: 'commit' as const,
      delivery: 'deliver' as const,
      retryAfterMs: 0,
    };
    if (this.committed.has(serial)) {
      this.duplicates++;
    } else if (!this.rejected.has(serial)) {
      if (step.decision === 'commit') this.committed.set(serial, body);
      if (step.decision === 'reject') this.rejected.add(serial);
    }
    const answer: WriteOffOutcome = this.committed.has(serial)
      ? written(serial)
      : this.rejected.has(serial)
        ? { kind: 'rejected', code: 'amount_below_due', message: 'below due' }
        : unknown('http_503', step.retryAfterMs || undefined);
    return this.deliver(step.delivery, answer);
  }

  query(serial: string): Promise<QueryOutcome> {
    const call: Call = { op: 'query', serial };
    this.calls.push(call);
    const delivery = this.s.queries[this.queryIdx++] ?? 'deliver';
    // The contract: 200 for a committed payment, 404 when never committed (rejections included).
    const answer: QueryOutcome = this.committed.has(serial)
      ? written(serial)
      : { kind: 'not_found' };
    if (delivery === 'deliver') call.answer = answer.kind;
    return this.deliver(delivery, answer);
  }

  private deliver<T>(delivery: Delivery, answer: T): Promise<T> {
    switch (delivery) {
      case 'deliver':
        return Promise.resolve(answer);
      case 'unknown':
        return Promise.resolve(unknown('reply lost') as T);
      case 'throw':
        return Promise.reject(new Error('connection reset'));
      case 'crash':
        this.hung = true;
        return new Promise<T>(() => undefined);
    }
  }
}

const PENDING: readonly PaymentState[] = ['FUNDS_CAPTURED', 'WRITEOFF_SENT', 'WRITEOFF_UNKNOWN'];

describe('SyncWorker: property — crashes and lost replies never break the invariants', () => {
  // 100 runs, each with journals on disk opened again at every crash: its time is the disk's
  // and the machine's load (about 10 s when quiet), not a target, so it has room to finish.
  it(
    'one effective write-off per serial, query before every retry, allowed edges only, nothing lost',
    {
      timeout: 120_000,
    },
    async () => {
      let runNo = 0;
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          const file = tmp.file(`prop-${runNo++}.sqlite`);
          const clock = testClock();
          let j = openTestJournal(file, clock);
          const gw = new ModelGateway(s);
          const ids = Array.from({ length: s.payments }, (_, i) =>
            capturedPayment(j, i === 0 ? [10000] : [10000, 5000]),
          );
          const before = new Map(ids.map((id) => [id, j.journal.get(id)]));
          let worker = newWorker(j, gw);

          const restart = () => {
            worker.stop();
            j.close();
            j = openTestJournal(file, clock);
            worker = newWorker(j, gw);
            gw.hung = false;
          };

          try {
            for (const step of s.steps) {
              if (step === 'crash') {
                restart();
                continue;
              }
              clock.advance(MAX + 60_000);
              await run(worker);
              if (gw.hung) restart();
            }

            // Invariants that hold at any point of the run.
            const checkNow = () => {
              expect(gw.duplicates, 'a submit after the gateway had committed').toBe(0);
              for (const id of ids) {
                const p = j.journal.get(id);
                const mine = gw.calls.filter((c) => c.serial === p.agentSerial);
                if (mine.length > 0) expect(mine[0]?.op, 'first call of a payment').toBe('submit');
                mine.forEach((c, i) => {
                  if (c.op === 'submit') {
                    expect(c.body, 'every submit carries the stored body').toBe(p.requestJson);
                    if (i > 0) {
                      expect(mine[i - 1], 'a retry follows a query that said not_found').toEqual({
                        op: 'query',
                        serial: p.agentSerial,
                        answer: 'not_found',
                      });
                    }
                  }
                });
                const moves = j.journal.events(id).filter((e) => e.toState !== null);
                moves.forEach((e, i) => {
                  if (i === 0) return;
                  expect(e.fromState).toBe(moves[i - 1]?.toState);
                  expect(
                    canTransition(e.fromState as PaymentState, e.toState as PaymentState),
                    `${e.fromState} → ${e.toState}`,
                  ).toBe(true);
                });
                expect(p.collected, 'collected never changes').toBe(before.get(id)?.collected);
                expect(p.agentSerial).toBe(before.get(id)?.agentSerial);
                expect(p.requestJson).toBe(before.get(id)?.requestJson);
                const open = outboxOf(j, id).done_at === null;
                if (p.state === 'WRITTEN_OFF') {
                  expect(gw.committed.has(p.agentSerial)).toBe(true);
                  expect(open).toBe(false);
                } else if (p.state === 'REFUND_REQUIRED') {
                  expect(gw.committed.has(p.agentSerial)).toBe(false);
                  expect(gw.rejected.has(p.agentSerial)).toBe(true);
                  expect(open).toBe(false);
                } else {
                  expect(PENDING, `payment ${id} is ${p.state}`).toContain(p.state);
                  expect(open, 'a pending payment keeps its outbox row').toBe(true);
                }
              }
            };
            checkNow();

            // Never lost: once the network heals, a restarted worker settles every payment, and
            // the journal agrees with the gateway.
            gw.heal();
            restart();
            for (let i = 0; i < 3; i++) {
              clock.advance(MAX + 60_000);
              await run(worker);
            }
            checkNow();
            for (const id of ids) {
              const p = j.journal.get(id);
              expect(['WRITTEN_OFF', 'REFUND_REQUIRED']).toContain(p.state);
              expect(p.state === 'WRITTEN_OFF').toBe(gw.committed.has(p.agentSerial));
            }
          } finally {
            worker.stop();
            j.close();
          }
        }),
        { numRuns: 100 },
      );
    },
  );
});
