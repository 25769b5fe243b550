// Names shared by the host, both transports and the renderer. No dependencies, so the sandboxed
// Electron preload can import it without pulling in anything else.

/** Where the WebSocket transport listens, relative to the page the host serves. */
export const WS_PATH = '/kiosk-api';
/** The Electron preload exposes the KioskApi on `window` under this name. */
export const ELECTRON_GLOBAL = 'kioskApi';
/** Electron ipc channels: events in, snapshots out, and the latest snapshot on demand. */
export const IPC_EVENT_CHANNEL = 'kiosk-api:event';
export const IPC_SNAPSHOT_CHANNEL = 'kiosk-api:snapshot';
export const IPC_LATEST_CHANNEL = 'kiosk-api:latest';
/** The Electron preload exposes the page's photo upload under this name (no edge in Electron). */
export const ELECTRON_PHOTOS_GLOBAL = 'kioskPhotos';
/** Electron ipc channels of the photos: a photo staged, a staged photo discarded. */
export const IPC_PHOTO_UPLOAD_CHANNEL = 'kiosk-photos:upload';
export const IPC_PHOTO_DISCARD_CHANNEL = 'kiosk-photos:discard';
