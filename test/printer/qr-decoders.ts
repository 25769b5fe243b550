// Independent QR decoders for printed images: zbarimg (zbar-tools) in a child process, and jsQR
// in-process.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** What `zbarimg --raw -q` reads from the PNG (its symbols, one per line). */
export async function zbarRead(png: Buffer): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'zbar-'));
  const file = path.join(dir, 'receipt.png');
  writeFileSync(file, png);
  try {
    return await new Promise<string>((resolve, reject) => {
      execFile('zbarimg', ['--raw', '-q', file], (err, stdout, stderr) => {
        if (err) reject(new Error(`zbarimg failed: ${err.message} ${stderr}`));
        else resolve(stdout.trim());
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function jsQrRead(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  const data = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length);
  return jsQR(data, image.width, image.height)?.data ?? null;
}
