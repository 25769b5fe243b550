// The kiosk host as P8 runs it for thousands of customers: the production host (startHost) in
// browser mode, with emulated devices at the far end of the wire (ID-003 acceptor, line-mode
// scanner; no printer, so receipts are shown on screen) and the gateway in another process (its URL in argv[2]). Bundled by
// tools/build-host.js and run on plain Node, as the production host runs.
//
// The driver (p8-sessions.ts) talks to it over the Node IPC channel (p8-protocol.ts): a note
// into the acceptor, a code under the scanner, a census of what is alive, a heap snapshot.
// The first message is where the KioskApi is.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { createEmulatorBinding } from '../../sim/devices/emulator-binding';
import { Id003Emulator } from '../../sim/devices/id003-emulator';
import { LineScannerEmulator } from '../../sim/devices/line-scanner-emulator';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';
import { KioskConfig } from '../../src/config/schema';
import { startHost } from '../../src/host/start-host';
import { census } from './p8-census';
import { P8Request, type P8Reply, type P8Ready } from './p8-protocol';
import { P8_TIMING } from './p8-timing';

const TERMINAL = 'SH-XH-WK-0007';
const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-p8-'));
const config = KioskConfig.parse({
  terminal: { id: TERMINAL, secret: DEMO_TERMINALS[TERMINAL] },
  gateway: { baseUrl: process.argv[2], labPlainHttp: true },
  server: { port: 0 },
  journal: { path: path.join(dir, 'journal.sqlite') },
  logging: { dir: path.join(dir, 'log'), level: 'info' },
  devices: {
    billAcceptor: {
      driver: 'id003',
      port: 'sim://bill-acceptor',
      pollIntervalMs: P8_TIMING.acceptorPollMs,
    },
    scanner: { driver: 'serial-line', port: 'sim://scanner' },
  },
});
// The screens' waits are shortened below the config's floors (for people) so that thousands of
// sessions fit in minutes; the host's code is the same, only its timers are shorter.
config.session = { ...config.session, ...P8_TIMING.session };

const acceptor = new Id003Emulator();
const scanner = new LineScannerEmulator();
const binding = createEmulatorBinding({
  'sim://bill-acceptor': acceptor,
  'sim://scanner': scanner,
});
const host = await startHost(config, { bindingFor: () => binding });

const send = (m: P8Reply | P8Ready) => process.send?.(m);

process.on('message', (raw) => {
  const parsed = P8Request.safeParse(raw);
  if (!parsed.success) {
    const id = (raw as { id?: unknown } | null)?.id;
    const message = parsed.error.issues[0]?.message ?? 'invalid';
    send({ id: typeof id === 'number' ? id : -1, ok: false, message: `bad request: ${message}` });
    return;
  }
  const r = parsed.data;
  switch (r.cmd) {
    case 'note':
      return send(
        acceptor.insertNote(r.value)
          ? { id: r.id, ok: true }
          : { id: r.id, ok: false, message: `acceptor ${acceptor.state}` },
      );
    case 'scan':
      scanner.scan(r.text);
      return send({ id: r.id, ok: true });
    case 'census':
      return send({
        id: r.id,
        ok: true,
        census: { ...census({ host, emulators: { acceptor, scanner } }), ...journalFigures() },
      });
    case 'heapSnapshot':
      writeHeapSnapshot(r.file);
      return send({ id: r.id, ok: true });
  }
});

await waitForAcceptor();
send({ ready: true, launchUrl: host.launchUrl() });

const stop = () =>
  void host.close().then(() => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
process.once('SIGTERM', stop);
// The driver went away: do not outlive it.
process.once('disconnect', stop);

/** The journal's size and its page cache limit (SQLite's cache grows with the file up to it). */
function journalFigures(): { journalMb: number; journalCacheLimitMb: number } {
  const pragma = (name: string) =>
    Number(Object.values(host.money.db.prepare(`PRAGMA ${name}`).get() as object)[0]);
  const pageSize = pragma('page_size');
  const cache = pragma('cache_size'); // negative: KiB; positive: pages
  const mb = (bytes: number) => Math.round(bytes / 104_857.6) / 10;
  return {
    journalMb: mb(pragma('page_count') * pageSize),
    journalCacheLimitMb: mb(cache < 0 ? -cache * 1024 : cache * pageSize),
  };
}

function waitForAcceptor(): Promise<void> {
  return new Promise((resolve) => {
    if (host.acceptor.status.device === 'online') return resolve();
    const off = host.acceptor.onStatus((s) => {
      if (s.device !== 'online') return;
      off();
      resolve();
    });
  });
}
