// A killable kiosk host for the cash crash loop, started as production starts it: the config
// file names the acceptor's port (a socat pty served by the emulator runner, another process),
// and the host opens it with the platform serial binding. No simulator lives in this process.
//
//   node --import tsx test/crash/cash-host.ts --config FILE   (or the same file bundled)
//
// Prints the crash loop's ready and acceptor-online lines (crash-protocol.ts); SIGTERM, or its
// stdin closing, closes it cleanly.
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config/load-config';
import { startHost } from '../../src/host/start-host';
import { ACCEPTOR_ONLINE_LINE, READY_PREFIX, type HostReady } from './crash-protocol';

const { values } = parseArgs({ options: { config: { type: 'string' } }, strict: true });
if (!values.config) {
  process.stderr.write('cash-host: --config FILE is required\n');
  process.exit(2);
}

const host = await startHost(loadConfig(values.config));
const ready: HostReady = {
  pid: process.pid,
  kioskUrl: host.url,
  launchUrl: host.launchUrl(),
  controlUrl: '',
  controlToken: '',
};
process.stdout.write(`${READY_PREFIX}${JSON.stringify(ready)}\n`);

const announce = () => {
  if (host.acceptor.status.device !== 'online') return false;
  process.stdout.write(`${ACCEPTOR_ONLINE_LINE}\n`);
  return true;
};
if (!announce()) {
  const off = host.acceptor.onStatus(() => {
    if (announce()) off();
  });
}

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  host.close().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`cash-host: close failed: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
