// Starts the kiosk with everything simulated: the collection-gateway simulator, in-process
// device emulators behind sim:// ports, a network switch, the host and the developer panel.
// Devices whose config port is a real path (a device or an external emulator on a pty) are
// opened for real, so mixing real and emulated hardware needs no code change.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { KioskConfig } from '../src/config/schema';
import { startHost, type RunningHost } from '../src/host/start-host';
import { startControlServer, type ControlTargets } from './control-server';
import type { ControlState } from './control/protocol';
import { createEmulatorBinding } from './devices/emulator-binding';
import { Id003Emulator } from './devices/id003-emulator';
import { LineScannerEmulator } from './devices/line-scanner-emulator';
import { startGatewaySim, type GatewaySim } from './gateway/server';
import { NetworkSwitch } from './network-switch';

export interface SimulatedKiosk {
  host: RunningHost;
  kioskUrl: string;
  panelUrl: string | null;
  gateway: GatewaySim | null;
  acceptor: Id003Emulator;
  scanner: LineScannerEmulator;
  network: NetworkSwitch;
  close(): Promise<void>;
}

export const PANEL_DIR = path.resolve(import.meta.dirname, '../dist/dev-panel');

export async function launchSimulatedKiosk(
  config: KioskConfig,
  o: { controlPort?: number; uiDir?: string } = {},
): Promise<SimulatedKiosk> {
  const closers: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c();
  };
  try {
    let gateway: GatewaySim | null = null;
    if (config.simulation.gateway) {
      mkdirSync(path.dirname(config.simulation.gateway.dbPath), { recursive: true });
      gateway = await startGatewaySim({
        dbPath: config.simulation.gateway.dbPath,
        port: config.simulation.gateway.port,
      });
      closers.push(() => gateway?.close());
      config = { ...config, gateway: { ...config.gateway, baseUrl: gateway.url } };
    }
    const acceptor = new Id003Emulator();
    const stacked: number[] = [];
    acceptor.events.on('stacked', (v) => stacked.push(v));
    const scanner = new LineScannerEmulator();
    const binding = createEmulatorBinding({
      'sim://bill-acceptor': acceptor,
      'sim://scanner': scanner,
    });
    const network = new NetworkSwitch();
    // The panel starts first so that the kiosk page may be framed by its real origin.
    let host: RunningHost | null = null;
    let panelUrl: string | null = null;
    if (config.simulation.devPanel) {
      const control = await startControlServer({
        port: o.controlPort ?? config.server.port + 1,
        panelDir: PANEL_DIR,
        targets: controlTargets({ acceptor, scanner, network, stacked, host: () => host, gateway }),
      });
      closers.push(() => control.close());
      panelUrl = control.url;
    }
    host = await startHost(config, {
      bindingFor: (port) => (port.startsWith('sim://') ? binding : undefined),
      fetch: network.fetch,
      ...(o.uiDir ? { uiDir: o.uiDir } : {}),
      frameAncestors: panelUrl ? new URL(panelUrl).origin : "'none'",
    });
    const started = host;
    closers.push(() => started.close());
    return { host, kioskUrl: host.url, panelUrl, gateway, acceptor, scanner, network, close };
  } catch (err) {
    await close();
    throw err;
  }
}

function controlTargets(w: {
  acceptor: Id003Emulator;
  scanner: LineScannerEmulator;
  network: NetworkSwitch;
  stacked: number[];
  host: () => RunningHost | null;
  gateway: GatewaySim | null;
}): ControlTargets {
  const { acceptor, scanner, network, stacked, host, gateway } = w;
  return {
    insertNote: (value) =>
      acceptor.insertNote(value)
        ? { ok: true, message: `inserted ${value} fen` }
        : { ok: false, message: `the acceptor refused the note (state ${acceptor.state})` },
    scan: (text) => {
      scanner.scan(text);
      return { ok: true, message: `scanned ${text.length} characters` };
    },
    setNetwork: (online) => {
      network.online = online;
      if (online) host()?.syncWorker.retryNow();
      return { ok: true, message: online ? 'network restored' : 'network pulled' };
    },
    state: (): ControlState => ({
      kioskUrl: host()?.url ?? '',
      gatewayUrl: gateway?.url ?? null,
      network: { online: network.online },
      billAcceptor: {
        state: acceptor.state,
        denominations: host()?.acceptor.status.denominations ?? [],
      },
      stackedNotes: [...stacked],
    }),
  };
}

/** Debian's Chromium in kiosk mode, if present (the flags keep it off the network). */
export function chromiumKioskArgs(url: string, userDataDir: string): string[] {
  return [
    '--kiosk',
    `--app=${url}`,
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${userDataDir}`,
  ];
}

export const CHROMIUM =
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)) ?? null;
