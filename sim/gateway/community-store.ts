// The simulator's tables of the community service routes, in the gateway store's database:
// uploads (their hash and size only: the bytes are checked and dropped), applications, invoice
// requests, care alerts with their outcomes and every read of them, notices, and the stored
// first answer of every idempotent request. Business rules live in community.ts; this file only
// reads and writes rows, and seeds them (community-seed.ts) on the first open.
import type Database from 'better-sqlite3';
import {
  DEMO_APPLICATIONS,
  DEMO_HOUSEHOLDS,
  anomalySince,
  dailyKwh,
  type SeedHousehold,
} from './community-seed';
import { addDays, businessDate, dayStart } from './shanghai-time';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sim_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS idempotent_requests (
  kind TEXT NOT NULL, serial TEXT NOT NULL, terminalId TEXT NOT NULL, requestHash TEXT NOT NULL,
  httpStatus INTEGER NOT NULL, response TEXT NOT NULL, atMs INTEGER NOT NULL,
  PRIMARY KEY (kind, serial));
CREATE TABLE IF NOT EXISTS uploads (
  terminalId TEXT NOT NULL, sha256 TEXT NOT NULL, uploadId TEXT NOT NULL UNIQUE,
  mime TEXT NOT NULL, size INTEGER NOT NULL, firstAtMs INTEGER NOT NULL,
  expiresAtMs INTEGER NOT NULL, usedBy TEXT, PRIMARY KEY (terminalId, sha256));
CREATE TABLE IF NOT EXISTS applications (
  serial TEXT PRIMARY KEY, terminalId TEXT NOT NULL, applicationId TEXT NOT NULL UNIQUE,
  trackingCode TEXT NOT NULL UNIQUE, phoneLast4 TEXT NOT NULL, serviceId TEXT NOT NULL,
  billerId TEXT NOT NULL, account TEXT NOT NULL, script TEXT NOT NULL,
  receivedAtMs INTEGER NOT NULL, supplementAtMs INTEGER, requested TEXT,
  documents TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS invoices (
  serial TEXT PRIMARY KEY, terminalId TEXT NOT NULL, invoiceRequestId TEXT NOT NULL UNIQUE,
  billerId TEXT NOT NULL, account TEXT NOT NULL, periods TEXT NOT NULL,
  delivery TEXT NOT NULL CHECK (delivery IN ('pickup', 'email')), receivedAtMs INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS care_alerts (
  alertId TEXT PRIMARY KEY, householdId TEXT NOT NULL, kind TEXT NOT NULL, since TEXT NOT NULL,
  evidence TEXT NOT NULL, openedAtMs INTEGER NOT NULL, closedAtMs INTEGER);
CREATE TABLE IF NOT EXISTS care_outcomes (
  alertId TEXT NOT NULL, outcome TEXT NOT NULL, byStaff TEXT NOT NULL, note TEXT NOT NULL,
  recordedAt TEXT NOT NULL, PRIMARY KEY (alertId, outcome, byStaff));
CREATE TABLE IF NOT EXISTS care_reads (
  seq INTEGER PRIMARY KEY, staffId TEXT NOT NULL, terminalId TEXT NOT NULL,
  route TEXT NOT NULL, atMs INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS notices (
  serial TEXT PRIMARY KEY, terminalId TEXT NOT NULL, noticeId TEXT NOT NULL UNIQUE,
  community TEXT NOT NULL, body TEXT NOT NULL, sendAtMs INTEGER NOT NULL,
  recipients INTEGER NOT NULL);
`;

/** The first answer to an idempotent request (its serial), kept for replays. */
export interface StoredAnswer {
  terminalId: string;
  requestHash: string;
  httpStatus: number;
  response: string;
}

export interface UploadRow {
  terminalId: string;
  sha256: string;
  uploadId: string;
  mime: string;
  size: number;
  firstAtMs: number;
  expiresAtMs: number;
  /** The serial of the application (or invoice, or addition) that uses it; used ones stay. */
  usedBy: string | null;
}

/** How an application moves on the simulator's clock (community.ts, `timeline`). */
export type ApplicationScript =
  'standard' | 'site_visit' | 'in_review' | 'needs_more' | 'rejected' | 'completed';

export interface ApplicationRow {
  serial: string;
  terminalId: string;
  applicationId: string;
  trackingCode: string;
  phoneLast4: string;
  serviceId: string;
  billerId: string;
  account: string;
  script: ApplicationScript;
  receivedAtMs: number;
  /** When the documents a needs_more asked for came, else null. */
  supplementAtMs: number | null;
  /** JSON: the documents a needs_more asks for. */
  requested: string | null;
  /** JSON: [{documentId, uploadIds}] as received (additions appended). */
  documents: string;
}

export interface InvoiceRow {
  serial: string;
  terminalId: string;
  invoiceRequestId: string;
  billerId: string;
  account: string;
  /** JSON array of YYYY-MM. */
  periods: string;
  delivery: 'pickup' | 'email';
  receivedAtMs: number;
}

export interface CareAlertRow {
  alertId: string;
  householdId: string;
  kind: 'low_usage' | 'spike';
  since: string;
  /** JSON: the figures behind it. */
  evidence: string;
  openedAtMs: number;
  closedAtMs: number | null;
}

export interface CareOutcomeRow {
  alertId: string;
  outcome: string;
  byStaff: string;
  note: string;
  recordedAt: string;
}

export interface NoticeRow {
  serial: string;
  terminalId: string;
  noticeId: string;
  community: string;
  /** JSON: the NoticeRequest as received. */
  body: string;
  sendAtMs: number;
  recipients: number;
}

export interface CareRead {
  staffId: string;
  terminalId: string;
  route: string;
  at: string;
}

const DAY_MS = 86_400_000;
const SEED_TERMINAL = 'SH-XH-WK-0007';

export class CommunityStore {
  constructor(
    private readonly db: Database.Database,
    seedAt: Date,
  ) {
    db.exec(SCHEMA);
    if (this.meta('seedAtMs') === undefined) {
      db.transaction(() => this.seed(seedAt))();
    }
  }

  private meta(key: string): string | undefined {
    return this.db
      .prepare<[string], { value: string }>('SELECT value FROM sim_meta WHERE key = ?')
      .get(key)?.value;
  }

  /** When the community data was seeded: readings and alerts are relative to its day. */
  seedDay(): string {
    return businessDate(new Date(Number(this.meta('seedAtMs') ?? 0)));
  }

  private seed(at: Date): void {
    this.db.prepare('INSERT INTO sim_meta VALUES (?, ?)').run('seedAtMs', String(at.getTime()));
    const day = businessDate(at);
    for (const a of DEMO_APPLICATIONS) {
      const receivedAtMs = at.getTime() - a.receivedDaysAgo * DAY_MS;
      const compact = businessDate(new Date(receivedAtMs)).replaceAll('-', '');
      const requested =
        a.script === 'needs_more'
          ? JSON.stringify([
              {
                documentId: 'property-certificate',
                label: { 'zh-CN': '房产证或租赁合同', en: 'Property certificate or lease' },
                pages: { min: 1, max: 6 },
              },
            ])
          : null;
      this.insertApplication({
        serial: `${SEED_TERMINAL}-${compact}-${a.serialSuffix}`,
        terminalId: SEED_TERMINAL,
        applicationId: `app_seed${a.serialSuffix}`,
        trackingCode: a.trackingCode,
        phoneLast4: a.phone.slice(-4),
        serviceId: a.serviceId,
        billerId: a.billerId,
        account: a.account,
        script: a.script,
        receivedAtMs,
        supplementAtMs: null,
        requested,
        documents: '[]',
      });
    }
    // One alert of each kind, opened at 07:00 on the seed day from the generated readings.
    for (const h of DEMO_HOUSEHOLDS) {
      const since = anomalySince(h, day);
      if (h.anomaly === null || since === null) continue;
      const before = Array.from({ length: 30 }, (_, i) => dailyKwh(h, addDays(since, i - 30), day));
      const median = medianOf(before);
      const evidence =
        h.anomaly === 'low_usage'
          ? { last24hKwh: dailyKwh(h, addDays(day, -1), day), median30dKwh: median }
          : {
              last3dAverageKwh:
                Math.round(
                  ([1, 2, 3].reduce((s, n) => s + dailyKwh(h, addDays(day, -n), day), 0) / 3) * 10,
                ) / 10,
              median30dKwh: median,
            };
      this.db
        .prepare('INSERT INTO care_alerts VALUES (?, ?, ?, ?, ?, ?, NULL)')
        .run(
          `ca_${h.householdId.replace('-', '')}${h.anomaly === 'spike' ? 's' : 'l'}`,
          h.householdId,
          h.anomaly,
          since,
          JSON.stringify(evidence),
          dayStart(day).getTime() + 7 * 3600_000,
        );
    }
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  answer(kind: string, serial: string): StoredAnswer | undefined {
    return this.db
      .prepare<[string, string], StoredAnswer>(
        `SELECT terminalId, requestHash, httpStatus, response FROM idempotent_requests
         WHERE kind = ? AND serial = ?`,
      )
      .get(kind, serial);
  }

  storeAnswer(kind: string, serial: string, a: StoredAnswer, atMs: number): void {
    this.db
      .prepare('INSERT INTO idempotent_requests VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(kind, serial, a.terminalId, a.requestHash, a.httpStatus, a.response, atMs);
  }

  upload(terminalId: string, sha256: string): UploadRow | undefined {
    return this.db
      .prepare<[string, string], UploadRow>(
        'SELECT * FROM uploads WHERE terminalId = ? AND sha256 = ?',
      )
      .get(terminalId, sha256);
  }

  uploadById(uploadId: string): UploadRow | undefined {
    return this.db
      .prepare<[string], UploadRow>('SELECT * FROM uploads WHERE uploadId = ?')
      .get(uploadId);
  }

  /** A new upload, or the same bytes again: unused, its 24 hours start again. */
  saveUpload(row: UploadRow): void {
    this.db
      .prepare(
        `INSERT INTO uploads VALUES (@terminalId, @sha256, @uploadId, @mime, @size, @firstAtMs,
         @expiresAtMs, @usedBy)
         ON CONFLICT (terminalId, sha256) DO UPDATE SET expiresAtMs = excluded.expiresAtMs`,
      )
      .run(row);
  }

  useUpload(uploadId: string, serial: string): void {
    this.db
      .prepare('UPDATE uploads SET usedBy = ? WHERE uploadId = ? AND usedBy IS NULL')
      .run(serial, uploadId);
  }

  /** Unused uploads past their 24 hours are deleted (the contract). */
  dropExpiredUploads(nowMs: number): void {
    this.db.prepare('DELETE FROM uploads WHERE usedBy IS NULL AND expiresAtMs <= ?').run(nowMs);
  }

  allUploads(): UploadRow[] {
    return this.db.prepare<[], UploadRow>('SELECT * FROM uploads ORDER BY firstAtMs').all();
  }

  application(serial: string): ApplicationRow | undefined {
    return this.db
      .prepare<[string], ApplicationRow>('SELECT * FROM applications WHERE serial = ?')
      .get(serial);
  }

  applicationByTrackingCode(code: string): ApplicationRow | undefined {
    return this.db
      .prepare<[string], ApplicationRow>('SELECT * FROM applications WHERE trackingCode = ?')
      .get(code);
  }

  applications(): ApplicationRow[] {
    return this.db
      .prepare<[], ApplicationRow>('SELECT * FROM applications ORDER BY receivedAtMs, serial')
      .all();
  }

  insertApplication(row: ApplicationRow): void {
    this.db
      .prepare(
        `INSERT INTO applications VALUES (@serial, @terminalId, @applicationId, @trackingCode,
         @phoneLast4, @serviceId, @billerId, @account, @script, @receivedAtMs, @supplementAtMs,
         @requested, @documents)`,
      )
      .run(row);
  }

  addSupplement(serial: string, atMs: number, documents: string): void {
    this.db
      .prepare('UPDATE applications SET supplementAtMs = ?, documents = ? WHERE serial = ?')
      .run(atMs, documents, serial);
  }

  invoice(serial: string): InvoiceRow | undefined {
    return this.db
      .prepare<[string], InvoiceRow>('SELECT * FROM invoices WHERE serial = ?')
      .get(serial);
  }

  /** Accepted invoice requests of an account (for already_invoiced). */
  invoicesOf(billerId: string, account: string): InvoiceRow[] {
    return this.db
      .prepare<[string, string], InvoiceRow>(
        'SELECT * FROM invoices WHERE billerId = ? AND account = ?',
      )
      .all(billerId, account);
  }

  insertInvoice(row: InvoiceRow): void {
    this.db
      .prepare(
        `INSERT INTO invoices VALUES (@serial, @terminalId, @invoiceRequestId, @billerId,
         @account, @periods, @delivery, @receivedAtMs)`,
      )
      .run(row);
  }

  careAlerts(): CareAlertRow[] {
    return this.db
      .prepare<[], CareAlertRow>('SELECT * FROM care_alerts ORDER BY openedAtMs, alertId')
      .all();
  }

  careAlert(alertId: string): CareAlertRow | undefined {
    return this.db
      .prepare<[string], CareAlertRow>('SELECT * FROM care_alerts WHERE alertId = ?')
      .get(alertId);
  }

  careOutcome(alertId: string, outcome: string, by: string): CareOutcomeRow | undefined {
    return this.db
      .prepare<[string, string, string], CareOutcomeRow>(
        'SELECT * FROM care_outcomes WHERE alertId = ? AND outcome = ? AND byStaff = ?',
      )
      .get(alertId, outcome, by);
  }

  careOutcomes(): CareOutcomeRow[] {
    return this.db.prepare<[], CareOutcomeRow>('SELECT * FROM care_outcomes').all();
  }

  /** The outcome is recorded and the alert closed. */
  recordCareOutcome(row: CareOutcomeRow, nowMs: number): void {
    this.db
      .prepare(
        'INSERT INTO care_outcomes VALUES (@alertId, @outcome, @byStaff, @note, @recordedAt)',
      )
      .run(row);
    this.db
      .prepare('UPDATE care_alerts SET closedAtMs = ? WHERE alertId = ? AND closedAtMs IS NULL')
      .run(nowMs, row.alertId);
  }

  /** The server logs every read of the care data (the contract). */
  logCareRead(staffId: string, terminalId: string, route: string, atMs: number): void {
    this.db
      .prepare('INSERT INTO care_reads(staffId, terminalId, route, atMs) VALUES (?, ?, ?, ?)')
      .run(staffId, terminalId, route, atMs);
  }

  careReads(): CareRead[] {
    return this.db
      .prepare<[], { staffId: string; terminalId: string; route: string; atMs: number }>(
        'SELECT staffId, terminalId, route, atMs FROM care_reads ORDER BY seq',
      )
      .all()
      .map((r) => ({ ...r, at: new Date(r.atMs).toISOString() }));
  }

  notice(serial: string): NoticeRow | undefined {
    return this.db
      .prepare<[string], NoticeRow>('SELECT * FROM notices WHERE serial = ?')
      .get(serial);
  }

  notices(community: string): NoticeRow[] {
    return this.db
      .prepare<[string], NoticeRow>(
        'SELECT * FROM notices WHERE community = ? ORDER BY sendAtMs DESC, serial',
      )
      .all(community);
  }

  snapshot(): CommunitySnapshot {
    return {
      applications: this.applications(),
      uploads: this.allUploads(),
      careReads: this.careReads(),
      careOutcomes: this.careOutcomes(),
      notices: this.db.prepare<[], NoticeRow>('SELECT * FROM notices ORDER BY sendAtMs').all(),
    };
  }

  insertNotice(row: NoticeRow): void {
    this.db
      .prepare(
        `INSERT INTO notices VALUES (@serial, @terminalId, @noticeId, @community, @body,
         @sendAtMs, @recipients)`,
      )
      .run(row);
  }
}

/** What the admin endpoint shows of the community routes (GET /__sim/community). */
export interface CommunitySnapshot {
  applications: ApplicationRow[];
  uploads: UploadRow[];
  careReads: CareRead[];
  careOutcomes: CareOutcomeRow[];
  notices: NoticeRow[];
}

export function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] ?? 0)
      : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Math.round(median * 10) / 10;
}

export type { SeedHousehold };
