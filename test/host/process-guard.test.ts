// An error that escaped every handler: said on stderr and in the log, then exit 70 for the
// supervisor to restart the host (recovery carries the money).
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXIT_PROGRAMMING_ERROR, guardProcess } from '../../src/host/process-guard';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function guarded(log: { fatal(obj: object, msg: string): void } | null) {
  const proc = new EventEmitter();
  const lines: string[] = [];
  const exits: number[] = [];
  guardProcess({
    name: 'kiosk',
    log: () => log,
    proc: proc as unknown as Pick<NodeJS.Process, 'on'>,
    stderr: (l) => lines.push(l),
    exit: (c) => exits.push(c),
  });
  return { proc, lines, exits };
}

describe('the process guard', () => {
  it('logs an uncaught exception and exits 70 once the log had a moment', () => {
    const fatal = vi.fn();
    const { proc, lines, exits } = guarded({ fatal });
    proc.emit('uncaughtException', new Error('boom'));
    expect(lines[0]).toMatch(/^kiosk: uncaught exception, exiting for a restart: Error: boom/);
    expect(fatal).toHaveBeenCalledOnce();
    expect(exits).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(exits).toEqual([EXIT_PROGRAMMING_ERROR]);
  });

  it('treats an unhandled rejection the same, and a failing log does not stop the exit', () => {
    const { proc, lines, exits } = guarded({
      fatal: () => {
        throw new Error('disk full');
      },
    });
    proc.emit('unhandledRejection', 'not an error');
    proc.emit('uncaughtException', new Error('second'));
    vi.advanceTimersByTime(200);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('unhandled rejection');
    expect(exits).toEqual([70]);
  });
});
