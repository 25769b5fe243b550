// The scaffolding both crash loops share: the run's folder, the gateway simulator and the bill
// issuer; the launches of the host, each SIGKILLed when its kill plan says while customers pay
// and checked to have died of that kill; the last launch, without a kill (recovery, the drain, a
// clean stop); the clean-up of the processes and the folder. Each loop brings its specifics
// (LoopSpec, Launch): which host it starts, its kill plans, what its customers pay with, and
// what it records at each kill.
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Snapshot } from '../../src/api/kiosk-api';
import type { HostReady } from './crash-protocol';
import { serveCustomer, type CustomerOutcome, type Wallet } from './customer';
import { BillIssuer, CRASH_ACCOUNTS } from './gateway-bills';
import { HostGone, KioskClient } from './kiosk-client';
import {
  bundledHostCommand,
  GatewayProcess,
  ProcessError,
  tsxHostCommand,
  type Child,
  type HostCommand,
  type HostProcess,
} from './processes';
import type { Rng } from './rng';

/** Bounds of the harness's own waits. */
const READY_MS = 20_000;
const ACCEPTOR_MS = 15_000;
/** The last launch's drain (the first loop adds the wait until its last scheduled retry). */
export const DRAIN_MS = 90_000;

export interface LoopStats {
  launches: number;
  kills: number;
  fallbackKills: number;
  customers: Partial<Record<CustomerOutcome, number>>;
  notesInserted: number;
  plans: Record<string, number>;
  /** Spawn to ready, a moving average (ms). */
  readyMs: number;
  billsIssued: number;
}

/** What a kill plan watches to fire (kill-plan.ts, cash-kill-plan.ts). */
export interface LaunchTrigger {
  readonly fired: { reason: 'plan' | 'fallback' } | null;
  spawned(): void;
  ready(): void;
  snapshot(s: Snapshot): void;
  noteInserted(): void;
  dispose(): void;
}

/** One launch's specifics, made before its host is spawned. */
export interface Launch {
  trigger: LaunchTrigger;
  /** Each snapshot, after the trigger has seen it. */
  onSnapshot?(s: Snapshot): void;
  /** What the launch's customers pay with, once the host is ready. */
  wallet(ready: HostReady): Wallet;
  /** The launch is over (its `finally`): stop listening. */
  dispose?(): void;
  /** The host died of the kill: the loop's own figures; returns its fields for launches.log. */
  killed(host: HostProcess): Promise<Record<string, unknown>>;
}

export interface LoopSpec<P> {
  kills: number;
  seed: number;
  /** The customers' choices (the kill plans are drawn from a stream of their own). */
  rng: Rng;
  spawnHost(): HostProcess;
  drawPlan(readyMs: number): P;
  /** The plan's name in the plan counts. */
  planKey(plan: P): string;
  describePlan(plan: P): string;
  /** `kill` SIGKILLs the launch's host; `screen` is the screen its customer sees now. */
  launch(o: { plan: P; kill(): void; screen(): string | null }): Promise<Launch>;
  /** Every 50 launches. */
  checkpoint?(): Promise<unknown>;
}

export class KillLoop {
  readonly started = Date.now();
  readonly dir: string;
  readonly stats: LoopStats = {
    launches: 0,
    kills: 0,
    fallbackKills: 0,
    customers: {},
    notesInserted: 0,
    plans: {},
    readyMs: 500,
    billsIssued: 0,
  };
  /** Processes this run started and that may still be alive, for the clean-up. */
  private readonly children = new Set<Child>();
  /** Processes that live for the whole loop: it stops when one of them dies. */
  private readonly lifelong: Child[] = [];
  private keep = true;

  /** `name` opens the loop's log lines; the folder is a new one in the temp dir. */
  constructor(
    readonly name: string,
    prefix: string,
  ) {
    this.dir = mkdtempSync(path.join(tmpdir(), prefix));
  }

  get gatewayDb(): string {
    return path.join(this.dir, 'gateway.sqlite');
  }

  get seconds(): number {
    return Math.round((Date.now() - this.started) / 1000);
  }

  track<C extends Child>(child: C): C {
    this.children.add(child);
    void child.exited.then(() => this.children.delete(child));
    return child;
  }

  keepAlive<C extends Child>(child: C): C {
    this.lifelong.push(child);
    return this.track(child);
  }

  startGateway(): Promise<GatewayProcess> {
    return GatewayProcess.start(this.gatewayDb).then((g) => this.keepAlive(g));
  }

  /** The host entry bundled once into the folder, or through tsx with CRASH_TSX=1 (slower). */
  async hostCommand(entry?: string): Promise<HostCommand> {
    if (process.env.CRASH_TSX === '1') return tsxHostCommand(entry);
    const binDir = path.join(this.dir, 'bin');
    mkdirSync(binDir);
    return bundledHostCommand(binDir, entry);
  }

  /** Launches and kills the host until `spec.kills` kills. */
  async run<P>(spec: LoopSpec<P>): Promise<void> {
    const bills = new BillIssuer(this.gatewayDb);
    try {
      for (let n = 1; this.stats.kills < spec.kills; n++) {
        for (const c of this.lifelong) {
          if (!c.alive) throw new Error(`the ${c.name} died\n${c.tail()}`);
        }
        const plan = spec.drawPlan(this.stats.readyMs);
        const key = spec.planKey(plan);
        this.stats.plans[key] = (this.stats.plans[key] ?? 0) + 1;
        await this.launch(n, plan, spec, bills);
        if (n % 50 === 0) {
          await spec.checkpoint?.();
          console.log(`${this.name}: ${this.stats.kills} kills after ${this.seconds} s`);
        }
      }
    } finally {
      this.stats.billsIssued = bills.count;
      bills.close();
    }
  }

  /** One launch of the host, killed when its plan says. */
  private async launch<P>(n: number, plan: P, spec: LoopSpec<P>, bills: BillIssuer) {
    const { stats } = this;
    let target: HostProcess | null = null; // spawned once the launch is prepared
    let killed = false;
    let client: KioskClient | null = null;
    const launch = await spec.launch({
      plan,
      kill: () => {
        killed = true;
        target?.proc.kill('SIGKILL');
      },
      screen: () => client?.latest?.screen.name ?? null,
    });
    const { trigger } = launch;
    const host = (target = this.track(spec.spawnHost()));
    stats.launches++;
    const context = () =>
      `launch ${n} (plan ${spec.describePlan(plan)}, seed ${spec.seed}, host pid ${host.pid})`;
    const spawnedAt = Date.now();
    trigger.spawned();
    try {
      const ready = await host.waitReady(READY_MS);
      stats.readyMs = Math.round(0.8 * stats.readyMs + 0.2 * (Date.now() - spawnedAt));
      trigger.ready();
      const acceptorOnline = host.waitAcceptorOnline(ACCEPTOR_MS);
      acceptorOnline.catch(() => undefined); // awaited by the customer; a kill rejects it
      client = await KioskClient.connect(ready.launchUrl);
      const k = client;
      k.onSnapshot((s) => {
        trigger.snapshot(s);
        launch.onSnapshot?.(s);
      });
      if (k.latest) trigger.snapshot(k.latest);
      const wallet = launch.wallet(ready);
      const noteInserted = () => {
        stats.notesInserted++;
        trigger.noteInserted();
      };
      for (;;) {
        const account = spec.rng.pick(CRASH_ACCOUNTS);
        bills.ensureDue(account, spec.rng);
        const outcome = await serveCustomer(k, account, { acceptorOnline, wallet, noteInserted });
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
      launch.dispose?.();
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
    const seen = await launch.killed(host);
    // One line per launch, for reading a failure (or the coverage) afterwards.
    appendFileSync(
      path.join(this.dir, 'launches.log'),
      `${JSON.stringify({
        n,
        pid: host.pid,
        plan: spec.describePlan(plan),
        fired: trigger.fired?.reason ?? null,
        ...seen,
        ms: Date.now() - spawnedAt,
        screens: client?.screens ?? [],
      })}\n`,
    );
  }

  /**
   * The last launch: no kill; recovery runs, the sync worker drains within `drainMs`, `settle`
   * (if any) holds, and SIGTERM stops it cleanly.
   */
  async finalLaunch(
    host: HostProcess,
    o: { drainMs: number; acceptorOnline?: boolean; settle?(): Promise<void> },
  ): Promise<void> {
    this.track(host);
    const ready = await host.waitReady(READY_MS);
    if (o.acceptorOnline) await host.waitAcceptorOnline(ACCEPTOR_MS);
    const client = await KioskClient.connect(ready.launchUrl);
    try {
      await client.waitFor(
        (s) => s.service.pendingSync.count === 0,
        'an empty write-off queue after the last restart',
        o.drainMs,
      );
    } finally {
      client.close();
    }
    await o.settle?.();
    await host.stop('SIGTERM');
    if (host.exitInfo?.code !== 0) {
      throw new Error(
        `the last host did not stop cleanly: ${JSON.stringify(host.exitInfo)}\n${host.tail()}`,
      );
    }
  }

  /** The run passed: its folder goes, unless `keep`. */
  passed(keep: boolean): void {
    this.keep = keep;
  }

  /** For afterAll: stops what is still running; removes the folder of a passed run. */
  async cleanUp(): Promise<void> {
    for (const c of this.children) if (c.alive) await c.stop('SIGKILL').catch(() => undefined);
    if (!this.keep) rmSync(this.dir, { recursive: true, force: true });
    else console.log(`${this.name}: files kept in ${this.dir}`);
  }
}
