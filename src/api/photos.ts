// The photo upload between the kiosk page and the host (browser mode's edge): the route, the
// limits and the answers, shared so that both sides check the same shapes. Browser-safe.
import { z } from 'zod/mini';

export { IPC_PHOTO_DISCARD_CHANNEL, IPC_PHOTO_UPLOAD_CHANNEL } from './channels';

/** `POST` a photo here (raw body); `DELETE` `PHOTOS_PATH/<photoId>` discards a staged one. */
export const PHOTOS_PATH = '/api/photos';

/** The largest photo the page may send: the camera lowers its JPEG's quality until it fits. */
export const MAX_PHOTO_BYTES = 1024 * 1024;

export const PHOTO_MIMES = ['image/jpeg', 'image/png'] as const;
export const PhotoMime = z.enum(PHOTO_MIMES);
export type PhotoMime = z.infer<typeof PhotoMime>;

/** A staged photo's id as the host's vault numbers them: a positive decimal, no leading zero. */
export const PHOTO_ID_PATTERN = /^[1-9][0-9]{0,14}$/;
export const PhotoId = z.string().check(z.regex(PHOTO_ID_PATTERN));

/** The host's answer to an upload (201): the photo is encrypted in the vault and journalled. */
export const StagedPhotoRef = z.object({
  photoId: PhotoId,
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  size: z.int().check(z.positive(), z.lte(MAX_PHOTO_BYTES)),
  mime: PhotoMime,
});
export type StagedPhotoRef = z.infer<typeof StagedPhotoRef>;

/** Every refusal on the photo routes is JSON with a code (for code) and a message (for logs). */
export const PhotoError = z.object({ code: z.string(), message: z.string() });
export type PhotoError = z.infer<typeof PhotoError>;

/** An upload's answer as HTTP gives it, and as Electron's ipc gives it too: status and body. */
export interface PhotoReply {
  status: number;
  body: unknown;
}

/** What the Electron preload exposes (ELECTRON_PHOTOS_GLOBAL): the edge's two routes over ipc. */
export interface PhotoBridge {
  upload(bytes: Uint8Array, mime: string): Promise<PhotoReply>;
  discard(photoId: string): Promise<void>;
}
