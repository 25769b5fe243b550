// The sync worker: takes captured payments from the outbox to the gateway, exactly once.
// Rules (payments.md §6): the record is WRITEOFF_SENT before the request leaves; the same
// request body and agent serial are used for every retry; after a timeout, an unknown outcome
// or a restart the first call is a query, and the body is re-sent only when the gateway says
// it never committed it (not_found). Retries back off exponentially with jitter, and
// never sooner than a Retry-After the gateway gave.
//
// Due times are persisted wall-clock times (they survive a restart). A step of the wall clock
// must neither leave a write-off waiting for as long as the step nor make every retry due at
// once: before reading the outbox the worker moves open rows' due times by any step it saw
// (against the monotonic clock), and brings in any row due further away than its own wait,
// which only a wall clock set back while the host was down can cause. The backoff and the drain
// loop are retry-rules.ts, shared with the community room's worker.
import { EventEmitter } from 'node:events';
import type { Outbox, OutboxRow } from './outbox';
import type { PaymentJournal, PaymentRow } from './payment-journal';
import { monotonicNow } from './monotonic';
import { PENDING_SYNC_STATES } from './payment-states';
import type { JournalDb } from './open-journal';
import { DEFAULT_MAX_DELAY_MS, DrainLoop, retryBackoff } from './retry-rules';
import { WallClockSteps } from './wall-clock-steps';

export type WriteOffOutcome =
  | {
      kind: 'written_off';
      billerTxnId: string;
      resultJson: string;
      /** The gateway's business day of the write-off (YYYY-MM-DD), for reconciliation. */
      writtenOffDay: string;
    }
  | { kind: 'rejected'; code: string; message: string }
  | { kind: 'unknown'; reason: string; retryAfterMs?: number };

export type QueryOutcome = WriteOffOutcome | { kind: 'not_found' };

/** What the worker needs of the gateway; the host adapts its HTTP client to this. */
export interface WriteOffPort {
  submit(agentSerial: string, requestJson: string): Promise<WriteOffOutcome>;
  query(agentSerial: string): Promise<QueryOutcome>;
}

export interface SyncSettled {
  paymentId: number;
  state: 'WRITTEN_OFF' | 'REFUND_REQUIRED';
}

export interface SyncWorkerOptions {
  db: JournalDb;
  journal: PaymentJournal;
  outbox: Outbox;
  port: WriteOffPort;
  /** The wall clock, which due times are kept in. */
  clock?: () => number;
  /**
   * Measures elapsed time, to notice steps of `clock`. Default: the system's monotonic clock —
   * or, when only `clock` is given, `clock` itself (a simulation that moves one clock to make
   * time pass has no steps).
   */
  monotonic?: () => number;
  random?: () => number;
  /** The business day of a time (YYYY-MM-DD); past the day cut an unknown write-off is AWAIT_RECON. */
  businessDay?: (ms: number) => string;
  baseDelayMs?: number;
  maxDelayMs?: number;
  log?: (level: 'info' | 'warn', obj: object, msg: string) => void;
}

export class SyncWorker extends EventEmitter<{ settled: [SyncSettled]; attempt: [number] }> {
  private readonly loop: DrainLoop;
  private readonly clock: () => number;
  private readonly random: () => number;
  private readonly wallSteps: WallClockSteps;
  private checkedWaits = false;

  constructor(private readonly o: SyncWorkerOptions) {
    super();
    this.clock = o.clock ?? Date.now;
    this.random = o.random ?? Math.random;
    const monotonic = o.monotonic ?? (o.clock ? o.clock : monotonicNow);
    this.wallSteps = new WallClockSteps(this.clock, monotonic);
    this.loop = new DrainLoop({
      round: async (stopped) => {
        for (const row of this.o.outbox.due(this.alignedNow())) {
          if (stopped()) return;
          await this.process(row);
        }
      },
      nextDueIn: () => {
        const now = this.alignedNow();
        const at = this.o.outbox.nextDueAt();
        return at === null ? null : at - now;
      },
      // A failing drain must never take the host down: log it; the next kick or timer retries.
      onError: (err) => this.o.log?.('warn', { err: err.message }, 'sync worker drain failed'),
    });
  }

  /** Run now (e.g. right after funds are captured, or when the network comes back). */
  kick(): void {
    this.loop.kick();
  }

  /**
   * The network is back (or staff asked): retry every waiting write-off — or the one of this
   * payment — now instead of at the end of its backoff, but never before a Retry-After the
   * gateway gave. The attempt follows the worker's rules: after an unknown outcome it queries
   * before it sends anything.
   */
  retryNow(paymentId?: number): void {
    if (this.loop.isStopped) return;
    const now = this.alignedNow();
    if (paymentId === undefined) this.o.outbox.dueNow(now);
    else this.o.outbox.dueNowFor(paymentId, now);
    this.kick();
  }

  /**
   * Stops taking new work and resolves once an attempt already in flight has been settled in
   * the journal, so the journal may be closed after it.
   */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async process(row: OutboxRow): Promise<void> {
    const p = this.o.journal.get(row.paymentId);
    // Reconciliation may have settled it since the due list was read.
    if (!this.stillPending(row, p)) return;
    this.emit('attempt', p.id);
    let outcome: QueryOutcome;
    try {
      if (p.state === 'FUNDS_CAPTURED') {
        outcome = await this.send(p, 'writeoff_sent');
      } else {
        // A previous attempt may have reached the gateway: ask before sending anything.
        outcome = await this.o.port.query(p.agentSerial);
        if (outcome.kind === 'not_found') outcome = await this.send(p, 'writeoff_resent');
      }
    } catch (err) {
      outcome = { kind: 'unknown', reason: (err as Error).message };
    }
    this.settle(row, p, outcome);
  }

  private stillPending(row: OutboxRow, p: PaymentRow): boolean {
    return this.o.outbox.isOpen(row.id) && PENDING_SYNC_STATES.includes(p.state);
  }

  private send(p: PaymentRow, event: string): Promise<WriteOffOutcome> {
    if (p.requestJson === null) throw new Error(`payment ${p.id} has no request body`);
    if (p.state !== 'WRITEOFF_SENT') {
      this.o.db.transaction(() => this.o.journal.move(p.id, 'WRITEOFF_SENT', event))();
    }
    return this.o.port.submit(p.agentSerial, p.requestJson);
  }

  private settle(row: OutboxRow, before: PaymentRow, outcome: QueryOutcome): void {
    const now = this.alignedNow();
    const { db, journal, outbox } = this.o;
    // Settled elsewhere (reconciliation) while the call was out: its word stands.
    const p = journal.get(before.id);
    if (!this.stillPending(row, p)) return;
    switch (outcome.kind) {
      case 'written_off':
        db.transaction(() => {
          journal.recordWriteOff(p.id, outcome);
          outbox.close(row.id, now);
        })();
        this.o.log?.('info', { paymentId: p.id, agentSerial: p.agentSerial }, 'written off');
        this.emit('settled', { paymentId: p.id, state: 'WRITTEN_OFF' });
        return;
      case 'rejected':
        db.transaction(() => {
          journal.recordRejection(p.id, outcome.code);
          outbox.close(row.id, now);
        })();
        this.o.log?.('warn', { paymentId: p.id, code: outcome.code }, 'write-off rejected');
        this.emit('settled', { paymentId: p.id, state: 'REFUND_REQUIRED' });
        return;
      case 'unknown':
      case 'not_found': {
        const reason = outcome.kind === 'unknown' ? outcome.reason : 'not_found after re-send';
        const attempts = row.attempts + 1;
        const wait = Math.max(
          this.backoff(attempts),
          outcome.kind === 'unknown' ? (outcome.retryAfterMs ?? 0) : 0,
        );
        db.transaction(() => {
          const current = journal.get(p.id);
          if (current.state === 'WRITEOFF_SENT') {
            journal.move(p.id, 'WRITEOFF_UNKNOWN', 'writeoff_unknown', { reason });
          }
          if (
            this.pastDayCut(current.collectedAt, now) &&
            journal.get(p.id).state === 'WRITEOFF_UNKNOWN'
          ) {
            journal.move(p.id, 'AWAIT_RECON', 'unresolved_at_day_cut', { reason });
          }
          const retryAfter = outcome.kind === 'unknown' ? (outcome.retryAfterMs ?? 0) : 0;
          outbox.reschedule(
            row.id,
            attempts,
            { now, waitMs: wait, notBefore: retryAfter > 0 ? now + retryAfter : 0 },
            reason,
          );
        })();
        this.o.log?.(
          'warn',
          { paymentId: p.id, attempts, wait, reason },
          'write-off outcome unknown',
        );
        return;
      }
    }
  }

  /**
   * The wall clock's time, with the outbox's due times made true to it first: moved by any
   * step seen since the last reading, and none further away than its own wait. The wait check
   * is needed only at the first reading (a step while the host was down) and after a step (a
   * row captured between the step and this reading was moved with the rest).
   */
  private alignedNow(): number {
    const step = this.wallSteps.take();
    if (step !== 0) {
      this.o.outbox.shiftOpen(step);
      this.o.log?.('warn', { stepMs: step }, 'wall clock stepped: write-off due times moved');
    }
    const now = this.clock();
    if (step !== 0 || !this.checkedWaits) {
      this.checkedWaits = true;
      const broughtIn = this.o.outbox.bringIn(now, this.maxDelayMs());
      if (broughtIn > 0) {
        this.o.log?.('warn', { rows: broughtIn }, 'write-offs due beyond their wait brought in');
      }
    }
    return now;
  }

  private pastDayCut(collectedAt: number | null, now: number): boolean {
    const day = this.o.businessDay;
    return day !== undefined && collectedAt !== null && day(collectedAt) < day(now);
  }

  private backoff(attempts: number): number {
    return retryBackoff(
      attempts,
      { baseDelayMs: this.o.baseDelayMs, maxDelayMs: this.maxDelayMs() },
      this.random,
    );
  }

  private maxDelayMs(): number {
    return this.o.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  }
}
