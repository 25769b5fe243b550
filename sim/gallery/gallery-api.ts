// The KioskApi as the gallery plays it: one fixed snapshot, and every event the screen sends is
// recorded (on `window.__galleryEvents`) instead of reaching a host.
import type { KioskApi, Snapshot, UserEvent } from '../../src/api/kiosk-api';

export const EVENTS_GLOBAL = '__galleryEvents';

export function galleryApi(snapshot: Snapshot, events: UserEvent[]): KioskApi {
  return {
    subscribe(listener) {
      listener(snapshot);
      return () => undefined;
    },
    send(event) {
      events.push(event);
    },
  };
}
