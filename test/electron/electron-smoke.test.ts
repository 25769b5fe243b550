// Electron-only behaviour, run where the Electron binary exists (it cannot be downloaded on
// every machine: installs use ELECTRON_SKIP_BINARY_DOWNLOAD=1). Where it is missing this suite
// says so and runs nothing; the shell's logic is covered by shell.test.ts everywhere.
// Native modules must be rebuilt for Electron first: `npx electron-builder install-app-deps`.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewaySim, type GatewaySim } from '../../sim/gateway/server';
import { buildElectron } from '../../tools/build-electron.js';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';

const ROOT = path.resolve(import.meta.dirname, '../..');
const pathFile = path.join(ROOT, 'node_modules/electron/path.txt');
const binary = existsSync(pathFile)
  ? path.join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8'))
  : null;
const present = binary !== null && existsSync(binary);
if (!present) {
  console.warn(
    'Electron binary not installed on this machine: the Electron smoke suite did not run.',
  );
}

describe.runIf(present)('the Electron kiosk (real binary)', () => {
  let app: ElectronApplication;
  let gateway: GatewaySim;

  beforeAll(async () => {
    await buildElectron();
    const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-electron-'));
    gateway = await startGatewaySim({ dbPath: ':memory:' });
    const config = path.join(dir, 'kiosk.json');
    writeFileSync(
      config,
      JSON.stringify({
        terminal: { id: 'SH-XH-WK-0007', secret: DEMO_TERMINALS['SH-XH-WK-0007'] },
        gateway: { baseUrl: gateway.url, labPlainHttp: true },
        server: { port: 0 },
        journal: { path: path.join(dir, 'journal.sqlite') },
        logging: { dir: path.join(dir, 'log') },
        devices: { billAcceptor: { driver: 'id003', port: '/dev/null' } },
      }),
    );
    const req = createRequire(import.meta.url);
    app = await _electron.launch({
      executablePath: req('electron') as string,
      args: ['--no-sandbox', path.join(ROOT, 'dist/electron/main.js')],
      env: { ...process.env, KIOSK_CONFIG: config },
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await gateway?.close();
  });

  it('shows the attract screen through the preload bridge, with no Node in the page', async () => {
    const page = await app.firstWindow();
    await page.getByRole('button', { name: '开始缴费' }).waitFor();
    // Runs in the page; globalThis is the window there.
    const globals = await page.evaluate(() => {
      const w = globalThis as unknown as Record<string, object | undefined>;
      return {
        require: typeof w.require,
        process: typeof w.process,
        api: Object.keys(w.kioskApi ?? {}).sort(),
      };
    });
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      api: ['send', 'subscribe'],
    });
  });

  it('cannot be navigated away from the app', async () => {
    const page = await app.firstWindow();
    await page
      .evaluate(() => {
        (globalThis as unknown as { location: { href: string } }).location.href =
          'https://example.com/';
      })
      .catch(() => undefined);
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/kiosk\//);
  });
});
