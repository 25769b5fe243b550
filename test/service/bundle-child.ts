// Run by diagnostic-bundle.test.ts in a process of its own (in a private mount namespace, or
// under a file-size limit it sets on itself): writes a bundle with the config in the file named
// by argv[2], then prints what happened and what the bundle folder holds afterwards.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { KioskConfig } from '../../src/config/schema';
import { BundleError, writeDiagnosticBundle } from '../../src/service/diagnostic-bundle';
import { emptyFigures } from './bundle-fixture';

// As the host does (logger.ts): past a file-size limit a write fails with EFBIG instead.
process.on('SIGXFSZ', () => undefined);

const spec = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as {
  config: unknown;
  /** Bytes: the largest file this process may write from now on. */
  fileSizeLimit?: number;
};
const config = KioskConfig.parse(spec.config);
if (spec.fileSizeLimit !== undefined) {
  const limit = spawnSync('prlimit', [
    '--pid',
    String(process.pid),
    `--fsize=${spec.fileSizeLimit}`,
  ]);
  if (limit.status !== 0) throw new Error(`prlimit failed: ${String(limit.stderr)}`);
}
const dir = config.service.bundleDir ?? '';
let outcome: { ok: true; file: string } | { ok: false; code: string; message: string };
try {
  const bundle = await writeDiagnosticBundle({ config, devices: [], journal: emptyFigures() });
  outcome = { ok: true, file: bundle.file };
} catch (err) {
  if (!(err instanceof BundleError)) throw err;
  outcome = { ok: false, code: err.code, message: err.message };
}
console.log(JSON.stringify({ ...outcome, left: readdirSync(dir) }));
