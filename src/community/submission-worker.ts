// The submission worker: takes journalled uploads, applications, additions of documents, invoice
// requests and notices to the gateway, each exactly once, by the sync worker's rules and with its
// code (offline-queue/retry-rules.ts: backoff ×8 with jitter, one round at a time; wall-clock
// steps noticed as the sync worker does):
// - journal before send: a request is `sent`, with its exact body fixed, before it leaves;
// - the same body and serial every time; after a timeout, an unknown outcome or a restart the
//   first call is a query, and the body goes again only when the gateway never committed it;
// - never sooner than a Retry-After the gateway gave.
// A request's photos go first, each once (the same bytes get the same upload id, so sending a
// photo again is safe; the contract has no query for uploads); each leaves the terminal as soon
// as the gateway holds it, and every photo at its deadline whatever happened (24 h after its
// submission, an hour if never submitted): a request whose photos are gone before the gateway
// held them is refused on the terminal (`photo_expired`), never sent without them.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { JournalDb } from '../../offline-queue/open-journal';
import { monotonicNow } from '../../offline-queue/monotonic';
import { DEFAULT_MAX_DELAY_MS, DrainLoop, retryBackoff } from '../../offline-queue/retry-rules';
import { WallClockSteps } from '../../offline-queue/wall-clock-steps';
import type { CommunityJournal, PhotoRow, SubmissionRow } from './community-journal';
import { requestBody } from './draft';
import { PhotoUnreadable, type PhotoVault } from './photo-vault';
import type {
  QueryOutcome,
  SubmissionPort,
  SubmissionTarget,
  SubmitOutcome,
} from './submission-port';

export interface SubmissionSettled {
  submissionId: number;
  serial: string;
  state: 'accepted' | 'rejected';
}

export interface SubmissionWorkerOptions {
  db: JournalDb;
  journal: CommunityJournal;
  vault: PhotoVault;
  port: SubmissionPort;
  /** The wall clock, which due times and photo deadlines are kept in. */
  clock?: () => number;
  /** Notices steps of `clock` (default: the system's monotonic clock, or `clock` when only it is given). */
  monotonic?: () => number;
  random?: () => number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  log?: (level: 'info' | 'warn', obj: object, msg: string) => void;
}

type Prepared = 'ready' | Exclude<SubmitOutcome, { kind: 'accepted' }>;

export class SubmissionWorker extends EventEmitter<{
  settled: [SubmissionSettled];
  attempt: [number];
  /** A photo left the terminal (held by the gateway, or its time was up). */
  purged: [number];
}> {
  private readonly loop: DrainLoop;
  private readonly clock: () => number;
  private readonly random: () => number;
  private readonly wallSteps: WallClockSteps;
  private checkedWaits = false;

  constructor(private readonly o: SubmissionWorkerOptions) {
    super();
    this.clock = o.clock ?? Date.now;
    this.random = o.random ?? Math.random;
    this.wallSteps = new WallClockSteps(
      this.clock,
      o.monotonic ?? (o.clock ? o.clock : monotonicNow),
    );
    this.loop = new DrainLoop({
      round: async (stopped) => {
        this.purgeDue();
        for (const row of this.o.journal.due(this.alignedNow())) {
          if (stopped()) return;
          await this.process(row);
        }
        this.purgeDue();
      },
      nextDueIn: () => {
        const now = this.alignedNow();
        const times = [this.o.journal.nextDueAt(), this.o.journal.nextPhotoDeadline()].filter(
          (t): t is number => t !== null,
        );
        return times.length === 0 ? null : Math.min(...times) - now;
      },
      onError: (err) =>
        this.o.log?.('warn', { err: err.message }, 'submission worker round failed'),
    });
  }

  /**
   * At start: the vault keeps only the files of live photos (a crash between a file and its
   * row, or between a row's purge and its file's removal), photos past their time go, and the
   * work left from before is taken up (queries first).
   */
  start(): void {
    const removed = this.o.vault.sweep(this.o.journal.liveFiles());
    if (removed > 0)
      this.o.log?.('info', { files: removed }, 'photo vault: leftover files removed');
    this.purgeDue();
    this.kick();
  }

  kick(): void {
    this.loop.kick();
  }

  /** The network is back (or staff asked): everything waiting is due now, never before a Retry-After. */
  retryNow(): void {
    if (this.loop.isStopped) return;
    this.o.journal.dueNow(this.alignedNow());
    this.kick();
  }

  /** Runs the work due now and resolves when done (its failure to the caller: kick() logs it). */
  drain(): Promise<void> {
    return this.loop.drain();
  }

  /** Stops taking work; resolves once a request in flight is settled in the journal. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async process(row: SubmissionRow): Promise<void> {
    this.emit('attempt', row.id);
    let outcome: QueryOutcome;
    try {
      if (row.state === 'queued') {
        const prepared = await this.holdPhotos(row);
        outcome = prepared === 'ready' ? await this.send(row) : prepared;
      } else {
        // It may have reached the gateway: ask before sending anything.
        outcome = await this.o.port.query(this.target(row, row.requestJson ?? ''));
        if (outcome.kind === 'not_found') outcome = await this.send(row);
        else if (outcome.kind === 'committed_without_answer') {
          // Committed: the same body answers the first answer again (the tracking code).
          outcome = await this.o.port.submit(this.target(row, row.requestJson ?? ''));
        }
      }
    } catch (err) {
      outcome = { kind: 'unknown', reason: (err as Error).message };
    }
    this.settle(row, outcome);
  }

  /** Each photo of the request to the gateway (once held, gone from the terminal). */
  private async holdPhotos(row: SubmissionRow): Promise<Prepared> {
    for (const photo of this.o.journal.photosOf(row.id)) {
      if (photo.uploadId !== null) continue;
      if (photo.file === null) {
        return {
          kind: 'rejected',
          code: 'photo_expired',
          message: 'a photo left the terminal before the gateway held it',
        };
      }
      let bytes: Buffer;
      try {
        bytes = this.o.vault.read(photo.file, photo.sha256);
        if (createHash('sha256').update(bytes).digest('hex') !== photo.sha256)
          throw new PhotoUnreadable('the photo does not have its hash');
      } catch (err) {
        if (!(err instanceof PhotoUnreadable)) throw err;
        this.purge(photo, 'unreadable');
        return { kind: 'rejected', code: 'photo_unreadable', message: err.message };
      }
      const outcome = await this.o.port.upload(
        JSON.stringify({ mime: photo.mime, sha256: photo.sha256, bytes: bytes.toString('base64') }),
      );
      bytes.fill(0);
      if (outcome.kind === 'held') {
        const file = this.o.journal.photoHeld(photo.id, outcome.uploadId, outcome.expiresAt);
        if (file) this.o.vault.remove(file);
        this.emit('purged', photo.id);
        continue;
      }
      if (outcome.kind === 'rejected') {
        return { kind: 'rejected', code: `upload_${outcome.code}`, message: outcome.message };
      }
      return outcome;
    }
    return 'ready';
  }

  /** Journal before send: `sent`, with the body fixed, committed before the request leaves. */
  private send(row: SubmissionRow): Promise<SubmitOutcome> {
    let body = this.o.journal.get(row.id).requestJson;
    if (body === null) {
      const ids = new Map(this.o.journal.photosOf(row.id).map((p) => [p.id, p.uploadId]));
      body = requestBody(row.draftJson, (photoId) => {
        const uploadId = ids.get(photoId);
        if (!uploadId) throw new Error(`photo ${photoId} of ${row.serial} is not held`);
        return uploadId;
      });
    }
    this.o.journal.markSent(row.id, body);
    return this.o.port.submit(this.target(row, body));
  }

  private target(row: SubmissionRow, requestJson: string): SubmissionTarget {
    return {
      kind: row.kind,
      serial: row.serial,
      target: row.target,
      staffId: row.staffId,
      requestJson,
    };
  }

  private settle(before: SubmissionRow, outcome: QueryOutcome): void {
    const { db, journal } = this.o;
    const row = journal.get(before.id);
    if (row.settledAt !== null) return;
    const now = this.alignedNow();
    switch (outcome.kind) {
      case 'accepted':
      case 'rejected': {
        const files: string[] = [];
        db.transaction(() => {
          if (outcome.kind === 'accepted') {
            journal.accept(row.id, outcome.replyJson, outcome.trackingCode);
          } else {
            journal.reject(row.id, outcome.code, outcome.message);
          }
          // Settled: nothing of it stays on the terminal.
          for (const p of journal.photosOf(row.id)) {
            const file = journal.purgePhoto(p.id, 'settled');
            if (file) files.push(file);
          }
        })();
        for (const file of files) this.o.vault.remove(file);
        const state = outcome.kind;
        this.o.log?.(
          state === 'accepted' ? 'info' : 'warn',
          {
            submission: row.id,
            kind: row.kind,
            serial: row.serial,
            ...(outcome.kind === 'rejected' ? { reason: outcome.code } : {}),
          },
          `community ${row.kind} ${state}`,
        );
        this.emit('settled', { submissionId: row.id, serial: row.serial, state });
        return;
      }
      case 'unknown':
      case 'not_found':
      case 'committed_without_answer': {
        const reason = outcome.kind === 'unknown' ? outcome.reason : outcome.kind;
        const retryAfter = outcome.kind === 'unknown' ? (outcome.retryAfterMs ?? 0) : 0;
        const attempts = row.attempts + 1;
        const wait = Math.max(this.backoff(attempts), retryAfter);
        journal.reschedule(
          row.id,
          attempts,
          { now, waitMs: wait, notBefore: retryAfter > 0 ? now + retryAfter : 0 },
          reason,
        );
        this.o.log?.(
          'warn',
          { submission: row.id, kind: row.kind, attempts, wait, reason },
          'community submission outcome unknown',
        );
        return;
      }
    }
  }

  /** Every photo whose time on the terminal is up leaves it. */
  private purgeDue(): void {
    for (const photo of this.o.journal.photosDue(this.alignedNow())) this.purge(photo, 'retention');
  }

  private purge(photo: PhotoRow, reason: 'retention' | 'unreadable'): void {
    const file = this.o.journal.purgePhoto(photo.id, reason);
    if (file) this.o.vault.remove(file);
    this.emit('purged', photo.id);
  }

  /** As the sync worker's: due times true to a stepped wall clock, then its reading. */
  private alignedNow(): number {
    const step = this.wallSteps.take();
    if (step !== 0) {
      this.o.journal.shiftOpen(step);
      this.o.log?.('warn', { stepMs: step }, 'wall clock stepped: community due times moved');
    }
    const now = this.clock();
    if (step !== 0 || !this.checkedWaits) {
      this.checkedWaits = true;
      this.o.journal.bringIn(now, this.o.maxDelayMs ?? DEFAULT_MAX_DELAY_MS);
    }
    return now;
  }

  private backoff(attempts: number): number {
    return retryBackoff(
      attempts,
      { baseDelayMs: this.o.baseDelayMs, maxDelayMs: this.o.maxDelayMs },
      this.random,
    );
  }
}
