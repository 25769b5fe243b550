// The page's photos to the host: a document page or a signature is sent to the edge's photo
// route (the page's own origin; its pass cookie goes along by itself), or in Electron through
// the preload's bridge, and comes back as the staged photo's reference, or as one of three
// problems the screens put in words. Never throws.
import { ELECTRON_PHOTOS_GLOBAL } from '../../src/api/channels';
import {
  MAX_PHOTO_BYTES,
  PHOTOS_PATH,
  PhotoMime,
  StagedPhotoRef,
  type PhotoBridge,
  type PhotoReply,
} from '../../src/api/photos';

export type { StagedPhotoRef } from '../../src/api/photos';

export type PhotoUploadProblem = 'too_large' | 'refused' | 'unreachable';

export type PhotoUpload =
  { ok: true; photo: StagedPhotoRef } | { ok: false; problem: PhotoUploadProblem };

/** An upload that has not answered by then is given up (the edge drops it at 10 s anyway). */
const UPLOAD_TIMEOUT_MS = 15_000;

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** The Electron preload's photo bridge, when the page runs in Electron. */
function electronBridge(): PhotoBridge | undefined {
  return (globalThis as unknown as Record<string, PhotoBridge | undefined>)[ELECTRON_PHOTOS_GLOBAL];
}

/**
 * Sends a JPEG or PNG blob; `fetchFn` is the page's fetch and `bridge` Electron's (tests hand in
 * their own).
 */
export async function uploadPhoto(
  blob: Blob,
  fetchFn: Fetch = (input, init) => fetch(input, init),
  bridge: PhotoBridge | undefined = electronBridge(),
): Promise<PhotoUpload> {
  const mime = PhotoMime.safeParse(blob.type);
  if (!mime.success) return { ok: false, problem: 'refused' };
  if (blob.size > MAX_PHOTO_BYTES) return { ok: false, problem: 'too_large' };
  let reply: PhotoReply;
  try {
    reply = bridge
      ? await bridge.upload(new Uint8Array(await blob.arrayBuffer()), mime.data)
      : await httpUpload(blob, mime.data, fetchFn);
  } catch {
    return { ok: false, problem: 'unreachable' };
  }
  if (reply.status === 201) {
    const photo = StagedPhotoRef.safeParse(reply.body);
    return photo.success ? { ok: true, photo: photo.data } : { ok: false, problem: 'refused' };
  }
  if (reply.status === 413) return { ok: false, problem: 'too_large' };
  // Busy, or the host could not store it: worth another try; the rest is a refusal.
  if (reply.status === 429 || reply.status >= 500) return { ok: false, problem: 'unreachable' };
  return { ok: false, problem: 'refused' };
}

async function httpUpload(blob: Blob, mime: PhotoMime, fetchFn: Fetch): Promise<PhotoReply> {
  const res = await fetchFn(PHOTOS_PATH, {
    method: 'POST',
    headers: { 'content-type': mime },
    body: blob,
    credentials: 'same-origin',
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** A retake: the staged photo is dropped at the host. Failures are let be (it expires in an hour). */
export async function discardPhoto(
  photoId: string,
  fetchFn: Fetch = (input, init) => fetch(input, init),
  bridge: PhotoBridge | undefined = electronBridge(),
): Promise<void> {
  try {
    if (bridge) return await bridge.discard(photoId);
    const res = await fetchFn(`${PHOTOS_PATH}/${encodeURIComponent(photoId)}`, {
      method: 'DELETE',
      credentials: 'same-origin',
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
    await res.arrayBuffer().catch(() => undefined);
  } catch {
    // The host forgets a staged photo within the hour anyway.
  }
}
