// The preload bridge: exposes exactly the KioskApi on window.kioskApi and the photo upload on
// window.kioskPhotos, and nothing of ipc.
// It runs sandboxed and imports only 'electron'; the renderer validates what it receives.
import { contextBridge, ipcRenderer } from 'electron';
import type { KioskApi, RendererMessage, Snapshot } from '../api/kiosk-api';
import type { PhotoBridge, PhotoReply } from '../api/photos';
import {
  ELECTRON_GLOBAL,
  ELECTRON_PHOTOS_GLOBAL,
  IPC_EVENT_CHANNEL,
  IPC_LATEST_CHANNEL,
  IPC_PHOTO_DISCARD_CHANNEL,
  IPC_PHOTO_UPLOAD_CHANNEL,
  IPC_SNAPSHOT_CHANNEL,
} from '../api/channels';

const api: KioskApi = {
  subscribe(listener) {
    const onSnapshot = (_e: unknown, s: Snapshot) => listener(s);
    ipcRenderer.on(IPC_SNAPSHOT_CHANNEL, onSnapshot);
    void ipcRenderer.invoke(IPC_LATEST_CHANNEL).then((s: Snapshot | null) => s && listener(s));
    return () => ipcRenderer.removeListener(IPC_SNAPSHOT_CHANNEL, onSnapshot);
  },
  send(event) {
    ipcRenderer.send(IPC_EVENT_CHANNEL, { type: 'event', event } satisfies RendererMessage);
  },
};

// The page's photos (no HTTP edge in Electron): the bytes and their type, nothing else.
const photos: PhotoBridge = {
  upload: (bytes, mime) =>
    ipcRenderer.invoke(IPC_PHOTO_UPLOAD_CHANNEL, bytes, mime) as Promise<PhotoReply>,
  discard: async (photoId) => {
    await ipcRenderer.invoke(IPC_PHOTO_DISCARD_CHANNEL, photoId);
  },
};

contextBridge.exposeInMainWorld(ELECTRON_GLOBAL, api);
contextBridge.exposeInMainWorld(ELECTRON_PHOTOS_GLOBAL, photos);
