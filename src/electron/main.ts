// The Electron shell, kept thin: a locked-down kiosk window over the same host that browser
// mode runs. Everything it decides is in small modules beside it, tested without Electron.
import { app, BrowserWindow, ipcMain, Menu, net, protocol, session } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config/load-config';
import { startHost } from '../host/start-host';
import { resolveAppFile } from './app-protocol';
import { bindKioskIpc } from './ipc-transport';
import { denyAllPermissions, hardenContents } from './security';
import { APP_ORIGIN } from './trusted-url';
import { kioskWindowOptions } from './window-options';

const RELOAD_BACKOFF_MS = [1_000, 5_000, 30_000];

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.exit(0);
    return;
  }
  await app.whenReady();
  Menu.setApplicationMenu(null);
  denyAllPermissions(session.defaultSession);
  app.on('web-contents-created', (_e, contents) => hardenContents(contents));

  // Bundled to dist/electron/main.js; the renderer is built beside it in dist/ui.
  const uiDir = process.env.KIOSK_UI_DIR ?? path.join(import.meta.dirname, '../ui');
  protocol.handle('app', (request) => {
    const file = resolveAppFile(uiDir, request.url);
    return file
      ? net.fetch(pathToFileURL(file).toString())
      : new Response('not found', { status: 404 });
  });

  const configFile =
    process.env.KIOSK_CONFIG ?? path.join(process.resourcesPath, 'config', 'kiosk.json');
  const host = await startHost(loadConfig(configFile), { serveBrowser: false });
  const window = new BrowserWindow(
    kioskWindowOptions({
      preload: path.join(import.meta.dirname, 'preload.cjs'),
      packaged: app.isPackaged,
    }),
  );
  bindKioskIpc({ ipcMain, window, host, log: console });

  let crashes = 0;
  window.webContents.on('render-process-gone', (_e, details) => {
    const delay = RELOAD_BACKOFF_MS[Math.min(crashes++, RELOAD_BACKOFF_MS.length - 1)];
    console.warn(`renderer gone (${details.reason}); reloading in ${delay} ms`);
    setTimeout(() => void window.loadURL(`${APP_ORIGIN}/index.html`), delay);
  });
  app.on('window-all-closed', () => void host.close().then(() => app.quit()));
  await window.loadURL(`${APP_ORIGIN}/index.html`);
}

start().catch((err: Error) => {
  console.error(`kiosk: ${err.message}`);
  app.exit(1);
});
