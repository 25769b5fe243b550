// The JPEG size loop: the best quality at the largest size that fits the upload's limit, the
// quality lowered before the size, and nothing when even the smallest is too large.
import { describe, expect, it } from 'vitest';
import { fitJpeg, QUALITIES, SCALES } from '../../ui/camera/jpeg-fit';

/** An encoder whose file is `bytesAt(quality, scale)` long; it records what was asked. */
function encoder(bytesAt: (quality: number, scale: number) => number) {
  const asked: [number, number][] = [];
  const encode = (quality: number, scale: number) => {
    asked.push([quality, scale]);
    return Promise.resolve(new Blob([new Uint8Array(bytesAt(quality, scale))]));
  };
  return { asked, encode };
}

describe('fitJpeg', () => {
  it('the first try is kept when it fits', async () => {
    const { asked, encode } = encoder(() => 500);
    expect((await fitJpeg(encode, 1000))?.size).toBe(500);
    expect(asked).toEqual([[QUALITIES[0], SCALES[0]]]);
  });

  it('lowers the quality first, then the size', async () => {
    // Bytes grow with quality and with the area; only quality 0.5 at 80 % fits.
    const { asked, encode } = encoder((q, s) => Math.round(3000 * q * s * s));
    const blob = await fitJpeg(encode, 1000);
    expect(blob?.size).toBe(960);
    expect(asked.slice(0, QUALITIES.length).map(([, s]) => s)).toEqual(QUALITIES.map(() => 1));
    expect(asked.at(-1)).toEqual([0.5, 0.8]);
  });

  it('null when even the smallest is too large, or the encoder gives nothing', async () => {
    const { asked, encode } = encoder(() => 2000);
    expect(await fitJpeg(encode, 1000)).toBeNull();
    expect(asked).toHaveLength(QUALITIES.length * SCALES.length);
    expect(await fitJpeg(() => Promise.resolve(null), 1000)).toBeNull();
    const empty = () => Promise.resolve(new Blob([]));
    expect(await fitJpeg(empty, 1000)).toBeNull();
  });
});
