// The Electron shell, kept thin: a locked-down kiosk window over the same host that browser
// mode runs. Everything it decides is in small modules beside it, tested without Electron;
// this file only wires them to Electron's objects.
import { app, BrowserWindow, ipcMain, Menu, net, protocol, session } from 'electron';
import path from 'node:path';
import { loadConfig } from '../config/load-config';
import { assertProductionConfig } from '../config/production';
import { startHost } from '../host/start-host';
import { handleAppRequest } from './app-protocol';
import { prepareBeforeReady } from './before-ready';
import { GpuFallbackFile, isGpuCrash } from './gpu-fallback';
import { HangRecovery } from './hang-recovery';
import { bindKioskIpc } from './ipc-transport';
import { OUT_OF_SERVICE_URL } from './out-of-service-page';
import { bindPhotoIpc } from './photo-ipc';
import { RendererRelauncher } from './renderer-relaunch';
import { limitPermissions, hardenContents } from './security';
import { APP_URL } from './trusted-url';
import { kioskWindowOptions } from './window-options';

const log = (message: string) => console.warn(`kiosk shell: ${message}`);

const gpuRecord = new GpuFallbackFile(path.join(app.getPath('userData'), 'gpu-crashes.json'), log);
prepareBeforeReady({ app, protocol, gpu: gpuRecord.read(), log });

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.exit(0);
    return;
  }
  await app.whenReady();
  Menu.setApplicationMenu(null);
  limitPermissions(session.defaultSession);
  app.on('web-contents-created', (_e, contents) => hardenContents(contents));
  app.on('child-process-gone', (_e, details) => {
    log(`${details.type} process gone (${details.reason}, exit code ${details.exitCode})`);
    if (isGpuCrash(details)) gpuRecord.recordCrash(Date.now());
  });

  // Bundled to dist/electron/main.js; the renderer is built beside it in dist/ui.
  const uiDir = process.env.KIOSK_UI_DIR ?? path.join(import.meta.dirname, '../ui');
  protocol.handle('app', (request) =>
    handleAppRequest(uiDir, request.url, (url) => net.fetch(url)),
  );

  const configFile =
    process.env.KIOSK_CONFIG ?? path.join(process.resourcesPath, 'config', 'kiosk.json');
  // The same refusals as the browser-mode host: no simulator ports, no simulated gateway.
  const config = loadConfig(configFile);
  assertProductionConfig(config);
  const host = await startHost(config, { serveBrowser: false });
  const window = new BrowserWindow(
    kioskWindowOptions({
      preload: path.join(import.meta.dirname, 'preload.cjs'),
      packaged: app.isPackaged,
    }),
  );
  bindKioskIpc({ ipcMain, window, host, log: console });
  bindPhotoIpc({ ipcMain, photos: host.community, log: console });

  const contents = window.webContents;
  const load = (url: string) => {
    if (window.isDestroyed()) return;
    window.loadURL(url).catch((err: Error) => log(`loading ${url}: ${err.message}`));
  };
  const relauncher = new RendererRelauncher({
    loadApp: () => load(APP_URL),
    loadOutOfService: () => load(OUT_OF_SERVICE_URL),
    log,
  });
  const hangs = new HangRecovery({
    reload: () => contents.reload(),
    killRenderer: () => contents.forcefullyCrashRenderer(),
    log,
  });
  contents.on('render-process-gone', (_e, details) => relauncher.gone(details.reason));
  contents.on('unresponsive', () => hangs.unresponsive());
  contents.on('responsive', () => hangs.responsive());
  window.on('closed', () => {
    hangs.dispose();
    relauncher.dispose();
  });
  app.on('window-all-closed', () => void host.close().then(() => app.quit()));
  await window.loadURL(APP_URL);
}

start().catch((err: Error) => {
  console.error(`kiosk: ${err.message}`);
  app.exit(1);
});
