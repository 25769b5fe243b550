// A photo as a JPEG within the upload's limit: the quality is lowered step by step, then the
// size, until the file fits. Pure over an encoder, so the loop is tested without a canvas.

/** Qualities tried at each size, best first: a page stays readable down to the last. */
export const QUALITIES = [0.92, 0.85, 0.75, 0.65, 0.5] as const;
/** Sizes tried (a share of the camera's own), largest first. */
export const SCALES = [1, 0.8, 0.64, 0.5] as const;

export type JpegEncoder = (quality: number, scale: number) => Promise<Blob | null>;

/** The best JPEG not larger than `maxBytes`, or null when even the smallest is larger. */
export async function fitJpeg(encode: JpegEncoder, maxBytes: number): Promise<Blob | null> {
  for (const scale of SCALES) {
    for (const quality of QUALITIES) {
      const blob = await encode(quality, scale);
      if (blob && blob.size > 0 && blob.size <= maxBytes) return blob;
    }
  }
  return null;
}
