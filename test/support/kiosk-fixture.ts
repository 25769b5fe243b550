// A whole simulated kiosk in a temporary folder on free ports: gateway simulator, emulated
// devices, host and developer panel, as `npm start` runs them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KioskConfig } from '../../src/config/schema';
import { launchSimulatedKiosk, type SimulatedKiosk } from '../../sim/launch';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';
import { CHROMIUM_PATH } from './browser';

export const TERMINAL_ID = 'SH-XH-WK-0007';

/** The service hall residents are sent to (config site.serviceHall), as in the demo config. */
export const SERVICE_HALL = {
  name: { 'zh-CN': '国网上海徐汇供电营业厅', en: 'State Grid Xuhui service hall' },
  address: { 'zh-CN': '徐汇区漕溪北路 201 号', en: '201 North Caoxi Road, Xuhui' },
  hours: { 'zh-CN': '周一至周六 8:30—17:00', en: 'Monday to Saturday, 8:30 to 17:00' },
};

export function testConfig(dir: string, overrides: Partial<KioskConfig> = {}): KioskConfig {
  return KioskConfig.parse({
    terminal: { id: TERMINAL_ID, secret: DEMO_TERMINALS[TERMINAL_ID] },
    gateway: { baseUrl: 'http://127.0.0.1:1', timeoutMs: 3000 },
    server: { host: '127.0.0.1', port: 0 },
    site: { serviceHall: SERVICE_HALL },
    journal: { path: path.join(dir, 'journal.sqlite') },
    logging: { dir: path.join(dir, 'log'), level: 'debug' },
    devices: {
      billAcceptor: { driver: 'id003', port: 'sim://bill-acceptor', pollIntervalMs: 100 },
      scanner: { driver: 'serial-line', port: 'sim://scanner' },
      printer: { driver: 'escpos', port: 'sim://printer', paper: 80, pollIntervalMs: 1000 },
    },
    session: { writeOffWaitMs: 3000, doneScreenMs: 60_000 },
    simulation: { gateway: { port: 0, dbPath: path.join(dir, 'gateway.sqlite') }, devPanel: true },
    ...overrides,
  });
}

export async function startTestKiosk(
  overrides: Partial<KioskConfig> = {},
  o: {
    clock?: () => number;
    /** The state folder of a kiosk that ran before (a restart); default a fresh one. */
    dir?: string;
    /** A fake document camera for Chromium (its pages drawn by Chromium: a few seconds once). */
    fakeCamera?: boolean;
  } = {},
): Promise<SimulatedKiosk & { dir: string; stop(): Promise<void> }> {
  const dir = o.dir ?? mkdtempSync(path.join(tmpdir(), 'kiosk-test-'));
  const kiosk = await launchSimulatedKiosk(testConfig(dir, overrides), {
    controlPort: 0,
    ...(o.clock ? { clock: o.clock } : {}),
    ...(o.fakeCamera ? { fakeCamera: { chromiumPath: CHROMIUM_PATH } } : {}),
  });
  return {
    ...kiosk,
    dir,
    async stop() {
      await kiosk.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestKioskHandle = Awaited<ReturnType<typeof startTestKiosk>>;
