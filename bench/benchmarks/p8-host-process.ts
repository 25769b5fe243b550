// P8's host as a child process: the bundle of p8-host.ts on plain Node with the Node flags the
// production host runs with (`npm run host`), and --expose-gc so that a census can collect
// garbage first; spoken to over the IPC channel (p8-protocol.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { buildHost } from '../../tools/build-host.js';
import { productionNodeFlags } from '../harness';
import { P8Ready, P8Reply, type Census, type P8Request } from './p8-protocol';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Compiled ahead of time, as `npm run build` compiles the production host. */
const BUNDLE = 'dist/bench/p8-host.mjs';
const READY_MS = 30_000;
const REPLY_MS = 60_000; // a census walks the host's objects after V8's most thorough collection

type Pending = { resolve(r: P8Reply): void; reject(e: Error): void; timer: NodeJS.Timeout };
/** A request without its id (the channel numbers them). */
type Ask = P8Request extends infer R ? (R extends P8Request ? Omit<R, 'id'> : never) : never;

export class P8HostProcess {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private stderr = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly ready: P8Ready,
  ) {
    child.on('message', (m) => {
      const parsed = P8Reply.safeParse(m);
      if (!parsed.success) return;
      const p = this.pending.get(parsed.data.id);
      if (!p) return;
      this.pending.delete(parsed.data.id);
      clearTimeout(p.timer);
      p.resolve(parsed.data);
    });
    child.stderr?.on('data', (d: Buffer) => (this.stderr = (this.stderr + String(d)).slice(-4000)));
    child.once('exit', (code, signal) => {
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.reject(new Error(`P8 host exited (${code ?? signal}): ${this.stderr}`));
      }
      this.pending.clear();
    });
  }

  static async start(gatewayUrl: string): Promise<P8HostProcess> {
    await buildHost('bench/benchmarks/p8-host.ts', BUNDLE);
    const flags = [...productionNodeFlags(), '--expose-gc'];
    const child = spawn(process.execPath, [...flags, path.join(ROOT, BUNDLE), gatewayUrl], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += String(d)));
    const ready = await new Promise<P8Ready>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`P8 host not ready: ${stderr}`)), READY_MS);
      child.on('message', (m) => {
        const r = P8Ready.safeParse(m);
        if (!r.success) return;
        clearTimeout(timer);
        resolve(r.data);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`P8 host exited ${code} before ready: ${stderr}`));
      });
    });
    return new P8HostProcess(child, ready);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  request(ask: Ask): Promise<P8Reply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`P8 host did not answer ${ask.cmd} within ${REPLY_MS} ms`));
      }, REPLY_MS);
      this.pending.set(id, { resolve, reject, timer });
      this.child.send({ ...ask, id });
    });
  }

  async census(): Promise<Census> {
    const r = await this.request({ cmd: 'census' });
    if (!r.ok || !r.census) throw new Error(`P8 census failed: ${r.ok ? 'empty' : r.message}`);
    return r.census;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}
