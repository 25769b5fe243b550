// Hardening of every web contents: no navigation away from the app (main frame or any
// subframe), no new windows, no webviews, no kiosk-escaping keys, no devices, and no permission
// but the document camera's (video only, the kiosk's own page).
// Takes the Electron objects as parameters so it can be tested with fakes. Navigation events
// are read from the event's own url (the positional url argument is deprecated since Electron 45).
import type { Session, WebContents } from 'electron';
import { isTrustedUrl } from './trusted-url';
import { isBlockedKey } from './window-options';

type Contents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

function keepInsideApp(event: { url: string; preventDefault(): void }): void {
  if (!isTrustedUrl(event.url)) event.preventDefault();
}

export function hardenContents(contents: Contents): void {
  contents.on('will-navigate', keepInsideApp);
  contents.on('will-frame-navigate', keepInsideApp);
  contents.on('will-redirect', keepInsideApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('before-input-event', (event, input) => {
    if (isBlockedKey(input)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * What a permission request says about itself (Electron's `details`), as far as the rules need
 * it: who asks, from which frame, and for which media.
 */
export interface PermissionAsk {
  requestingUrl?: string;
  isMainFrame?: boolean;
  /** A request's media (getUserMedia): video, audio or both. */
  mediaTypes?: readonly string[];
  /** A check's one medium. */
  mediaType?: string;
}

/**
 * The one permission the page has: the document camera, video only, for the kiosk's own page
 * in its main frame. Not the microphone, not the screen, no other origin, no subframe, nothing
 * else at all: the rest of the kiosk's hardware belongs to the host.
 */
export function mayUseMedia(permission: string, ask: PermissionAsk | undefined): boolean {
  if (permission !== 'media' || !ask) return false;
  if (ask.isMainFrame !== true || !isTrustedUrl(ask.requestingUrl ?? '')) return false;
  const media = ask.mediaTypes ?? (ask.mediaType === undefined ? [] : [ask.mediaType]);
  return media.length > 0 && media.every((m) => m === 'video');
}

/** The page's permissions: the document camera (mayUseMedia) and nothing else; no devices. */
export function limitPermissions(
  session: Pick<
    Session,
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
  >,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(mayUseMedia(permission, details as PermissionAsk | undefined)),
  );
  // A check names the asking origin; its details the frame's url and the one medium.
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    mayUseMedia(permission, {
      ...(details as PermissionAsk | undefined),
      requestingUrl: (details as PermissionAsk | undefined)?.requestingUrl ?? requestingOrigin,
    }),
  );
  session.setDevicePermissionHandler(() => false);
}
