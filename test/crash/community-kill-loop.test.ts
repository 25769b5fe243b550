// The community service point under SIGKILL (issue 14, "Done when"): each application reaches
// the gateway exactly once with all its documents, and no photo outlives its retention.
//
// The gateway simulator runs in its own process for the whole loop (its store and counters
// outlive every kill). A child (community-child.ts, esbuild-bundled once) opens the journal and
// the room as the host does and goes on with a fixed script of applications (the six services
// in turn, each with its pages and a signature) from wherever the journal stands; it is killed
// - at every step of upload and submit: each hook of COMMUNITY_HOOKS (a photo's file written
//   before its row, staged, the application journalled, a photo about to leave, the gateway's
//   answer to an upload or to the application not yet journalled, held and sent journalled,
//   a file about to go, a query after a restart answered, acceptance inside its transaction,
//   a purge before its file is removed), at its first and at a later occurrence;
// - at random moments (a time after ready, or a random hook), some launches with a gateway
//   fault (a reply dropped after the commit, a 503, a request hung after the commit);
// then restarted. At every start the child reports, before it does anything else, the vault's
// files and the live photos: the vault must hold only live photos' files, none past its time.
// At the end a clean launch drains, and a launch 25 hours later finds every photo gone. The
// journal (read-only) and the gateway (its admin endpoint) must then agree: every application
// accepted once (one commit for its serial, no conflict), with every document as the journal
// sent it, every upload it names held and used by it, query before every re-send, no
// application at the gateway the journal does not know.
//
//   COMMUNITY_KILLS=100 npx vitest run test/crash/community-kill-loop.test.ts   more random kills
//   COMMUNITY_KILL_SEED=123 …                                                   replay a run
//   COMMUNITY_KILL_KEEP=1 …                                                     keep the folder
//   CRASH_TSX=1 …                                                               child through tsx
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryBeforeRetryViolations, ROUTES } from '../integration/community-harness';
import type { StatsReport, RequestRecord } from '../../sim/gateway/sim-stats';
import type { CommunitySnapshot } from '../../sim/gateway/community-store';
import { COMMUNITY_HOOKS } from './community-hooks';
import {
  Child,
  GatewayProcess,
  ROOT,
  bundledHostCommand,
  tsxHostCommand,
  type HostCommand,
} from './processes';
import { Rng } from './rng';

const KILLS = Number(process.env.COMMUNITY_KILLS ?? 30);
const SEED = Number(process.env.COMMUNITY_KILL_SEED ?? Math.floor(Math.random() * 2 ** 31));
const KEEP = process.env.COMMUNITY_KILL_KEEP === '1';
const ENTRY = path.join(ROOT, 'test/crash/community-child.ts');
const LINE_MS = 30_000;
/** Applications in the script: two a launch, for every launch the loop makes, and a few. */
const APPS = 2 * (2 * COMMUNITY_HOOKS.length + KILLS) + 6;

let dir = '';
let command: HostCommand;
let gateway: GatewayProcess;
let failed = false;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kiosk-community-kill-'));
  if (process.env.CRASH_TSX === '1') {
    command = tsxHostCommand(ENTRY);
  } else {
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    command = await bundledHostCommand(bin, ENTRY);
  }
  gateway = await GatewayProcess.start(path.join(dir, 'gateway.sqlite'));
}, 120_000);

afterAll(async () => {
  await gateway?.stop('SIGTERM').catch(() => undefined);
  if (failed || KEEP) console.log(`community kill loop: folder kept at ${dir} (seed ${SEED})`);
  else rmSync(dir, { recursive: true, force: true });
});

const journalFile = () => path.join(dir, 'journal.sqlite');
const photosDir = () => path.join(dir, 'community-photos');

function launch(extra: string[]): Child {
  const proc = spawn(
    process.execPath,
    [
      ...command.args,
      '--journal',
      journalFile(),
      '--photos',
      photosDir(),
      '--gateway',
      gateway.url,
      '--apps',
      String(APPS),
      ...extra,
    ],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  return new Child('community child', proc);
}

interface Ready {
  now: number;
  files: string[];
  live: [string, number][];
}

const readyOf = (line: string): Ready | undefined => {
  const m = /^ready (\d+) (\[.*?\]) (\[.*\])$/.exec(line);
  return m
    ? {
        now: Number(m[1]),
        files: JSON.parse(m[2] ?? '[]') as string[],
        live: JSON.parse(m[3] ?? '[]') as [string, number][],
      }
    : undefined;
};

/** At a start, after its sweep and purge: only live photos' files, none past its deadline. */
function retentionViolations(r: Ready): string[] {
  const live = new Set(r.live.map(([f]) => f));
  return [
    ...r.files.filter((f) => !live.has(f)).map((f) => `${f}: in the vault with no live photo`),
    ...r.live
      .filter(([, by]) => by <= r.now)
      .map(([f, by]) => `${f}: live ${r.now - by} ms past its time`),
  ];
}

async function admin<T>(route: string, method = 'GET', body?: unknown): Promise<T> {
  const res = await fetch(new URL(route, gateway.url), {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await res.json()) as T;
}

/** One launch: its plan, how it ended, what it said. */
async function run(
  extra: string[],
  kill: { afterReadyMs?: number } = {},
): Promise<{
  child: Child;
  exit: { code: number | null; signal: NodeJS.Signals | null };
  ready: Ready | null;
}> {
  const child = launch(extra);
  // A hook may strike during the start itself (a purge of a photo past its time): no ready line.
  const ready = await child.line(readyOf, 'ready line', LINE_MS).catch((err: unknown) => {
    if (child.exitInfo?.signal === 'SIGKILL') return null;
    throw err;
  });
  if (ready) {
    const violations = retentionViolations(ready);
    expect(violations, `seed ${SEED}: at the start of a launch`).toEqual([]);
  }
  if (ready && kill.afterReadyMs !== undefined) {
    const ended = await Promise.race([
      child.exited.then(() => true),
      new Promise<false>((r) => setTimeout(() => r(false), kill.afterReadyMs)),
    ]);
    if (!ended) child.proc.kill('SIGKILL');
  } else if (ready) {
    // A hook the launch never reached: the script went idle; stop it there.
    const timer = setTimeout(() => child.proc.kill('SIGKILL'), 60_000);
    await child.exited;
    clearTimeout(timer);
  }
  const exit = await child.exited;
  if (exit.signal !== 'SIGKILL') {
    expect(exit, `seed ${SEED}: the child failed\n${child.tail()}`).toEqual({
      code: 0,
      signal: null,
    });
  }
  return { child, exit, ready };
}

describe('the community service point under SIGKILL', () => {
  it(`at every step of upload and submit, then ${KILLS} random kills: each application at the gateway once with all its documents, no photo past its time`, async () => {
    failed = true;
    const rng = new Rng(SEED);
    const hookKills: Record<string, number> = {};
    let kills = 0;
    let randomKills = 0;

    // Every hook, at its first and at a later occurrence, each in its own launch.
    for (const hook of COMMUNITY_HOOKS) {
      for (const nth of [1, 3]) {
        const { exit, child } = await run(['--batch', '2', '--kill-at', `${hook}:${nth}`]);
        if (exit.signal === 'SIGKILL' && !child.stdoutLines.includes('idle')) {
          kills++;
          hookKills[hook] = (hookKills[hook] ?? 0) + 1;
        }
      }
    }
    // Every hook was reached and killed at least once (the query after a restart included).
    expect(Object.keys(hookKills).sort(), `seed ${SEED}`).toEqual([...COMMUNITY_HOOKS].sort());

    // Random kills: a moment after ready, or a random hook; some with a gateway fault.
    for (let k = 0; k < KILLS; k++) {
      const fault = rng.next() < 0.3;
      if (fault) {
        const kind = rng.pick([
          'drop_after_commit',
          'drop_before_commit',
          '503',
          'timeout',
        ] as const);
        const route = rng.pick([ROUTES.application, ROUTES.upload, ROUTES.applicationQuery]);
        await admin('/__sim/faults', 'PUT', [
          {
            route,
            kind,
            times: 1,
            ...(kind === 'timeout' || kind === '503' ? { when: 'after_commit' } : {}),
          },
        ]);
      }
      const byHook = rng.next() < 0.5;
      const { exit } = byHook
        ? await run(['--batch', '2', '--kill-at', `${rng.pick(COMMUNITY_HOOKS)}:${rng.int(1, 2)}`])
        : await run(['--batch', '2'], { afterReadyMs: rng.int(0, 600) });
      if (exit.signal === 'SIGKILL') {
        kills++;
        randomKills++;
      }
      if (fault) await admin('/__sim/faults', 'DELETE');
    }

    // A clean launch finishes everything; a launch a day later finds every photo gone.
    const clean = await run(['--drain']);
    expect(clean.child.stdoutLines).toContain('end');
    const later = await run(['--drain', '--clock-offset-ms', String(25 * 3_600_000)]);
    expect(later.child.stdoutLines).toContain('end');
    expect(later.ready?.files, 'the vault a day later').toEqual([]);
    expect(later.ready?.live, 'live photos a day later').toEqual([]);

    // The journal, read-only, against the gateway.
    const db = new Database(journalFile(), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const subs = db
        .prepare(
          `SELECT id, kind, serial, state, request_json AS requestJson, tracking_code AS trackingCode
             FROM community_submission ORDER BY id`,
        )
        .all() as {
        id: number;
        kind: string;
        serial: string;
        state: string;
        requestJson: string | null;
        trackingCode: string | null;
      }[];
      expect(subs.length, 'applications journalled').toBeGreaterThan(COMMUNITY_HOOKS.length);
      expect(
        subs.filter((s) => s.state !== 'accepted'),
        'every application accepted',
      ).toEqual([]);
      const photosLeft = db
        .prepare(`SELECT count(*) AS n FROM community_upload WHERE state <> 'purged'`)
        .get() as { n: number };
      expect(photosLeft.n).toBe(0);
      const unheld = db
        .prepare(
          `SELECT count(*) AS n FROM community_upload u JOIN community_submission_upload l
             ON l.upload_row = u.id WHERE u.upload_id IS NULL`,
        )
        .get() as { n: number };
      expect(unheld.n, 'every submitted photo was held by the gateway').toBe(0);

      const stats = await admin<StatsReport>('/__sim/stats');
      const atGateway = await admin<CommunitySnapshot>('/__sim/community');
      const requests = (await admin<{ requests: RequestRecord[] }>('/__sim/requests')).requests;
      const ours = atGateway.applications.filter((a) => !a.applicationId.startsWith('app_seed'));
      expect(
        ours.map((a) => a.serial).sort(),
        'the gateway has exactly the journal’s applications',
      ).toEqual(subs.map((s) => s.serial).sort());
      for (const s of subs) {
        const what = `seed ${SEED}, ${s.serial}`;
        expect(stats.community[`application:${s.serial}`], what).toMatchObject({
          commits: 1,
          conflicts: 0,
        });
        const app = ours.find((a) => a.serial === s.serial);
        const sent = JSON.parse(s.requestJson ?? '{}') as {
          documents: { uploadIds: string[] }[];
          signature: { uploadId: string };
        };
        expect(JSON.parse(app?.documents ?? 'null'), `${what}: its documents`).toEqual(
          sent.documents,
        );
        expect(s.trackingCode, `${what}: its tracking code`).toBe(app?.trackingCode);
        for (const id of [...sent.documents.flatMap((d) => d.uploadIds), sent.signature.uploadId]) {
          const u = atGateway.uploads.find((x) => x.uploadId === id);
          expect(u?.usedBy, `${what}: upload ${id}`).not.toBeNull();
        }
        expect(
          queryBeforeRetryViolations(
            requests,
            ROUTES.application,
            ROUTES.applicationQuery,
            s.serial,
            { firstMayBeQuery: true },
          ),
          what,
        ).toEqual([]);
      }
      // Sent after a query found nothing (a kill or a fault before the gateway committed it).
      const resent = requests.filter((r, i) => {
        if (r.route !== ROUTES.application) return false;
        const before = requests
          .slice(0, i)
          .filter((p) => p.serial === r.serial && p.route === ROUTES.applicationQuery);
        return before.at(-1)?.status === 404;
      }).length;
      const queries = requests.filter((r) => r.route === ROUTES.applicationQuery).length;
      console.log(
        `community kill loop: ${kills} kills (${randomKills} at random; seed ${SEED}), ${subs.length} applications, ` +
          `${atGateway.uploads.length} photos held; ${queries} queries after unknown outcomes, ` +
          `${resent} re-sends after a 404; kills by hook ${JSON.stringify(hookKills)}`,
      );
      // Not vacuous: restarts found applications in flight and asked first, and most random
      // launches died with work in hand.
      expect(queries).toBeGreaterThan(0);
      expect(randomKills).toBeGreaterThanOrEqual(Math.floor(KILLS / 3));
    } finally {
      db.close();
    }
    failed = false;
  }, 900_000);
});
