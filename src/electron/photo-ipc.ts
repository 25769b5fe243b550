// The page's photos in Electron, where there is no HTTP edge: the preload's `kioskPhotos`
// invokes these two handlers, which answer as the edge's photo route does (status and body)
// and check what it checks — the sender is the app's own page, the type one of the two, the
// bytes at most MAX_PHOTO_BYTES — before the host's community room stages or discards it.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import {
  IPC_PHOTO_DISCARD_CHANNEL,
  IPC_PHOTO_UPLOAD_CHANNEL,
  MAX_PHOTO_BYTES,
  PHOTO_ID_PATTERN,
  PhotoMime,
  type PhotoReply,
} from '../api/photos';
import { stagePhotoAnswer, type PhotoDesk } from '../edge/photo-route';
import { isTrustedUrl } from './trusted-url';

type Ipc = Pick<IpcMain, 'handle' | 'removeHandler'>;

const refused = (status: number, code: string, message: string): PhotoReply => ({
  status,
  body: { code, message },
});

export function bindPhotoIpc(o: {
  ipcMain: Ipc;
  photos: PhotoDesk;
  log: { warn(obj: object, msg: string): void };
}): () => void {
  const trusted = (e: IpcMainInvokeEvent) => {
    const url = e.senderFrame?.url;
    if (typeof url === 'string' && isTrustedUrl(url)) return true;
    o.log.warn({ url }, 'photo ipc from an untrusted frame');
    return false;
  };
  o.ipcMain.handle(IPC_PHOTO_UPLOAD_CHANNEL, (e, bytes: unknown, mime: unknown): PhotoReply => {
    if (!trusted(e)) return refused(403, 'foreign_origin', 'only the kiosk page may send photos');
    const type = PhotoMime.safeParse(mime);
    if (!type.success) return refused(415, 'unsupported_media', 'send image/jpeg or image/png');
    if (!(bytes instanceof Uint8Array)) return refused(400, 'not_bytes', 'the photo is no bytes');
    if (bytes.length > MAX_PHOTO_BYTES) {
      return refused(413, 'too_large', `a photo is at most ${MAX_PHOTO_BYTES} bytes`);
    }
    return stagePhotoAnswer(o.photos, type.data, bytes);
  });
  o.ipcMain.handle(IPC_PHOTO_DISCARD_CHANNEL, (e, photoId: unknown): void => {
    if (!trusted(e) || typeof photoId !== 'string' || !PHOTO_ID_PATTERN.test(photoId)) return;
    try {
      o.photos.discardPhotos([Number(photoId)]);
    } catch (err) {
      o.log.warn({ reason: (err as Error).message.slice(0, 200) }, 'a photo was not discarded');
    }
  });
  return () => {
    o.ipcMain.removeHandler(IPC_PHOTO_UPLOAD_CHANNEL);
    o.ipcMain.removeHandler(IPC_PHOTO_DISCARD_CHANNEL);
  };
}
