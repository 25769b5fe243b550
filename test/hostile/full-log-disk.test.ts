// Hostile-input suite, the full log disk: a log that cannot be written never stops the host. The production host (src/main.ts, bundled
// as `npm run build` does) runs in its own process: under a file-size limit with its log file
// already at the limit, and with its log folder on a full filesystem (a 64 KiB tmpfs in a private
// mount namespace). Both times it starts, keeps answering HTTP, tells the trouble once on
// stderr, logs again once it can (recording how many lines were lost), and exits only when told.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';
import { bundledHostCommand, Child, ROOT } from '../crash/processes';

const LIMIT_BYTES = 256 * 1024;
const LOST_NOTICE = 'log lines were lost while the log file could not be written';

let dir: string;
let hostArgs: string[];
let host: Child | null = null;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kiosk-log-survival-'));
  hostArgs = (await bundledHostCommand(dir, path.join(ROOT, 'src/main.ts'))).args;
}, 60_000);
afterEach(async () => {
  await host?.stop('SIGKILL');
  host = null;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A production config: the acceptor on /dev/null keeps failing to open, so the host logs. */
function writeConfig(name: string, logDir: string): string {
  const file = path.join(dir, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      terminal: { id: 'SH-XH-WK-0007', secret: DEMO_TERMINALS['SH-XH-WK-0007'] },
      gateway: { baseUrl: 'http://127.0.0.1:1', labPlainHttp: true },
      server: { port: 0 },
      journal: { path: path.join(dir, `${name}-journal.sqlite`) },
      logging: { dir: logDir, level: 'info' },
      devices: { billAcceptor: { driver: 'id003', port: '/dev/null', pollIntervalMs: 100 } },
    }),
  );
  return file;
}

interface Started {
  child: Child;
  url: string;
  stderr(): string;
}

/** Starts `command` (which ends by exec'ing the host) and waits for its ready line. */
async function start(command: string, args: string[]): Promise<Started> {
  const proc = spawn(command, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const child = new Child('host', proc);
  host = child;
  const url = await child.line(
    (l) => /^kiosk host ready at (\S+)/.exec(l)?.[1],
    'ready line',
    30_000,
  );
  return { child, url, stderr: () => stderr };
}

/** The host answers HTTP every 100 ms for `ms` and is still running. */
async function keepsAnswering(h: Started, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const res = await fetch(h.url);
    expect(res.status).toBeGreaterThan(0);
    await res.arrayBuffer();
    expect(h.child.alive).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

function linesOf(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function stopsWhenTold(h: Started): Promise<void> {
  h.child.proc.kill('SIGTERM');
  expect(await h.child.exited).toEqual({ code: 0, signal: null });
}

describe('the host under a file-size limit (RLIMIT_FSIZE)', () => {
  it('runs on with its log file at the limit, and logs again in a rotated file', async () => {
    const logDir = path.join(dir, 'fsize-log');
    mkdirSync(logDir);
    writeFileSync(path.join(logDir, 'kiosk.log'), Buffer.alloc(LIMIT_BYTES, 'x'));
    const config = writeConfig('fsize', logDir);
    // ulimit -f counts KiB; exec keeps one process, the host itself.
    const h = await start('bash', [
      '-c',
      `ulimit -f ${LIMIT_BYTES / 1024} && exec "$0" "$@"`,
      process.execPath,
      ...hostArgs,
      '--config',
      config,
    ]);
    await expect.poll(() => h.stderr(), { timeout: 10_000 }).toContain('cannot be written (EFBIG)');
    await keepsAnswering(h, 1_500);
    await expect.poll(() => h.stderr(), { timeout: 20_000 }).toContain('is written again');
    expect(count(h.stderr(), 'cannot be written')).toBe(1);

    // The full file was rotated away whole; the new one starts with what was lost.
    const files = readdirSync(logDir);
    const rotated = files.filter((f) => f.endsWith('-kiosk.log'));
    expect(rotated).toHaveLength(1);
    expect(statSync(path.join(logDir, rotated[0] ?? '')).size).toBe(LIMIT_BYTES);
    const notice = linesOf(path.join(logDir, 'kiosk.log')).find((l) => l.msg === LOST_NOTICE);
    expect(notice).toMatchObject({ cause: 'EFBIG' });
    expect(notice?.lost).toBeGreaterThanOrEqual(1);
    await keepsAnswering(h, 300);
    await stopsWhenTold(h);
  }, 60_000);
});

/** A private mount namespace (root, or an unprivileged user namespace) where tmpfs can go. */
const NAMESPACE = process.getuid?.() === 0 ? ['--mount'] : ['--mount', '--map-root-user'];
function canMountTmpfs(): boolean {
  const probe = mkdtempSync(path.join(tmpdir(), 'kiosk-mount-probe-'));
  const r = spawnSync('unshare', [
    ...NAMESPACE,
    'sh',
    '-c',
    'mount -t tmpfs tmpfs "$1"',
    'sh',
    probe,
  ]);
  rmSync(probe, { recursive: true, force: true });
  return r.status === 0;
}

describe('the host with its log on a full filesystem (ENOSPC)', () => {
  it.skipIf(!canMountTmpfs())(
    'runs on while the disk is full, and logs again once there is room',
    async () => {
      const logDir = path.join(dir, 'full-log');
      mkdirSync(logDir);
      const config = writeConfig('full', logDir);
      // A 64 KiB tmpfs on the log folder, filled to the last byte, then the host (exec).
      const script =
        'd=$1; shift; mount -t tmpfs -o size=64k tmpfs "$d" || exit 9; ' +
        'dd if=/dev/zero of="$d/filler" bs=4096 2>/dev/null; exec "$@"';
      const h = await start('unshare', [
        ...NAMESPACE,
        'sh',
        '-c',
        script,
        'sh',
        logDir,
        process.execPath,
        ...hostArgs,
        '--config',
        config,
      ]);
      await expect
        .poll(() => h.stderr(), { timeout: 10_000 })
        .toContain('cannot be written (ENOSPC)');
      await keepsAnswering(h, 1_500);
      expect(count(h.stderr(), 'cannot be written')).toBe(1);

      // Room again (seen through the host's own mount namespace).
      const inside = path.join(`/proc/${h.child.pid}/root`, logDir);
      rmSync(path.join(inside, 'filler'));
      await expect.poll(() => h.stderr(), { timeout: 30_000 }).toContain('is written again');
      const notice = linesOf(path.join(inside, 'kiosk.log')).find((l) => l.msg === LOST_NOTICE);
      expect(notice).toMatchObject({ cause: 'ENOSPC' });
      expect(notice?.lost).toBeGreaterThanOrEqual(1);
      await keepsAnswering(h, 300);
      await stopsWhenTold(h);
    },
    60_000,
  );
});
