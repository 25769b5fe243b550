// The processes of the crash loops: the gateway simulator (one process for the whole loop, so
// its store outlives every host) and the kiosk host (one process per launch, killed with
// SIGKILL). Every wait is bounded and fails with what the process last said.
import { spawn, type ChildProcess } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { buildHost } from '../../tools/build-host.js';
import { ACCEPTOR_ONLINE_LINE, READY_PREFIX, type HostReady } from './crash-protocol';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const HOST_ENTRY = path.join(ROOT, 'test/crash/crash-host.ts');
const GATEWAY_ENTRY = path.join(ROOT, 'test/crash/gateway-child.ts');

/** A failure of the harness or of a process, with what the process printed last. */
export class ProcessError extends Error {
  override name = 'ProcessError';
}

/** A child process whose stdout lines can be awaited and whose stderr is kept (its tail). */
export class Child {
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly lines: string[] = [];
  private readonly waiters = new Set<() => void>();
  private stderr = '';
  exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  constructor(
    readonly name: string,
    readonly proc: ChildProcess,
  ) {
    if (!proc.stdout || !proc.stderr) throw new ProcessError(`${name}: no stdio pipes`);
    createInterface({ input: proc.stdout }).on('line', (line) => {
      this.lines.push(line);
      for (const w of this.waiters) w();
    });
    proc.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4000);
    });
    this.exited = new Promise((resolve) => {
      proc.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        proc.stdin?.destroy();
        for (const w of this.waiters) w();
        resolve(this.exitInfo);
      });
    });
  }

  get pid(): number {
    return this.proc.pid ?? -1;
  }

  /** Every stdout line so far. */
  get stdoutLines(): readonly string[] {
    return this.lines;
  }

  get alive(): boolean {
    return this.exitInfo === null;
  }

  tail(): string {
    const out = this.lines.slice(-5).join('\n');
    return `stdout: ${out || '(nothing)'}\nstderr: ${this.stderr.trim() || '(nothing)'}`;
  }

  /** The first stdout line that `match` accepts (already printed or still to come). */
  line<T>(match: (line: string) => T | undefined, what: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        for (const l of this.lines) {
          const found = match(l);
          if (found !== undefined) return done(() => resolve(found));
        }
        if (this.exitInfo) {
          return done(() =>
            reject(
              new ProcessError(
                `${this.name} exited (${JSON.stringify(this.exitInfo)}) before ${what}\n${this.tail()}`,
              ),
            ),
          );
        }
      };
      const timer = setTimeout(
        () =>
          done(() =>
            reject(
              new ProcessError(`${this.name}: no ${what} within ${timeoutMs} ms\n${this.tail()}`),
            ),
          ),
        timeoutMs,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      this.waiters.add(check);
      check();
    });
  }

  /** SIGKILL (or another signal) and wait for the exit, bounded. */
  async stop(signal: NodeJS.Signals, timeoutMs = 10_000): Promise<void> {
    if (!this.alive) return;
    this.proc.kill(signal);
    const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), timeoutMs));
    if ((await Promise.race([this.exited, timer])) === 'late') {
      throw new ProcessError(`${this.name} did not exit within ${timeoutMs} ms of ${signal}`);
    }
  }
}

export class GatewayProcess extends Child {
  url = '';

  static async start(dbPath: string): Promise<GatewayProcess> {
    // sim/gateway/cli.ts, through a wrapper that also stops when this process goes away.
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', GATEWAY_ENTRY, '--port', '0', '--db', dbPath],
      { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const gw = new GatewayProcess('gateway simulator', proc);
    gw.url = await gw.line(
      (l) => /listening on (http:\/\/\S+)/.exec(l)?.[1],
      '"listening on" line',
      30_000,
    );
    return gw;
  }
}

/** How the host is started: its source through tsx, or one esbuild bundle of it (faster). */
export interface HostCommand {
  args: string[];
  describe: string;
}

/**
 * Bundles crash-host.ts and everything it imports from this repository into one file (packages
 * stay external and resolve through a node_modules link). The code is the same; only the per-
 * launch transpiling that tsx does (~0.6 s of every restart) is done once.
 */
export async function bundledHostCommand(dir: string, entry = HOST_ENTRY): Promise<HostCommand> {
  const outfile = path.join(dir, `${path.basename(entry, '.ts')}.mjs`);
  await buildHost(entry, outfile);
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return { args: [outfile], describe: `esbuild bundle of ${path.relative(ROOT, entry)}` };
}

export function tsxHostCommand(entry = HOST_ENTRY): HostCommand {
  return {
    args: ['--import', 'tsx', entry],
    describe: `node --import tsx ${path.basename(entry)}`,
  };
}

export class HostProcess extends Child {
  ready: HostReady | null = null;

  /** `args` are the host's own (crash-host.ts: --dir, --gateway; cash-host.ts: --config). */
  static spawn(cmd: HostCommand, args: string[]): HostProcess {
    // stdin is a pipe this process never writes: it closes when this process goes away.
    const proc = spawn(process.execPath, [...cmd.args, ...args], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return new HostProcess('kiosk host', proc);
  }

  async waitReady(timeoutMs: number): Promise<HostReady> {
    this.ready = await this.line(
      (l) =>
        l.startsWith(READY_PREFIX)
          ? (JSON.parse(l.slice(READY_PREFIX.length)) as HostReady)
          : undefined,
      'ready line',
      timeoutMs,
    );
    return this.ready;
  }

  waitAcceptorOnline(timeoutMs: number): Promise<true> {
    return this.line(
      (l) => (l === ACCEPTOR_ONLINE_LINE ? true : undefined),
      'acceptor online line',
      timeoutMs,
    );
  }
}
