// Bundles the Electron shell: main (ESM, Node) and the sandboxed preload (CommonJS, imports
// only 'electron'). Native modules stay external and are rebuilt for Electron by
// electron-builder. The renderer is built by vite into dist/ui.
import { build } from 'esbuild';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const NATIVE = [
  'electron',
  'better-sqlite3',
  'serialport',
  '@serialport/*',
  'node-hid',
  'pino',
  'rotating-file-stream',
];

export async function buildElectron(outdir = path.join(root, 'dist/electron')) {
  await build({
    entryPoints: [path.join(root, 'src/electron/main.ts')],
    outfile: path.join(outdir, 'main.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: NATIVE,
    logLevel: 'warning',
  });
  await build({
    entryPoints: [path.join(root, 'src/electron/preload.ts')],
    outfile: path.join(outdir, 'preload.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    logLevel: 'warning',
  });
}

if (process.argv[1] === import.meta.filename) await buildElectron();
