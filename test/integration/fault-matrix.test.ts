// The fault matrix: every injected gateway fault, before and after the commit, on the payment
// route and on the re-check (the payment query), against the kiosk's real sync machinery over
// real HTTP. Each case must end with the payment written off EXACTLY ONCE at the simulator (one
// commit for the serial, the right amount) or, for a definitive rejection, REFUND_REQUIRED and
// never re-sent; and the simulator must have seen query-before-retry (payments.md §6, inv. 3, 5).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FaultInput } from '../../sim/gateway/faults';
import {
  capturePayment,
  dyingPort,
  PAYMENT_ROUTE,
  QUERY_ROUTE,
  queryBeforeRetryViolations,
  settle,
  startHarness,
  type Captured,
  type Harness,
} from './sync-harness';

/** Beyond the client's 300 ms timeout. */
const TOO_SLOW_MS = 600;

const ACCOUNTS: readonly [string, string][] = [
  ['sh-power', '3100123456'],
  ['sh-water', '210012345'],
  ['sh-gas', '50012345'],
  ['sh-telecom', '13301234567'],
];

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const posts = (serial: string) => h.sim.requests({ serial, route: PAYMENT_ROUTE });

/** Nothing more reaches the gateway for a settled payment, however long the worker runs. */
async function expectQuietAfterwards(serial: string): Promise<void> {
  const seen = h.sim.requests({ serial }).length;
  for (let i = 0; i < 3; i++) {
    h.clock.jump(3_600_000);
    h.worker.kick();
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(h.sim.requests({ serial })).toHaveLength(seen);
}

async function expectWrittenOffOnce(c: Captured): Promise<void> {
  const p = h.journal.get(c.paymentId);
  expect(p.state).toBe('WRITTEN_OFF');
  expect(h.journal.events(c.paymentId).filter((e) => e.toState === 'WRITTEN_OFF')).toHaveLength(1);
  const stats = h.sim.stats();
  expect(stats.payments[c.serial]).toMatchObject({
    commits: 1,
    conflicts: 0,
    stored: 'written_off',
    amount: c.amount,
  });
  expect(stats.committed).toEqual({ count: 1, total: c.amount });
  const atGateway = await h.client.queryPayment(c.serial);
  expect(atGateway.ok && atGateway.body.billerTxnId).toBe(p.billerTxnId);
  expect(queryBeforeRetryViolations(h.sim.requests({ serial: c.serial }))).toEqual([]);
  await expectQuietAfterwards(c.serial);
}

interface WriteOffCase {
  name: string;
  faults: FaultInput[];
  /** POSTs the simulator must see for the serial (the first send plus re-sends after 404). */
  posts: number;
}

/** A fault without its route (distributed over the kinds, so each keeps its own options). */
type Unrouted = FaultInput extends infer F
  ? F extends FaultInput
    ? Omit<F, 'route'>
    : never
  : never;
/** A fault on the payment route, and on the payment query (the re-check). */
const p = (f: Unrouted): FaultInput => ({ route: PAYMENT_ROUTE, ...f });
const q = (f: Unrouted): FaultInput => ({ route: QUERY_ROUTE, ...f });

const ON_PAYMENT: WriteOffCase[] = [
  { name: '503 before commit', faults: [p({ kind: '503', times: 1 })], posts: 2 },
  {
    name: '503 after commit',
    faults: [p({ kind: '503', when: 'after_commit', times: 1 })],
    posts: 1,
  },
  { name: '429 before commit, twice', faults: [p({ kind: '429', times: 2 })], posts: 3 },
  {
    name: '429 after commit',
    faults: [p({ kind: '429', when: 'after_commit', times: 1 })],
    posts: 1,
  },
  {
    name: 'slow within the client timeout',
    faults: [p({ kind: 'slow', delayMs: 100, times: 1 })],
    posts: 1,
  },
  {
    name: 'slow before commit: the commit lands after the client gave up',
    faults: [p({ kind: 'slow', delayMs: TOO_SLOW_MS, times: 1 })],
    posts: 2,
  },
  {
    name: 'slow after commit, beyond the client timeout',
    faults: [p({ kind: 'slow', delayMs: TOO_SLOW_MS, when: 'after_commit', times: 1 })],
    posts: 1,
  },
  { name: 'timeout before commit', faults: [p({ kind: 'timeout', times: 1 })], posts: 2 },
  {
    name: 'timeout after commit',
    faults: [p({ kind: 'timeout', when: 'after_commit', times: 1 })],
    posts: 1,
  },
  { name: 'drop before commit', faults: [p({ kind: 'drop_before_commit', times: 1 })], posts: 2 },
  { name: 'drop after commit', faults: [p({ kind: 'drop_after_commit', times: 1 })], posts: 1 },
  { name: 'duplicate delivery', faults: [p({ kind: 'duplicate', times: 1 })], posts: 1 },
  {
    name: 'malformed JSON after commit',
    faults: [p({ kind: 'malformed_json', times: 1 })],
    posts: 1,
  },
  { name: 'bad schema after commit', faults: [p({ kind: 'bad_schema', times: 1 })], posts: 1 },
  {
    name: 'a long outage: 503 fifteen times, then OK',
    faults: [p({ kind: '503', retryAfter: 1, times: 15 })],
    posts: 16,
  },
  {
    name: 'an outage on every route: 503 × 8 on "*"',
    faults: [{ route: '*', kind: '503', times: 8 }],
    posts: 2,
  },
];

const ON_RECHECK: WriteOffCase[] = [
  {
    name: 'drop after commit, then 503 × 3 on the query',
    faults: [p({ kind: 'drop_after_commit', times: 1 }), q({ kind: '503', times: 3 })],
    posts: 1,
  },
  {
    name: 'drop after commit, then 429 × 2 on the query',
    faults: [p({ kind: 'drop_after_commit', times: 1 }), q({ kind: '429', times: 2 })],
    posts: 1,
  },
  {
    name: 'drop before commit, then the query times out',
    faults: [p({ kind: 'drop_before_commit', times: 1 }), q({ kind: 'timeout', times: 1 })],
    posts: 2,
  },
  {
    name: 'timeout after commit, then malformed JSON × 2 on the query',
    faults: [
      p({ kind: 'timeout', when: 'after_commit', times: 1 }),
      q({ kind: 'malformed_json', times: 2 }),
    ],
    posts: 1,
  },
  {
    name: '503 before commit, then a query reply of the wrong schema',
    faults: [p({ kind: '503', times: 1 }), q({ kind: 'bad_schema', times: 1 })],
    posts: 2,
  },
  {
    name: 'drop before commit, then the query dropped after it was answered',
    faults: [
      p({ kind: 'drop_before_commit', times: 1 }),
      q({ kind: 'drop_after_commit', times: 1 }),
    ],
    posts: 2,
  },
  {
    name: 'drop before commit, then the query dropped twice',
    faults: [
      p({ kind: 'drop_before_commit', times: 1 }),
      q({ kind: 'drop_before_commit', times: 2 }),
    ],
    posts: 2,
  },
  {
    name: 'drop after commit, then a duplicated query',
    faults: [p({ kind: 'drop_after_commit', times: 1 }), q({ kind: 'duplicate', times: 1 })],
    posts: 1,
  },
  {
    name: '503 after commit, then a query slower than the client timeout',
    faults: [
      p({ kind: '503', when: 'after_commit', times: 1 }),
      q({ kind: 'slow', delayMs: TOO_SLOW_MS, times: 1 }),
    ],
    posts: 1,
  },
];

describe('fault matrix: written off exactly once', () => {
  describe.each([
    ['on the payment route', ON_PAYMENT],
    ['on the re-check', ON_RECHECK],
  ])('%s', (_where, cases) => {
    it.each(cases.map((c, i) => ({ ...c, account: ACCOUNTS[i % ACCOUNTS.length] })))(
      '$name',
      async ({ faults, posts: expectedPosts, account }) => {
        const [billerId = '', number = ''] = account ?? [];
        const c = await capturePayment(h, billerId, number);
        h.sim.setFaults(faults);
        await settle(h, c.paymentId);
        await expectWrittenOffOnce(c);
        expect(posts(c.serial)).toHaveLength(expectedPosts);
      },
    );
  });

  it('waits out Retry-After between attempts', async () => {
    const c = await capturePayment(h, 'sh-power', '3100123456');
    h.sim.setFaults([p({ kind: '503', retryAfter: 2, times: 1 }), p({ kind: '429', times: 1 })]);
    await settle(h, c.paymentId);
    await expectWrittenOffOnce(c);
    expect(h.unknowns.map((u) => u.reason)).toEqual(['service_unavailable', 'rate_limited']);
    expect(h.unknowns[0]?.wait).toBeGreaterThanOrEqual(2_000);
    expect(h.unknowns[1]?.wait).toBeGreaterThanOrEqual(1_000);
  });

  it('a slow first send that commits late is replayed, not committed again', async () => {
    const c = await capturePayment(h, 'sh-gas', '50012345');
    h.sim.setFaults([p({ kind: 'slow', delayMs: TOO_SLOW_MS, times: 1 })]);
    await settle(h, c.paymentId);
    // Let the first send, still delayed at the gateway, arrive.
    const deadline = Date.now() + 2_000;
    while (posts(c.serial)[0]?.performed !== 1 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(posts(c.serial)[0]).toMatchObject({ fault: 'slow', performed: 1, delivery: 'gone' });
    expect(h.sim.stats().payments[c.serial]).toMatchObject({ commits: 1, replays: 1 });
    await expectWrittenOffOnce(c);
  });
});

describe('fault matrix: the kiosk dies during the write-off and starts again', () => {
  const CASES: { name: string; faults: FaultInput[]; posts: number }[] = [
    { name: 'after the gateway committed the send', faults: [], posts: 1 },
    {
      name: 'while the send was being dropped before commit',
      faults: [p({ kind: 'drop_before_commit', times: 1 })],
      posts: 2,
    },
    {
      name: 'while the send hung before commit',
      faults: [p({ kind: 'timeout', times: 1 })],
      posts: 2,
    },
    {
      name: 'while the send hung after commit',
      faults: [p({ kind: 'timeout', when: 'after_commit', times: 1 })],
      posts: 1,
    },
  ];

  it.each(CASES)('$name: the first call after the restart is a query', async (c0) => {
    await h.close();
    h = await startHarness({ port: dyingPort });
    const c = await capturePayment(h, 'sh-water', '210012345');
    h.sim.setFaults(c0.faults);
    h.worker.kick();
    const deadline = Date.now() + 2_000;
    while (!posts(c.serial).some((r) => r.delivery !== 'pending') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(h.journal.get(c.paymentId).state).toBe('WRITEOFF_SENT');
    h.restart();
    await settle(h, c.paymentId);
    await expectWrittenOffOnce(c);
    expect(posts(c.serial)).toHaveLength(c0.posts);
    expect(h.sim.requests({ serial: c.serial })[1]?.route).toBe(QUERY_ROUTE);
  });
});

describe('the checks have teeth', () => {
  it('query-before-retry catches a worker that re-sends without asking', async () => {
    await h.close();
    // A broken port: its "query" never asks the gateway and always says "not found".
    h = await startHarness({
      port: (real) => ({
        submit: real.submit,
        query: () => Promise.resolve({ kind: 'not_found' }),
      }),
    });
    const c = await capturePayment(h, 'sh-power', '3100123456');
    h.sim.setFaults([p({ kind: 'drop_after_commit', times: 1 })]);
    await settle(h, c.paymentId);
    // Idempotency at the gateway still saves the money; the rule was broken all the same.
    expect(h.sim.stats().payments[c.serial]).toMatchObject({ commits: 1, replays: 1 });
    expect(queryBeforeRetryViolations(h.sim.requests({ serial: c.serial }))).toEqual([
      expect.stringMatching(/^POST #\d+ follows POST \/v1\/payments → null, not a 404 query$/),
    ]);
  });
});

describe('fault matrix: definitive rejections are compensated, never re-sent', () => {
  const overpay = (due: number) => Math.ceil(due / 1000) * 1000;
  const underpay = (due: number) => Math.floor(due / 1000) * 1000;

  const CASES: {
    name: string;
    amount: (due: number) => number;
    code: string;
    faults: FaultInput[];
    posts: number;
  }[] = [
    {
      name: 'overpayment, no fault',
      amount: overpay,
      code: 'overpayment_not_allowed',
      faults: [],
      posts: 1,
    },
    {
      name: 'amount below due, no fault',
      amount: underpay,
      code: 'amount_below_due',
      faults: [],
      posts: 1,
    },
    {
      name: 'overpayment, the rejection dropped after it was stored',
      amount: overpay,
      code: 'overpayment_not_allowed',
      faults: [p({ kind: 'drop_after_commit', times: 1 })],
      posts: 2,
    },
    {
      name: 'amount below due, 503 after the rejection was stored',
      amount: underpay,
      code: 'amount_below_due',
      faults: [p({ kind: '503', when: 'after_commit', times: 1 })],
      posts: 2,
    },
    {
      name: 'amount below due, the rejection garbled (malformed JSON)',
      amount: underpay,
      code: 'amount_below_due',
      faults: [p({ kind: 'malformed_json', times: 1 })],
      posts: 2,
    },
    {
      name: 'overpayment, 503 before commit',
      amount: overpay,
      code: 'overpayment_not_allowed',
      faults: [p({ kind: '503', times: 2 })],
      posts: 3,
    },
  ];

  it.each(CASES)(
    '$name → REFUND_REQUIRED',
    async ({ amount, code, faults, posts: expectedPosts }) => {
      const c = await capturePayment(h, 'sh-cabletv', '880012345678', amount);
      h.sim.setFaults(faults);
      await settle(h, c.paymentId);
      const row = h.journal.get(c.paymentId);
      expect(row.state).toBe('REFUND_REQUIRED');
      expect(row.rejectCode).toBe(code);
      const stats = h.sim.stats();
      expect(stats.payments[c.serial]).toMatchObject({
        commits: 0,
        rejections: 1,
        conflicts: 0,
        stored: 'rejected',
        amount: c.amount,
      });
      expect(stats.committed).toEqual({ count: 0, total: 0 });
      expect(posts(c.serial)).toHaveLength(expectedPosts);
      expect(queryBeforeRetryViolations(h.sim.requests({ serial: c.serial }))).toEqual([]);
      await expectQuietAfterwards(c.serial);
    },
  );
});
