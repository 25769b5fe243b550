// GS v 0: a 1-bit image printed dot for dot. Receipts are sent as text and native QR instead
// (bench P4 measures why); this is for a logo, and for that comparison.

/** A monochrome image at printer resolution: one byte per dot, 1 = black, row by row. */
export interface MonoBitmap {
  width: number;
  height: number;
  dots: Uint8Array;
}

/** Rows per GS v 0 command: printers cap yL + 256·yH (often at 2303). */
export const RASTER_BAND_ROWS = 2048;

/** The image as GS v 0 commands (normal density), in bands of at most RASTER_BAND_ROWS rows. */
export function rasterCommands(image: MonoBitmap): Buffer {
  const rowBytes = Math.ceil(image.width / 8);
  const parts: Buffer[] = [];
  for (let top = 0; top < image.height; top += RASTER_BAND_ROWS) {
    const rows = Math.min(RASTER_BAND_ROWS, image.height - top);
    const band = Buffer.alloc(8 + rowBytes * rows);
    band.set([0x1d, 0x76, 0x30, 0x00, rowBytes & 0xff, rowBytes >> 8, rows & 0xff, rows >> 8]);
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < image.width; x++) {
        if (image.dots[(top + y) * image.width + x]) {
          const at = 8 + y * rowBytes + (x >> 3);
          band[at] = (band[at] ?? 0) | (0x80 >> (x & 7));
        }
      }
    }
    parts.push(band);
  }
  return Buffer.concat(parts);
}
