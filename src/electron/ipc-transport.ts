// The Electron transport of the KioskApi: snapshots go to the window over ipc, user events come
// back from the preload. Every message is checked: it must come from the trusted app origin
// and match the shared schema, exactly as the WebSocket transport checks its messages.
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_LATEST_CHANNEL,
  IPC_SNAPSHOT_CHANNEL,
  RendererMessage,
  type Snapshot,
  type UserEvent,
} from '../api/kiosk-api';
import { isTrustedUrl } from './trusted-url';

export interface KioskHostPort {
  send(event: UserEvent): void;
  latest(): Snapshot;
  onSnapshot(listener: (s: Snapshot) => void): () => void;
}

type Ipc = Pick<IpcMain, 'on' | 'handle' | 'removeListener' | 'removeHandler'>;

function fromTrustedFrame(e: IpcMainEvent | IpcMainInvokeEvent): boolean {
  const url = e.senderFrame?.url;
  return typeof url === 'string' && isTrustedUrl(url);
}

export function bindKioskIpc(o: {
  ipcMain: Ipc;
  window: { webContents: { send(channel: string, ...args: unknown[]): void } };
  host: KioskHostPort;
  log: { warn(obj: object, msg: string): void };
}): () => void {
  const onEvent = (e: IpcMainEvent, message: unknown) => {
    if (!fromTrustedFrame(e)) {
      o.log.warn({ url: e.senderFrame?.url }, 'ipc event from an untrusted frame');
      return;
    }
    const parsed = RendererMessage.safeParse(message);
    if (!parsed.success) {
      o.log.warn({ issue: parsed.error.issues[0]?.message }, 'rejected a renderer message');
      return;
    }
    o.host.send(parsed.data.event);
  };
  o.ipcMain.on(IPC_EVENT_CHANNEL, onEvent);
  o.ipcMain.handle(IPC_LATEST_CHANNEL, (e) => (fromTrustedFrame(e) ? o.host.latest() : null));
  const unsubscribe = o.host.onSnapshot((s) => o.window.webContents.send(IPC_SNAPSHOT_CHANNEL, s));
  return () => {
    unsubscribe();
    o.ipcMain.removeListener(IPC_EVENT_CHANNEL, onEvent);
    o.ipcMain.removeHandler(IPC_LATEST_CHANNEL);
  };
}
