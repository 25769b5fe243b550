// GET COUNTERS / RESET COUNTERS requests waiting for a turn on the line. Each resolves exactly
// once: with the reply, or with its fallback when the device goes away or the driver stops.
import type { CashBoxCounters } from '../bill-acceptor';
import { Cmd, Reply } from './codes';
import { parseCounters } from './counters';

interface Job {
  cmd: number;
  done(reply: Buffer | null): void;
}

export class CounterJobs {
  private jobs: Job[] = [];

  /** The command owed next, or null. */
  get next(): number | null {
    return this.jobs[0]?.cmd ?? null;
  }

  read(): Promise<CashBoxCounters | null> {
    return this.add(Cmd.GET_COUNTERS, null, (reply) => {
      const counters = reply[0] === Reply.OK ? parseCounters(reply.subarray(1)) : null;
      return counters && { stacked: counters.stacked, byValue: null };
    });
  }

  reset(): Promise<boolean> {
    return this.add(Cmd.RESET_COUNTERS, false, (reply) => reply[0] === Reply.OK);
  }

  /** The reply to the oldest job (its command was the one sent). */
  answer(reply: Buffer): void {
    this.jobs.shift()?.done(reply);
  }

  flush(): void {
    for (const job of this.jobs.splice(0)) job.done(null);
  }

  private add<T>(cmd: number, fallback: T, read: (reply: Buffer) => T): Promise<T> {
    return new Promise<T>((resolve) => {
      this.jobs.push({ cmd, done: (reply) => resolve(reply ? read(reply) : fallback) });
    });
  }
}
