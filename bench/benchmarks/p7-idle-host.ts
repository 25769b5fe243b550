// P7: the idle host's resident memory and CPU with emulated devices polling.
// Targets: ≤ 120 MB resident, ≤ 1 % of one core, over 60 s (BENCH_P7_SECONDS to change).
import path from 'node:path';
import { buildHost } from '../../tools/build-host.js';
import {
  processUsage,
  productionNodeFlags,
  sleep,
  startNode,
  stopChild,
  type Benchmark,
} from '../harness';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RSS_TARGET_MB = 120;
const CPU_TARGET_PERCENT = 1;

export const p7: Benchmark = {
  id: 'P7',
  title: 'idle host: peak resident memory (and CPU) with devices polling',
  async run() {
    const seconds = Number(process.env.BENCH_P7_SECONDS ?? 60);
    const gateway = await startNode(
      path.join(ROOT, 'sim/gateway/cli.ts'),
      ['--port', '0', '--db', ':memory:'],
      /listening on (http:\/\/\S+)/,
    );
    // Compiled ahead of time, as `npm run build` compiles the production host.
    await buildHost('bench/idle-host.ts', 'dist/bench/idle-host.mjs');
    const host = await startNode(
      path.join(ROOT, 'dist/bench/idle-host.mjs'),
      [gateway.match[1] ?? ''],
      /ready/,
      {},
      productionNodeFlags(),
    );
    try {
      const pid = host.child.pid ?? 0;
      await sleep(5_000); // settle: JIT, first polls, GC
      const start = processUsage(pid);
      const t0 = performance.now();
      const rss: number[] = [];
      for (let i = 0; i < seconds; i++) {
        await sleep(1_000);
        rss.push(processUsage(pid).rssMb);
      }
      const end = processUsage(pid);
      const wall = (performance.now() - t0) / 1000;
      const cpuPercent = ((end.cpuSeconds - start.cpuSeconds) / wall) * 100;
      const peak = Math.max(...rss);
      return {
        value: Number(peak.toFixed(1)),
        unit: 'MB',
        target: `≤ ${RSS_TARGET_MB} MB resident and ≤ ${CPU_TARGET_PERCENT} % CPU`,
        met: peak <= RSS_TARGET_MB && cpuPercent <= CPU_TARGET_PERCENT,
        detail: {
          seconds: Number(wall.toFixed(1)),
          cpuPercent: Number(cpuPercent.toFixed(2)),
          cpuTargetPercent: CPU_TARGET_PERCENT,
          rssMeanMb: Number((rss.reduce((a, b) => a + b, 0) / rss.length).toFixed(1)),
          rssPeakMb: Number(peak.toFixed(1)),
          pollIntervalMs: 200,
          note: 'host process with in-process acceptor and scanner emulators; gateway simulator in its own process',
        },
      };
    } finally {
      await stopChild(host.child);
      await stopChild(gateway.child);
    }
  },
};
