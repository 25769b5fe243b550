// The preload bridge: exposes exactly the KioskApi on window.kioskApi and nothing of ipc.
// It runs sandboxed and imports only 'electron'; the renderer validates what it receives.
import { contextBridge, ipcRenderer } from 'electron';
import type { KioskApi, RendererMessage, Snapshot } from '../api/kiosk-api';
import {
  ELECTRON_GLOBAL,
  IPC_EVENT_CHANNEL,
  IPC_LATEST_CHANNEL,
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

contextBridge.exposeInMainWorld(ELECTRON_GLOBAL, api);
