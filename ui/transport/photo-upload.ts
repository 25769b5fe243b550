// The page's photos to the host: a document page or a signature is sent to the edge's photo
// route (the page's own origin; its pass cookie goes along by itself) and comes back as the
// staged photo's reference, or as one of three problems the screens put in words. Never throws.
import { MAX_PHOTO_BYTES, PHOTOS_PATH, PhotoMime, StagedPhotoRef } from '../../src/api/photos';

export type { StagedPhotoRef } from '../../src/api/photos';

export type PhotoUploadProblem = 'too_large' | 'refused' | 'unreachable';

export type PhotoUpload =
  { ok: true; photo: StagedPhotoRef } | { ok: false; problem: PhotoUploadProblem };

/** An upload that has not answered by then is given up (the edge drops it at 10 s anyway). */
const UPLOAD_TIMEOUT_MS = 15_000;

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** Sends a JPEG or PNG blob; `fetchFn` is the page's fetch (tests hand in their own). */
export async function uploadPhoto(
  blob: Blob,
  fetchFn: Fetch = (input, init) => fetch(input, init),
): Promise<PhotoUpload> {
  const mime = PhotoMime.safeParse(blob.type);
  if (!mime.success) return { ok: false, problem: 'refused' };
  if (blob.size > MAX_PHOTO_BYTES) return { ok: false, problem: 'too_large' };
  let res: Response;
  try {
    res = await fetchFn(PHOTOS_PATH, {
      method: 'POST',
      headers: { 'content-type': mime.data },
      body: blob,
      credentials: 'same-origin',
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
  } catch {
    return { ok: false, problem: 'unreachable' };
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.status === 201) {
    const photo = StagedPhotoRef.safeParse(body);
    return photo.success ? { ok: true, photo: photo.data } : { ok: false, problem: 'refused' };
  }
  if (res.status === 413) return { ok: false, problem: 'too_large' };
  // Busy, or the host could not store it: worth another try; the rest is a refusal.
  if (res.status === 429 || res.status >= 500) return { ok: false, problem: 'unreachable' };
  return { ok: false, problem: 'refused' };
}

/** A retake: the staged photo is dropped at the host. Failures are let be (it expires in an hour). */
export async function discardPhoto(
  photoId: string,
  fetchFn: Fetch = (input, init) => fetch(input, init),
): Promise<void> {
  try {
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
