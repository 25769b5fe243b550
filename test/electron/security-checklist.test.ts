// Electron's security checklist (docs/tutorial/security.md, "Checklist: Security
// recommendations"), one test per item, each asserting what the shell does for it. Where an
// item cannot apply (no webview, no shell.openExternal), the test asserts what keeps it so.
import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Configuration } from 'electron-builder';
import { describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { IPC_EVENT_CHANNEL, IPC_LATEST_CHANNEL } from '../../src/api/kiosk-api';
import { APP_CONTENT_SECURITY_POLICY } from '../../src/electron/app-headers';
import { APP_SCHEME, handleAppRequest } from '../../src/electron/app-protocol';
import { prepareBeforeReady } from '../../src/electron/before-ready';
import { bindKioskIpc } from '../../src/electron/ipc-transport';
import { OUT_OF_SERVICE_URL } from '../../src/electron/out-of-service-page';
import { limitPermissions, hardenContents } from '../../src/electron/security';
import { APP_URL, isTrustedUrl } from '../../src/electron/trusted-url';
import { kioskWindowOptions } from '../../src/electron/window-options';
import { SCREENS, snapshot } from '../ui/screens.fixture';

const ROOT = path.resolve(import.meta.dirname, '../..');
const packaged = kioskWindowOptions({ preload: '/app/preload.cjs', packaged: true });
const prefs = packaged.webPreferences ?? {};

/** Every TypeScript source of these folders, as [file, text]. */
function sources(...dirs: string[]): [string, string][] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) return walk(file);
      return /\.tsx?$/.test(name) ? [file] : [];
    });
  return dirs
    .flatMap((d) => walk(path.join(ROOT, d)))
    .map((f) => [path.relative(ROOT, f), readFileSync(f, 'utf8')]);
}
const filesMatching = (pattern: RegExp, ...dirs: string[]) =>
  sources(...dirs)
    .filter(([, text]) => pattern.test(text))
    .map(([file]) => file);

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  const contents = {
    on: (name: string, fn: (...a: unknown[]) => void) => emitter.on(name, fn),
    setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
  };
  hardenContents(contents as never);
  const prevented = (name: string, url: string, ...rest: unknown[]) => {
    const event = { url, preventDefault: vi.fn() };
    emitter.emit(name, event, ...rest);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { prevented, openWindow: (url: string) => openHandler?.({ url }) };
}

const appResponse = (url: string) =>
  handleAppRequest(path.join(ROOT, 'dist/ui'), url, async () => new Response('<!doctype html>'));

// The preload, loaded against a stand-in for Electron's renderer modules.
const bridge = vi.hoisted(() => ({
  exposed: [] as [string, unknown][],
  sent: [] as unknown[][],
}));
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.push([key, api]),
  },
  ipcRenderer: {
    on: () => undefined,
    removeListener: () => undefined,
    invoke: () => Promise.resolve(null),
    send: (...args: unknown[]) => bridge.sent.push(args),
  },
}));

describe('Electron security checklist', () => {
  it('1. Only load secure content', async () => {
    // The window loads the app:// scheme only, registered as secure, and its policy allows no
    // source on any network: only the app itself and data: images.
    expect(isTrustedUrl(APP_URL)).toBe(true);
    expect(isTrustedUrl(OUT_OF_SERVICE_URL)).toBe(true);
    expect(APP_SCHEME.privileges?.secure).toBe(true);
    const sources = APP_CONTENT_SECURITY_POLICY.split(';').flatMap((d) =>
      d.trim().split(/\s+/).slice(1),
    );
    expect(new Set(sources)).toEqual(new Set(["'self'", "'none'", 'data:']));
    expect(filesMatching(/['"`](https?|wss?):\/\//, 'src/electron')).toEqual([]);
  });

  it('2. Do not enable Node.js integration for remote content', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('3. Enable context isolation', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(kioskWindowOptions({ preload: '/p', packaged: false }).webPreferences).toMatchObject({
      contextIsolation: true,
    });
  });

  it('4. Enable process sandboxing', () => {
    expect(prefs.sandbox).toBe(true);
    const app = { enableSandbox: vi.fn(), disableHardwareAcceleration: vi.fn() };
    prepareBeforeReady({
      app,
      protocol: { registerSchemesAsPrivileged: vi.fn() },
      gpu: { disableHardwareAcceleration: false },
      log: () => undefined,
    });
    expect(app.enableSandbox).toHaveBeenCalledOnce(); // every renderer, whatever its options
  });

  it('5. Handle session permission requests from remote content', () => {
    type Handler = (...a: unknown[]) => unknown;
    const unset: Handler = () => 'not set';
    const handlers = { request: unset, check: unset, device: unset };
    limitPermissions({
      setPermissionRequestHandler: (h: Handler) => (handlers.request = h),
      setPermissionCheckHandler: (h: Handler) => (handlers.check = h),
      setDevicePermissionHandler: (h: Handler) => (handlers.device = h),
    } as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'hid', 'serial']) {
      const callback = vi.fn();
      handlers.request(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(handlers.check(null, permission, APP_URL)).toBe(false);
    }
    expect(handlers.device({ deviceType: 'serial', origin: APP_URL })).toBe(false);
    // The one exception: the document camera, video only, for the kiosk's own page
    // (test/electron/permissions.test.ts, rule by rule).
    const camera = vi.fn();
    handlers.request(null, 'media', camera, {
      requestingUrl: APP_URL,
      isMainFrame: true,
      mediaTypes: ['video'],
    });
    expect(camera).toHaveBeenCalledWith(true);
  });

  it('6. Do not disable webSecurity', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(filesMatching(/webSecurity:\s*false/, 'src')).toEqual([]);
  });

  it('7. Define a Content Security Policy', async () => {
    const directives = Object.fromEntries(
      APP_CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'connect-src': "'none'",
      'frame-ancestors': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'object-src': "'none'",
    });
    // On every app:// response: a page, a file that does not exist, the out-of-service page,
    // a path that tries to climb out of the renderer.
    for (const url of [
      APP_URL,
      'app://kiosk/assets/missing.js',
      OUT_OF_SERVICE_URL,
      'app://kiosk/..%2F..%2Fetc%2Fpasswd',
    ]) {
      const res = await appResponse(url);
      expect(res.headers.get('content-security-policy'), url).toBe(APP_CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), url).toBe('no-referrer');
    }
  });

  it('8. Do not enable allowRunningInsecureContent', () => {
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(filesMatching(/allowRunningInsecureContent:\s*true/, 'src')).toEqual([]);
  });

  it('9. Do not enable experimental features', () => {
    expect(prefs.experimentalFeatures).toBe(false);
    expect(filesMatching(/experimentalFeatures:\s*true/, 'src')).toEqual([]);
  });

  it('10. Do not use enableBlinkFeatures', () => {
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(filesMatching(/enableBlinkFeatures/, 'src', 'ui')).toEqual([]);
  });

  it('11. Do not use allowpopups for WebViews', () => {
    // There are no webviews: the tag is off and every attach is refused (item 12).
    expect(prefs.webviewTag).toBe(false);
    expect(filesMatching(/allowpopups/i, 'src', 'ui')).toEqual([]);
  });

  it('12. Verify WebView options before creation', () => {
    const { prevented } = fakeContents();
    expect(prevented('will-attach-webview', 'app://kiosk/', {}, { src: APP_URL })).toBe(true);
    expect(
      prevented('will-attach-webview', '', { nodeIntegration: true }, { src: 'https://x/' }),
    ).toBe(true);
  });

  it('13. Disable or limit navigation', () => {
    const { prevented } = fakeContents();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(prevented(event, 'app://kiosk/index.html'), event).toBe(false);
      for (const away of [
        'https://example.com/',
        'app://kiosk.attacker.example/',
        'app://user@kiosk/',
        'file:///etc/passwd',
        'javascript:alert(1)',
        'http://127.0.0.1:8730/',
      ]) {
        expect(prevented(event, away), `${event} ${away}`).toBe(true);
      }
    }
  });

  it('14. Disable or limit creation of new windows', () => {
    const { openWindow } = fakeContents();
    for (const url of [APP_URL, 'https://example.com/', 'about:blank']) {
      expect(openWindow(url)).toEqual({ action: 'deny' });
    }
  });

  it('15. Do not use shell.openExternal with untrusted content', () => {
    // The kiosk opens nothing outside itself: no openExternal, no shell module at all.
    expect(filesMatching(/openExternal/, 'src', 'ui')).toEqual([]);
    expect(filesMatching(/import\s*{[^}]*\bshell\b[^}]*}\s*from\s*'electron'/, 'src')).toEqual([]);
  });

  it('16. Use a current version of Electron', () => {
    // Electron supports its latest three stable majors; 45 is the latest as of this release,
    // so the oldest still supported is 43. Raise this when a new major ships.
    const OLDEST_SUPPORTED_MAJOR = 43;
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const installed = JSON.parse(
      readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8'),
    ).version as string;
    const wanted = /^\^(\d+)\./.exec(pkg.devDependencies.electron)?.[1];
    expect(Number(wanted)).toBeGreaterThanOrEqual(OLDEST_SUPPORTED_MAJOR);
    expect(installed.split('.')[0]).toBe(wanted);
  });

  it('17. Validate the sender of all IPC messages', () => {
    const ipc = new EventEmitter();
    const handlers = new Map<string, (e: unknown) => unknown>();
    const host = {
      send: vi.fn(),
      latest: () => snapshot(SCREENS.attract, { seq: 1 }),
      onSnapshot: () => () => undefined,
    };
    bindKioskIpc({
      ipcMain: {
        on: (c: string, f: (...a: unknown[]) => void) => ipc.on(c, f),
        removeListener: () => undefined,
        handle: (c: string, f: (e: unknown) => unknown) => handlers.set(c, f),
        removeHandler: () => undefined,
      } as never,
      window: { webContents: { send: () => undefined } },
      host,
      log: { warn: () => undefined },
    });
    const start = { type: 'event', event: { type: 'START' } };
    for (const senderFrame of [
      { url: 'https://evil.example/' },
      { url: 'app://kiosk.evil/' },
      { url: 'file:///app/index.html' },
      null, // a frame already gone
    ]) {
      ipc.emit(IPC_EVENT_CHANNEL, { senderFrame }, start);
      expect(handlers.get(IPC_LATEST_CHANNEL)?.({ senderFrame })).toBeNull();
    }
    expect(host.send).not.toHaveBeenCalled();
    ipc.emit(IPC_EVENT_CHANNEL, { senderFrame: { url: APP_URL } }, start);
    expect(host.send).toHaveBeenCalledWith({ type: 'START' });
  });

  it('18. Avoid usage of the file:// protocol and prefer usage of custom protocols', async () => {
    expect(APP_SCHEME.scheme).toBe('app');
    expect(APP_SCHEME.privileges).not.toHaveProperty('bypassCSP');
    expect(filesMatching(/\.loadFile\(|loadURL\(\s*['"`]file:/, 'src')).toEqual([]);
    // The handler maps app:// onto the renderer's files and nothing else.
    expect((await appResponse('app://kiosk/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    expect((await appResponse('app://elsewhere/index.html')).status).toBe(404);
    expect(fuses().grantFileProtocolExtraPrivileges).toBe(false);
  });

  it('19. Check which fuses you can change', () => {
    // Every fuse electron-builder can flip is set (the type makes a new one a compile error).
    const expected: Required<Omit<Fuses, 'resetAdHocDarwinSignature'>> = {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    };
    expect(fuses()).toEqual(expected);
  });

  it('20. Do not expose Electron APIs to untrusted web content', async () => {
    await import('../../src/electron/preload');
    expect(bridge.exposed.map(([key]) => key)).toEqual(['kioskApi', 'kioskPhotos']);
    // The photos: upload and discard on their two channels (checked in photo-ipc.ts).
    const photos = (bridge.exposed[1]?.[1] ?? {}) as Record<string, unknown>;
    expect(Object.keys(photos).sort()).toEqual(['discard', 'upload']);
    const api = (bridge.exposed[0]?.[1] ?? {}) as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['send', 'subscribe']);
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    // send() forwards a user event on the one event channel, never a channel of the caller's.
    (api.send as (e: unknown) => void)({ type: 'START' });
    expect(bridge.sent).toEqual([[IPC_EVENT_CHANNEL, { type: 'event', event: { type: 'START' } }]]);
  });
});

type Fuses = NonNullable<Configuration['electronFuses']>;

function fuses(): Fuses {
  const config = parseYaml(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as {
    electronFuses?: Fuses;
  };
  return config.electronFuses ?? {};
}
