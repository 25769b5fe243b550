// Starts the kiosk with everything simulated: the collection-gateway simulator, in-process
// device emulators behind sim:// ports, a network switch, the host and the developer panel.
// The emulated acceptor speaks the config's driver protocol (ID-003 or SSP). Devices whose
// config port is a real path (a device or an external emulator on a pty) are opened for real,
// so mixing real and emulated hardware needs no code change.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { KioskConfig } from '../src/config/schema';
import { startHost, type RunningHost } from '../src/host/start-host';
import { AcceptorControl } from './acceptor-control';
import { startControlServer, type ControlTargets } from './control-server';
import type { ControlState } from './control/protocol';
import type { AcceptorEmulator } from './devices/acceptor-emulator';
import { createEmulatorBinding, type EmulatedDevice } from './devices/emulator-binding';
import { LineScannerEmulator } from './devices/line-scanner-emulator';
import { PcscEmulator } from './devices/card-reader-emulator';
import { HidScannerEmulator } from './devices/hid-scanner-emulator';
import { PrinterEmulator } from './devices/printer-emulator';
import { CardControl } from './card-control';
import { createAcceptorEmulator } from './devices/pty-devices';
import { startGatewaySim, type GatewaySim } from './gateway/server';
import { NetworkSwitch } from './network-switch';
import { PrinterControl } from './printer-control';
import { FakeCamera } from './fake-camera/fake-camera';

export interface SimulatedKiosk {
  host: RunningHost;
  /** The host's address; the page opens as the kiosk's screen only at a launchUrl(). */
  kioskUrl: string;
  /** A one-time address that opens the kiosk page as the kiosk's screen. */
  launchUrl(): string;
  /** The developer panel, its control token in the fragment (for the panel's page only). */
  panelUrl: string | null;
  /** Every control route needs it: `authorization: Bearer TOKEN`. */
  controlToken: string | null;
  gateway: GatewaySim | null;
  /** The in-process acceptor; wired to the host only when the config's port is sim://. */
  acceptor: AcceptorEmulator;
  /** The in-process line-mode scanner (config driver serial-line on a sim:// port). */
  scanner: LineScannerEmulator;
  /** The in-process HID POS scanner (config driver hid-pos on a sim:// port). */
  hidScanner: HidScannerEmulator;
  /** The in-process card reader: present or take away a card. */
  cards: CardControl;
  /** The in-process receipt printer; wired to the host only when the config's port is sim://. */
  printer: PrinterEmulator;
  network: NetworkSwitch;
  /** The fake document camera Chromium plays (`chromiumCameraArgs(camera.file)`); null: none. */
  camera: FakeCamera | null;
  close(): Promise<void>;
}

const CARD_READER_NAME = 'Emulated PC/SC reader 00 00';

export const PANEL_DIR = path.resolve(import.meta.dirname, '../dist/dev-panel');

export async function launchSimulatedKiosk(
  config: KioskConfig,
  o: {
    controlPort?: number;
    uiDir?: string;
    /** One clock for the host and the gateway simulator (tests move it, e.g. past midnight). */
    clock?: () => number;
    /** Draws the fake document camera's pages with this Chromium (sim/fake-camera/). */
    fakeCamera?: { chromiumPath: string };
  } = {},
): Promise<SimulatedKiosk> {
  const clock = o.clock;
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
        ...(clock ? { now: () => new Date(clock()) } : {}),
      });
      closers.push(() => gateway?.close());
      config = { ...config, gateway: { ...config.gateway, baseUrl: gateway.url } };
    }
    const devices = config.devices;
    const acceptor = createAcceptorEmulator(devices.billAcceptor.driver);
    const lineScanner = new LineScannerEmulator();
    // Answers at the config's sim:// address (the driver opens it as a path).
    const hidScanner = new HidScannerEmulator({ path: devices.scanner?.port ?? 'sim://scanner' });
    const scanner: { scan(text: string): unknown } =
      devices.scanner?.driver === 'hid-pos' ? hidScanner : lineScanner;
    const pcsc = new PcscEmulator();
    pcsc.addReader(CARD_READER_NAME);
    const cards = new CardControl(pcsc, CARD_READER_NAME);
    const emulated: Record<string, EmulatedDevice> = {};
    const simulated = (port: string | undefined) => port?.startsWith('sim://') === true;
    if (simulated(devices.billAcceptor.port)) emulated[devices.billAcceptor.port] = acceptor;
    if (devices.scanner?.driver === 'serial-line' && simulated(devices.scanner.port))
      emulated[devices.scanner.port] = lineScanner;
    const printer = new PrinterEmulator(devices.printer?.paper ?? 80);
    const printerSimulated = devices.printer !== undefined && simulated(devices.printer.port);
    if (devices.printer && printerSimulated) emulated[devices.printer.port] = printer;
    const binding = createEmulatorBinding(emulated);
    const acceptorControl = simulated(devices.billAcceptor.port)
      ? new AcceptorControl(acceptor)
      : null;
    const network = new NetworkSwitch();
    let camera: FakeCamera | null = null;
    if (o.fakeCamera) {
      const cameraDir = mkdtempSync(path.join(tmpdir(), 'kiosk-camera-'));
      closers.push(() => rmSync(cameraDir, { recursive: true, force: true }));
      camera = await FakeCamera.prepare({ dir: cameraDir, ...o.fakeCamera });
    }
    // The panel starts first so that the kiosk page may be framed by its real origin.
    let host: RunningHost | null = null;
    let panelUrl: string | null = null;
    let controlToken: string | null = null;
    if (config.simulation.devPanel) {
      const control = await startControlServer({
        // Beside the kiosk's port; with the kiosk on a free port (0), on a free port too.
        port: o.controlPort ?? (config.server.port === 0 ? 0 : config.server.port + 1),
        panelDir: PANEL_DIR,
        targets: controlTargets({
          acceptor: acceptorControl,
          printer: printerSimulated ? new PrinterControl(printer) : null,
          cards: simulated(devices.cardReader?.reader) ? cards : null,
          scanner,
          network,
          host: () => host,
          gateway,
          camera,
          cardsOfConfig: demoCards(config),
        }),
      });
      closers.push(() => control.close());
      panelUrl = `${control.url}#token=${control.token}`;
      controlToken = control.token;
    }
    host = await startHost(config, {
      bindingFor: (port) => (port.startsWith('sim://') ? binding : undefined),
      hidFor: (port) => (port.startsWith('sim://') ? hidScanner.open : undefined),
      pcscFor: (reader) => (reader.startsWith('sim://') ? pcsc.factory : undefined),
      fetch: network.fetch,
      ...(o.uiDir ? { uiDir: o.uiDir } : {}),
      ...(clock ? { clock } : {}),
      frameAncestors: panelUrl ? new URL(panelUrl).origin : "'none'",
    });
    const started = host;
    closers.push(() => started.close());
    return {
      host,
      kioskUrl: host.url,
      launchUrl: () => started.launchUrl(),
      panelUrl,
      controlToken,
      gateway,
      acceptor,
      scanner: lineScanner,
      hidScanner,
      cards,
      printer,
      network,
      camera,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

function controlTargets(w: {
  acceptor: AcceptorControl | null;
  printer: PrinterControl | null;
  cards: CardControl | null;
  scanner: { scan(text: string): unknown };
  network: NetworkSwitch;
  host: () => RunningHost | null;
  gateway: GatewaySim | null;
  camera: FakeCamera | null;
  cardsOfConfig: { label: string; uid: string }[];
}): ControlTargets {
  const { acceptor, printer, cards, scanner, network, host, gateway, camera } = w;
  return {
    ...(acceptor ? { acceptor } : {}),
    ...(printer ? { printer } : {}),
    ...(cards ? { cards } : {}),
    ...(camera
      ? {
          camera: (shot) => {
            camera.show(shot);
            return { ok: true, message: `the camera shows ${shot} from its next start` };
          },
        }
      : {}),
    scan: (text) => {
      scanner.scan(text);
      return { ok: true, message: `scanned ${text.length} characters` };
    },
    kiosk: {
      launchUrl: () => {
        const running = host();
        if (!running) throw new Error('the kiosk host is not running yet');
        return running.launchUrl();
      },
      setNetwork: (online) => {
        network.online = online;
        if (online) host()?.syncWorker.retryNow();
        return { ok: true, message: online ? 'network restored' : 'network pulled' };
      },
      state: (): ControlState => {
        const emulated = acceptor?.state() ?? null;
        return {
          kioskUrl: host()?.url ?? '',
          gatewayUrl: gateway?.url ?? null,
          network: { online: network.online },
          billAcceptor: {
            state: emulated?.state ?? 'external',
            denominations: host()?.acceptor.status.denominations ?? [],
          },
          stackedNotes: emulated?.log.stacked ?? [],
          acceptor: emulated,
          printer: printer?.state() ?? null,
          cards: cards ? w.cardsOfConfig : [],
          camera: camera ? { shown: camera.shown } : null,
        };
      },
    },
  };
}

/** Debian's Chromium in kiosk mode, if present (the flags keep it off the network). */
export function chromiumKioskArgs(url: string, userDataDir: string): string[] {
  return [
    '--kiosk',
    `--app=${url}`,
    '--disable-pinch',
    // Voice guidance speaks the first screen before anyone has tapped (R6).
    '--autoplay-policy=no-user-gesture-required',
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

/** The config's cards as the developer panel offers them: whose each is, and its UID. */
function demoCards(config: KioskConfig): { label: string; uid: string }[] {
  const accounts = (config.devices.cardReader?.cards ?? []).map((c) => ({
    label: `account ${c.account}`,
    uid: c.uid,
  }));
  const people = config.people.flatMap((p) =>
    p.cardUid ? [{ label: `${p.role} ${p.staffNumber}`, uid: p.cardUid }] : [],
  );
  return [...accounts, ...people];
}
