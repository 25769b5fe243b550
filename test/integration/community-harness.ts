// The community room's real machinery against a real gateway simulator over HTTP: a journal on a
// temp file, the photo vault, the CommunityClient, the submission port and worker, all through
// the room's face as the screens will call it. The worker's clock can jump ahead over backoffs
// and Retry-After (the client signs with the real clock, as the simulator checks it), so a long
// outage costs rounds, not seconds. restart() is the kiosk process dying and starting again.
import { readdirSync } from 'node:fs';
import { openJournal, type JournalDb } from '../../offline-queue/open-journal';
import {
  CommunityClient,
  openCommunityRoom,
  type CommunityRoom,
  type Service,
  type SubmissionReceipt,
} from '../../src/community';
import type { SubmissionRow } from '../../src/community/community-journal';
import type { SubmissionPort } from '../../src/community/submission-port';
import {
  DEMO_COMMUNITY,
  DEMO_SERVICES,
  DEMO_TAX_IDS,
  DEMO_TAX_REGISTER,
} from '../../sim/gateway/community-seed';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';
import { startGatewaySim, type GatewaySim } from '../../sim/gateway/server';
import type { RequestRecord } from '../../sim/gateway/sim-stats';
import { formFor, jpeg, pagesFor, png } from '../community/fixtures';
import { tempDir, TERMINAL, type TempDir } from '../offline-queue/journal-fixture';
import type { JumpClock } from './sync-harness';

/** The client gives up after this long; the timeout and slow faults go beyond it. */
export const CLIENT_TIMEOUT_MS = 300;

export const ROUTES = {
  upload: 'POST /v1/uploads',
  application: 'POST /v1/applications',
  applicationQuery: 'GET /v1/applications/:serial',
  documents: 'POST /v1/applications/:serial/documents',
  invoice: 'POST /v1/invoices',
  invoiceQuery: 'GET /v1/invoices/:serial',
  notice: 'POST /v1/notices',
  noticeQuery: 'GET /v1/notices',
} as const;

export interface CommunityHarness {
  sim: GatewaySim;
  tmp: TempDir;
  db: JournalDb;
  room: CommunityRoom;
  clock: JumpClock;
  restart(port?: (real: SubmissionPort) => SubmissionPort): void;
  close(): Promise<void>;
}

export async function startCommunityHarness(
  port?: (real: SubmissionPort) => SubmissionPort,
): Promise<CommunityHarness> {
  const sim = await startGatewaySim({ dbPath: ':memory:', port: 0 });
  const tmp = tempDir('kiosk-community-faults-');
  let skew = 0;
  const clock: JumpClock = Object.assign(() => Date.now() + skew, {
    jump: (ms: number) => {
      skew += ms;
    },
  });
  const client = new CommunityClient({
    baseUrl: sim.url,
    terminalId: TERMINAL,
    secret: DEMO_TERMINALS[TERMINAL] ?? '',
    timeoutMs: CLIENT_TIMEOUT_MS,
    // Uploads have a longer timeout of their own in service; here the same short one.
    uploadTimeoutMs: CLIENT_TIMEOUT_MS,
  });
  const open = (wrap?: (real: SubmissionPort) => SubmissionPort) => {
    const db = openJournal(tmp.file('journal.sqlite'));
    const room = openCommunityRoom({
      db,
      terminalId: TERMINAL,
      terminalSecret: DEMO_TERMINALS[TERMINAL] ?? '',
      photosDir: tmp.file('community-photos'),
      community: DEMO_COMMUNITY,
      client,
      ...(wrap ? { port: wrap } : {}),
      onDuty: () => ({ staffNumber: '1001', role: 'staff' }),
      audit: () => undefined,
      clock,
      // Answer at once: the test drives the worker round by round.
      answerWaitMs: 1,
      retry: { baseDelayMs: 10, maxDelayMs: 100 },
    });
    room.start();
    return { db, room };
  };
  const h: CommunityHarness = {
    sim,
    tmp,
    clock,
    ...open(port),
    restart: (wrap) => {
      void h.room.close();
      h.db.close();
      Object.assign(h, open(wrap));
    },
    close: async () => {
      await h.room.close();
      h.db.close();
      await sim.close();
      tmp.remove();
    },
  };
  return h;
}

/** A port whose calls reach the gateway but never come back: the process died. */
export function dyingPort(real: SubmissionPort): SubmissionPort {
  const never = new Promise<never>(() => undefined);
  return {
    upload: (body) => {
      void real.upload(body);
      return never;
    },
    submit: (s) => {
      void real.submit(s);
      return never;
    },
    query: (s) => {
      void real.query(s);
      return never;
    },
  };
}

function service(id: string): Service {
  const s = DEMO_SERVICES.find((x) => x.id === id);
  if (!s) throw new Error(id);
  return s;
}

function stage(
  h: CommunityHarness,
  bytes: Buffer,
  mime: 'image/jpeg' | 'image/png' = 'image/jpeg',
) {
  const r = h.room.stagePhoto({ mime, bytes });
  if (!r.ok) throw new Error(r.message);
  return r.value.photoId;
}

function receipt(
  r: SubmissionReceipt | { ok: false; code: string; message: string },
): SubmissionReceipt {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r;
}

/** An application with its photos and signature, journalled through the room. */
export async function applyFor(
  h: CommunityHarness,
  serviceId = 'real-name',
): Promise<SubmissionReceipt> {
  await warmCatalogue(h);
  const svc = service(serviceId);
  return receipt(
    await h.room.submitApplication({
      serviceId,
      billerId: 'sh-power',
      account: '3100123456',
      applicant: { name: '张明', phone: '13800138000' },
      fields: formFor(svc),
      documents: pagesFor(svc).map((d) => ({
        documentId: d.documentId,
        photos: Array.from({ length: d.pages }, () => stage(h, jpeg(3000))),
      })),
      signature: { photo: stage(h, png(800), 'image/png'), signedAt: h.clock() },
      consent: { smsNotices: true, termsVersion: '2026-01' },
    }),
  );
}

/** The documents the seeded needs-more application asks for. */
export async function addDocumentsFor(h: CommunityHarness): Promise<SubmissionReceipt> {
  const serial =
    h.sim.community().applications.find((a) => a.trackingCode === 'N3ED-5MR8')?.serial ?? '';
  return receipt(
    await h.room.addDocuments({
      applicationSerial: serial,
      documents: [
        {
          documentId: 'property-certificate',
          photos: [stage(h, jpeg(2000)), stage(h, jpeg(2000))],
        },
      ],
    }),
  );
}

let invoiceAccount = 0;

export async function invoiceFor(h: CommunityHarness): Promise<SubmissionReceipt> {
  const taxId = DEMO_TAX_IDS[0] ?? '';
  const title = DEMO_TAX_REGISTER[taxId];
  if (!title) throw new Error('no title');
  // A fresh period each time: the same one twice is already_invoiced.
  const month = String((invoiceAccount++ % 12) + 1).padStart(2, '0');
  return receipt(
    await h.room.requestInvoice({
      billerId: 'sh-power',
      account: '3100123456',
      periods: [`2025-${month}`],
      type: 'special',
      buyer: { ...title, taxId },
      delivery: { pickupPointId: 'pp-wukang-committee' },
      phone: '13800138000',
      evidence: [stage(h, jpeg(2500))],
    }),
  );
}

export async function noticeFor(h: CommunityHarness): Promise<SubmissionReceipt> {
  return receipt(
    await h.room.notices.send({
      templateId: 'safety-talk',
      values: { date: '12月10日', time: '9:00', place: '居委会活动室' },
      tags: ['elder'],
    }),
  );
}

/** The catalogue is asked once, outside any injected fault. */
async function warmCatalogue(h: CommunityHarness): Promise<void> {
  for (let i = 0; i < 5; i++) if ((await h.room.services()).ok) return;
  throw new Error('no catalogue');
}

function row(h: CommunityHarness, serial: string): SubmissionRow {
  const r = h.room.journal.bySerial(serial);
  if (!r) throw new Error(`no submission ${serial}`);
  return r;
}

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`no progress within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/**
 * Kicks the worker round after round (jumping its clock to the next due attempt, so that a
 * Retry-After costs no real time) until the submission settles; the rounds it took.
 */
export async function settle(h: CommunityHarness, serial: string, maxRounds = 40): Promise<number> {
  for (let round = 1; round <= maxRounds; round++) {
    const before = row(h, serial);
    if (before.settledAt !== null) return round - 1;
    const wait = before.nextAttemptAt - h.clock();
    if (wait > 0) h.clock.jump(wait);
    h.room.worker.kick();
    await until(() => {
      const now = row(h, serial);
      return now.settledAt !== null || now.attempts > before.attempts;
    }, 5_000);
  }
  throw new Error(`${serial} not settled after ${maxRounds} rounds`);
}

/** The vault's files now (none once everything is settled). */
export function vaultFiles(h: CommunityHarness): string[] {
  return readdirSync(h.tmp.file('community-photos'));
}

/**
 * Query before retry, as the simulator saw it, for a route with a query: the first call about
 * the serial is the POST, and every further POST comes right after a query answered 404 (or a
 * query that found it committed without its first answer: an application's GET without the
 * tracking code — the simulator's always has it, so not here). Returns the problems found.
 */
export function queryBeforeRetryViolations(
  records: RequestRecord[],
  post: string,
  query: string,
  serial: string,
  /** A kiosk killed after journalling "sent" but before the request left asks first: its first call. */
  o: { firstMayBeQuery?: boolean } = {},
): string[] {
  const calls = records.filter(
    (r) =>
      (r.route === post && r.serial === serial) ||
      (r.route === query && (r.serial === serial || r.serial === null)),
  );
  const problems: string[] = [];
  if (calls[0]?.route !== post && !(o.firstMayBeQuery && calls[0]?.route === query))
    problems.push('the first call is not the POST');
  calls.forEach((call, i) => {
    if (i === 0 || call.route !== post) return;
    const prev = calls[i - 1];
    // A notice's query is the sent list: "not there" is its 200 without the serial.
    const notThere =
      prev?.route === query &&
      (prev.status === 404 || (query === ROUTES.noticeQuery && prev.status === 200));
    if (!notThere) {
      problems.push(
        `POST #${call.seq} follows ${prev?.route ?? 'nothing'} → ${String(prev?.status)}, not a query that found nothing`,
      );
    }
  });
  return problems;
}
