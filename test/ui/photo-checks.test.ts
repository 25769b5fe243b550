// The document photo checks (ui/camera/photo-checks.ts) on pictures drawn in the test: a sharp
// page of text on a desk, the same page shaken (blurred), in a dark room, and no page at all.
import { describe, expect, it } from 'vitest';
import { checkPhoto, GREY_SIDE, measure, photoProblem, toGrey } from '../../ui/camera/photo-checks';

const W = 1280;
const H = 720;

/** A white A4 page on a brown desk with lines of dark "text" (blocks of strokes), as RGBA. */
function page(): Uint8ClampedArray {
  const px = new Uint8ClampedArray(W * H * 4);
  const left = 340;
  const right = 940;
  const top = 40;
  const bottom = 690;
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let y = 0; y < H; y += 1) {
    for (let x = 0; x < W; x += 1) {
      const i = (y * W + x) * 4;
      const onPage = x >= left && x < right && y >= top && y < bottom;
      let v: [number, number, number] = onPage ? [235, 235, 228] : [120, 85, 60];
      if (onPage) {
        const line = (y - top - 40) % 36;
        const inText = y > top + 40 && y < bottom - 40 && x > left + 40 && x < right - 40;
        // Characters: 14 px tall strokes in 18 px cells, with gaps between words.
        if (inText && line < 14 && (x - left) % 18 < 10 && Math.floor((x - left) / 90) % 5 !== 4) {
          v = [30, 30, 35];
        }
      }
      const noise = (random() - 0.5) * 6;
      px[i] = v[0] + noise;
      px[i + 1] = v[1] + noise;
      px[i + 2] = v[2] + noise;
      px[i + 3] = 255;
    }
  }
  return px;
}

/** A box blur of radius r, `times` times over (a shaken hand, a lens out of focus). */
function blurred(src: Uint8ClampedArray, r: number, times: number): Uint8ClampedArray {
  let a = src;
  for (let t = 0; t < times; t += 1) {
    const b = new Uint8ClampedArray(a.length);
    for (let y = 0; y < H; y += 1) {
      for (let x = 0; x < W; x += 1) {
        for (let c = 0; c < 4; c += 1) {
          let s = 0;
          let n = 0;
          for (let d = -r; d <= r; d += 1) {
            const xx = Math.min(W - 1, Math.max(0, x + d));
            s += a[(y * W + xx) * 4 + c] ?? 0;
            n += 1;
          }
          b[(y * W + x) * 4 + c] = s / n;
        }
      }
    }
    const v = new Uint8ClampedArray(b.length);
    for (let y = 0; y < H; y += 1) {
      for (let x = 0; x < W; x += 1) {
        for (let c = 0; c < 4; c += 1) {
          let s = 0;
          let n = 0;
          for (let d = -r; d <= r; d += 1) {
            const yy = Math.min(H - 1, Math.max(0, y + d));
            s += b[(yy * W + x) * 4 + c] ?? 0;
            n += 1;
          }
          v[(y * W + x) * 4 + c] = s / n;
        }
      }
    }
    a = v;
  }
  return a;
}

const darkened = (src: Uint8ClampedArray, k: number) =>
  src.map((v, i) => (i % 4 === 3 ? v : v * k)) as Uint8ClampedArray;

const sharp = page();

describe('document photo checks', () => {
  it('downscales to a small grey image whatever the camera gives', () => {
    const g = toGrey(sharp, W, H);
    expect(Math.max(g.width, g.height)).toBeLessThanOrEqual(GREY_SIDE);
    expect(g.pixels.length).toBe(g.width * g.height);
  });

  it('keeps a sharp, well-lit page', () => {
    const r = checkPhoto(sharp, W, H);
    expect(r.problem, JSON.stringify(r.measures)).toBeNull();
  });

  it('refuses the same page shaken: blurred', () => {
    const r = checkPhoto(blurred(sharp, 6, 2), W, H);
    expect(r.problem, JSON.stringify(r.measures)).toBe('blurred');
  });

  it('refuses it in a dark room: too dark', () => {
    const r = checkPhoto(darkened(sharp, 0.18), W, H);
    expect(r.problem, JSON.stringify(r.measures)).toBe('too_dark');
  });

  it('refuses a picture with no page in it (the bare desk, the ceiling): no page', () => {
    const desk = new Uint8ClampedArray(W * H * 4).map((_, i) => (i % 4 === 3 ? 255 : 150));
    expect(checkPhoto(desk, W, H).problem).toBe('no_page');
  });

  it('says dark before anything else, and takes the measures as given', () => {
    expect(
      photoProblem({ meanLuminance: 20, contrast: 0, edgeEnergy: 0, laplacianVariance: 0 }),
    ).toBe('too_dark');
    const g = { width: 3, height: 3, pixels: new Float32Array([0, 0, 0, 0, 255, 0, 0, 0, 0]) };
    expect(measure(g).laplacianVariance).toBe(0); // one inner pixel: no spread
    expect(() => toGrey(new Uint8ClampedArray(4), 2, 2)).toThrow();
  });
});
