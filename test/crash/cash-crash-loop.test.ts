// The cash crash loop: the acceptor emulator runs in its own process on a socat pty, the host
// (its config's acceptor port = the pty) is SIGKILLed at random moments of cash-in — a note just
// inserted, in escrow, stacking, at VEND VALID — and restarted, so notes are caught mid-way in
// an acceptor that outlives the host. At the end the journal's cash box must hold exactly the
// notes the acceptor stacked, none credited twice, and customers credited exactly those notes.
//
//   npx vitest run test/crash/cash-crash-loop.test.ts     CI size: 200 kills
//   CASH_CRASH_KILLS=2000 …                            long mode
//   CASH_CRASH_SEED=123 …                              replay a run's kill plans
//   CASH_CRASH_POLL_MS=50 …                            the driver's poll interval (default 30)
//   CASH_CRASH_KEEP=1 …                                keep the folder (journal, logs, launches.log)
//   CRASH_TSX=1 …                                      the host through tsx instead of a bundle
//
// The gateway simulator and the emulator each run in one process for the whole loop; the host
// runs in a child process per launch, started from a config file as production starts it.
// The harness pieces it shares with the first loop are described in README.md in this folder.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';
import type { AcceptorState } from '../../sim/control/acceptor-protocol';
import { serveCashCustomer, type CashOutcome } from './cash-customer';
import { EmulatorProcess } from './cash-emulator';
import { CashTrigger, describeCashPlan, drawCashPlan, type CashKillPlan } from './cash-kill-plan';
import { checkCashLedger, showByValue } from './cash-ledger-check';
import { TERMINAL_ID } from './crash-protocol';
import { BillIssuer, CRASH_ACCOUNTS } from './gateway-bills';
import { HostGone, KioskClient } from './kiosk-client';
import {
  bundledHostCommand,
  GatewayProcess,
  HostProcess,
  ProcessError,
  ROOT,
  type HostCommand,
} from './processes';
import { recoveryTotals } from './recovery-log';
import { Rng } from './rng';

const KILLS = Number(process.env.CASH_CRASH_KILLS ?? 200);
const SEED = Number(process.env.CASH_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const POLL_MS = Number(process.env.CASH_CRASH_POLL_MS ?? 30);
const HOST_ENTRY = path.join(ROOT, 'test/crash/cash-host.ts');

const READY_MS = 20_000;
const ACCEPTOR_MS = 15_000;
const DRAIN_MS = 90_000;

interface Stats {
  launches: number;
  kills: number;
  fallbackKills: number;
  notesInserted: number;
  customers: Partial<Record<CashOutcome, number>>;
  plans: Record<string, number>;
  /** The emulator's state when the host died. */
  emulatorAtKill: Record<string, number>;
  readyMs: number;
}

const children = new Set<{ alive: boolean; stop(signal: NodeJS.Signals): Promise<void> }>();
let workDir = '';
let keepWorkDir = true;

afterAll(async () => {
  for (const c of children) if (c.alive) await c.stop('SIGKILL').catch(() => undefined);
  if (workDir && !keepWorkDir) rmSync(workDir, { recursive: true, force: true });
  else if (workDir) console.log(`cash crash loop: files kept in ${workDir}`);
});

function spawnHost(cmd: HostCommand, configFile: string): HostProcess {
  // stdin is a pipe this process never writes: it closes when this process goes away.
  const proc = spawn(process.execPath, [...cmd.args, '--config', configFile], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const host = new HostProcess('kiosk host', proc);
  children.add(host);
  void host.exited.then(() => children.delete(host));
  return host;
}

/** One launch of the host, killed when its plan says. */
async function runLaunch(o: {
  n: number;
  plan: CashKillPlan;
  cmd: HostCommand;
  configFile: string;
  emulator: EmulatorProcess;
  rng: Rng;
  bills: BillIssuer;
  stats: Stats;
  launchLog: string;
}): Promise<void> {
  const { plan, stats, emulator } = o;
  const host = spawnHost(o.cmd, o.configFile);
  stats.launches++;
  let killed = false;
  let emulatorState = 'unknown';
  let atKill = '';
  const trigger = new CashTrigger(plan, () => {
    killed = true;
    atKill = emulatorState;
    host.proc.kill('SIGKILL');
  });
  const returns = new Set<() => void>();
  const offTrace = emulator.onTrace((t) => {
    if (t.kind === 'state') {
      emulatorState = t.state;
      trigger.emulatorState(t.state);
    } else if (t.note.kind === 'returned') {
      for (const r of returns) r();
      returns.clear();
    }
  });
  let client: KioskClient | null = null;
  const context = () =>
    `launch ${o.n} (plan ${describeCashPlan(plan)}, seed ${SEED}, host pid ${host.pid})`;
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
    k.onSnapshot((s) => trigger.snapshot(s));
    if (k.latest) trigger.snapshot(k.latest);
    for (;;) {
      const account = o.rng.pick(CRASH_ACCOUNTS);
      o.bills.ensureDue(account, o.rng);
      const outcome = await serveCashCustomer(k, emulator.client, account, o.rng, {
        acceptorOnline,
        noteInserted: () => {
          stats.notesInserted++;
          trigger.noteInserted();
        },
        nextReturn: () => new Promise<number>((resolve) => returns.add(() => resolve(0))),
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
    offTrace();
    returns.clear();
    client?.close();
  }
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
  stats.emulatorAtKill[atKill] = (stats.emulatorAtKill[atKill] ?? 0) + 1;
  appendFileSync(
    o.launchLog,
    `${JSON.stringify({
      n: o.n,
      pid: host.pid,
      plan: describeCashPlan(plan),
      fired: trigger.fired?.reason ?? null,
      emulator: atKill,
      ms: Date.now() - spawnedAt,
      screens: client?.screens ?? [],
    })}\n`,
  );
}

/** The last launch: no kill; recovery, the drain, the acceptor settled; SIGTERM stops it. */
async function finalLaunch(cmd: HostCommand, configFile: string, emulator: EmulatorProcess) {
  const host = spawnHost(cmd, configFile);
  const ready = await host.waitReady(READY_MS);
  await host.waitAcceptorOnline(ACCEPTOR_MS);
  const client = await KioskClient.connect(ready.kioskUrl, ready.token);
  try {
    await client.waitFor(
      (s) => s.service.pendingSync.count === 0,
      'an empty write-off queue after the last restart',
      DRAIN_MS,
    );
  } finally {
    client.close();
  }
  // A note a killed host left in the acceptor has been settled by now; make sure.
  const deadline = Date.now() + 10_000;
  let state: AcceptorState;
  while (!['idling', 'disabled'].includes((state = await emulator.client.state()).state)) {
    if (Date.now() > deadline) throw new Error(`the acceptor is still ${state.state}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await host.stop('SIGTERM');
  if (host.exitInfo?.code !== 0) {
    throw new Error(
      `the last host did not stop cleanly: ${JSON.stringify(host.exitInfo)}\n${host.tail()}`,
    );
  }
  return emulator.client.state();
}

function writeConfig(dir: string, gatewayUrl: string, acceptorPort: string): string {
  const file = path.join(dir, 'kiosk.json');
  const config = {
    terminal: { id: TERMINAL_ID, secret: DEMO_TERMINALS[TERMINAL_ID] },
    gateway: { baseUrl: gatewayUrl, timeoutMs: 3_000 },
    server: { host: '127.0.0.1', port: 0 },
    journal: { path: 'kiosk/journal.sqlite' },
    logging: { dir: 'kiosk/log', level: 'info', maxSize: '50M', maxFiles: 5 },
    // The external emulator attaches by config alone: its pty is the acceptor's port.
    devices: { billAcceptor: { driver: 'id003', port: acceptorPort, pollIntervalMs: POLL_MS } },
    session: { writeOffWaitMs: 1_000, doneScreenMs: 5_000 },
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

describe('cash crash loop: the acceptor in its own process', () => {
  it(
    `keeps the cash box equal to the notes the acceptor stacked across ${KILLS} SIGKILLs`,
    async () => {
      const started = Date.now();
      workDir = mkdtempSync(path.join(tmpdir(), 'kiosk-cash-crash-'));
      const binDir = path.join(workDir, 'bin');
      mkdirSync(binDir);
      const gatewayDb = path.join(workDir, 'gateway.sqlite');
      const gateway = await GatewayProcess.start(gatewayDb);
      children.add(gateway);
      const emulator = await EmulatorProcess.start({ link: path.join(workDir, 'bill-acceptor') });
      children.add(emulator);
      const configFile = writeConfig(workDir, gateway.url, emulator.ready?.port ?? '');
      const cmd: HostCommand =
        process.env.CRASH_TSX === '1'
          ? { args: ['--import', 'tsx', HOST_ENTRY], describe: 'node --import tsx cash-host.ts' }
          : await bundledHostCommand(binDir, HOST_ENTRY);
      const planRng = new Rng(SEED);
      const rng = new Rng(SEED + 1);
      const bills = new BillIssuer(gatewayDb);
      const stats: Stats = {
        launches: 0,
        kills: 0,
        fallbackKills: 0,
        notesInserted: 0,
        customers: {},
        plans: {},
        emulatorAtKill: {},
        readyMs: 500,
      };
      console.log(
        `cash crash loop: ${KILLS} kills, seed ${SEED}, poll ${POLL_MS} ms, host: ${cmd.describe}, in ${workDir}`,
      );
      let final: AcceptorState;
      try {
        for (let n = 1; stats.kills < KILLS; n++) {
          if (!gateway.alive) throw new Error(`the gateway simulator died\n${gateway.tail()}`);
          if (!emulator.alive) throw new Error(`the emulator died\n${emulator.tail()}`);
          const plan = drawCashPlan(planRng, stats.readyMs, POLL_MS);
          const key = plan.kind === 'state' ? plan.state : plan.kind;
          stats.plans[key] = (stats.plans[key] ?? 0) + 1;
          await runLaunch({
            n,
            plan,
            cmd,
            configFile,
            emulator,
            rng,
            bills,
            stats,
            launchLog: path.join(workDir, 'launches.log'),
          });
          if (n % 50 === 0) {
            const s = Math.round((Date.now() - started) / 1000);
            console.log(`cash crash loop: ${stats.kills} kills after ${s} s`);
          }
        }
        final = await finalLaunch(cmd, configFile, emulator);
      } finally {
        bills.close();
      }
      await emulator.stop('SIGTERM');
      await gateway.stop('SIGTERM');

      const { violations, figures: f } = checkCashLedger(
        path.join(workDir, 'kiosk/journal.sqlite'),
        final,
      );
      const r = recoveryTotals(path.join(workDir, 'kiosk/log'));
      const secs = Math.round((Date.now() - started) / 1000);
      console.log(
        [
          `cash crash loop: ${stats.kills} kills, ${f.payments.cash} payments, notes stacked ${f.emulator.stacked} (acceptor) / ${f.cashBox.count} (cash box, ${f.cashBox.total} fen); ${violations.length} violations; ${secs} s, seed ${SEED}`,
          `  acceptor stacked ${showByValue(f.emulator.byValue)}, returned ${f.emulator.returned}; cash box ${showByValue(f.cashBox.byValue)}`,
          `  journal notes ${JSON.stringify(f.notes)}; stray notes ${JSON.stringify(f.strays)}; note reviews ${f.noteReviews}; ${stats.notesInserted} inserted by customers`,
          `  kills: ${stats.fallbackKills} by the fallback timer; acceptor at kill ${JSON.stringify(stats.emulatorAtKill)}`,
          `  recovery over ${r.starts} starts: abandoned ${r.abandoned}, captured ${r.captured}, notes for review ${r.notesForReview}, compensated ${r.compensated}, resumed ${r.resumed}`,
          `  customers ${JSON.stringify(stats.customers)}; plans ${JSON.stringify(stats.plans)}`,
          `  payments ${JSON.stringify(f.payments.states)}`,
          ...violations.slice(0, 20).map((v) => `  ✗ ${v}`),
        ].join('\n'),
      );
      expect(violations).toEqual([]);
      expect(stats.kills).toBeGreaterThanOrEqual(KILLS);
      // Not a vacuous pass: notes reached the box, and kills caught notes inside the acceptor.
      expect(f.emulator.stacked).toBeGreaterThan(KILLS / 4);
      if (KILLS >= 100) {
        for (const state of ['escrow', 'stacking', 'vendValid']) {
          expect(
            stats.emulatorAtKill[state] ?? 0,
            `kills with the acceptor at ${state}`,
          ).toBeGreaterThan(0);
        }
        expect(f.notes.unknown ?? 0).toBeGreaterThan(0);
      }
      keepWorkDir = process.env.CASH_CRASH_KEEP === '1';
    },
    KILLS * 5_000 + 300_000,
  );
});
