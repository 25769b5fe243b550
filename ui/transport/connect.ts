// Picks the KioskApi transport: the Electron preload's bridge when present, otherwise the
// WebSocket of browser mode. Screens never know which one they use.
import { ELECTRON_GLOBAL, type KioskApi } from '../../src/api/kiosk-api';
import { WsKioskApi } from './ws-kiosk-api';

export function connectKioskApi(): KioskApi {
  const bridged = (window as unknown as Record<string, KioskApi | undefined>)[ELECTRON_GLOBAL];
  return bridged ?? new WsKioskApi(window.location);
}
