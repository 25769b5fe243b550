// The community room's journal: the only writer of community_upload, community_submission and
// community_submission_upload (offline-queue/migrations.ts; the one-writer map is in
// offline-queue/README.md). Each change is a method named for what happened, one statement or
// one transaction; it decides nothing about the gateway (the submission worker does) and never
// touches a file (the photo vault does, before a row names a file and after a row lets it go).
import type { JournalDb } from '../../offline-queue/open-journal';

export const SUBMISSION_KINDS = ['application', 'documents', 'invoice', 'notice'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];
export type SubmissionState = 'queued' | 'sent' | 'unknown' | 'accepted' | 'rejected';
export type PurgeReason = 'held' | 'retention' | 'settled' | 'discarded' | 'unreadable';

/** A photo not submitted within this long is gone from the terminal. */
export const STAGED_PHOTO_TTL_MS = 3_600_000;
/** A submitted photo is gone from the terminal at most this long after its submission. */
export const PHOTO_RETENTION_MS = 24 * 3_600_000;

export interface PhotoRow {
  id: number;
  sha256: string;
  mime: 'image/jpeg' | 'image/png';
  size: number;
  /** The vault file; null once purged. */
  file: string | null;
  state: 'staged' | 'submitted' | 'purged';
  /** The gateway's upload id, once it holds the photo. */
  uploadId: string | null;
  expiresAt: string | null;
  stagedAt: number;
  purgeBy: number;
  purgedAt: number | null;
  purgeReason: PurgeReason | null;
}

export interface SubmissionRow {
  id: number;
  kind: SubmissionKind;
  serial: string;
  businessDay: string;
  state: SubmissionState;
  draftJson: string;
  requestJson: string | null;
  target: string | null;
  staffId: string | null;
  replyJson: string | null;
  trackingCode: string | null;
  rejectCode: string | null;
  rejectMessage: string | null;
  createdAt: number;
  settledAt: number | null;
  attempts: number;
  nextAttemptAt: number;
  notBefore: number;
  lastError: string | null;
}

const PHOTO_COLUMNS = `id, sha256, mime, size, file, state, upload_id AS uploadId,
  expires_at AS expiresAt, staged_at AS stagedAt, purge_by AS purgeBy, purged_at AS purgedAt,
  purge_reason AS purgeReason`;

const SUBMISSION_COLUMNS = `id, kind, serial, business_day AS businessDay, state,
  draft_json AS draftJson, request_json AS requestJson, target, staff_id AS staffId,
  reply_json AS replyJson, tracking_code AS trackingCode, reject_code AS rejectCode,
  reject_message AS rejectMessage, created_at AS createdAt, settled_at AS settledAt, attempts,
  next_attempt_at AS nextAttemptAt, not_before AS notBefore, last_error AS lastError`;

export class CommunityJournalError extends Error {
  override name = 'CommunityJournalError';
}

export interface NewSubmission {
  kind: SubmissionKind;
  terminalId: string;
  /** YYYYMMDD in business time: the serial's day. */
  businessDay: string;
  /** Builds the request with its serial; photos named by their row (see draft.ts). */
  draft(serial: string): string;
  /** The photos it carries, in order: each staged, and no other submission's. */
  photos: readonly number[];
  target?: string | null;
  staffId?: string | null;
}

export class CommunityJournal {
  constructor(
    private readonly db: JournalDb,
    private readonly clock: () => number = Date.now,
  ) {}

  // --- Photos ------------------------------------------------------------------------------

  /** A photo taken (its encrypted file already whole in the vault): staged for an hour. */
  stagePhoto(p: { sha256: string; mime: PhotoRow['mime']; size: number; file: string }): PhotoRow {
    const now = this.clock();
    const { id } = this.db
      .prepare(
        `INSERT INTO community_upload(sha256, mime, size, file, state, staged_at, purge_by)
         VALUES (?, ?, ?, ?, 'staged', ?, ?) RETURNING id`,
      )
      .get(p.sha256, p.mime, p.size, p.file, now, now + STAGED_PHOTO_TTL_MS) as { id: number };
    return this.photo(id);
  }

  photo(id: number): PhotoRow {
    const row = this.db
      .prepare(`SELECT ${PHOTO_COLUMNS} FROM community_upload WHERE id = ?`)
      .get(id) as PhotoRow | undefined;
    if (!row) throw new CommunityJournalError(`no photo ${id}`);
    return row;
  }

  /** A submission's photos, in the order of its draft. */
  photosOf(submissionId: number): PhotoRow[] {
    return this.db
      .prepare(
        `SELECT ${PHOTO_COLUMNS} FROM community_upload u
           JOIN community_submission_upload l ON l.upload_row = u.id
          WHERE l.submission_id = ? ORDER BY l.position`,
      )
      .all(submissionId) as PhotoRow[];
  }

  /**
   * The gateway holds the photo: its upload id is journalled and the photo purged, in one
   * statement. The caller removes the file after this commits. Returns the file's name.
   */
  photoHeld(id: number, uploadId: string, expiresAt: string): string | null {
    const before = this.photo(id);
    this.db
      .prepare(
        `UPDATE community_upload SET upload_id = ?, expires_at = ?, state = 'purged', file = NULL,
         purged_at = ?, purge_reason = 'held' WHERE id = ? AND state <> 'purged'`,
      )
      .run(uploadId, expiresAt, this.clock(), id);
    return before.file;
  }

  /** The photo leaves the terminal without the gateway holding it; returns its file's name. */
  purgePhoto(id: number, reason: Exclude<PurgeReason, 'held'>): string | null {
    const before = this.photo(id);
    if (before.state === 'purged') return null;
    this.db
      .prepare(
        `UPDATE community_upload SET state = 'purged', file = NULL, purged_at = ?,
         purge_reason = ? WHERE id = ? AND state <> 'purged'`,
      )
      .run(this.clock(), reason, id);
    return before.file;
  }

  /** Photos whose time on the terminal is up (purge_by ≤ now), oldest deadline first. */
  photosDue(now: number): PhotoRow[] {
    return this.db
      .prepare(
        `SELECT ${PHOTO_COLUMNS} FROM community_upload
          WHERE state <> 'purged' AND purge_by <= ? ORDER BY purge_by, id`,
      )
      .all(now) as PhotoRow[];
  }

  /** The earliest deadline of a photo still on the terminal, or null. */
  nextPhotoDeadline(): number | null {
    const row = this.db
      .prepare(`SELECT min(purge_by) AS at FROM community_upload WHERE state <> 'purged'`)
      .get() as { at: number | null };
    return row.at;
  }

  /** Photos taken that no request names yet (a visit's photos before its submit). */
  stagedPhotoIds(): number[] {
    const rows = this.db
      .prepare(`SELECT id FROM community_upload WHERE state = 'staged' ORDER BY id`)
      .all() as { id: number }[];
    return rows.map((r) => r.id);
  }

  /** The vault files live rows name (everything else in the vault is a crash's leftover). */
  liveFiles(): Set<string> {
    const rows = this.db
      .prepare(`SELECT file FROM community_upload WHERE state <> 'purged'`)
      .all() as { file: string }[];
    return new Set(rows.map((r) => r.file));
  }

  // --- Submissions -------------------------------------------------------------------------

  /**
   * Journals a request before anything is sent, in one transaction: its serial (the business
   * day's next, TERMINAL-YYYYMMDD-NNNNNN), its draft, its photos submitted (24 h left on the
   * terminal at most). Due at once.
   */
  submit(n: NewSubmission): SubmissionRow {
    return this.db.transaction(() => {
      const now = this.clock();
      const { count } = this.db
        .prepare(`SELECT count(*) AS count FROM community_submission WHERE business_day = ?`)
        .get(n.businessDay) as { count: number };
      const serial = `${n.terminalId}-${n.businessDay}-${String(count + 1).padStart(6, '0')}`;
      const { id } = this.db
        .prepare(
          `INSERT INTO community_submission(kind, serial, business_day, state, draft_json, target,
             staff_id, created_at, next_attempt_at)
           VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?) RETURNING id`,
        )
        .get(
          n.kind,
          serial,
          n.businessDay,
          n.draft(serial),
          n.target ?? null,
          n.staffId ?? null,
          now,
          now,
        ) as { id: number };
      n.photos.forEach((photoId, position) => {
        const p = this.photo(photoId);
        if (p.state !== 'staged') {
          throw new CommunityJournalError(`photo ${photoId} is ${p.state}, not staged`);
        }
        this.db
          .prepare(
            `INSERT INTO community_submission_upload(submission_id, upload_row, position)
             VALUES (?, ?, ?)`,
          )
          .run(id, photoId, position);
        this.db
          .prepare(
            `UPDATE community_upload SET state = 'submitted', purge_by = ?
              WHERE id = ? AND state = 'staged'`,
          )
          .run(now + PHOTO_RETENTION_MS, photoId);
      });
      return this.get(id);
    })();
  }

  get(id: number): SubmissionRow {
    const row = this.db
      .prepare(`SELECT ${SUBMISSION_COLUMNS} FROM community_submission WHERE id = ?`)
      .get(id) as SubmissionRow | undefined;
    if (!row) throw new CommunityJournalError(`no submission ${id}`);
    return row;
  }

  bySerial(serial: string): SubmissionRow | undefined {
    return this.db
      .prepare(`SELECT ${SUBMISSION_COLUMNS} FROM community_submission WHERE serial = ?`)
      .get(serial) as SubmissionRow | undefined;
  }

  /** Open submissions due by `now`, oldest due first. */
  due(now: number, limit = 20): SubmissionRow[] {
    return this.db
      .prepare(
        `SELECT ${SUBMISSION_COLUMNS} FROM community_submission
          WHERE settled_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
      )
      .all(now, limit) as SubmissionRow[];
  }

  /** When the earliest open submission is due, or null. */
  nextDueAt(): number | null {
    const row = this.db
      .prepare(
        `SELECT min(next_attempt_at) AS at FROM community_submission WHERE settled_at IS NULL`,
      )
      .get() as { at: number | null };
    return row.at;
  }

  /** Open submissions (not settled), oldest first: staff's "waiting" list and the heartbeat. */
  open(): SubmissionRow[] {
    return this.db
      .prepare(
        `SELECT ${SUBMISSION_COLUMNS} FROM community_submission WHERE settled_at IS NULL ORDER BY id`,
      )
      .all() as SubmissionRow[];
  }

  /**
   * The request is about to leave (journal before send): `sent`, with its exact body, fixed
   * from now on. A re-send after `not_found` passes the body it already has.
   */
  markSent(id: number, requestJson: string): void {
    this.db
      .prepare(
        `UPDATE community_submission SET state = 'sent', request_json = ?
          WHERE id = ? AND settled_at IS NULL`,
      )
      .run(requestJson, id);
  }

  /** The gateway took it: its answer, and the tracking code an application gets. */
  accept(id: number, replyJson: string, trackingCode: string | null): void {
    this.db
      .prepare(
        `UPDATE community_submission SET state = 'accepted', reply_json = ?, tracking_code = ?,
         settled_at = ?, last_error = NULL WHERE id = ? AND settled_at IS NULL`,
      )
      .run(replyJson, trackingCode, this.clock(), id);
  }

  /** The gateway (or the terminal: its photos are gone) refused it for good. */
  reject(id: number, code: string, message: string): void {
    this.db
      .prepare(
        `UPDATE community_submission SET state = 'rejected', reject_code = ?, reject_message = ?,
         settled_at = ? WHERE id = ? AND settled_at IS NULL`,
      )
      .run(code, message.slice(0, 300), this.clock(), id);
  }

  /**
   * No answer settles it: tried again after `waitMs` (never before `notBefore`, the gateway's
   * Retry-After). A request that was sent is now `unknown`: the next try queries first.
   */
  reschedule(
    id: number,
    attempts: number,
    next: { now: number; waitMs: number; notBefore?: number },
    error: string,
  ): void {
    this.db
      .prepare(
        `UPDATE community_submission SET attempts = ?, next_attempt_at = ?, wait_ms = ?,
         not_before = ?, last_error = ?,
         state = CASE state WHEN 'sent' THEN 'unknown' ELSE state END
         WHERE id = ? AND settled_at IS NULL`,
      )
      .run(
        attempts,
        next.now + next.waitMs,
        next.waitMs,
        next.notBefore ?? 0,
        error.slice(0, 300),
        id,
      );
  }

  /** Every open submission due as soon as the gateway allows (the network is back; staff). */
  dueNow(now: number): void {
    this.db
      .prepare(
        `UPDATE community_submission SET next_attempt_at = max(?, not_before)
          WHERE settled_at IS NULL AND next_attempt_at > ?`,
      )
      .run(now, now);
  }

  /** The wall clock was stepped by `ms`: due times and photo deadlines move with it. */
  shiftOpen(ms: number): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE community_submission SET next_attempt_at = next_attempt_at + @ms,
           not_before = CASE WHEN not_before > 0 THEN not_before + @ms ELSE 0 END
           WHERE settled_at IS NULL`,
        )
        .run({ ms });
      this.db
        .prepare(`UPDATE community_upload SET purge_by = purge_by + @ms WHERE state <> 'purged'`)
        .run({ ms });
    })();
  }

  /**
   * Due times further away than their own wait, and photo deadlines further than their
   * retention, were set by a wall clock ahead of this one (set back since, perhaps while the
   * kiosk was off): brought in. Returns how many rows moved.
   */
  bringIn(now: number, capMs: number): number {
    return this.db.transaction(() => {
      const limit = `@now + coalesce(wait_ms, CASE WHEN attempts = 0 THEN 0 ELSE @capMs END)`;
      const submissions = this.db
        .prepare(
          `UPDATE community_submission SET next_attempt_at = ${limit},
           not_before = min(not_before, ${limit})
           WHERE settled_at IS NULL AND next_attempt_at > ${limit}`,
        )
        .run({ now, capMs }).changes;
      const photos = this.db
        .prepare(
          `UPDATE community_upload SET purge_by = @now +
             CASE state WHEN 'staged' THEN @staged ELSE @retention END
           WHERE state <> 'purged'
             AND purge_by > @now + CASE state WHEN 'staged' THEN @staged ELSE @retention END`,
        )
        .run({ now, staged: STAGED_PHOTO_TTL_MS, retention: PHOTO_RETENTION_MS }).changes;
      return submissions + photos;
    })();
  }
}
