// The process the community kill loop kills: opens the journal as the host does (openJournal:
// WAL, synchronous=FULL) and the community room on it (its vault, its worker, the real client
// to the gateway simulator in its own process), then goes on with a fixed script of residents'
// applications from wherever the journal stands: photos taken (staged), the application
// submitted, the worker taking it to the gateway. Every step of upload and submit is a hook
// where it can SIGKILL itself.
//
//   node community-child.mjs --journal FILE --photos DIR --gateway URL --apps N
//        [--batch B] [--kill-at HOOK:N] [--clock-offset-ms MS] [--drain]
//
// Prints, synchronously after the room's start (its sweep and purge done, nothing else yet):
// `ready <now> <vault files as JSON> <live photos as JSON [file, purgeBy]>`; then
// `staged <app> <page>`, `submitted <app> <serial>`, `settled <serial> <state>`, and `idle` once
// the script is submitted (or this launch's batch is) and nothing waits; then `end` and exits 0.
// --kill-at HOOK:N: SIGKILL at the Nth time this launch reaches HOOK (below). --drain: submit
// nothing new, only finish what is waiting. --clock-offset-ms: the room's wall clock runs this
// far ahead (a launch a day later; the client still signs with the real time).
import { parseArgs } from 'node:util';
import { openJournal } from '../../offline-queue/open-journal';
import { CommunityClient, openCommunityRoom } from '../../src/community';
import { CommunityJournal } from '../../src/community/community-journal';
import { PhotoVault } from '../../src/community/photo-vault';
import type { SubmissionPort } from '../../src/community/submission-port';
import { DEMO_COMMUNITY, DEMO_SERVICES } from '../../sim/gateway/community-seed';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';
import { formFor, jpeg, pagesFor, png } from '../community/fixtures';

const TERMINAL = 'SH-XH-WK-0007';

const { values } = parseArgs({
  options: {
    journal: { type: 'string' },
    photos: { type: 'string' },
    gateway: { type: 'string' },
    apps: { type: 'string' },
    batch: { type: 'string' },
    'kill-at': { type: 'string' },
    'clock-offset-ms': { type: 'string' },
    drain: { type: 'boolean' },
  },
  strict: true,
});
if (!values.journal || !values.photos || !values.gateway || !values.apps) {
  process.stderr.write('community-child: --journal, --photos, --gateway and --apps are required\n');
  process.exit(2);
}

// HOOK:N, the hook's own name holding a colon too (vault.write:after:1).
const killAt = values['kill-at'] ?? '';
const killName = killAt.slice(0, killAt.lastIndexOf(':'));
const killNth = killAt.slice(killAt.lastIndexOf(':') + 1);
const offset = Number(values['clock-offset-ms'] ?? 0);
const clock = () => Date.now() + offset;
const counts = new Map<string, number>();

function dieNow(): never {
  process.kill(process.pid, 'SIGKILL');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
  process.exit(99);
}

function hit(name: string): void {
  const n = (counts.get(name) ?? 0) + 1;
  counts.set(name, n);
  if (name === killName && String(n) === killNth) dieNow();
}

type Method = (...args: unknown[]) => unknown;
/** Hooks before and after a method of a class (its prototype), for every instance. */
function around(proto: object, method: string, name: string): void {
  const target = proto as Record<string, Method>;
  const original = target[method];
  if (!original) throw new Error(`no method ${method}`);
  target[method] = function (this: unknown, ...args: unknown[]) {
    hit(`${name}:before`);
    const result = original.apply(this, args);
    hit(`${name}:after`);
    return result;
  };
}
around(PhotoVault.prototype, 'write', 'vault.write');
around(PhotoVault.prototype, 'remove', 'vault.remove');
for (const m of ['stagePhoto', 'submit', 'photoHeld', 'markSent', 'accept', 'purgePhoto']) {
  around(CommunityJournal.prototype, m, `journal.${m}`);
}

const hooked = (real: SubmissionPort): SubmissionPort => ({
  async upload(body) {
    hit('upload:before');
    const r = await real.upload(body);
    hit('upload:answered');
    return r;
  },
  async submit(s) {
    hit('submit:before');
    const r = await real.submit(s);
    hit('submit:answered');
    return r;
  },
  async query(s) {
    hit('query:before');
    const r = await real.query(s);
    hit('query:answered');
    return r;
  },
});

const secret = DEMO_TERMINALS[TERMINAL] ?? '';
const db = openJournal(values.journal);
const room = openCommunityRoom({
  db,
  terminalId: TERMINAL,
  terminalSecret: secret,
  photosDir: values.photos,
  community: DEMO_COMMUNITY,
  client: new CommunityClient({
    baseUrl: values.gateway,
    terminalId: TERMINAL,
    secret,
    timeoutMs: 1_500,
    uploadTimeoutMs: 1_500,
  }),
  port: hooked,
  onDuty: () => null,
  audit: () => undefined,
  clock,
  answerWaitMs: 1,
  retry: { baseDelayMs: 20, maxDelayMs: 200 },
});
room.start();
const live = db
  .prepare(`SELECT file, purge_by AS purgeBy FROM community_upload WHERE state <> 'purged'`)
  .all() as { file: string; purgeBy: number }[];
process.stdout.write(
  `ready ${clock()} ${JSON.stringify(room.vault.files())} ${JSON.stringify(live.map((l) => [l.file, l.purgeBy]))}\n`,
);

room.worker.on('settled', (e) => process.stdout.write(`settled ${e.serial} ${e.state}\n`));

const total = Number(values.apps);
const batch = Number(values.batch ?? total);
const applied = () =>
  (
    db
      .prepare(`SELECT count(*) AS n FROM community_submission WHERE kind = 'application'`)
      .get() as {
      n: number;
    }
  ).n;

async function submitNext(app: number): Promise<void> {
  const service = DEMO_SERVICES[app % DEMO_SERVICES.length];
  if (!service) throw new Error('no service');
  const stage = (bytes: Buffer, mime: 'image/jpeg' | 'image/png', page: number) => {
    const r = room.stagePhoto({ mime, bytes });
    if (!r.ok) throw new Error(r.message);
    process.stdout.write(`staged ${app} ${page}\n`);
    return r.value.photoId;
  };
  let page = 0;
  const documents = pagesFor(service).map((d) => ({
    documentId: d.documentId,
    photos: Array.from({ length: d.pages }, () => {
      page++;
      return stage(jpeg(1500 + page * 10, app * 16 + page), 'image/jpeg', page);
    }),
  }));
  const signature = stage(png(600), 'image/png', ++page);
  const r = await room.submitApplication({
    serviceId: service.id,
    billerId: 'sh-power',
    account: '3100123456',
    applicant: { name: '张明', phone: '13800138000' },
    fields: formFor(service),
    documents,
    signature: { photo: signature, signedAt: clock() },
    consent: { smsNotices: true, termsVersion: '2026-01' },
  });
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  process.stdout.write(`submitted ${app} ${r.serial}\n`);
}

// The catalogue first (the room checks each form against it); the gateway may be faulty.
for (let i = 0; ; i++) {
  if ((await room.services()).ok) break;
  if (i > 50) throw new Error('no catalogue');
  await new Promise((r) => setTimeout(r, 100));
}
if (!values.drain) {
  const first = applied();
  for (let app = first; app < Math.min(total, first + batch); app++) await submitNext(app);
}
// Until nothing waits (the worker's own timer retries after its backoff).
while (room.waiting().length > 0) {
  room.worker.kick();
  await new Promise((r) => setTimeout(r, 50));
}
process.stdout.write('idle\n');
await room.close();
db.close();
process.stdout.write('end\n');
