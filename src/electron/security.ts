// Hardening of every web contents: no navigation away from the app (main frame or any
// subframe), no new windows, no webviews, no permissions, no devices, no kiosk-escaping keys.
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

/** The page may use no permission and no device: the kiosk's hardware belongs to the host. */
export function denyAllPermissions(
  session: Pick<
    Session,
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
  >,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
