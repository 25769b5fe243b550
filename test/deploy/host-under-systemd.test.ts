// The compiled host started as its unit starts it (dist/host/main.mjs --config FILE, with the
// unit's umask and the environment systemd gives a Type=notify service with a watchdog), and the
// browser unit's script beside it: the host says READY=1 once it serves and keeps pinging the
// watchdog; the launch ticket it leaves is readable by the browser's group and, opened by the
// script, makes the page the kiosk's screen; told to stop, it says STOPPING=1 and exits cleanly.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { redeemLaunch } from '../support/kiosk-pass';
import { startNotifySocket, type NotifySocket } from '../support/notify-socket';
import { DEPLOY_DIR, readUnit, setting } from './unit-file';

const ROOT = path.resolve(import.meta.dirname, '../..');
const hostUnit = readUnit('community-kiosk-host.service');
let manager: NotifySocket | undefined;
afterEach(() => manager?.close());

/** Runs kiosk-browser.sh with a stand-in for Chromium; returns the page address it opens. */
async function browserLaunchAddress(dir: string, kioskUrl: string, ticketFile: string) {
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'chromium'), '#!/bin/sh\nfor a; do echo "$a"; done\n');
  chmodSync(path.join(bin, 'chromium'), 0o755);
  const { stdout } = await promisify(execFile)(path.join(DEPLOY_DIR, 'kiosk-browser.sh'), [], {
    env: {
      PATH: `${bin}:/usr/bin:/bin`,
      KIOSK_URL: kioskUrl,
      KIOSK_TICKET_FILE: ticketFile,
      RUNTIME_DIRECTORY: path.join(dir, 'browser'),
    },
  });
  return (
    stdout
      .split('\n')
      .find((a) => a.startsWith('--app='))
      ?.slice('--app='.length) ?? ''
  );
}

it('the host under its unit: ready, watched, a launch ticket the browser can use, a clean stop', async () => {
  manager = await startNotifySocket();
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-systemd-'));
  // RuntimeDirectory=community-kiosk with RuntimeDirectoryMode=0750
  const runtime = path.join(dir, 'run');
  mkdirSync(runtime, { mode: 0o750 });
  const ticketFile = path.join(runtime, 'launch-ticket');
  const config = path.join(dir, 'kiosk.json');
  writeFileSync(
    config,
    JSON.stringify({
      terminal: { id: 'SH-XH-WK-0007', secret: randomBytes(32).toString('hex') },
      // No gateway answers: the host starts all the same and journals what it cannot send.
      gateway: { baseUrl: 'http://127.0.0.1:1', labPlainHttp: true },
      server: { port: 0, launchTicketFile: ticketFile },
      journal: { path: path.join(dir, 'journal.sqlite') },
      logging: { dir: path.join(dir, 'log') },
      devices: { billAcceptor: { driver: 'id003', port: '/dev/null' } },
    }),
  );
  const umask = setting(hostUnit, 'Service', 'UMask') ?? '0022';
  const entry = path.join(ROOT, 'dist/host/main.mjs');
  const host = spawn(
    'sh',
    ['-c', `umask ${umask} && exec "$0" "$1" --config "$2"`, process.execPath, entry, config],
    {
      cwd: ROOT,
      env: { ...process.env, NOTIFY_SOCKET: manager.path, WATCHDOG_USEC: '600000' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<number | null>((resolve) => host.on('exit', resolve));
  const ready = new Promise<string>((resolve) =>
    createInterface({ input: host.stdout }).on('line', (line) => {
      const url = /kiosk host ready at (\S+)/.exec(line)?.[1];
      if (url) resolve(url);
    }),
  );
  try {
    const seen: string[] = [];
    while (!seen.includes('READY=1')) seen.push(await manager.next(20_000));
    // Pings every 300 ms from the start, READY=1 once; more pings after it.
    expect(seen.filter((m) => m !== 'WATCHDOG=1')).toEqual(['READY=1']);
    expect(await manager.next(2_000)).toBe('WATCHDOG=1');

    // The ticket file: the host's group may read it (the browser's user is in that group).
    expect(statSync(ticketFile).mode & 0o777).toBe(0o640);
    const kioskUrl = new URL('/', await ready).toString();
    const launch = await browserLaunchAddress(dir, kioskUrl, ticketFile);
    expect(launch).toBe(`${kioskUrl}?launch=${readFileSync(ticketFile, 'utf8').trim()}`);
    const pass = await redeemLaunch(launch);
    expect(pass.cookie).not.toBe('');

    host.kill('SIGTERM');
    let message = await manager.next(5_000);
    while (message === 'WATCHDOG=1') message = await manager.next(5_000);
    expect(message).toBe('STOPPING=1');
    expect(await exited).toBe(0);
  } finally {
    host.kill('SIGKILL');
  }
}, 40_000);
