// The kiosk page's photo upload: `POST /api/photos` (a raw JPEG or PNG body, at most
// MAX_PHOTO_BYTES counted as it streams in: 413 the moment it is exceeded, nothing kept
// beyond) and `DELETE /api/photos/<id>` (a retake). Only the page with the pass, from its own
// origin, may use it. The edge knows nothing of where a photo goes: the host hands in `photos`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  MAX_PHOTO_BYTES,
  PHOTO_ID_PATTERN,
  PHOTOS_PATH,
  PhotoMime,
  type PhotoError,
  type StagedPhotoRef,
} from '../api/photos';
import type { RefusalLog } from './refusal-log';

/** What the host does with a photo (its community room's stagePhoto and discardPhotos). */
export interface PhotoDesk {
  stagePhoto(photo: {
    mime: PhotoMime;
    bytes: Uint8Array;
  }):
    | { ok: true; value: { photoId: number; sha256: string; size: number; mime: PhotoMime } }
    | { ok: false; code: string; message: string };
  discardPhotos(photoIds: readonly number[]): void;
}

/** Uploads at once: the page sends one at a time; more is someone else's flood. */
const MAX_UPLOADS_AT_ONCE = 4;
/** Photos a minute, with a burst: a resident photographs a few pages, not hundreds. */
const UPLOAD_BURST = 30;
const UPLOADS_PER_MINUTE = 30;

export interface PhotoRoute {
  /** Whether this request target is the photo route's (it then answers it, whatever it is). */
  owns(pathname: string): boolean;
  /** Answers a request the edge has checked for Host, Origin and the pass. */
  handle(req: IncomingMessage, res: ServerResponse, pathname: string): void;
  /** A refusal as JSON `{code, message}`; a body still coming is not read (connection closed). */
  refuse(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    code: string,
    message: string,
  ): void;
}

export function photoRoute(o: {
  photos: PhotoDesk;
  refusals: RefusalLog;
  monotonic: () => number;
}): PhotoRoute {
  let uploading = 0;
  let tokens = UPLOAD_BURST;
  let filledAt = o.monotonic();
  const takeToken = (): boolean => {
    const now = o.monotonic();
    tokens = Math.min(UPLOAD_BURST, tokens + ((now - filledAt) / 60_000) * UPLOADS_PER_MINUTE);
    filledAt = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };

  const refuse = (
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    code: string,
    message: string,
  ) => {
    o.refusals.note(`photo_${code}`);
    // A body still on its way is not read: the connection closes once the answer is out.
    const unread = !req.complete;
    reply(res, status, { code, message } satisfies PhotoError, unread);
    if (unread) res.once('finish', () => req.destroy());
  };

  function upload(req: IncomingMessage, res: ServerResponse): void {
    const mime = PhotoMime.safeParse(mediaType(req.headers['content-type']));
    if (!mime.success) {
      return refuse(req, res, 415, 'unsupported_media', 'send image/jpeg or image/png');
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_PHOTO_BYTES) {
      return refuse(req, res, 413, 'too_large', `a photo is at most ${MAX_PHOTO_BYTES} bytes`);
    }
    if (uploading >= MAX_UPLOADS_AT_ONCE || !takeToken()) {
      return refuse(req, res, 429, 'busy', 'too many photos at once: try again shortly');
    }
    uploading += 1;
    let chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = () => {
      if (settled) return false;
      settled = true;
      uploading -= 1;
      chunks = [];
      return true;
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size <= MAX_PHOTO_BYTES) return void chunks.push(chunk);
      settle();
      req.pause();
      refuse(req, res, 413, 'too_large', `a photo is at most ${MAX_PHOTO_BYTES} bytes`);
    });
    req.on('end', () => {
      const bytes = Buffer.concat(chunks, size);
      if (settle()) stage(res, mime.data, bytes);
    });
    // Aborted mid-body, reset, or dropped by the request timeout: nothing staged, nothing kept.
    req.on('close', () => {
      if (settle()) o.refusals.note('photo_aborted', { received: size });
    });
  }

  function stage(res: ServerResponse, mime: PhotoMime, bytes: Uint8Array): void {
    const answer = stagePhotoAnswer(o.photos, mime, bytes);
    if ('code' in answer.body) o.refusals.note(`photo_${answer.body.code}`);
    reply(res, answer.status, answer.body);
  }

  function discard(req: IncomingMessage, res: ServerResponse, id: string): void {
    if (!PHOTO_ID_PATTERN.test(id)) {
      return refuse(req, res, 404, 'unknown_photo', 'no such photo');
    }
    try {
      o.photos.discardPhotos([Number(id)]);
    } catch (err) {
      o.refusals.note('photo_not_discarded', { reason: (err as Error).message.slice(0, 200) });
      return reply(res, 500, { code: 'not_discarded', message: 'the photo could not be removed' });
    }
    res.writeHead(204, { 'cache-control': 'no-store' });
    res.end();
  }

  return {
    refuse,
    owns: (pathname) => pathname === PHOTOS_PATH || pathname.startsWith(`${PHOTOS_PATH}/`),
    handle(req, res, pathname) {
      if (pathname === PHOTOS_PATH && req.method === 'POST') return upload(req, res);
      const id = pathname.slice(PHOTOS_PATH.length + 1);
      if (pathname !== PHOTOS_PATH && req.method === 'DELETE') return discard(req, res, id);
      refuse(req, res, 405, 'method', 'POST a photo, or DELETE one by its id');
    },
  };
}

/** What a photo's upload answers, over HTTP or Electron's ipc: 201 and its reference, or why not. */
export type PhotoAnswer =
  { status: 201; body: StagedPhotoRef } | { status: number; body: PhotoError };

/** A whole photo's bytes staged with the host (counted and typed already by the caller). */
export function stagePhotoAnswer(
  photos: PhotoDesk,
  mime: PhotoMime,
  bytes: Uint8Array,
): PhotoAnswer {
  if (bytes.length === 0)
    return { status: 400, body: { code: 'empty', message: 'the photo has no bytes' } };
  if (bytes.length > MAX_PHOTO_BYTES) {
    return {
      status: 413,
      body: { code: 'too_large', message: `a photo is at most ${MAX_PHOTO_BYTES} bytes` },
    };
  }
  let staged: ReturnType<PhotoDesk['stagePhoto']>;
  try {
    staged = photos.stagePhoto({ mime, bytes });
  } catch {
    return { status: 500, body: { code: 'not_stored', message: 'the photo could not be stored' } };
  }
  if (!staged.ok) {
    const status = { too_large: 413, unsupported_media: 415 }[staged.code] ?? 422;
    return { status, body: { code: staged.code, message: staged.message } };
  }
  const v = staged.value;
  return {
    status: 201,
    body: { photoId: String(v.photoId), sha256: v.sha256, size: v.size, mime: v.mime },
  };
}

/** The media type of a Content-Type header, without its parameters, lower case. */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function reply(res: ServerResponse, status: number, body: object, close = false): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(JSON.stringify(body));
}
