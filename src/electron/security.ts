// Hardening of every web contents: no navigation away from the app, no new windows, no
// webviews, no permissions, no kiosk-escaping keys. Takes the Electron objects as parameters
// so it can be tested with fakes.
import type { Session, WebContents } from 'electron';
import { isTrustedUrl } from './trusted-url';
import { isBlockedKey } from './window-options';

type Contents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function hardenContents(contents: Contents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('before-input-event', (event, input) => {
    if (isBlockedKey(input)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function denyAllPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
