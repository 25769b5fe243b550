// P6 (c): what the kiosk's Chromium downloads and parses: the built UI's scripts and styles,
// gzipped (zlib, default level) as a server or a package would compress them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const UI_ASSETS = path.resolve(import.meta.dirname, '../../dist/ui/assets');

export interface BundleSize {
  gzipKb: number;
  rawKb: number;
  builtAt: string;
  files: { file: string; rawKb: number; gzipKb: number }[];
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

export function uiBundleSize(): BundleSize {
  if (!existsSync(UI_ASSETS)) throw new Error('dist/ui is missing: run `npm run build` first');
  const files = readdirSync(UI_ASSETS)
    .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
    .map((file) => {
      const bytes = readFileSync(path.join(UI_ASSETS, file));
      return { file, raw: bytes.length, gzip: gzipSync(bytes).length };
    });
  if (files.length === 0) throw new Error(`no .js or .css in ${UI_ASSETS}`);
  const sum = (k: 'raw' | 'gzip') => files.reduce((a, f) => a + f[k], 0);
  return {
    gzipKb: kb(sum('gzip')),
    rawKb: kb(sum('raw')),
    builtAt: statSync(UI_ASSETS).mtime.toISOString(),
    files: files.map((f) => ({ file: f.file, rawKb: kb(f.raw), gzipKb: kb(f.gzip) })),
  };
}
