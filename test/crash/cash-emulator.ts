// The acceptor emulator in its own process (sim/devices/run-emulator.ts on a socat pty pair),
// and a client for its control API. The emulator outlives every host it serves, so a note
// caught mid-way by a host's death is still in the acceptor when the next host starts.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import type { z } from 'zod';
import {
  ACCEPTOR_PREFIX,
  AcceptorState,
  type AcceptorFaultName,
  type PowerLossPoint,
} from '../../sim/control/acceptor-protocol';
import { ControlReply } from '../../sim/control/protocol';
import { controlInit } from '../support/control-call';
import {
  parseNoteEvent,
  parseReady,
  STATE_PREFIX,
  type EmulatorReady,
  type NoteEvent,
} from '../../sim/devices/pty-protocol';
import type { PtyDevice } from '../../sim/devices/pty-devices';
import { Child, ROOT } from './processes';

const RUNNER = path.join(ROOT, 'sim/devices/run-emulator.ts');

export type Trace = { kind: 'state'; state: string } | { kind: 'note'; note: NoteEvent };

export class EmulatorProcess extends Child {
  private readonly traces = new Set<(t: Trace) => void>();
  ready: EmulatorReady | null = null;

  /** Starts the runner on a pty whose kiosk end is `link`; resolves once it is ready. */
  static async start(o: { link: string; device?: PtyDevice }): Promise<EmulatorProcess> {
    const args = ['--device', o.device ?? 'id003', '--link', o.link, '--trace'];
    // --exit-with-stdin: the runner (and its socat) stop when this process goes away.
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', RUNNER, ...args, '--exit-with-stdin'],
      {
        cwd: ROOT,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const emulator = new EmulatorProcess('acceptor emulator', proc);
    emulator.ready = await emulator.line(parseReady, 'ready line', 30_000);
    return emulator;
  }

  constructor(name: string, proc: ChildProcess) {
    super(name, proc);
    if (!proc.stdout) return;
    createInterface({ input: proc.stdout }).on('line', (line) => {
      const note = parseNoteEvent(line);
      const trace: Trace | null = note
        ? { kind: 'note', note }
        : line.startsWith(STATE_PREFIX)
          ? { kind: 'state', state: line.slice(STATE_PREFIX.length) }
          : null;
      if (trace) for (const t of this.traces) t(trace);
    });
  }

  /** Every state change and note event from now on. Returns an unsubscribe function. */
  onTrace(listener: (t: Trace) => void): () => void {
    this.traces.add(listener);
    return () => this.traces.delete(listener);
  }

  get client(): AcceptorClient {
    if (!this.ready) throw new Error('the emulator is not ready');
    return new AcceptorClient(this.ready.controlUrl, this.ready.controlToken);
  }
}

/** The runner's control API: the emulated acceptor's script commands and state. */
export class AcceptorClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  private async call<S extends z.ZodType>(
    schema: S,
    route: string,
    body?: unknown,
  ): Promise<z.infer<S>> {
    const res = await fetch(new URL(`${ACCEPTOR_PREFIX}${route}`, this.baseUrl), {
      ...controlInit(this.token, body),
      signal: AbortSignal.timeout(5_000),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`emulator ${route}: HTTP ${res.status} ${text}`);
    return schema.parse(JSON.parse(text));
  }

  state(): Promise<AcceptorState> {
    return this.call(AcceptorState, '');
  }

  /** Until the acceptor idles or is disabled (no note inside it), bounded. */
  async waitSettled(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let state: AcceptorState;
    while (!['idling', 'disabled'].includes((state = await this.state()).state)) {
      if (Date.now() > deadline) throw new Error(`the acceptor is still ${state.state}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** One note; false while the acceptor will not take it (disabled, busy or faulted). */
  async tryInsertNote(value: number): Promise<boolean> {
    return (await this.call(ControlReply, '/insert-note', { value })).ok;
  }

  rejectNext(reason?: number): Promise<ControlReply> {
    return this.call(ControlReply, '/reject-next', reason === undefined ? {} : { reason });
  }

  setFault(fault: z.infer<typeof AcceptorFaultName> | null): Promise<ControlReply> {
    return this.call(ControlReply, '/fault', { fault });
  }

  powerLoss(at: z.infer<typeof PowerLossPoint>): Promise<ControlReply> {
    return this.call(ControlReply, '/power-loss', { at });
  }

  powerOn(): Promise<ControlReply> {
    return this.call(ControlReply, '/power-on', {});
  }
}
