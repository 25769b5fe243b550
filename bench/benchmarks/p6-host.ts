// The kiosk host as P6 starts it: the production host in browser mode with an emulated acceptor
// on the wire, the gateway in
// another process (its URL in argv[2]), listening on the port in argv[3], leaving the kiosk's
// browser its launch ticket in the file argv[4] (as on a terminal). The parent times from
// spawning this process to the attract screen in Chromium and does not wait for this process's
// word; the one line it prints only splits the start-up for the report (ms since it started).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEmulatorBinding } from '../../sim/devices/emulator-binding';
import { Id003Emulator } from '../../sim/devices/id003-emulator';
import { KioskConfig } from '../../src/config/schema';
import { startHost } from '../../src/host/start-host';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';

const imported = performance.now(); // Node, tsx and every module loaded
const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-p6-'));
const config = KioskConfig.parse({
  terminal: { id: 'SH-XH-WK-0007', secret: DEMO_TERMINALS['SH-XH-WK-0007'] },
  gateway: { baseUrl: process.argv[2], labPlainHttp: true },
  server: { port: Number(process.argv[3]), launchTicketFile: process.argv[4] },
  journal: { path: path.join(dir, 'journal.sqlite') },
  logging: { dir: path.join(dir, 'log'), level: 'info' },
  devices: {
    billAcceptor: { driver: 'id003', port: 'sim://bill-acceptor' },
  },
});
// The production host; only the acceptor at the far end of the wire is emulated (the launcher
// would also load the gateway simulator and the developer panel, which a kiosk never runs).
const binding = createEmulatorBinding({ 'sim://bill-acceptor': new Id003Emulator() });
const kiosk = await startHost(config, { bindingFor: () => binding });
console.log(`started imported=${Math.round(imported)} listening=${Math.round(performance.now())}`);
process.once(
  'SIGTERM',
  () =>
    void kiosk.close().then(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    }),
);
