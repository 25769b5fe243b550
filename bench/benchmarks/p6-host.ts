// The kiosk host as P6 starts it: browser mode with in-process emulated devices, the gateway in
// another process (its URL in argv[2]), listening on the port in argv[3]. The parent times from
// spawning this process to the attract screen in Chromium and does not wait for this process's
// word; the one line it prints only splits the start-up for the report (ms since it started).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KioskConfig } from '../../src/config/schema';
import { launchSimulatedKiosk } from '../../sim/launch';

const imported = performance.now(); // Node, tsx and every module loaded
const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-p6-'));
const config = KioskConfig.parse({
  terminal: { id: 'SH-XH-WK-0007', secret: 'demo-secret-change-me' },
  gateway: { baseUrl: process.argv[2] },
  server: { port: Number(process.argv[3]) },
  journal: { path: path.join(dir, 'journal.sqlite') },
  logging: { dir: path.join(dir, 'log'), level: 'info' },
  devices: {
    billAcceptor: { driver: 'id003', port: 'sim://bill-acceptor' },
    scanner: { driver: 'serial-line', port: 'sim://scanner' },
  },
});
const kiosk = await launchSimulatedKiosk(config);
console.log(`started imported=${Math.round(imported)} listening=${Math.round(performance.now())}`);
process.once(
  'SIGTERM',
  () =>
    void kiosk.close().then(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    }),
);
