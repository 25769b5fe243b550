// The locked-down kiosk window (../shared/reference/ux-electron.md §2.1): full-screen kiosk,
// no frame, context isolation and sandbox on, no Node in the renderer, devtools only unpackaged.
// Electron's secure defaults are spelled out so that a test can hold them.
import type { BrowserWindowConstructorOptions } from 'electron';

export function kioskWindowOptions(o: {
  preload: string;
  packaged: boolean;
}): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: o.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !o.packaged,
      navigateOnDragDrop: false,
      // Voice guidance speaks the first screen before anyone has tapped (R6).
      autoplayPolicy: 'no-user-gesture-required',
    },
  };
}

/** Keys that would reload, zoom, open devtools or close the kiosk. */
export function isBlockedKey(input: {
  key: string;
  control: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
}): boolean {
  const key = input.key.toLowerCase();
  if (key === 'f5' || key === 'f11' || key === 'f12') return true;
  if (input.alt && key === 'f4') return true;
  if (
    (input.control || input.meta) &&
    ['r', 'w', 'q', 'n', 't', 'p', '+', '-', '=', '0'].includes(key)
  )
    return true;
  if ((input.control || input.meta) && input.shift && ['i', 'j', 'c'].includes(key)) return true;
  return false;
}
