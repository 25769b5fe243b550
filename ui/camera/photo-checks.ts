// A document photo checked before it is accepted (issue 14): too dark, no page in view, or
// blurred, each with its reason for the resident in plain words. Pure functions on pixel arrays
// (RGBA as a canvas gives them), so they are tested without a camera. The photo is first turned
// into a small grey image (its longer side at most GREY_SIDE px): the checks then cost the same
// on any camera, and blur is judged at the scale a reviewer reads a page.

/** The longer side of the grey image the checks look at. */
export const GREY_SIDE = 256;

/** Below this mean luminance (0–255) the page cannot be read. */
export const MIN_MEAN_LUMINANCE = 60;
/** Below this spread of luminance (standard deviation) the picture is one flat colour: no page. */
export const MIN_CONTRAST = 14;
/** Below this mean gradient there are no edges (text, the page's border): no page in view. */
export const MIN_EDGE_ENERGY = 2;
/**
 * Below this variance of the Laplacian the page is blurred (shaken, or out of focus). On the
 * test's drawn page: sharp ≈ 7 000, slightly soft ≈ 3 000, shaken ≈ 190. To be calibrated on
 * the kiosk's own camera before it is relied on.
 */
export const MIN_LAPLACIAN_VARIANCE = 800;

export type PhotoProblem = 'too_dark' | 'no_page' | 'blurred';

export interface GreyImage {
  width: number;
  height: number;
  /** Luminance 0–255, row by row. */
  pixels: Float32Array;
}

export interface PhotoMeasures {
  meanLuminance: number;
  contrast: number;
  edgeEnergy: number;
  laplacianVariance: number;
}

/** RGBA pixels → a grey image no larger than `side` on its longer side (box averaging). */
export function toGrey(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  side = GREY_SIDE,
): GreyImage {
  if (rgba.length < width * height * 4) throw new Error('photo-checks: too few pixels');
  const step = Math.max(1, Math.ceil(Math.max(width, height) / side));
  const w = Math.max(1, Math.floor(width / step));
  const h = Math.max(1, Math.floor(height / step));
  const pixels = new Float32Array(w * h);
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      let sum = 0;
      for (let dy = 0; dy < step; dy += 1) {
        for (let dx = 0; dx < step; dx += 1) {
          const i = ((y * step + dy) * width + (x * step + dx)) * 4;
          // ITU-R BT.601 luma.
          sum += 0.299 * (rgba[i] ?? 0) + 0.587 * (rgba[i + 1] ?? 0) + 0.114 * (rgba[i + 2] ?? 0);
        }
      }
      pixels[y * w + x] = sum / (step * step);
    }
  }
  return { width: w, height: h, pixels };
}

/** The figures the checks decide on. */
export function measure(g: GreyImage): PhotoMeasures {
  const { width: w, height: h, pixels: p } = g;
  const n = p.length;
  let sum = 0;
  for (const v of p) sum += v;
  const mean = n > 0 ? sum / n : 0;
  let spread = 0;
  for (const v of p) spread += (v - mean) ** 2;
  let grad = 0;
  let lapSum = 0;
  let lapSq = 0;
  let inner = 0;
  for (let y = 1; y < h - 1; y += 1) {
    for (let x = 1; x < w - 1; x += 1) {
      const c = p[y * w + x] ?? 0;
      const l = p[y * w + x - 1] ?? 0;
      const r = p[y * w + x + 1] ?? 0;
      const u = p[(y - 1) * w + x] ?? 0;
      const d = p[(y + 1) * w + x] ?? 0;
      grad += Math.abs(r - l) / 2 + Math.abs(d - u) / 2;
      const lap = l + r + u + d - 4 * c;
      lapSum += lap;
      lapSq += lap * lap;
      inner += 1;
    }
  }
  const lapMean = inner > 0 ? lapSum / inner : 0;
  return {
    meanLuminance: mean,
    contrast: n > 0 ? Math.sqrt(spread / n) : 0,
    edgeEnergy: inner > 0 ? grad / inner : 0,
    laplacianVariance: inner > 0 ? lapSq / inner - lapMean * lapMean : 0,
  };
}

/** Why a photo is refused, or null when it is good to keep. Dark first: it explains the rest. */
export function photoProblem(m: PhotoMeasures): PhotoProblem | null {
  if (m.meanLuminance < MIN_MEAN_LUMINANCE) return 'too_dark';
  if (m.contrast < MIN_CONTRAST || m.edgeEnergy < MIN_EDGE_ENERGY) return 'no_page';
  if (m.laplacianVariance < MIN_LAPLACIAN_VARIANCE) return 'blurred';
  return null;
}

/** The whole check on a canvas's pixels. */
export function checkPhoto(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
): { problem: PhotoProblem | null; measures: PhotoMeasures } {
  const measures = measure(toGrey(rgba, width, height));
  return { problem: photoProblem(measures), measures };
}
