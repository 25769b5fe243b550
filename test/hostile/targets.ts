// What the hostile suite attacks, each in its own process as it runs on a terminal:
// - the production host, compiled (dist/host/main.mjs), its bill acceptor an ID-003 emulator in
//   the pty runner's process on a socat pty (whose control server is attacked too), and the
//   gateway simulator in a third process;
// - the simulated kiosk of `npm start` (sim/start.ts), for the developer panel's control server.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';
import { EmulatorProcess } from '../crash/cash-emulator';
import { Child, GatewayProcess, ROOT } from '../crash/processes';
import { redeemLaunch } from '../support/kiosk-pass';
import { Screen } from './screen';

const TERMINAL = 'SH-XH-WK-0007';
const HOST_ENTRY = path.join(ROOT, 'dist/host/main.mjs');

export interface HostTarget {
  host: Child;
  port: number;
  /** The kiosk's own page, became the screen through the ticket file. */
  screen: Screen;
  logFile: string;
  ticketFile: string;
  /** The community room's photo vault beside the journal (what an upload leaves behind). */
  vaultDir: string;
  emulator: EmulatorProcess;
  gateway: GatewayProcess;
  stop(): Promise<void>;
}

/** The production host as a terminal runs it, with the outside world in other processes. */
export async function startHostTarget(): Promise<HostTarget> {
  if (!existsSync(HOST_ENTRY)) throw new Error('dist/host/main.mjs is missing: npm run build');
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-hostile-'));
  const stops: (() => Promise<void>)[] = [
    async () => rmSync(dir, { recursive: true, force: true }),
  ];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const gateway = await GatewayProcess.start(path.join(dir, 'gateway.sqlite'));
    stops.push(() => gateway.stop('SIGTERM'));
    const emulator = await EmulatorProcess.start({ link: path.join(dir, 'acceptor') });
    stops.push(() => emulator.stop('SIGTERM'));
    const ticketFile = path.join(dir, 'launch-ticket');
    const config = {
      terminal: { id: TERMINAL, secret: DEMO_TERMINALS[TERMINAL] },
      gateway: { baseUrl: gateway.url, timeoutMs: 3_000, labPlainHttp: true },
      server: { port: 0, launchTicketFile: ticketFile },
      journal: { path: path.join(dir, 'journal.sqlite') },
      logging: { dir: path.join(dir, 'log'), level: 'info' },
      devices: {
        billAcceptor: { driver: 'id003', port: emulator.ready?.port, pollIntervalMs: 50 },
      },
    };
    const configFile = path.join(dir, 'kiosk.json');
    writeFileSync(configFile, JSON.stringify(config));
    const proc = spawn(process.execPath, [HOST_ENTRY, '--config', configFile], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const host = new Child('kiosk host', proc);
    stops.push(() => host.stop('SIGTERM'));
    const url = await host.line(
      (l) => /ready at (http:\/\/\S+)/.exec(l)?.[1],
      'ready line',
      30_000,
    );
    const port = Number(new URL(url).port);
    const ticket = readFileSync(ticketFile, 'utf8').trim();
    const screen = new Screen(await redeemLaunch(`${url}?launch=${ticket}`));
    await screen.open();
    stops.push(async () => screen.close());
    return {
      host,
      port,
      screen,
      logFile: path.join(dir, 'log', 'kiosk.log'),
      ticketFile,
      vaultDir: path.join(dir, 'community-photos'),
      emulator,
      gateway,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

export interface PanelTarget {
  kiosk: Child;
  panelPort: number;
  controlToken: string;
  stop(): Promise<void>;
}

/** `npm start` with its developer panel, on free ports. */
export async function startPanelTarget(): Promise<PanelTarget> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-hostile-panel-'));
  const config = JSON.parse(readFileSync(path.join(ROOT, 'config/kiosk.demo.json'), 'utf8')) as {
    server: object;
    journal: object;
    logging: object;
    simulation: { gateway: object };
  };
  config.server = { host: '127.0.0.1', port: 0 };
  config.journal = { path: path.join(dir, 'journal.sqlite') };
  config.logging = { dir: path.join(dir, 'log') };
  config.simulation.gateway = { port: 0, dbPath: path.join(dir, 'gateway.sqlite') };
  const configFile = path.join(dir, 'kiosk.json');
  writeFileSync(configFile, JSON.stringify(config));
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', 'sim/start.ts', '--config', configFile],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const kiosk = new Child('npm start', proc);
  const stop = async () => {
    await kiosk.stop('SIGTERM').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const panel = await kiosk.line(
      (l) => /developer panel: (\S+)/.exec(l)?.[1],
      'developer panel line',
      60_000,
    );
    const url = new URL(panel);
    const controlToken = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
    return { kiosk, panelPort: Number(url.port), controlToken, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The process lives, answers GET /, and its screen is read and answered. */
export async function stillServing(t: HostTarget): Promise<void> {
  if (!t.host.alive) throw new Error(`the host exited: ${t.host.tail()}`);
  const res = await fetch(`http://127.0.0.1:${t.port}/`, { signal: AbortSignal.timeout(5_000) });
  if (res.status !== 403) throw new Error(`GET / answered ${res.status}, not the 403 page`);
  await res.arrayBuffer();
  await t.screen.probe();
}
