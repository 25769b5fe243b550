// The kiosk host as P7 measures it: browser mode, in-process emulated devices polling, the
// gateway in another process (its URL in argv[2]). Prints "ready" once the acceptor is online.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KioskConfig } from '../src/config/schema';
import { launchSimulatedKiosk } from '../sim/launch';
import { DEMO_TERMINALS } from '../sim/gateway/seed';

const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-bench-'));
const config = KioskConfig.parse({
  terminal: { id: 'SH-XH-WK-0007', secret: DEMO_TERMINALS['SH-XH-WK-0007'] },
  gateway: { baseUrl: process.argv[2], labPlainHttp: true },
  server: { port: 0 },
  journal: { path: path.join(dir, 'journal.sqlite') },
  logging: { dir: path.join(dir, 'log'), level: 'info' },
  devices: {
    billAcceptor: { driver: 'id003', port: 'sim://bill-acceptor' },
    scanner: { driver: 'serial-line', port: 'sim://scanner' },
  },
});
const kiosk = await launchSimulatedKiosk(config);
while (kiosk.host.acceptor.status.device !== 'online') await new Promise((r) => setTimeout(r, 100));
console.log(`ready ${kiosk.kioskUrl}`);
process.once('SIGTERM', () => void kiosk.close().then(() => process.exit(0)));
