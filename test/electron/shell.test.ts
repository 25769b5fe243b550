// The Electron shell's decisions, tested with its OS effects passed in as fakes.
import { EventEmitter } from 'node:events';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  IPC_EVENT_CHANNEL,
  IPC_LATEST_CHANNEL,
  IPC_SNAPSHOT_CHANNEL,
  type Snapshot,
} from '../../src/api/kiosk-api';
import { resolveAppFile } from '../../src/electron/app-protocol';
import { bindKioskIpc } from '../../src/electron/ipc-transport';
import { limitPermissions, hardenContents } from '../../src/electron/security';
import { isTrustedUrl } from '../../src/electron/trusted-url';
import { isBlockedKey, kioskWindowOptions } from '../../src/electron/window-options';
import { buildElectron } from '../../tools/build-electron.js';
import { SCREENS, snapshot as snapshotOf } from '../ui/screens.fixture';

describe('trusted URLs', () => {
  it.each([
    ['app://kiosk/index.html', true],
    ['app://kiosk/assets/a.js', true],
    ['app://kiosk.attacker.example/index.html', false],
    ['app://user:pw@kiosk/index.html', false],
    ['app://kiosk:8080/index.html', false],
    ['https://kiosk/index.html', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s → %s', (url, trusted) => expect(isTrustedUrl(url)).toBe(trusted));
});

describe('the app:// protocol', () => {
  it('serves files of the renderer folder only', () => {
    expect(resolveAppFile('/opt/ui', 'app://kiosk/')).toBe('/opt/ui/index.html');
    expect(resolveAppFile('/opt/ui', 'app://kiosk/assets/x.js')).toBe('/opt/ui/assets/x.js');
    // The URL parser folds dot segments inside the path; what is left must stay under the root.
    expect(resolveAppFile('/opt/ui', 'app://kiosk/%2e%2e/%2e%2e/etc/passwd')).toBe(
      '/opt/ui/etc/passwd',
    );
    // An encoded slash survives parsing and would climb out after decoding: refused.
    expect(resolveAppFile('/opt/ui', 'app://kiosk/..%2Fsecret')).toBeNull();
    expect(resolveAppFile('/opt/ui', 'app://kiosk/%2e%2e%2f%2e%2e%2fetc%2fpasswd')).toBeNull();
    expect(resolveAppFile('/opt/ui', 'app://other/index.html')).toBeNull();
  });
});

describe('the kiosk window', () => {
  it('is isolated, sandboxed and without Node', () => {
    const o = kioskWindowOptions({ preload: '/p.cjs', packaged: true });
    expect(o.kiosk).toBe(true);
    expect(o.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      devTools: false,
    });
  });

  it('blocks keys that reload, zoom, open devtools or quit', () => {
    const k = (
      key: string,
      mods: Partial<Record<'control' | 'alt' | 'shift' | 'meta', boolean>> = {},
    ) => isBlockedKey({ key, control: false, alt: false, shift: false, meta: false, ...mods });
    expect(k('F5')).toBe(true);
    expect(k('r', { control: true })).toBe(true);
    expect(k('I', { control: true, shift: true })).toBe(true);
    expect(k('F4', { alt: true })).toBe(true);
    expect(k('=', { control: true })).toBe(true);
    expect(k('5')).toBe(false);
    expect(k('Enter')).toBe(false);
  });
});

describe('web contents hardening', () => {
  function fakeContents() {
    const emitter = new EventEmitter();
    let openHandler: (() => { action: string }) | null = null;
    return {
      on: (name: string, fn: (...a: unknown[]) => void) => emitter.on(name, fn),
      emit: (name: string, ...a: unknown[]) => emitter.emit(name, ...a),
      setWindowOpenHandler: (h: () => { action: string }) => (openHandler = h),
      openHandler: () => openHandler,
    };
  }
  const event = (url = '') => ({ url, preventDefault: vi.fn() });

  it('stops navigation away from the app and every new window', () => {
    const c = fakeContents();
    hardenContents(c as never);
    // Electron 45 gives the target in the event's details; the positional url is deprecated.
    const away = event('https://example.com/');
    c.emit('will-navigate', away, 'app://kiosk/index.html');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = event('app://kiosk/index.html');
    c.emit('will-navigate', inside);
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const frame = event('https://example.com/frame');
    c.emit('will-frame-navigate', frame);
    expect(frame.preventDefault).toHaveBeenCalled();
    const redirect = event('app://kiosk.evil/');
    c.emit('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
    const webview = event();
    c.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    const key = event();
    c.emit('before-input-event', key, {
      key: 'F12',
      control: false,
      alt: false,
      shift: false,
      meta: false,
    });
    expect(key.preventDefault).toHaveBeenCalled();
    expect(c.openHandler()?.()).toEqual({ action: 'deny' });
  });

  it('denies every permission (the camera asked without its details too) and every device', () => {
    const got: {
      request?: (c: unknown, p: string, cb: (ok: boolean) => void) => void;
      check?: () => boolean;
      device?: () => boolean;
    } = {};
    limitPermissions({
      setPermissionRequestHandler: (h: typeof got.request) => (got.request = h),
      setPermissionCheckHandler: (h: typeof got.check) => (got.check = h),
      setDevicePermissionHandler: (h: typeof got.device) => (got.device = h),
    } as never);
    const cb = vi.fn();
    got.request?.(null, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(got.check?.()).toBe(false);
    expect(got.device?.()).toBe(false);
  });
});

describe('the ipc transport', () => {
  const snapshot: Snapshot = snapshotOf(SCREENS.attract, { seq: 3 });

  function setup() {
    const ipc = new EventEmitter();
    const handlers = new Map<string, (e: unknown) => unknown>();
    const sent: unknown[][] = [];
    const listeners = new Set<(s: Snapshot) => void>();
    const host = {
      send: vi.fn(),
      latest: () => snapshot,
      onSnapshot: (l: (s: Snapshot) => void) => (listeners.add(l), () => listeners.delete(l)),
    };
    const unbind = bindKioskIpc({
      ipcMain: {
        on: (c: string, f: (...a: unknown[]) => void) => ipc.on(c, f),
        removeListener: (c: string, f: (...a: unknown[]) => void) => ipc.removeListener(c, f),
        handle: (c: string, f: (e: unknown) => unknown) => handlers.set(c, f),
        removeHandler: (c: string) => handlers.delete(c),
      } as never,
      window: { webContents: { send: (...a: unknown[]) => sent.push(a) } },
      host,
      log: { warn: vi.fn() },
    });
    const from = (url: string) => ({ senderFrame: { url } });
    return { ipc, handlers, sent, listeners, host, unbind, from };
  }

  it('forwards valid events from the app and nothing else', () => {
    const t = setup();
    t.ipc.emit(IPC_EVENT_CHANNEL, t.from('app://kiosk/index.html'), {
      type: 'event',
      event: { type: 'START' },
    });
    t.ipc.emit(IPC_EVENT_CHANNEL, t.from('https://evil.example/'), {
      type: 'event',
      event: { type: 'START' },
    });
    t.ipc.emit(IPC_EVENT_CHANNEL, t.from('app://kiosk/index.html'), {
      type: 'event',
      event: { type: 'KEY', key: 'x' },
    });
    t.ipc.emit(IPC_EVENT_CHANNEL, t.from('app://kiosk/index.html'), 'garbage');
    expect(t.host.send).toHaveBeenCalledTimes(1);
    expect(t.host.send).toHaveBeenCalledWith({ type: 'START' });
  });

  it('pushes snapshots to the window and answers the latest only to the app', () => {
    const t = setup();
    for (const l of t.listeners) l(snapshot);
    expect(t.sent).toEqual([[IPC_SNAPSHOT_CHANNEL, snapshot]]);
    expect(t.handlers.get(IPC_LATEST_CHANNEL)?.(t.from('app://kiosk/'))).toEqual(snapshot);
    expect(t.handlers.get(IPC_LATEST_CHANNEL)?.(t.from('https://evil.example/'))).toBeNull();
    t.unbind();
    expect(t.listeners.size).toBe(0);
    expect(t.handlers.size).toBe(0);
  });
});

describe('the Electron bundle', () => {
  it('builds, and the sandboxed preload requires nothing but electron', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'kiosk-electron-'));
    await buildElectron(out);
    const preload = readFileSync(path.join(out, 'preload.cjs'), 'utf8');
    const requires = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(preload).toContain('kioskApi');
    expect(readFileSync(path.join(out, 'main.js'), 'utf8')).toContain('app://kiosk');
  });
});
