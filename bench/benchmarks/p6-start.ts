// P6 (b): from spawning the host process to the attract screen painted in Chromium. The page
// keeps asking for the kiosk URL from the moment of the spawn, as a kiosk's browser would.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildHost } from '../../tools/build-host.js';
import { productionNodeFlags, sleep, stopChild } from '../harness';
import { nextFrame, throttledPage } from './p6-browser';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HOST_SCRIPT = path.resolve(import.meta.dirname, 'p6-host.ts');
const GIVE_UP_MS = 30_000;

export interface StartedHost {
  child: ChildProcess;
  url: string;
  /** Where the host leaves the launch ticket for the kiosk's browser. */
  ticketFile: string;
  /** By the host's own clock (ms since its process started): modules loaded, listening. */
  phases(): { importedMs: number; listeningMs: number } | null;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** The host script compiled ahead of time, as the production host is (tools/build-host.js). */
const HOST_BUNDLE = 'dist/bench/p6-host.mjs';
let bundled: Promise<string> | undefined;
function hostBundle(): Promise<string> {
  if (!bundled) {
    bundled = buildHost(path.relative(ROOT, HOST_SCRIPT), HOST_BUNDLE).then(() =>
      path.join(ROOT, HOST_BUNDLE),
    );
  }
  return bundled;
}

/** Spawns the compiled host (as `npm run host` runs it); returns at once, before it listens. */
export async function spawnHost(gatewayUrl: string): Promise<StartedHost> {
  const port = await freePort();
  const script = await hostBundle();
  const ticketFile = path.join(tmpdir(), `kiosk-p6-ticket-${randomBytes(6).toString('hex')}`);
  // As `npm run host` starts it, Node's flags included.
  const args = [...productionNodeFlags(), script, gatewayUrl, String(port), ticketFile];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += String(d)));
  child.stdout?.on('data', (d: Buffer) => (stdout += String(d)));
  const phases = () => {
    const m = /started imported=(\d+) listening=(\d+)/.exec(stdout);
    return m ? { importedMs: Number(m[1]), listeningMs: Number(m[2]) } : null;
  };
  child.once('exit', (code) => {
    if (code) console.error(`p6 host exited ${code}: ${stderr}`);
  });
  const stop = async () => {
    await stopChild(child);
    rmSync(ticketFile, { force: true });
  };
  return { child, url: `http://127.0.0.1:${port}/`, ticketFile, phases, stop };
}

/**
 * Navigates `page` to the host's launch address as soon as the host answers, as the kiosk's
 * browser does (deploy/). The port is polled from here: a failed navigation would make the
 * throttled page render an error page each time.
 */
export async function openWhenListening(page: Page, host: StartedHost): Promise<void> {
  const t0 = performance.now();
  for (;;) {
    // Any answer will do (without a pass the page is a 403): the host is listening.
    const listening = await fetch(host.url, { signal: AbortSignal.timeout(5_000) })
      .then(() => true)
      .catch(() => false);
    if (listening) break;
    if (host.child.exitCode !== null) throw new Error('the host exited before it listened');
    if (performance.now() - t0 > GIVE_UP_MS) throw new Error('the host never listened');
    await sleep(10);
  }
  const ticket = readFileSync(host.ticketFile, 'utf8').trim();
  await page.goto(`${host.url}?launch=${ticket}`);
}

export interface StartTiming {
  /** Spawn → the attract screen's first frame in Chromium. */
  attractMs: number;
  /** Spawn → the kiosk page answered (polled from Node). */
  servedMs: number;
  /** The host's own account: Node + modules loaded, and listening. */
  importedMs: number | null;
  listeningMs: number | null;
}

/** A kiosk's browser is up, with its page open, before the host starts: let the new page settle. */
const PAGE_SETTLE_MS = 1_000;

export async function timeHostStart(browser: Browser, gatewayUrl: string): Promise<StartTiming> {
  const page = await throttledPage(browser);
  await sleep(PAGE_SETTLE_MS);
  const t0 = performance.now();
  const host = await spawnHost(gatewayUrl);
  try {
    await openWhenListening(page, host);
    const servedMs = performance.now() - t0;
    await page
      .locator('[data-screen="attract"]')
      .waitFor({ state: 'visible', timeout: GIVE_UP_MS });
    await nextFrame(page);
    const attractMs = performance.now() - t0;
    const phases = host.phases();
    return {
      attractMs,
      servedMs,
      importedMs: phases?.importedMs ?? null,
      listeningMs: phases?.listeningMs ?? null,
    };
  } finally {
    await page.close();
    await host.stop();
  }
}
