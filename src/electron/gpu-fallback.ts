// Repeated GPU process crashes (a bad driver, a flaky panel) can leave the kiosk with a blank
// or frozen screen. They are counted in a small file; after GPU_CRASH_LIMIT crashes within
// GPU_CRASH_WINDOW_MS the file says so, and at the next start the shell runs without hardware
// acceleration (app.disableHardwareAcceleration() must be called before the app is ready).
// A technician clears the fallback by deleting the file.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export const GPU_CRASH_LIMIT = 3;
export const GPU_CRASH_WINDOW_MS = 24 * 60 * 60_000;

const GpuRecord = z.object({
  crashes: z.array(z.number().int().nonnegative()).max(100),
  disableHardwareAcceleration: z.boolean(),
});
export type GpuRecord = z.infer<typeof GpuRecord>;

const EMPTY: GpuRecord = { crashes: [], disableHardwareAcceleration: false };

/**
 * Whether a child-process-gone report is a GPU process that failed: not one that exited on
 * purpose or was killed from outside (as when the kiosk is shut down).
 */
export function isGpuCrash(details: { type: string; reason: string }): boolean {
  return details.type === 'GPU' && details.reason !== 'clean-exit' && details.reason !== 'killed';
}

/** The record after one more GPU crash at `now` (pure). */
export function withGpuCrash(record: GpuRecord, now: number): GpuRecord {
  const crashes = [...record.crashes.filter((t) => now - t < GPU_CRASH_WINDOW_MS), now];
  return {
    crashes,
    disableHardwareAcceleration:
      record.disableHardwareAcceleration || crashes.length >= GPU_CRASH_LIMIT,
  };
}

export class GpuFallbackFile {
  constructor(
    private readonly file: string,
    private readonly log: (message: string) => void,
  ) {}

  /** The stored record; a missing file is a clean slate, an unreadable one is reported and reset. */
  read(): GpuRecord {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return EMPTY;
    }
    try {
      return GpuRecord.parse(JSON.parse(text));
    } catch (err) {
      this.log(`ignoring unreadable GPU crash record ${this.file}: ${(err as Error).message}`);
      return EMPTY;
    }
  }

  /** Counts one GPU crash; returns the new record. A write failure is reported, never thrown. */
  recordCrash(now: number): GpuRecord {
    const next = withGpuCrash(this.read(), now);
    try {
      const tmp = `${this.file}.tmp`;
      writeFileSync(tmp, JSON.stringify(next), { mode: 0o600 });
      renameSync(tmp, this.file);
    } catch (err) {
      this.log(`could not write GPU crash record ${this.file}: ${(err as Error).message}`);
    }
    return next;
  }
}
