// The page's one permission: the document camera, video only, for the kiosk's own page in its
// main frame (src/electron/security.ts). One test per rule, through the handlers as Electron
// calls them (a fake session hands them over).
import { describe, expect, it, vi } from 'vitest';
import { limitPermissions, type PermissionAsk } from '../../src/electron/security';
import { APP_URL } from '../../src/electron/trusted-url';

type RequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details?: PermissionAsk,
) => void;
type CheckHandler = (
  contents: unknown,
  permission: string,
  requestingOrigin: string,
  details?: PermissionAsk,
) => boolean;

function handlers() {
  const got: { request?: RequestHandler; check?: CheckHandler; device?: () => boolean } = {};
  limitPermissions({
    setPermissionRequestHandler: (h: RequestHandler) => (got.request = h),
    setPermissionCheckHandler: (h: CheckHandler) => (got.check = h),
    setDevicePermissionHandler: (h: () => boolean) => (got.device = h),
  } as never);
  const request = (permission: string, details?: PermissionAsk): boolean => {
    const callback = vi.fn();
    got.request?.(null, permission, callback, details);
    expect(callback).toHaveBeenCalledOnce();
    return callback.mock.calls[0]?.[0] as boolean;
  };
  const check = (permission: string, origin: string, details?: PermissionAsk) =>
    got.check?.(null, permission, origin, details);
  return { request, check, device: () => got.device?.() };
}

const camera: PermissionAsk = { requestingUrl: APP_URL, isMainFrame: true, mediaTypes: ['video'] };

describe('the page may use the document camera, and nothing else', () => {
  it('granted: video for the kiosk page in its main frame (request and check)', () => {
    const h = handlers();
    expect(h.request('media', camera)).toBe(true);
    expect(
      h.check('media', 'app://kiosk', {
        requestingUrl: APP_URL,
        isMainFrame: true,
        mediaType: 'video',
      }),
    ).toBe(true);
  });

  it('denied: the microphone, alone or with the camera', () => {
    const h = handlers();
    expect(h.request('media', { ...camera, mediaTypes: ['audio'] })).toBe(false);
    expect(h.request('media', { ...camera, mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(
      h.check('media', 'app://kiosk', { ...camera, mediaTypes: undefined, mediaType: 'audio' }),
    ).toBe(false);
  });

  it('denied: media that names no medium (or an unknown one)', () => {
    const h = handlers();
    expect(h.request('media', { ...camera, mediaTypes: [] })).toBe(false);
    expect(h.request('media', { requestingUrl: APP_URL, isMainFrame: true })).toBe(false);
    expect(
      h.check('media', 'app://kiosk', {
        requestingUrl: APP_URL,
        isMainFrame: true,
        mediaType: 'unknown',
      }),
    ).toBe(false);
  });

  it('denied: any other origin, even one that starts like the kiosk', () => {
    const h = handlers();
    for (const url of [
      'https://example.com/',
      'app://kiosk.attacker/',
      'file:///index.html',
      'http://127.0.0.1/',
    ]) {
      expect(h.request('media', { ...camera, requestingUrl: url }), url).toBe(false);
      expect(h.check('media', url, { isMainFrame: true, mediaType: 'video' }), url).toBe(false);
    }
  });

  it('denied: a subframe of the kiosk page, or a request that does not say', () => {
    const h = handlers();
    expect(h.request('media', { ...camera, isMainFrame: false })).toBe(false);
    expect(h.request('media', { requestingUrl: APP_URL, mediaTypes: ['video'] })).toBe(false);
    expect(h.request('media')).toBe(false);
  });

  it('denied: every other permission, for the kiosk page too', () => {
    const h = handlers();
    for (const permission of [
      'geolocation',
      'notifications',
      'display-capture',
      'hid',
      'serial',
      'usb',
      'clipboard-read',
      'fullscreen',
      'openExternal',
      'midi',
    ]) {
      expect(h.request(permission, camera), permission).toBe(false);
      expect(
        h.check(permission, 'app://kiosk', { ...camera, mediaType: 'video' }),
        permission,
      ).toBe(false);
    }
  });

  it('denied: every device (HID, serial, USB)', () => {
    expect(handlers().device()).toBe(false);
  });
});
