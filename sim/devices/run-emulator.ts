// One device emulator in its own process, on a socat pty pair, scripted over HTTP:
//
//   npm run emulator -- --device id003|ssp|scanner [--link PATH] [--control-port N] [--trace]
//
// The kiosk opens PATH (default /tmp/kiosk-bill-acceptor, or /tmp/kiosk-scanner) as a serial
// device; the emulator sits on PATH-emulator. The control API (sim/control-server.ts, JSON on
// 127.0.0.1, with the token it prints) takes the acceptor's script commands under
// /control/acceptor, or /control/scan.
// --trace prints the acceptor's state changes and note events on stdout (for tests);
// --exit-with-stdin stops the runner when its stdin closes (a test that started it went away).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AcceptorControl } from '../acceptor-control';
import { ACCEPTOR_PREFIX } from '../control/acceptor-protocol';
import { CONTROL_PREFIX } from '../control/protocol';
import { startControlServer, type ControlServer, type ControlTargets } from '../control-server';
import type { EmulatedDevice } from './emulator-binding';
import { LineScannerEmulator } from './line-scanner-emulator';
import { attachToPty, type Attached } from './pty-attach';
import { createAcceptorEmulator, DEVICE_LINES, PTY_DEVICES } from './pty-devices';
import { openPtyPair } from './pty-pair';
import { EVENT_PREFIX, READY_PREFIX, STATE_PREFIX, type EmulatorReady } from './pty-protocol';

const Args = z
  .object({
    device: z.enum(PTY_DEVICES).default('id003'),
    link: z.string().min(1).optional(),
    'control-port': z.coerce.number().int().min(0).max(65535).default(0),
    trace: z.boolean().default(false),
    'exit-with-stdin': z.boolean().default(false),
  })
  .strict();

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      device: { type: 'string' },
      link: { type: 'string' },
      'control-port': { type: 'string' },
      trace: { type: 'boolean' },
      'exit-with-stdin': { type: 'boolean' },
    },
    strict: true,
  });
  const parsed = Args.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`--${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  }
  const args = parsed.data;
  const isScanner = args.device === 'scanner';
  const link = args.link ?? (isScanner ? '/tmp/kiosk-scanner' : '/tmp/kiosk-bill-acceptor');
  const out = (line: string) => process.stdout.write(`${line}\n`);

  let device: EmulatedDevice;
  let targets: ControlTargets;
  let afterReceive = () => {};
  if (args.device === 'scanner') {
    const scanner = new LineScannerEmulator();
    device = scanner;
    targets = {
      scan: (text) => {
        scanner.scan(text);
        return { ok: true, message: `scanned ${text.length} characters` };
      },
    };
  } else {
    const emulator = createAcceptorEmulator(args.device);
    device = emulator;
    targets = { acceptor: new AcceptorControl(emulator) };
    if (args.trace) {
      let last = emulator.state;
      afterReceive = () => {
        if (emulator.state !== last) out(`${STATE_PREFIX}${(last = emulator.state)}`);
      };
      for (const kind of ['stacked', 'returned', 'credited'] as const) {
        emulator.events.on(kind, (value: number) => out(`${EVENT_PREFIX}${kind} ${value}`));
      }
    }
  }

  const pair = await openPtyPair(link, `${link}-emulator`);
  const closers: (() => Promise<void>)[] = [() => pair.close()];
  const closeAll = async () => {
    for (const c of closers.reverse()) await c();
  };
  let attached: Attached;
  let control: ControlServer;
  try {
    attached = await attachToPty(
      device,
      { path: pair.devicePath, ...DEVICE_LINES[args.device] },
      {
        afterReceive,
        onError: (err) => process.stderr.write(`emulator: serial port: ${err.message}\n`),
      },
    );
    closers.push(() => attached.close());
    control = await startControlServer({ port: args['control-port'], panelDir: null, targets });
    closers.push(() => control.close());
  } catch (err) {
    await closeAll(); // no socat left behind
    throw err;
  }

  let stopping = false;
  const stop = async (code: number, why?: string) => {
    if (stopping) return;
    stopping = true;
    if (why) process.stderr.write(`emulator: ${why}\n`);
    await closeAll();
    process.exit(code);
  };
  void pair.exited.then(() => stop(1, 'socat exited'));
  void attached.closed.then(() => stop(1, 'the emulator end of the pty closed'));
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  if (args['exit-with-stdin']) {
    process.stdin.on('end', () => void stop(0));
    process.stdin.resume();
  }

  const routes = isScanner ? `${CONTROL_PREFIX}/scan` : ACCEPTOR_PREFIX;
  out(`${args.device} emulator on ${pair.devicePath} (socat pid ${pair.socatPid})`);
  out(`kiosk port: ${pair.hostPath}`);
  out(`control:    ${new URL(routes, control.url).href}`);
  out(`token:      ${control.token}   (send it as "authorization: Bearer TOKEN")`);
  const ready: EmulatorReady = {
    device: args.device,
    port: pair.hostPath,
    controlUrl: control.url,
    controlToken: control.token,
    pid: process.pid,
    socatPid: pair.socatPid,
  };
  out(`${READY_PREFIX}${JSON.stringify(ready)}`);
}

main().catch((err: Error) => {
  process.stderr.write(`emulator: ${err.message}\n`);
  process.exit(1);
});
