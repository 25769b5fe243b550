// Picks the KioskApi transport: the Electron preload's bridge when present, otherwise the
// WebSocket of browser mode. Screens never know which one they use; both are validated here
// against the shared schema.
import { ELECTRON_GLOBAL, Snapshot, UserEvent, type KioskApi } from '../../src/api/kiosk-api';
import { WsKioskApi } from './ws-kiosk-api';

function validated(api: KioskApi): KioskApi {
  return {
    subscribe: (listener) =>
      api.subscribe((s) => {
        const parsed = Snapshot.safeParse(s);
        if (parsed.success) listener(parsed.data);
      }),
    send: (event) => api.send(UserEvent.parse(event)),
  };
}

export function connectKioskApi(): KioskApi {
  const bridged = (window as unknown as Record<string, KioskApi | undefined>)[ELECTRON_GLOBAL];
  return bridged ? validated(bridged) : new WsKioskApi(window.location);
}
