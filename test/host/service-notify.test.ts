// The host's messages to systemd: READY=1 once, WATCHDOG=1 on a timer (so only while the event
// loop runs), nothing at all outside systemd, and no failure that could stop the host. The last
// tests send through the real systemd-notify tool to a stand-in for the manager's socket.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  startServiceNotify,
  systemdNotifyTool,
  watchdogIntervalMs,
} from '../../src/host/service-notify';
import { startNotifySocket, type NotifySocket } from '../support/notify-socket';

afterEach(() => vi.useRealTimers());

const UNDER_SYSTEMD = {
  NOTIFY_SOCKET: '/run/systemd/notify',
  WATCHDOG_USEC: '30000000', // WatchdogSec=30 in deploy/community-kiosk-host.service
  WATCHDOG_PID: '4242',
};

function recorder(fail = false) {
  const sent: string[] = [];
  const notify = vi.fn((message: string) => {
    sent.push(message);
    return fail ? Promise.reject(new Error('no manager')) : Promise.resolve();
  });
  return { sent, notify };
}

describe('the watchdog period', () => {
  it('is half of what systemd asks of this process, and none for another process', () => {
    expect(watchdogIntervalMs(UNDER_SYSTEMD, 4242)).toBe(15_000);
    expect(watchdogIntervalMs({ WATCHDOG_USEC: '30000000' }, 1)).toBe(15_000);
    expect(watchdogIntervalMs(UNDER_SYSTEMD, 99)).toBeNull();
    expect(watchdogIntervalMs({}, 1)).toBeNull();
    expect(watchdogIntervalMs({ WATCHDOG_USEC: 'soon' }, 1)).toBeNull();
    expect(watchdogIntervalMs({ WATCHDOG_USEC: '-5' }, 1)).toBeNull();
  });
});

describe('service notifications', () => {
  it('are all no-ops outside systemd', async () => {
    vi.useFakeTimers();
    const { sent, notify } = recorder();
    const service = startServiceNotify({
      env: { WATCHDOG_USEC: '30000000' },
      notify,
      log: { warn: vi.fn() },
    });
    service.ready();
    service.stopping();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sent).toEqual([]);
    service.close();
  });

  it('say READY=1 once and ping the watchdog every half period until closed', async () => {
    vi.useFakeTimers();
    const { sent, notify } = recorder();
    const service = startServiceNotify({ env: UNDER_SYSTEMD, pid: 4242, notify, log: console });
    await vi.advanceTimersByTimeAsync(14_999);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['WATCHDOG=1']);
    service.ready();
    service.ready();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sent).toEqual(['WATCHDOG=1', 'READY=1', 'WATCHDOG=1', 'WATCHDOG=1']);
    service.stopping();
    service.close();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sent).toEqual(['WATCHDOG=1', 'READY=1', 'WATCHDOG=1', 'WATCHDOG=1', 'STOPPING=1']);
  });

  it('stop while the event loop is blocked and resume when it runs again', async () => {
    const { sent, notify } = recorder();
    const env = { NOTIFY_SOCKET: '/run/systemd/notify', WATCHDOG_USEC: '40000' }; // every 20 ms
    const service = startServiceNotify({ env, notify, log: console });
    await new Promise((resolve) => setTimeout(resolve, 70));
    const beforeBlock = sent.length;
    expect(beforeBlock).toBeGreaterThan(0);
    const until = Date.now() + 200; // ten periods with the loop stuck
    while (Date.now() < until);
    expect(sent.length).toBe(beforeBlock);
    await new Promise((resolve) => setTimeout(resolve, 70));
    expect(sent.length).toBeGreaterThan(beforeBlock);
    service.close();
  });

  it('never pile up pings behind one the manager has not taken yet', async () => {
    vi.useFakeTimers();
    let release: () => void = () => undefined;
    const notify = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const service = startServiceNotify({ env: UNDER_SYSTEMD, pid: 4242, notify, log: console });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(notify).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(notify).toHaveBeenCalledTimes(2);
    service.close();
  });

  it('that cannot be sent are logged once per run of failures and never thrown', async () => {
    vi.useFakeTimers();
    const { sent, notify } = recorder(true);
    const warn = vi.fn();
    const service = startServiceNotify({ env: UNDER_SYSTEMD, pid: 4242, notify, log: { warn } });
    service.ready();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toEqual(['READY=1', 'WATCHDOG=1', 'WATCHDOG=1', 'WATCHDOG=1', 'WATCHDOG=1']);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/could not tell systemd READY=1: no manager/);
    service.close();
  });
});

describe('the systemd-notify tool', () => {
  let manager: NotifySocket | undefined;
  afterEach(() => manager?.close());

  it('delivers each message to the socket named by $NOTIFY_SOCKET', async () => {
    manager = await startNotifySocket();
    const notify = systemdNotifyTool({ ...process.env, NOTIFY_SOCKET: manager.path });
    await notify('READY=1');
    await notify('WATCHDOG=1');
    expect([await manager.next(), await manager.next()]).toEqual(['READY=1', 'WATCHDOG=1']);
  });

  it('fails, without hanging, when no manager listens', async () => {
    const socketPath = path.join(mkdtempSync(path.join(tmpdir(), 'kiosk-notify-')), 'none');
    const notify = systemdNotifyTool({ ...process.env, NOTIFY_SOCKET: socketPath });
    await expect(notify('WATCHDOG=1')).rejects.toThrow();
  });
});
