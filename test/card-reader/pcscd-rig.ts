// A private pcscd for tests: its own reader.conf.d with vsmartcard's vpcd on a free port, so a
// card is inserted by connecting to that port (sim/devices/vpcd-card.ts, or vpicc's `vicc`).
// pcscd's socket is fixed (/run/pcscd), so only one can run: the rig refuses if another does.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadPcsclite } from '../../drivers/card-reader/pcsc-seam';

export const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
const PID_FILE = '/run/pcscd/pcscd.pid';

/** Why the real PC/SC stack cannot run here, or null when it can. */
export function pcscStackMissing(): string | null {
  if (spawnSync('pcscd', ['--version']).error) return 'pcscd is not installed (apt: pcscd)';
  if (!existsSync(VPCD_DRIVER)) return 'vpcd is not installed (apt: vsmartcard-vpcd)';
  try {
    loadPcsclite();
  } catch (err) {
    return `${(err as Error).message} (npm: pcsclite, apt: libpcsclite-dev to build it)`;
  }
  const pid = existsSync(PID_FILE) ? Number(readFileSync(PID_FILE, 'utf8').trim()) : NaN;
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid))
    return `another pcscd (pid ${pid}) is running; stop it first`;
  return null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A port with the next one free too: vpcd opens two readers, on PORT and PORT+1. */
async function freePortPair(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const a = s.address();
        s.close(() =>
          a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port')),
        );
      });
    });
    const next = await new Promise<boolean>((resolve) => {
      const s = createServer()
        .once('error', () => resolve(false))
        .listen(port + 1, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (next && port < 65535) return port;
  }
  throw new Error('no free port pair');
}

export class PcscdRig {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'kiosk-pcscd-'));
  port = 0;
  private daemon: ChildProcess | null = null;
  log = '';

  async configure(): Promise<void> {
    this.port = await freePortPair();
    const conf = path.join(this.dir, 'reader.conf.d');
    mkdirSync(conf);
    writeFileSync(
      path.join(conf, 'vpcd'),
      [
        'FRIENDLYNAME "Virtual PCD"',
        `DEVICENAME   /dev/null:${this.port}`,
        `LIBPATH      ${VPCD_DRIVER}`,
        `CHANNELID    ${this.port}`,
        '',
      ].join('\n'),
    );
  }

  /** Starts pcscd in the foreground; resolves when it says it is ready. */
  async start(): Promise<void> {
    // -x: pcscd leaves by itself after 60 s without clients, should this process die first.
    const daemon = spawn('pcscd', ['-f', '-i', '-x', '-c', path.join(this.dir, 'reader.conf.d')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.daemon = daemon;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`pcscd not ready:\n${this.log}`)), 10_000);
      daemon.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`pcscd exited with ${code}:\n${this.log}`));
      });
      for (const stream of [daemon.stdout, daemon.stderr])
        createInterface({ input: stream }).on('line', (line) => {
          this.log = `${this.log}${line}\n`.slice(-4000);
          if (line.includes('daemon ready')) {
            clearTimeout(timer);
            resolve();
          }
        });
    });
  }

  async stop(): Promise<void> {
    const daemon = this.daemon;
    this.daemon = null;
    if (!daemon || daemon.exitCode !== null || daemon.signalCode !== null) return;
    const exited = new Promise((r) => daemon.once('exit', r));
    daemon.kill('SIGTERM');
    await exited;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * The environment `vicc` (vpicc) needs on Debian 12, or null when it cannot run: the package
   * installs its modules one folder too deep, and they import PyCrypto's `Crypto`, which
   * Debian ships as pycryptodome's `Cryptodome`.
   */
  viccEnv(): NodeJS.ProcessEnv | null {
    if (spawnSync('vicc', ['--version']).error) return null;
    const site = '/usr/lib/python3/site-packages/virtualsmartcard';
    const shim = path.join(this.dir, 'python-shim');
    mkdirSync(shim, { recursive: true });
    const cryptodome = '/usr/lib/python3/dist-packages/Cryptodome';
    // vicc's own interpreter (its #! line), not whatever python3 comes first on PATH.
    const python = '/usr/bin/python3';
    const hasCrypto = spawnSync(python, ['-c', 'import Crypto']).status === 0;
    if (!hasCrypto && existsSync(cryptodome) && !existsSync(path.join(shim, 'Crypto')))
      symlinkSync(cryptodome, path.join(shim, 'Crypto'));
    const env = {
      ...process.env,
      PYTHONPATH: [site, shim, process.env['PYTHONPATH']].filter(Boolean).join(':'),
    };
    const check = spawnSync(python, ['-c', 'import virtualsmartcard.VirtualSmartcard'], { env });
    return check.status === 0 ? env : null;
  }
}
