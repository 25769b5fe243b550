// The compiled host, started as its unit starts it (dist/host/main.mjs --config FILE) with the
// environment systemd gives a Type=notify service with a watchdog: it must say READY=1 once it
// serves, keep pinging the watchdog, and say STOPPING=1 when told to stop.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startNotifySocket, type NotifySocket } from '../support/notify-socket';

const ROOT = path.resolve(import.meta.dirname, '../..');
let manager: NotifySocket | undefined;
afterEach(() => manager?.close());

it('the host tells systemd it is ready, pings the watchdog, and says when it stops', async () => {
  manager = await startNotifySocket();
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-systemd-'));
  const config = path.join(dir, 'kiosk.json');
  writeFileSync(
    config,
    JSON.stringify({
      terminal: { id: 'SH-XH-WK-0007', secret: 'demo-secret-change-me' },
      gateway: { baseUrl: 'http://127.0.0.1:1' },
      server: { port: 0 },
      journal: { path: path.join(dir, 'journal.sqlite') },
      logging: { dir: path.join(dir, 'log') },
      devices: { billAcceptor: { driver: 'id003', port: '/dev/null' } },
    }),
  );
  const host = spawn(
    process.execPath,
    [path.join(ROOT, 'dist/host/main.mjs'), '--config', config],
    {
      cwd: ROOT,
      env: { ...process.env, NOTIFY_SOCKET: manager.path, WATCHDOG_USEC: '600000' },
      stdio: 'ignore',
    },
  );
  const exited = new Promise<number | null>((resolve) => host.on('exit', resolve));
  try {
    const seen: string[] = [];
    while (!seen.includes('READY=1')) seen.push(await manager.next(20_000));
    // Pings every 300 ms from the start, READY=1 once; more pings after it.
    expect(seen.filter((m) => m !== 'WATCHDOG=1')).toEqual(['READY=1']);
    expect(await manager.next(2_000)).toBe('WATCHDOG=1');
    host.kill('SIGTERM');
    let message = await manager.next(5_000);
    while (message === 'WATCHDOG=1') message = await manager.next(5_000);
    expect(message).toBe('STOPPING=1');
    expect(await exited).toBe(0);
  } finally {
    host.kill('SIGKILL');
  }
}, 40_000);
