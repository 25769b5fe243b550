// The benchmark harness: each benchmark reports one figure against its target; the runner
// prints a table and writes bench/results.json (one key per benchmark id).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const ROOT = path.resolve(import.meta.dirname, '..');
const PackageScripts = z.object({ scripts: z.object({ host: z.string() }) });

/**
 * The Node flags of `npm run host` (package.json), e.g. the young generation's bound: every
 * benchmark that starts a host starts it with them, as a terminal does.
 */
export function productionNodeFlags(): string[] {
  const pkg = PackageScripts.parse(
    JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')),
  );
  const [command, ...args] = pkg.scripts.host.split(/\s+/);
  if (command !== 'node') throw new Error(`npm run host is not "node …": ${pkg.scripts.host}`);
  return args.filter((a) => a.startsWith('--'));
}

export interface BenchResult {
  value: number;
  unit: string;
  target: string;
  /** True when the value meets the target. */
  met: boolean;
  detail: Record<string, unknown>;
}

export interface Benchmark {
  id: string;
  title: string;
  run(): Promise<BenchResult>;
}

/**
 * Starts a Node process (tsx for .ts) and resolves with the first stdout line matching `ready`.
 * `nodeFlags`: Node's own flags, e.g. productionNodeFlags() for a host.
 */
export function startNode(
  script: string,
  args: string[],
  ready: RegExp,
  env: NodeJS.ProcessEnv = {},
  nodeFlags: string[] = [],
): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  return new Promise((resolve, reject) => {
    // Compiled scripts run on plain Node, as the production host does; sources through tsx.
    const loader = /\.m?js$/.test(script) ? [] : ['--import', 'tsx'];
    const child = spawn(process.execPath, [...nodeFlags, ...loader, script, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${script} not ready: ${err || out}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += String(d);
      const m = out.match(ready);
      if (m) {
        clearTimeout(timer);
        resolve({ child, match: m });
      }
    });
    child.stderr?.on('data', (d: Buffer) => (err += String(d)));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited ${code}: ${err}`));
    });
  });
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ (getconf CLK_TCK)

/** CPU time (s) and resident memory (MB) of a process, from /proc. */
export function processUsage(pid: number): { cpuSeconds: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuSeconds: (utime + stime) / CLOCK_TICKS_PER_SECOND, rssMb: rssKb / 1024 };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
