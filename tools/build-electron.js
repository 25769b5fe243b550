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

function bundle(entry, outfile, format, external) {
  return build({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format,
    external,
    logLevel: 'warning',
  });
}

export async function buildElectron(outdir = path.join(root, 'dist/electron')) {
  await bundle('src/electron/main.ts', path.join(outdir, 'main.js'), 'esm', NATIVE);
  await bundle('src/electron/preload.ts', path.join(outdir, 'preload.cjs'), 'cjs', ['electron']);
}

if (process.argv[1] === import.meta.filename) await buildElectron();
