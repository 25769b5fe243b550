// The fault matrix of the community routes: every injected gateway fault, before and after the
// commit, on the upload route, on each request route (applications, additions of documents,
// invoice requests, notices) and on their re-checks (the queries), against the room's real
// machinery over real HTTP. Each case must end with the request at the gateway EXACTLY ONCE
// (one commit for its serial), every photo it carries held there and none left on the terminal,
// the simulator having seen query-before-retry where the contract has a query; a definitive
// refusal ends rejected and is never sent again. Then the kiosk dying mid-call and starting
// again: its first call about the request is a query.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FaultInput } from '../../sim/gateway/faults';
import type { SubmissionReceipt } from '../../src/community';
import {
  addDocumentsFor,
  applyFor,
  dyingPort,
  invoiceFor,
  noticeFor,
  queryBeforeRetryViolations,
  ROUTES,
  settle,
  startCommunityHarness,
  vaultFiles,
  type CommunityHarness,
} from './community-harness';

/** Beyond the client's 300 ms timeout. */
const TOO_SLOW_MS = 600;

type Unrouted = FaultInput extends infer F
  ? F extends FaultInput
    ? Omit<F, 'route'>
    : never
  : never;
const on =
  (route: string) =>
  (f: Unrouted): FaultInput =>
    ({ route, ...f }) as FaultInput;

/** Every fault kind, before and after the commit, once. */
const EVERY_FAULT: { name: string; fault: Unrouted }[] = [
  { name: '503 before commit', fault: { kind: '503', times: 1 } },
  { name: '503 after commit', fault: { kind: '503', when: 'after_commit', times: 1 } },
  { name: '429 before commit, twice', fault: { kind: '429', times: 2 } },
  { name: '429 after commit', fault: { kind: '429', when: 'after_commit', times: 1 } },
  { name: 'a proxy page on 503', fault: { kind: '503', body: 'html', times: 1 } },
  { name: 'slow within the timeout', fault: { kind: 'slow', delayMs: 100, times: 1 } },
  {
    name: 'slow before commit, beyond the timeout',
    fault: { kind: 'slow', delayMs: TOO_SLOW_MS, times: 1 },
  },
  {
    name: 'slow after commit, beyond the timeout',
    fault: { kind: 'slow', delayMs: TOO_SLOW_MS, when: 'after_commit', times: 1 },
  },
  { name: 'timeout before commit', fault: { kind: 'timeout', times: 1 } },
  {
    name: 'timeout after commit (a lost reply)',
    fault: { kind: 'timeout', when: 'after_commit', times: 1 },
  },
  { name: 'dropped before commit', fault: { kind: 'drop_before_commit', times: 1 } },
  { name: 'dropped after commit (a lost reply)', fault: { kind: 'drop_after_commit', times: 1 } },
  { name: 'duplicate delivery', fault: { kind: 'duplicate', times: 1 } },
  { name: 'malformed JSON after commit', fault: { kind: 'malformed_json', times: 1 } },
  { name: 'a reply of the wrong schema after commit', fault: { kind: 'bad_schema', times: 1 } },
  { name: 'a long outage: 503 twelve times', fault: { kind: '503', retryAfter: 1, times: 12 } },
];

/** The faults that leave the outcome unknown after the commit, and the ones before it. */
const LOST_REPLIES = EVERY_FAULT.filter((f) =>
  [
    '503 after commit',
    'timeout after commit (a lost reply)',
    'dropped after commit (a lost reply)',
    'malformed JSON after commit',
    'a reply of the wrong schema after commit',
    'dropped before commit',
  ].includes(f.name),
);

interface Kind {
  name: string;
  make(h: CommunityHarness): Promise<SubmissionReceipt>;
  post: string;
  /** The re-check route, or null where the contract has none (an addition: re-sent as is). */
  query: string | null;
  /** Its key in the simulator's statistics. */
  key(serial: string, h: CommunityHarness): string;
}

const KINDS: Kind[] = [
  {
    name: 'application',
    make: (h) => applyFor(h),
    post: ROUTES.application,
    query: ROUTES.applicationQuery,
    key: (s) => `application:${s}`,
  },
  {
    name: 'addition of documents',
    make: addDocumentsFor,
    post: ROUTES.documents,
    query: null,
    key: (s) => `documents:${s}`,
  },
  {
    name: 'invoice request',
    make: invoiceFor,
    post: ROUTES.invoice,
    query: ROUTES.invoiceQuery,
    key: (s) => `invoice:${s}`,
  },
  {
    name: 'notice',
    make: noticeFor,
    post: ROUTES.notice,
    query: ROUTES.noticeQuery,
    key: (s) => `notice:${s}`,
  },
];

let h: CommunityHarness;
beforeEach(async () => {
  h = await startCommunityHarness();
});
afterEach(() => h.close());

/** The sent request's photos' upload ids: every one at the gateway, used by this request. */
function expectPhotosHeld(serial: string): void {
  const sent = h.room.journal.bySerial(serial)?.requestJson ?? '{}';
  const ids = [...sent.matchAll(/"(up_[0-9a-f]{24})"/g)].map((m) => m[1]);
  const uploads = h.sim.community().uploads;
  for (const id of ids) {
    const u = uploads.find((x) => x.uploadId === id);
    expect(u, `upload ${id}`).toBeDefined();
    expect(u?.usedBy).not.toBeNull();
  }
}

async function expectOnce(kind: Kind, r: SubmissionReceipt): Promise<void> {
  await settle(h, r.serial);
  const row = h.room.journal.bySerial(r.serial);
  expect(row?.state, `${r.serial} ${row?.lastError ?? ''}`).toBe('accepted');
  const counts = h.sim.stats().community[kind.key(r.serial, h)];
  expect(counts).toMatchObject({ commits: 1, conflicts: 0 });
  if (kind.name === 'application') {
    const atGateway = h.sim.community().applications.find((a) => a.serial === r.serial);
    const sent = JSON.parse(row?.requestJson ?? '{}') as {
      documents: unknown;
      signature?: { uploadId: string };
    };
    expect(JSON.parse(atGateway?.documents ?? 'null')).toEqual(sent.documents);
    expect(row?.trackingCode).toBe(atGateway?.trackingCode);
  }
  expectPhotosHeld(r.serial);
  if (kind.query) {
    const records = h.sim.requests();
    expect(
      queryBeforeRetryViolations(
        records,
        kind.post,
        kind.query,
        kind.name === 'addition of documents' ? '' : r.serial,
      ),
    ).toEqual([]);
  }
  expect(vaultFiles(h)).toEqual([]);
  // Nothing more goes to the gateway for it, however long the worker runs.
  const seen = h.sim.requests().length;
  for (let i = 0; i < 3; i++) {
    h.clock.jump(3_600_000);
    h.room.worker.kick();
    await new Promise((res) => setTimeout(res, 10));
  }
  expect(h.sim.requests().length).toBe(seen);
}

describe('community fault matrix: every fault on the request route, exactly once', () => {
  describe.each(KINDS.map((k) => [k.name, k] as const))('%s', (_name, kind) => {
    const cases = kind.name === 'application' ? EVERY_FAULT : LOST_REPLIES;
    it.each(cases)('$name', async ({ fault }) => {
      h.sim.setFaults([on(kind.post)(fault)]);
      const r = await kind.make(h);
      await expectOnce(kind, r);
    });
  });
});

describe('community fault matrix: every fault on the uploads, each photo once', () => {
  it.each(EVERY_FAULT)('$name', async ({ fault }) => {
    h.sim.setFaults([on(ROUTES.upload)(fault)]);
    const r = await applyFor(h, 'multi-person-household');
    await expectOnce(KINDS[0] as Kind, r);
    // Each photo reached the gateway once (sent again, it was the same bytes: a replay).
    const stats = h.sim.stats().community;
    const uploads = h.sim.community().uploads;
    expect(uploads.length).toBeGreaterThan(0);
    for (const u of uploads) expect(stats[`upload:${u.sha256}`]).toMatchObject({ commits: 1 });
  });
});

describe('community fault matrix: faults on the re-check after a lost reply', () => {
  const CASES: { name: string; kind: number; faults: FaultInput[] }[] = [
    {
      name: 'application: dropped after commit, then 503 × 3 on the query',
      kind: 0,
      faults: [
        on(ROUTES.application)({ kind: 'drop_after_commit', times: 1 }),
        on(ROUTES.applicationQuery)({ kind: '503', times: 3 }),
      ],
    },
    {
      name: 'application: timeout after commit, then the query garbled twice',
      kind: 0,
      faults: [
        on(ROUTES.application)({ kind: 'timeout', when: 'after_commit', times: 1 }),
        on(ROUTES.applicationQuery)({ kind: 'malformed_json', times: 2 }),
      ],
    },
    {
      name: 'application: dropped before commit, then a query reply of the wrong schema',
      kind: 0,
      faults: [
        on(ROUTES.application)({ kind: 'drop_before_commit', times: 1 }),
        on(ROUTES.applicationQuery)({ kind: 'bad_schema', times: 1 }),
      ],
    },
    {
      name: 'application: 503 after commit, then the query times out',
      kind: 0,
      faults: [
        on(ROUTES.application)({ kind: '503', when: 'after_commit', times: 1 }),
        on(ROUTES.applicationQuery)({ kind: 'timeout', times: 1 }),
      ],
    },
    {
      name: 'invoice: dropped after commit, then the query dropped after it was answered',
      kind: 2,
      faults: [
        on(ROUTES.invoice)({ kind: 'drop_after_commit', times: 1 }),
        on(ROUTES.invoiceQuery)({ kind: 'drop_after_commit', times: 1 }),
      ],
    },
    {
      name: 'invoice: dropped before commit, then 429 × 2 on the query',
      kind: 2,
      faults: [
        on(ROUTES.invoice)({ kind: 'drop_before_commit', times: 1 }),
        on(ROUTES.invoiceQuery)({ kind: '429', times: 2 }),
      ],
    },
    {
      name: 'notice: timeout after commit, then the sent list garbled',
      kind: 3,
      faults: [
        on(ROUTES.notice)({ kind: 'timeout', when: 'after_commit', times: 1 }),
        on(ROUTES.noticeQuery)({ kind: 'malformed_json', times: 1 }),
      ],
    },
    {
      name: 'notice: dropped before commit, then the sent list of the wrong schema',
      kind: 3,
      faults: [
        on(ROUTES.notice)({ kind: 'drop_before_commit', times: 1 }),
        on(ROUTES.noticeQuery)({ kind: 'bad_schema', times: 1 }),
      ],
    },
  ];
  it.each(CASES)('$name', async ({ kind, faults }) => {
    const k = KINDS[kind] as Kind;
    h.sim.setFaults(faults);
    await expectOnce(k, await k.make(h));
  });
});

describe('community fault matrix: definitive refusals are final', () => {
  it('an application the gateway refuses (422), its first answer lost, is rejected, its photos gone, never sent again', async () => {
    expect((await h.room.services()).ok).toBe(true);
    // The locked account is not eligible (422): the gateway's answer, after a lost first reply.
    const locked = await h.room.submitApplication({
      serviceId: 'real-name',
      billerId: 'sh-power',
      account: '3100999999',
      applicant: { name: '赵明', phone: '13800138000' },
      fields: { relation: 'owner', phone: '13800138000' },
      documents: [
        { documentId: 'id-card', photos: [stagePhoto(), stagePhoto()] },
        { documentId: 'property-certificate', photos: [stagePhoto()] },
      ],
      signature: { photo: stagePhoto(), signedAt: h.clock() },
      consent: { smsNotices: false, termsVersion: '2026-01' },
    });
    if (!locked.ok) throw new Error(locked.message);
    h.sim.setFaults([on(ROUTES.application)({ kind: 'drop_after_commit', times: 1 })]);
    await settle(h, locked.serial);
    expect(h.room.submission(locked.serial)).toMatchObject({
      state: 'rejected',
      rejectCode: 'not_eligible',
    });
    const posts = h.sim.requests({ serial: locked.serial, route: ROUTES.application });
    expect(posts.length).toBeLessThanOrEqual(2);
    expect(h.sim.stats().community[`application:${locked.serial}`]).toMatchObject({ commits: 0 });
    expect(vaultFiles(h)).toEqual([]);
    const seen = h.sim.requests().length;
    h.clock.jump(3_600_000);
    h.room.retryNow();
    await new Promise((res) => setTimeout(res, 50));
    expect(h.sim.requests().length).toBe(seen);
  });
});

describe('the checks have teeth', () => {
  it('query-before-retry catches a worker that re-sends without asking', async () => {
    // A broken port: its "query" never asks the gateway and always says "not found".
    h.restart((real) => ({ ...real, query: () => Promise.resolve({ kind: 'not_found' }) }));
    h.sim.setFaults([on(ROUTES.application)({ kind: 'drop_after_commit', times: 1 })]);
    const r = await applyFor(h);
    await settle(h, r.serial);
    // Idempotency at the gateway still saves the day; the rule was broken all the same.
    expect(h.sim.stats().community[`application:${r.serial}`]).toMatchObject({
      commits: 1,
      replays: 1,
    });
    expect(
      queryBeforeRetryViolations(
        h.sim.requests(),
        ROUTES.application,
        ROUTES.applicationQuery,
        r.serial,
      ),
    ).toEqual([expect.stringMatching(/^POST #\d+ follows POST \/v1\/applications → null/)]);
  });
});

function stagePhoto(): number {
  const bytes = Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    Buffer.from(String(Math.random()).repeat(40)),
  ]);
  const r = h.room.stagePhoto({ mime: 'image/jpeg', bytes });
  if (!r.ok) throw new Error(r.message);
  return r.value.photoId;
}

describe('community fault matrix: the kiosk dies mid-call and starts again', () => {
  const CASES: { name: string; faults: FaultInput[] }[] = [
    { name: 'after the gateway committed the application', faults: [] },
    {
      name: 'while the application was being dropped before commit',
      faults: [on(ROUTES.application)({ kind: 'drop_before_commit', times: 1 })],
    },
    {
      name: 'while the application hung before commit',
      faults: [on(ROUTES.application)({ kind: 'timeout', times: 1 })],
    },
    {
      name: 'while the application hung after commit',
      faults: [on(ROUTES.application)({ kind: 'timeout', when: 'after_commit', times: 1 })],
    },
  ];
  it.each(CASES)('$name: the first call after the restart is a query', async ({ faults }) => {
    // Photos go through; then the process dies with the application on its way.
    let calls = 0;
    h.restart((real) => ({
      upload: real.upload,
      submit: (s) => (++calls === 1 ? dyingPort(real).submit(s) : real.submit(s)),
      query: real.query,
    }));
    h.sim.setFaults(faults);
    const r = await applyFor(h);
    const deadline = Date.now() + 3_000;
    const posts = () => h.sim.requests({ serial: r.serial, route: ROUTES.application });
    while (!posts().some((p) => p.delivery !== 'pending') && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 5));
    }
    expect(h.room.submission(r.serial)?.state).toBe('pending');
    expect(h.room.journal.bySerial(r.serial)?.state).toBe('sent');
    h.restart();
    await expectOnce(KINDS[0] as Kind, r);
    const about = h.sim.requests({ serial: r.serial });
    expect(about[1]?.route).toBe(ROUTES.applicationQuery);
  });
});
