// One frame of the live preview as a still: drawn onto a canvas at the camera's own size,
// checked (photo-checks.ts) on its pixels, and encoded as a JPEG within the upload's limit.
import { MAX_PHOTO_BYTES } from '../../src/api/photos';
import { checkPhoto, type PhotoProblem } from './photo-checks';
import { fitJpeg } from './jpeg-fit';

export interface Still {
  problem: PhotoProblem | null;
  /** The JPEG to upload (null: no size fitted, or the photo is refused before encoding). */
  jpeg: Blob | null;
  /** A small picture for the thumbnail strip (a data: URL: the page's CSP allows those). */
  thumbnail: string;
}

const THUMB_WIDTH = 320;

export async function grabStill(video: HTMLVideoElement): Promise<Still | null> {
  const width = video.videoWidth;
  const height = video.videoHeight;
  if (width === 0 || height === 0) return null;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d', { willReadFrequently: true });
  if (!g) return null;
  g.drawImage(video, 0, 0, width, height);
  const { problem } = checkPhoto(g.getImageData(0, 0, width, height).data, width, height);
  const thumbnail = scaled(canvas, THUMB_WIDTH / width).toDataURL('image/jpeg', 0.7);
  if (problem) return { problem, jpeg: null, thumbnail };
  const jpeg = await fitJpeg(
    (quality, scale) =>
      new Promise((resolve) => scaled(canvas, scale).toBlob(resolve, 'image/jpeg', quality)),
    MAX_PHOTO_BYTES,
  );
  return { problem: null, jpeg, thumbnail };
}

function scaled(source: HTMLCanvasElement, scale: number): HTMLCanvasElement {
  if (scale === 1) return source;
  const c = document.createElement('canvas');
  c.width = Math.max(1, Math.round(source.width * scale));
  c.height = Math.max(1, Math.round(source.height * scale));
  c.getContext('2d')?.drawImage(source, 0, 0, c.width, c.height);
  return c;
}
