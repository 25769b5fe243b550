// The shell's answers to a page that hangs, a renderer that dies and a GPU that keeps
// crashing, with Electron's effects replaced by recorders and time by fake timers.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { prepareBeforeReady } from '../../src/electron/before-ready';
import {
  GPU_CRASH_LIMIT,
  GPU_CRASH_WINDOW_MS,
  GpuFallbackFile,
  isGpuCrash,
} from '../../src/electron/gpu-fallback';
import { HANG_GRACE_MS, HangRecovery } from '../../src/electron/hang-recovery';
import {
  decideAfterRendererGone,
  RELAUNCH_POLICY,
  RendererRelauncher,
} from '../../src/electron/renderer-relaunch';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('a page that stops answering', () => {
  function setup() {
    const calls: string[] = [];
    const hangs = new HangRecovery({
      reload: () => calls.push('reload'),
      killRenderer: () => calls.push('kill'),
      log: () => undefined,
    });
    return { calls, hangs };
  }

  it('is reloaded after the grace period, and its renderer killed if it still hangs', () => {
    const { calls, hangs } = setup();
    hangs.unresponsive();
    vi.advanceTimersByTime(HANG_GRACE_MS - 1);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['reload']);
    vi.advanceTimersByTime(HANG_GRACE_MS);
    expect(calls).toEqual(['reload', 'kill']);
    vi.advanceTimersByTime(10 * HANG_GRACE_MS);
    expect(calls).toEqual(['reload', 'kill']);
  });

  it('is left alone when it answers again within the grace period', () => {
    const { calls, hangs } = setup();
    hangs.unresponsive();
    vi.advanceTimersByTime(HANG_GRACE_MS / 2);
    hangs.responsive();
    vi.advanceTimersByTime(5 * HANG_GRACE_MS);
    expect(calls).toEqual([]);
  });

  it('is not killed when the reload brought it back', () => {
    const { calls, hangs } = setup();
    hangs.unresponsive();
    vi.advanceTimersByTime(HANG_GRACE_MS);
    hangs.responsive();
    vi.advanceTimersByTime(5 * HANG_GRACE_MS);
    expect(calls).toEqual(['reload']);
  });

  it('counts one countdown however often it is reported, and none once the window closed', () => {
    const { calls, hangs } = setup();
    hangs.unresponsive();
    vi.advanceTimersByTime(HANG_GRACE_MS / 2);
    hangs.unresponsive();
    vi.advanceTimersByTime(HANG_GRACE_MS / 2);
    expect(calls).toEqual(['reload']);
    hangs.dispose();
    hangs.unresponsive();
    vi.advanceTimersByTime(5 * HANG_GRACE_MS);
    expect(calls).toEqual(['reload']);
  });
});

describe('a renderer that is gone', () => {
  const policy = { backoffMs: [1_000, 5_000, 30_000], maxFailures: 5, windowMs: 600_000 };

  it('is relaunched after a delay that grows with the failures in the window', () => {
    expect(decideAfterRendererGone([], 0, policy)).toMatchObject({
      action: 'relaunch',
      delayMs: 1_000,
    });
    expect(decideAfterRendererGone([0], 10, policy)).toMatchObject({ delayMs: 5_000 });
    expect(decideAfterRendererGone([0, 10], 20, policy)).toMatchObject({ delayMs: 30_000 });
    expect(decideAfterRendererGone([0, 10, 20], 30, policy)).toMatchObject({
      action: 'relaunch',
      delayMs: 30_000,
    });
    // Failures older than the window are forgotten: back to the first delay.
    expect(decideAfterRendererGone([0, 10, 20, 30], 700_000, policy)).toEqual({
      action: 'relaunch',
      delayMs: 1_000,
      recent: [700_000],
    });
  });

  it('takes the kiosk out of service at the n-th failure in the window', () => {
    expect(decideAfterRendererGone([0, 10, 20, 30], 40, policy)).toMatchObject({
      action: 'out-of-service',
    });
  });

  it('loads the app again, then the out-of-service page, and stays out of service', () => {
    let now = 0;
    const calls: string[] = [];
    const relauncher = new RendererRelauncher(
      {
        loadApp: () => calls.push('app'),
        loadOutOfService: () => calls.push('out-of-service'),
        log: () => undefined,
      },
      RELAUNCH_POLICY,
      () => now,
    );
    for (let i = 0; i < RELAUNCH_POLICY.maxFailures - 1; i++) {
      relauncher.gone('crashed');
      vi.advanceTimersByTime(60_000);
      now += 60_000;
    }
    expect(calls).toEqual(['app', 'app', 'app', 'app']);
    expect(relauncher.isOutOfService).toBe(false);
    relauncher.gone('oom');
    vi.advanceTimersByTime(60_000);
    expect(calls.at(-1)).toBe('out-of-service');
    expect(relauncher.isOutOfService).toBe(true);
    // Long after, a crash of the out-of-service page redraws that page, not the app.
    now += 24 * 3_600_000;
    relauncher.gone('crashed');
    vi.advanceTimersByTime(60_000);
    expect(calls).toEqual(['app', 'app', 'app', 'app', 'out-of-service', 'out-of-service']);
  });

  it('waits out the backoff before loading, and a second loss replaces the pending load', () => {
    const calls: string[] = [];
    const [first = 0, second = 0] = RELAUNCH_POLICY.backoffMs;
    const relauncher = new RendererRelauncher({
      loadApp: () => calls.push('app'),
      loadOutOfService: () => calls.push('out-of-service'),
      log: () => undefined,
    });
    relauncher.gone('crashed');
    vi.advanceTimersByTime(first - 1);
    expect(calls).toEqual([]);
    relauncher.gone('killed'); // e.g. the hung page was killed meanwhile
    vi.advanceTimersByTime(second - 1);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['app']);
  });

  it('relaunches nothing once the window is closing', () => {
    const calls: string[] = [];
    const relauncher = new RendererRelauncher({
      loadApp: () => calls.push('app'),
      loadOutOfService: () => calls.push('out-of-service'),
      log: () => undefined,
    });
    relauncher.gone('crashed');
    relauncher.dispose();
    relauncher.gone('clean-exit');
    vi.advanceTimersByTime(120_000);
    expect(calls).toEqual([]);
  });
});

describe('repeated GPU crashes', () => {
  const file = () => path.join(mkdtempSync(path.join(tmpdir(), 'kiosk-gpu-')), 'gpu.json');

  it('are GPU processes that failed, not ones that exited or were stopped', () => {
    expect(isGpuCrash({ type: 'GPU', reason: 'crashed' })).toBe(true);
    expect(isGpuCrash({ type: 'GPU', reason: 'oom' })).toBe(true);
    expect(isGpuCrash({ type: 'GPU', reason: 'launch-failed' })).toBe(true);
    expect(isGpuCrash({ type: 'GPU', reason: 'clean-exit' })).toBe(false);
    expect(isGpuCrash({ type: 'GPU', reason: 'killed' })).toBe(false);
    expect(isGpuCrash({ type: 'Utility', reason: 'crashed' })).toBe(false);
  });

  it('persist a flag after the limit within the window, which survives a restart', () => {
    const f = file();
    const record = new GpuFallbackFile(f, () => undefined);
    for (let i = 1; i < GPU_CRASH_LIMIT; i++) {
      expect(record.recordCrash(i * 1000).disableHardwareAcceleration).toBe(false);
    }
    expect(record.recordCrash(GPU_CRASH_LIMIT * 1000).disableHardwareAcceleration).toBe(true);
    // What the next boot reads, through a new reader of the same file.
    expect(new GpuFallbackFile(f, () => undefined).read().disableHardwareAcceleration).toBe(true);
  });

  it('spread over more than the window do not disable acceleration', () => {
    const record = new GpuFallbackFile(file(), () => undefined);
    for (let i = 0; i < 2 * GPU_CRASH_LIMIT; i++) {
      expect(record.recordCrash(i * GPU_CRASH_WINDOW_MS).disableHardwareAcceleration).toBe(false);
    }
  });

  it('leave the kiosk running when the record is unreadable or cannot be written', () => {
    const f = file();
    writeFileSync(f, '{"crashes": "lots"');
    const warnings: string[] = [];
    const record = new GpuFallbackFile(f, (m) => warnings.push(m));
    expect(record.read()).toEqual({ crashes: [], disableHardwareAcceleration: false });
    expect(warnings[0]).toMatch(/unreadable GPU crash record/);
    const unwritable = new GpuFallbackFile('/proc/kiosk-gpu.json', (m) => warnings.push(m));
    expect(unwritable.recordCrash(1).crashes).toEqual([1]);
    expect(warnings.at(-1)).toMatch(/could not write GPU crash record/);
    expect(readFileSync(f, 'utf8')).toBe('{"crashes": "lots"'); // reading changed nothing
  });

  it('make the next boot disable hardware acceleration before the app is ready', () => {
    const calls: string[] = [];
    const app = {
      enableSandbox: () => calls.push('sandbox'),
      disableHardwareAcceleration: () => calls.push('no-gpu'),
    };
    const protocol = { registerSchemesAsPrivileged: () => calls.push('scheme') };
    prepareBeforeReady({
      app,
      protocol,
      gpu: { disableHardwareAcceleration: false },
      log: () => undefined,
    });
    expect(calls).toEqual(['sandbox', 'scheme']);
    calls.length = 0;
    prepareBeforeReady({
      app,
      protocol,
      gpu: { disableHardwareAcceleration: true },
      log: () => undefined,
    });
    expect(calls).toEqual(['sandbox', 'scheme', 'no-gpu']);
  });
});
