// Issue 3, the crash loop: the host is killed with SIGKILL at random points while customers pay
// in cash and write-offs go to the gateway, restarted, and killed again; at the end the journal
// and the gateway simulator must agree fen for fen, with no serial twice and nothing lost.
//
//   npx vitest run test/crash                 CI size: 200 kills
//   CRASH_KILLS=2000 npx vitest run test/crash  (or CRASH_LONG=1) long mode
//   CRASH_SEED=123 …                          replay the random choices of a run
//   CRASH_TSX=1 …                             run the host through tsx instead of a bundle
//   CRASH_KEEP=1 …                            keep the folder (journal, logs, launches.log)
//
// The gateway simulator runs in its own process for the whole loop; the host (with its emulated
// acceptor, so a kill is also a power cut for the acceptor) runs in a child process per launch.
// Customers use the real KioskApi WebSocket and the simulator's control API, as the dev panel
// does. See README.md in this folder.
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ControlClient } from './control-client';
import { shanghaiDay } from './crash-protocol';
import { serveCustomer, type CustomerOutcome } from './customer';
import { GatewayAdmin } from './gateway-admin';
import { BillIssuer, CRASH_ACCOUNTS } from './gateway-bills';
import { describePlan, drawPlan, Trigger, type KillPlan } from './kill-plan';
import { HostGone, KioskClient } from './kiosk-client';
import { checkLedger } from './ledger-check';
import {
  bundledHostCommand,
  GatewayProcess,
  HostProcess,
  ProcessError,
  tsxHostCommand,
  type HostCommand,
} from './processes';
import { recoveryTotals } from './recovery-log';
import { Rng } from './rng';

const KILLS = Number(process.env.CRASH_KILLS ?? (process.env.CRASH_LONG ? 2000 : 200));
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const USE_TSX = process.env.CRASH_TSX === '1';

/** Bounds of the harness's own waits. */
const READY_MS = 20_000;
const ACCEPTOR_MS = 15_000;
/** … plus the wait until the last scheduled retry, if later. */
const DRAIN_MS = 90_000;

interface LoopStats {
  launches: number;
  kills: number;
  fallbackKills: number;
  killedBeforeReady: number;
  customers: Partial<Record<CustomerOutcome, number>>;
  notesInserted: number;
  plans: Record<string, number>;
  killScreens: Record<string, number>;
  /** Spawn to ready, a moving average (ms). */
  readyMs: number;
}

/** Processes this run started and that may still be alive, for afterAll. */
const children = new Set<{ alive: boolean; stop(signal: NodeJS.Signals): Promise<void> }>();
let workDir = '';
let keepWorkDir = true;

afterAll(async () => {
  for (const c of children) if (c.alive) await c.stop('SIGKILL').catch(() => undefined);
  if (workDir && !keepWorkDir) rmSync(workDir, { recursive: true, force: true });
  else if (workDir) console.log(`crash loop: files kept in ${workDir}`);
});

/** One launch of the host, killed when its plan says. */
async function runLaunch(o: {
  n: number;
  plan: KillPlan;
  cmd: HostCommand;
  kioskDir: string;
  gatewayUrl: string;
  rng: Rng;
  bills: BillIssuer;
  admin: GatewayAdmin | null;
  stats: LoopStats;
  launchLog: string;
}): Promise<void> {
  const { plan, stats } = o;
  // A fault lives for one launch at most (a slow request already inside the gateway goes on).
  await o.admin?.setFaults([]);
  let arming: Promise<void> = Promise.resolve();
  let armed = false;
  const host = HostProcess.spawn(o.cmd, o.kioskDir, o.gatewayUrl);
  children.add(host);
  void host.exited.then(() => children.delete(host));
  stats.launches++;
  let killed = false;
  let client: KioskClient | null = null;
  const trigger = new Trigger(
    plan,
    () => {
      killed = true;
      host.proc.kill('SIGKILL');
    },
    () => client?.latest?.screen.name ?? null,
  );
  const context = () =>
    `launch ${o.n} (plan ${describePlan(plan)}, seed ${SEED}, host pid ${host.pid})`;
  const spawnedAt = Date.now();
  trigger.spawned();
  try {
    const ready = await host.waitReady(READY_MS);
    stats.readyMs = Math.round(0.8 * stats.readyMs + 0.2 * (Date.now() - spawnedAt));
    trigger.ready();
    const acceptorOnline = host.waitAcceptorOnline(ACCEPTOR_MS);
    acceptorOnline.catch(() => undefined); // awaited by the customer; a kill rejects it
    client = await KioskClient.connect(ready.kioskUrl, ready.token);
    const k = client;
    k.onSnapshot((s) => {
      trigger.snapshot(s);
      // The customer's write-off meets the fault, not one resumed at start-up.
      const admin = o.admin;
      if (plan.kind === 'gateway' && !armed && s.screen.name === 'insertCash' && admin) {
        armed = true;
        arming = admin.setFaults([plan.fault]);
      }
    });
    if (k.latest) trigger.snapshot(k.latest);
    const control = new ControlClient(ready.controlUrl);
    for (;;) {
      const account = o.rng.pick(CRASH_ACCOUNTS);
      o.bills.ensureDue(account, o.rng);
      const outcome = await serveCustomer(k, control, account, {
        acceptorOnline,
        noteInserted: () => {
          stats.notesInserted++;
          trigger.noteInserted();
        },
      });
      stats.customers[outcome] = (stats.customers[outcome] ?? 0) + 1;
    }
  } catch (err) {
    const expected = killed && (err instanceof HostGone || err instanceof ProcessError);
    if (!expected) {
      const why = killed || host.alive ? '' : `\nthe host died unasked:\n${host.tail()}`;
      if (host.alive) await host.stop('SIGKILL').catch(() => undefined);
      throw new Error(`${context()}: ${(err as Error).message}${why}`, { cause: err });
    }
  } finally {
    trigger.dispose();
    client?.close();
  }
  await arming;
  const exit = await Promise.race([
    host.exited,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000)),
  ]);
  if (exit === null) throw new Error(`${context()}: did not exit within 10 s of SIGKILL`);
  if (exit.signal !== 'SIGKILL') {
    throw new Error(
      `${context()}: exited with ${JSON.stringify(exit)} before the kill\n${host.tail()}`,
    );
  }
  stats.kills++;
  if (trigger.fired?.reason === 'fallback') stats.fallbackKills++;
  if (host.ready === null) stats.killedBeforeReady++;
  const at = trigger.fired?.screen ?? (host.ready ? 'connecting' : 'starting');
  stats.killScreens[at] = (stats.killScreens[at] ?? 0) + 1;
  // One line per launch, for reading a failure (or the coverage) afterwards.
  appendFileSync(
    o.launchLog,
    `${JSON.stringify({
      n: o.n,
      pid: host.pid,
      plan: describePlan(plan),
      fired: trigger.fired?.reason ?? null,
      at,
      ms: Date.now() - spawnedAt,
      screens: client?.screens ?? [],
    })}\n`,
  );
}

/** When the last write-off waiting in the outbox may be retried (a backoff survives a restart). */
function lastRetryAt(journalPath: string): number {
  const db = new Database(journalPath, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare('SELECT max(next_attempt_at) AS at FROM outbox WHERE done_at IS NULL')
      .get() as { at: number | null };
    return row.at ?? 0;
  } finally {
    db.close();
  }
}

/** The last launch: no kill; recovery runs, the sync worker drains, SIGTERM stops it. */
async function finalLaunch(cmd: HostCommand, kioskDir: string, gatewayUrl: string) {
  const drainMs =
    DRAIN_MS + Math.max(0, lastRetryAt(path.join(kioskDir, 'journal.sqlite')) - Date.now());
  const host = HostProcess.spawn(cmd, kioskDir, gatewayUrl);
  children.add(host);
  const ready = await host.waitReady(READY_MS);
  const client = await KioskClient.connect(ready.kioskUrl, ready.token);
  try {
    await client.waitFor(
      (s) => s.service.pendingSync.count === 0,
      'an empty write-off queue after the last restart',
      drainMs,
    );
  } finally {
    client.close();
  }
  await host.stop('SIGTERM');
  if (host.exitInfo?.code !== 0) {
    throw new Error(
      `the last host did not stop cleanly: ${JSON.stringify(host.exitInfo)}\n${host.tail()}`,
    );
  }
}

describe('crash loop (issue 3)', () => {
  it(
    `keeps journal and gateway in agreement across ${KILLS} SIGKILLs of the host`,
    async () => {
      const started = Date.now();
      workDir = mkdtempSync(path.join(tmpdir(), 'kiosk-crash-'));
      const kioskDir = path.join(workDir, 'kiosk');
      const binDir = path.join(workDir, 'bin');
      mkdirSync(binDir);
      const gatewayDb = path.join(workDir, 'gateway.sqlite');
      const gateway = await GatewayProcess.start(gatewayDb);
      children.add(gateway);
      const cmd = USE_TSX ? tsxHostCommand() : await bundledHostCommand(binDir);
      const admin = await GatewayAdmin.probe(gateway.url);
      // Kill plans from one stream, customers from another: the plans replay exactly by seed.
      const planRng = new Rng(SEED);
      const rng = new Rng(SEED + 1);
      const bills = new BillIssuer(gatewayDb);
      const stats: LoopStats = {
        launches: 0,
        kills: 0,
        fallbackKills: 0,
        killedBeforeReady: 0,
        customers: {},
        notesInserted: 0,
        plans: {},
        killScreens: {},
        readyMs: 500,
      };
      console.log(`crash loop: ${KILLS} kills, seed ${SEED}, host: ${cmd.describe}, in ${workDir}`);
      try {
        for (let n = 1; stats.kills < KILLS; n++) {
          if (!gateway.alive) throw new Error(`the gateway simulator died\n${gateway.tail()}`);
          const plan = drawPlan(planRng, stats.readyMs, admin !== null);
          stats.plans[plan.kind] = (stats.plans[plan.kind] ?? 0) + 1;
          await runLaunch({
            n,
            plan,
            cmd,
            kioskDir,
            gatewayUrl: gateway.url,
            rng,
            bills,
            admin,
            stats,
            launchLog: path.join(workDir, 'launches.log'),
          });
          if (n % 50 === 0) {
            await admin?.collect();
            const s = Math.round((Date.now() - started) / 1000);
            console.log(`crash loop: ${stats.kills} kills after ${s} s`);
          }
        }
        await admin?.setFaults([]);
        await finalLaunch(cmd, kioskDir, gateway.url);
        await admin?.collect();
      } finally {
        bills.close();
      }

      const traffic = admin?.traffic();
      const report = await checkLedger({
        journalPath: path.join(kioskDir, 'journal.sqlite'),
        gatewayUrl: gateway.url,
        days: [...new Set([shanghaiDay(started), shanghaiDay(Date.now())])],
      });
      await gateway.stop('SIGTERM');
      const f = report.figures;
      const r = recoveryTotals(path.join(kioskDir, 'log'));
      const secs = Math.round((Date.now() - started) / 1000);
      console.log(
        [
          `crash loop: ${stats.kills} kills, ${f.payments} payments, ${f.writtenOff.count} written off (${f.writtenOff.total} fen; gateway ${f.gateway.count}, ${f.gateway.total} fen), ${f.refunds.count} refund slips (${f.refunds.total} fen), ${f.abandoned} abandoned, ${f.notes.unknown} unknown notes; ${report.violations.length} violations; ${secs} s, seed ${SEED}`,
          `  kills: ${stats.killedBeforeReady} before ready, ${stats.fallbackKills} by the fallback timer; cash box ${f.cashBox} fen; notes stacked ${f.notes.stacked}, returned ${f.notes.returned}, unknown ${f.notes.unknown} (of ${stats.notesInserted} inserted by customers)`,
          `  recovery over ${r.starts} starts: abandoned ${r.abandoned}, captured ${r.captured}, notes for review ${r.notesForReview}, compensated ${r.compensated}, resumed ${r.resumed}`,
          traffic
            ? `  after crashes the gateway was asked ${traffic.queriesFound + traffic.queriesNotFound}× (${traffic.queriesFound} found committed, ${traffic.queriesNotFound} not found); ${traffic.posts} write-off POSTs`
            : '  (the gateway simulator has no admin endpoint: no gateway faults, no traffic figures)',
          `  customers ${JSON.stringify(stats.customers)}; bills issued ${bills.count}`,
          `  plans ${JSON.stringify(stats.plans)}; screen at kill ${JSON.stringify(stats.killScreens)}`,
          `  journal states ${JSON.stringify(f.states)}`,
        ].join('\n'),
      );
      expect(report.violations).toEqual([]);
      expect(stats.kills).toBeGreaterThanOrEqual(KILLS);
      // Not a vacuous pass: customers paid, and the kills interrupted the money path in each
      // way recovery knows (short captures, notes in escrow, write-offs in flight).
      expect(f.writtenOff.count).toBeGreaterThan(KILLS / 10);
      if (KILLS >= 100) {
        expect(r.captured).toBeGreaterThan(0);
        expect(r.notesForReview).toBeGreaterThan(0);
        expect(r.resumed).toBeGreaterThan(0);
      }
      keepWorkDir = process.env.CRASH_KEEP === '1';
    },
    KILLS * 5_000 + 300_000,
  );
});
