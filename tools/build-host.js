// Bundles the production host (src/main.ts) into dist/host/main.mjs, so a kiosk starts from
// compiled JavaScript instead of transpiling TypeScript at every boot (P6: start to attract).
// Packages stay external and resolve from node_modules; dist/host sits as deep as src/host,
// so the host's paths to dist/ui and content/ hold in both.
import { build } from 'esbuild';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export async function buildHost(entry = 'src/main.ts', outfile = 'dist/host/main.mjs') {
  await build({
    entryPoints: [path.resolve(root, entry)],
    outfile: path.resolve(root, outfile),
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
}

if (process.argv[1] === import.meta.filename) {
  const [entry, outfile] = process.argv.slice(2);
  await buildHost(entry, outfile);
}
