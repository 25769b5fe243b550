// A killable kiosk host for the crash loop: the real host with its in-process acceptor emulator
// and control server, against a gateway simulator running in another process, with the journal
// in a folder that outlives every launch.
//
//   node --import tsx test/crash/crash-host.ts --dir DIR --gateway URL
//
// (or the same file bundled by esbuild; either way no wrapper process, so SIGKILL hits the host
// itself). Prints `CRASH-HOST-READY {json}` once the KioskApi and the control server listen, and
// `CRASH-HOST-ACCEPTOR-ONLINE` once the acceptor has come up. SIGTERM, or its stdin closing,
// closes it cleanly.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { KioskConfig } from '../../src/config/schema';
import { launchSimulatedKiosk } from '../../sim/launch';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';
import { ACCEPTOR_ONLINE_LINE, READY_PREFIX, TERMINAL_ID, type HostReady } from './crash-protocol';

const { values } = parseArgs({
  options: { dir: { type: 'string' }, gateway: { type: 'string' } },
  strict: true,
});
if (!values.dir || !values.gateway) {
  process.stderr.write('crash-host: --dir DIR and --gateway URL are required\n');
  process.exit(2);
}
const dir = values.dir;

const config = KioskConfig.parse({
  terminal: { id: TERMINAL_ID, secret: DEMO_TERMINALS[TERMINAL_ID] },
  gateway: { baseUrl: values.gateway, timeoutMs: 3_000, labPlainHttp: true },
  server: { host: '127.0.0.1', port: 0 },
  journal: { path: path.join(dir, 'journal.sqlite') },
  logging: { dir: path.join(dir, 'log'), level: 'info', maxSize: '50M', maxFiles: 5 },
  devices: {
    billAcceptor: { driver: 'id003', port: 'sim://bill-acceptor', pollIntervalMs: 100 },
  },
  session: { writeOffWaitMs: 1_000, doneScreenMs: 5_000 },
  // No simulation.gateway: the external simulator named by --gateway is used.
  simulation: { devPanel: true },
});

const kiosk = await launchSimulatedKiosk(config, { controlPort: 0 });
const ready: HostReady = {
  pid: process.pid,
  kioskUrl: kiosk.host.url,
  launchUrl: kiosk.launchUrl(),
  controlUrl: kiosk.panelUrl ?? '',
  controlToken: kiosk.controlToken ?? '',
};
process.stdout.write(`${READY_PREFIX}${JSON.stringify(ready)}\n`);

const acceptor = kiosk.host.acceptor;
const announce = () => {
  if (acceptor.status.device !== 'online') return false;
  process.stdout.write(`${ACCEPTOR_ONLINE_LINE}\n`);
  return true;
};
if (!announce()) {
  const off = acceptor.onStatus(() => {
    if (announce()) off();
  });
}

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  kiosk.close().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`crash-host: close failed: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// The crash loop went away (its end of our stdin closed): do not outlive it.
process.stdin.on('end', stop);
process.stdin.resume();
