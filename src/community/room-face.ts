// The face of the service point's room (`CommunityRoom`) and what it takes and answers: the
// refusals every method may give, the drafts the screens' flows hand in, the receipts of what
// was journalled, and the options the host opens it with. `community-room.ts` puts it together.
import type { JournalDb } from '../../offline-queue/open-journal';
import type { CommunityClient } from './client';
import type { CommunityJournal, SubmissionKind } from './community-journal';
import type {
  ApplicationProgress,
  CareAlert,
  CareHousehold,
  CareOutcome,
  CareOutcomeReply,
  InvoiceProgress,
  InvoiceTitle,
  PickupPoint,
  SentNotice,
  Service,
  UploadMime,
} from './contract';
import type { NoticeTemplate, NoticeValues } from './notice-templates';
import type { PhotoVault } from './photo-vault';
import type { SubmissionPort } from './submission-port';
import type { SubmissionWorker } from './submission-worker';

export type RefusalReason =
  /** What was given does not pass the checks: nothing was journalled or sent. */
  | 'invalid'
  /** The gateway could not be reached or gave no usable answer: try again later. */
  | 'unreachable'
  /** The gateway refused (its code says why). */
  | 'refused'
  | 'not_found'
  /** Staff only, and nobody (or somebody without the right) is signed in. */
  | 'forbidden'
  /** The config names no community (community.id). */
  | 'not_configured';

export interface Refusal {
  ok: false;
  reason: RefusalReason;
  code: string;
  message: string;
  /** The field (or document) at fault, when one is. */
  field?: string;
}

export type Lookup<T> = { ok: true; value: T } | Refusal;

/** Who is signed in at the kiosk (the staff desk's person). */
export interface StaffOnDuty {
  staffNumber: string;
  role: 'staff' | 'technician';
}

/** What the room writes to the service audit (no personal data: ids, counts, codes). */
export interface CommunityAuditEntry {
  actor: StaffOnDuty;
  action: 'care.view' | 'care.outcome' | 'notices.view' | 'notices.send';
  subject: string;
  detail?: Readonly<Record<string, string | number | boolean | null>>;
}

export interface StagedPhoto {
  photoId: number;
  sha256: string;
  size: number;
  mime: UploadMime;
}

export interface ApplicationDraft {
  serviceId: string;
  billerId: string;
  account: string;
  /** The name as confirmed from the account, and the mobile the SMS results go to. */
  applicant: { name: string; phone: string };
  fields: Record<string, string | number>;
  /** Each document's photos (staged), in page order. */
  documents: { documentId: string; photos: number[] }[];
  /** The signature's PNG (staged) and when it was drawn (wall ms). */
  signature?: { photo: number; signedAt: number };
  consent: { smsNotices: boolean; termsVersion: string };
  /** The staff number of whoever completed it for the resident. */
  assistedBy?: string;
}

export interface DocumentsDraft {
  applicationSerial: string;
  documents: { documentId: string; photos: number[] }[];
}

export interface InvoiceDraft {
  billerId: string;
  account: string;
  periods: string[];
  type: 'special' | 'normal';
  /** The company as the register gave it, with its tax code (as typed: it is normalized). */
  buyer: InvoiceTitle & { taxId: string };
  delivery: { pickupPointId: string } | { email: string };
  phone: string;
  /** Photos of payment evidence (staged), when the periods were paid elsewhere. */
  evidence?: number[];
}

export interface NoticeDraft {
  templateId: string;
  values: NoticeValues;
  tags: string[];
  /** Wall ms; default now. */
  sendAt?: number;
}

/**
 * A journalled request as the resident's receipt tells it. `accepted`: the gateway has it (an
 * application's tracking code with it); `pending`: it could not reach the gateway yet and is
 * accepted for later, the worker goes on (the receipt carries its serial and QR; the gateway
 * sends the tracking code by SMS once it has it); `rejected`: refused for good (its code).
 */
export interface SubmissionReceipt {
  ok: true;
  kind: SubmissionKind;
  serial: string;
  state: 'accepted' | 'pending' | 'rejected';
  trackingCode: string | null;
  /** The text of the receipt's QR (progress by scanning it). */
  receiptQr: string;
  /** The gateway's answer once accepted (applicationId, invoiceRequestId, noticeId + recipients, …). */
  reply: Record<string, unknown> | null;
  rejectCode: string | null;
  rejectMessage: string | null;
  /** When it was journalled (wall ms). */
  submittedAt: number;
}

export interface CommunityRoomOptions {
  db: JournalDb;
  terminalId: string;
  /** The terminal's secret (config terminal.secret / secretFile): the vault's key derives from it. */
  terminalSecret: string;
  /** The photo vault's folder (default: `community-photos` beside the journal). */
  photosDir: string;
  /** The committee's community (config community.id); null: no care view, notices or pickup points. */
  community: string | null;
  client: CommunityClient;
  /** Wraps the gateway port (tests: a process that dies mid-call). */
  port?: (real: SubmissionPort) => SubmissionPort;
  /** Who is signed in at the kiosk, for the staff-only parts. */
  onDuty(): StaffOnDuty | null;
  audit(entry: CommunityAuditEntry): void;
  clock?: () => number;
  monotonic?: () => number;
  /** How long a submission waits for the gateway's answer before it is accepted for later. */
  answerWaitMs?: number;
  /** The worker's backoff (tests make it short). */
  retry?: { baseDelayMs?: number; maxDelayMs?: number; random?: () => number };
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export const DEFAULT_ANSWER_WAIT_MS = 8_000;

export interface CommunityRoom {
  /** The catalogue: every service, its fields, documents and signature. */
  services(): Promise<Lookup<Service[]>>;
  pickupPoints(): Promise<Lookup<PickupPoint[]>>;
  /** The company's particulars by its tax code (as typed); a bad check character is refused here. */
  invoiceTitle(typedTaxId: string): Promise<Lookup<InvoiceTitle>>;
  /** Progress by tracking code (as typed) and the phone's last four. */
  progressByTrackingCode(code: string, phoneLast4: string): Promise<Lookup<ApplicationProgress>>;
  /** Progress by serial (a receipt's QR: applicationSerialOfScan). */
  progressBySerial(serial: string): Promise<Lookup<ApplicationProgress>>;
  invoiceProgress(requestSerial: string): Promise<Lookup<InvoiceProgress>>;

  /** A photo as taken (JPEG or PNG, ≤ 4 MiB): encrypted into the vault, staged for an hour. */
  stagePhoto(photo: { mime: UploadMime; bytes: Uint8Array }): Lookup<StagedPhoto>;
  /** Photos retaken or given up: gone from the terminal now. */
  discardPhotos(photoIds: readonly number[]): void;
  /**
   * Every photo no request names yet: gone now; how many. A visit's photos are claimed by its
   * submit, so at the end of a visit (the host calls this then) the rest were given up.
   */
  discardStagedPhotos(): number;

  submitApplication(draft: ApplicationDraft): Promise<SubmissionReceipt | Refusal>;
  addDocuments(draft: DocumentsDraft): Promise<SubmissionReceipt | Refusal>;
  requestInvoice(draft: InvoiceDraft): Promise<SubmissionReceipt | Refusal>;
  /** A journalled request's state now (a receipt again), or null. */
  submission(serial: string): SubmissionReceipt | null;
  /** Requests not settled yet, oldest first (staff's list; the heartbeat's count). */
  waiting(): SubmissionReceipt[];
  /** The network is back, or staff asked: everything waiting is tried now (queries first). */
  retryNow(): void;

  care: {
    alerts(): Promise<Lookup<CareAlert[]>>;
    households(): Promise<Lookup<CareHousehold[]>>;
    recordOutcome(
      alertId: string,
      outcome: CareOutcome,
      note: string,
    ): Promise<Lookup<CareOutcomeReply>>;
  };
  notices: {
    templates(): readonly NoticeTemplate[];
    /** The text as it will go (both languages), or why not. */
    preview(templateId: string, values: NoticeValues): Lookup<{ 'zh-CN': string; en: string }>;
    send(draft: NoticeDraft): Promise<SubmissionReceipt | Refusal>;
    sent(): Promise<Lookup<SentNotice[]>>;
  };

  /** The worker, for the host's wiring and the tests. */
  readonly worker: SubmissionWorker;
  readonly journal: CommunityJournal;
  readonly vault: PhotoVault;
  /** Starts the worker (leftover files swept, photos past their time purged, work resumed). */
  start(): void;
  /** Waits for a request in flight to be journalled; the journal may close after it. */
  close(): Promise<void>;
}
