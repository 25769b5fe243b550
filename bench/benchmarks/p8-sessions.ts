// P8: months of uptime. 5,000 complete customer sessions (cash, QR, partial cash, errors, help
// calls, the information centre) through the compiled host over the KioskApi, the gateway
// simulator in its own process. Value: the least-squares slope of the host's resident memory
// (after a forced full GC) against sessions, from session 500 on, per 1,000 sessions. The
// host's handles, timers and listeners are counted at session 500 and at the end.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { BillIssuer } from '../../test/crash/gateway-bills';
import { Rng } from '../../test/crash/rng';
import {
  processUsage,
  productionNodeFlags,
  startNode,
  stopChild,
  sleep,
  type Benchmark,
} from '../harness';
import { connectCustomer, VISITS, type P8Devices, type VisitKind } from './p8-customers';
import { P8HostProcess } from './p8-host-process';
import type { Census } from './p8-protocol';
import { P8_TIMING } from './p8-timing';
import { envNumber, machineLoad, round, scratchDir } from './support';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TARGET_MB_PER_1000 = 1;
/** Before each census: idle keep-alive sockets close and a result screen's timer ends. */
const SETTLE_MS = 5_000;
/** Longer than the host's scan debounce window (src/scanning/debouncer.ts, 1.5 s). */
const SAME_SCAN_GAP_MS = 2_000;

interface Sample {
  sessions: number;
  rssMb: number;
  journalMb: number;
  heapUsedMb: number;
  externalMb: number;
  handles: number;
  timers: number;
  listeners: number;
}

export const p8: Benchmark = {
  id: 'P8',
  title: 'months of uptime: host memory growth per 1,000 customer sessions',
  async run() {
    const sessions = envNumber('BENCH_P8_SESSIONS', 5_000);
    const every = envNumber('BENCH_P8_SAMPLE_EVERY', 500);
    const seed = envNumber('BENCH_P8_SEED', 1);
    const heapDir = process.env.BENCH_P8_HEAP_DIR;
    if (sessions < 2 * every) throw new Error(`BENCH_P8_SESSIONS must be ≥ ${2 * every}`);
    const dir = scratchDir('kiosk-p8-');
    const gatewayDb = path.join(dir, 'gateway.sqlite');
    const gateway = await startNode(
      path.join(ROOT, 'sim/gateway/cli.ts'),
      ['--port', '0', '--db', gatewayDb],
      /listening on (http:\/\/\S+)/,
    );
    const issuer = new BillIssuer(gatewayDb);
    let host: P8HostProcess | null = null;
    try {
      host = await P8HostProcess.start(gateway.match[1] ?? '');
      const h = host;
      const rng = new Rng(seed);
      let lastScan = { text: '', at: 0 };
      const devices: P8Devices = {
        insertNote: async (value) => (await h.request({ cmd: 'note', value })).ok,
        scan: async (text) => {
          // The host reads the same code again within its debounce window as one held bill: a
          // next customer with the same bill is never that quick.
          if (text === lastScan.text)
            await sleep(Math.max(0, lastScan.at + SAME_SCAN_GAP_MS - Date.now()));
          lastScan = { text, at: Date.now() };
          const r = await h.request({ cmd: 'scan', text });
          if (!r.ok) throw new Error(`scan refused: ${r.message}`);
        },
        ensureDue: (account) => issuer.ensureDue(account, rng),
      };
      const k = await connectCustomer(h.ready);

      const sample = async (done: number): Promise<{ sample: Sample; census: Census }> => {
        await sleep(SETTLE_MS);
        const c = await h.census();
        if (heapDir)
          await h.request({
            cmd: 'heapSnapshot',
            file: path.join(heapDir, `p8-${done}.heapsnapshot`),
          });
        const rssMb = round(processUsage(h.pid).rssMb, 1);
        return {
          census: c,
          sample: {
            sessions: done,
            rssMb,
            journalMb: c.journalMb,
            heapUsedMb: c.memoryMb.heapUsed,
            externalMb: c.memoryMb.external,
            handles: c.handles,
            timers: c.timers,
            listeners: c.listenersTotal,
          },
        };
      };

      const weights = Object.fromEntries(
        Object.entries(VISITS).map(([kind, v]) => [kind, v.weight]),
      ) as Record<VisitKind, number>;
      const outcomes: Record<string, Record<string, number>> = {};
      const samples: Sample[] = [];
      const atStart = await sample(0);
      samples.push(atStart.sample);
      let before: Census | null = null;
      let after: Census = atStart.census;
      const t0 = performance.now();
      let sessionSeconds = 0;
      for (let i = 1; i <= sessions; i++) {
        const kind = rng.weighted(weights);
        const started = performance.now();
        const ending = await VISITS[kind].run({ k, d: devices, rng });
        sessionSeconds += (performance.now() - started) / 1000;
        const byEnding = (outcomes[kind] ??= {});
        byEnding[ending] = (byEnding[ending] ?? 0) + 1;
        if (i % every === 0 || i === sessions) {
          const s = await sample(i);
          samples.push(s.sample);
          if (i === every) before = s.census;
          after = s.census;
          process.stdout.write(
            `  P8 ${i}/${sessions}: host ${s.sample.rssMb} MB resident, heap ${s.sample.heapUsedMb} MB\n`,
          );
        }
      }
      const wallSeconds = (performance.now() - t0) / 1000;
      k.close();
      if (!before) throw new Error('no census at the first sample');

      const measured = samples.filter((s) => s.sessions >= every);
      const perThousand = (pick: (s: Sample) => number) =>
        round(slope(measured.map((s) => [s.sessions, pick(s)])) * 1000, 3);
      const rssSlope = perThousand((s) => s.rssMb);
      const counts = (c: Census) => ({
        handles: c.handles,
        timers: c.timers,
        listeners: c.listenersTotal,
      });
      const countsEqual =
        before.handles === after.handles &&
        before.timers === after.timers &&
        before.listenersTotal === after.listenersTotal;
      const gatewayUsage = processUsage(gateway.child.pid ?? 0);
      return {
        value: rssSlope,
        unit: 'MB per 1,000 sessions',
        target: `≤ ${TARGET_MB_PER_1000} MB resident growth per 1,000 sessions after the first ${every}; handles, timers and listeners equal before and after`,
        met: rssSlope <= TARGET_MB_PER_1000 && countsEqual,
        detail: {
          sessions,
          seed,
          wallSeconds: round(wallSeconds, 1),
          meanSessionMs: round((sessionSeconds / sessions) * 1000, 1),
          slopesPerThousandSessionsMb: {
            rss: rssSlope,
            heapUsed: perThousand((s) => s.heapUsedMb),
            external: perThousand((s) => s.externalMb),
          },
          rssMb: {
            atStart: atStart.sample.rssMb,
            [`after${every}`]: measured[0]?.rssMb,
            atEnd: measured.at(-1)?.rssMb,
          },
          journalCacheLimitMb: after.journalCacheLimitMb,
          countsEqual,
          counts: {
            atStart: counts(atStart.census),
            before: counts(before),
            after: counts(after),
          },
          activeResources: { before: before.activeResources, after: after.activeResources },
          listeners: { before: before.listeners, after: after.listeners },
          samples,
          visits: outcomes,
          hostNodeFlags: [...productionNodeFlags(), '--expose-gc'],
          gc: "host run with node --expose-gc; before every sample V8's most thorough collection, gc({type: 'major', flavor: 'last-resort'}), which also gives pooled pages back",
          sampling: `every ${every} sessions, after ${SETTLE_MS / 1000} s idle at the attract screen; RSS from /proc/PID/status (VmRSS)`,
          timing: P8_TIMING,
          printer:
            'none configured: receipts are shown on screen (a printed receipt waits about a second for the paper, which would make 5,000 sessions take over an hour)',
          gatewayRssMb: round(gatewayUsage.rssMb, 1),
          host: 'bench/benchmarks/p8-host.ts bundled by tools/build-host.js: startHost with in-process ID-003 acceptor and line scanner emulators on the serial binding; gateway simulator (sim/gateway/cli.ts) in its own process, its store on disk; customers over the KioskApi WebSocket',
          load: machineLoad(),
        },
      };
    } finally {
      issuer.close();
      await host?.stop();
      await stopChild(gateway.child);
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** Least-squares slope of y against x. */
export function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  return sxy / sxx;
}
