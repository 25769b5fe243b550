// The community service point's back end as the host runs it, and what the screens' flows call:
// the catalogue and the lookups (online), photos staged encrypted in the vault as they are
// taken, applications, additions of documents and invoice requests journalled with their
// serial before anything is sent and taken to the gateway by the submission worker, and for
// staff only (whoever is signed in at the kiosk, every step audited) the care view and
// community notices. Every answer is a value, never a throw: `{ ok: false, reason, code,
// message }` says why in words the screens can map (README.md, "The face").
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { JournalDb } from '../../offline-queue/open-journal';
import type { GatewayReply } from '../gateway/signed-request';
import { businessDay, shanghaiIso } from '../time/shanghai';
import {
  applicationQrText,
  isMobile,
  isSubmissionSerial,
  normalizeTaxId,
  normalizeTrackingCode,
  isPhoneLast4,
  isTrackingCode,
  taxIdProblem,
} from './checks';
import type { CommunityClient } from './client';
import {
  CommunityJournal,
  type PhotoRow,
  type SubmissionKind,
  type SubmissionRow,
} from './community-journal';
import {
  ApplicationRequest,
  DocumentsRequest,
  InvoiceRequest,
  MAX_UPLOAD_BYTES,
  NoticeRequest,
  type ApplicationProgress,
  type CareAlert,
  type CareHousehold,
  type CareOutcome,
  type CareOutcomeReply,
  type InvoiceProgress,
  type InvoiceTitle,
  type PickupPoint,
  type SentNotice,
  type Service,
  type UploadMime,
} from './contract';
import { photoRef, photoRefsOf } from './draft';
import { documentProblem, fieldProblem, hasControl } from './form-check';
import {
  composeNotice,
  NOTICE_TEMPLATES,
  type NoticeTemplate,
  type NoticeValues,
} from './notice-templates';
import { PhotoVault, vaultKey } from './photo-vault';
import { gatewaySubmissionPort, type SubmissionPort } from './submission-port';
import { SubmissionWorker, type SubmissionSettled } from './submission-worker';

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

/** The catalogue is asked again after this long (a stale one serves while the gateway is away). */
const CATALOGUE_TTL_MS = 10 * 60_000;
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

const refusal = (
  reason: RefusalReason,
  code: string,
  message: string,
  field?: string,
): Refusal => ({ ok: false, reason, code, message, ...(field === undefined ? {} : { field }) });

/** A gateway reply as a lookup. */
function lookup<T, U = T>(
  reply: GatewayReply<T>,
  map: (body: T) => U = (b) => b as unknown as U,
): Lookup<U> {
  if (reply.ok) return { ok: true, value: map(reply.body) };
  if (reply.kind === 'error' && reply.status === 404)
    return refusal('not_found', reply.code, reply.message);
  if (
    reply.kind === 'error' &&
    reply.status >= 400 &&
    reply.status < 500 &&
    ![401, 408, 429].includes(reply.status)
  )
    return refusal('refused', reply.code, reply.message);
  const why = reply.kind === 'error' ? reply.code : reply.reason;
  return refusal('unreachable', reply.kind === 'error' ? reply.code : reply.kind, why);
}

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isImage(mime: UploadMime, bytes: Uint8Array): boolean {
  const sig = mime === 'image/jpeg' ? JPEG : PNG;
  return bytes.length > sig.length && sig.every((b, i) => bytes[i] === b);
}

export function openCommunityRoom(o: CommunityRoomOptions): CommunityRoom {
  const clock = o.clock ?? Date.now;
  const journal = new CommunityJournal(o.db, clock);
  const vault = new PhotoVault(o.photosDir, vaultKey(o.terminalSecret, o.terminalId));
  const port = (o.port ?? ((real: SubmissionPort) => real))(gatewaySubmissionPort(o.client));
  const worker = new SubmissionWorker({
    db: o.db,
    journal,
    vault,
    port,
    clock,
    ...(o.monotonic ? { monotonic: o.monotonic } : {}),
    ...(o.retry?.baseDelayMs === undefined ? {} : { baseDelayMs: o.retry.baseDelayMs }),
    ...(o.retry?.maxDelayMs === undefined ? {} : { maxDelayMs: o.retry.maxDelayMs }),
    ...(o.retry?.random ? { random: o.retry.random } : {}),
    ...(o.log ? { log: (level, obj, msg) => o.log?.[level](obj, msg) } : {}),
  });
  const answerWaitMs = o.answerWaitMs ?? DEFAULT_ANSWER_WAIT_MS;
  let catalogue: { services: Service[]; at: number } | null = null;

  const receiptOf = (row: SubmissionRow): SubmissionReceipt => ({
    ok: true,
    kind: row.kind,
    serial: row.serial,
    state:
      row.state === 'accepted' ? 'accepted' : row.state === 'rejected' ? 'rejected' : 'pending',
    trackingCode: row.trackingCode,
    receiptQr: applicationQrText(
      row.kind === 'documents' ? (row.target ?? row.serial) : row.serial,
    ),
    reply: row.replyJson === null ? null : (JSON.parse(row.replyJson) as Record<string, unknown>),
    rejectCode: row.rejectCode,
    rejectMessage: row.rejectMessage,
    submittedAt: row.createdAt,
  });

  /** The gateway's answer to a new request, or `pending` after answerWaitMs. */
  const answered = async (row: SubmissionRow): Promise<SubmissionReceipt> => {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        worker.off('settled', onSettled);
        resolve();
      };
      const onSettled = (e: SubmissionSettled) => {
        if (e.submissionId === row.id) done();
      };
      const timer = setTimeout(done, answerWaitMs);
      worker.on('settled', onSettled);
      worker.kick();
    });
    return receiptOf(journal.get(row.id));
  };

  /** Every photo is one staged on this terminal, named once. */
  const photosProblem = (ids: readonly number[]): Refusal | null => {
    if (new Set(ids).size !== ids.length)
      return refusal('invalid', 'photo_twice', 'a photo is named twice');
    for (const id of ids) {
      let p: PhotoRow;
      try {
        p = journal.photo(id);
      } catch {
        return refusal('invalid', 'photo_unknown', `no photo ${id}`);
      }
      if (p.state !== 'staged')
        return refusal(
          'invalid',
          'photo_not_staged',
          `photo ${id} is ${p.state === 'purged' ? 'gone' : 'submitted'}: take it again`,
        );
    }
    return null;
  };

  /** Journals a request (its draft built with the serial) and waits for the gateway's answer. */
  const submit = async (
    kind: SubmissionKind,
    photos: readonly number[],
    build: (serial: string, submittedAt: string) => unknown,
    check: (body: unknown) => Refusal | null,
    extra: { target?: string; staffId?: string } = {},
  ): Promise<SubmissionReceipt | Refusal> => {
    const bad = photosProblem(photos);
    if (bad) return bad;
    const now = clock();
    // The whole draft is checked with placeholder upload ids before anything is journalled.
    const probe = JSON.stringify(
      build(`${o.terminalId}-${businessDay(now)}-000000`, shanghaiIso(now)),
    );
    if (JSON.stringify(photoRefsOf(probe)) !== JSON.stringify(photos))
      return refusal('invalid', 'invalid_field', 'the photos are not where the form names them');
    const problem = check(JSON.parse(probe.replaceAll('\\u0000photo:', 'up_photo')));
    if (problem) return problem;
    const row = journal.submit({
      kind,
      terminalId: o.terminalId,
      businessDay: businessDay(now),
      draft: (serial) => JSON.stringify(build(serial, shanghaiIso(now))),
      photos,
      target: extra.target ?? null,
      staffId: extra.staffId ?? null,
    });
    o.log?.info(
      { submission: row.id, kind, serial: row.serial, photos: photos.length },
      `community ${kind} journalled`,
    );
    return answered(row);
  };

  const schemaCheck =
    (schema: {
      safeParse(v: unknown): {
        success: boolean;
        error?: { issues: { path: PropertyKey[]; message: string }[] };
      };
    }) =>
    (body: unknown): Refusal | null => {
      const r = schema.safeParse(body);
      if (r.success) return null;
      const issue = r.error?.issues[0];
      const field = issue?.path.map(String).join('.') ?? 'body';
      return refusal('invalid', 'invalid_field', `${field}: ${issue?.message ?? 'invalid'}`, field);
    };

  const staff = (action: CommunityAuditEntry['action']): StaffOnDuty | Refusal => {
    const person = o.onDuty();
    if (!person)
      return refusal('forbidden', 'staff_only', `${action}: only in a staff or technician mode`);
    return person;
  };
  const community = (): string | Refusal =>
    o.community ??
    refusal('not_configured', 'no_community', 'the config names no community (community.id)');

  const services = async (): Promise<Lookup<Service[]>> => {
    const now = clock();
    if (catalogue && now - catalogue.at < CATALOGUE_TTL_MS)
      return { ok: true, value: catalogue.services };
    const r = lookup(await o.client.services(), (b) => b.services);
    if (r.ok) {
      catalogue = { services: r.value, at: now };
      return r;
    }
    // The gateway is away: the catalogue it gave last still shows the forms.
    return catalogue ? { ok: true, value: catalogue.services } : r;
  };

  const room: CommunityRoom = {
    services,

    async pickupPoints() {
      const c = community();
      if (typeof c !== 'string') return c;
      return lookup(await o.client.pickupPoints(c), (b) => b.points);
    },

    async invoiceTitle(typed) {
      const taxId = normalizeTaxId(typed);
      const problem = taxIdProblem(taxId);
      if (problem)
        return refusal(
          'invalid',
          'invalid_tax_id',
          `the tax code's ${problem.replace('_', ' ')} is wrong`,
          'taxId',
        );
      return lookup(await o.client.invoiceTitle(taxId));
    },

    async progressByTrackingCode(typed, last4) {
      const code = normalizeTrackingCode(typed);
      if (!isTrackingCode(code))
        return refusal(
          'invalid',
          'invalid_tracking_code',
          'four and four digits or capitals',
          'trackingCode',
        );
      if (!isPhoneLast4(last4))
        return refusal(
          'invalid',
          'invalid_phone_last4',
          'the last four digits of the phone',
          'phoneLast4',
        );
      return lookup(await o.client.applicationByTrackingCode(code, last4));
    },

    async progressBySerial(serial) {
      if (!isSubmissionSerial(serial))
        return refusal('invalid', 'invalid_serial', 'not an application serial', 'serial');
      return lookup(await o.client.application(serial));
    },

    async invoiceProgress(serial) {
      if (!isSubmissionSerial(serial))
        return refusal('invalid', 'invalid_serial', 'not a request serial', 'serial');
      return lookup(await o.client.invoice(serial));
    },

    stagePhoto({ mime, bytes }) {
      if (bytes.length === 0 || bytes.length > MAX_UPLOAD_BYTES)
        return refusal('invalid', 'too_large', `a photo is at most ${MAX_UPLOAD_BYTES} bytes`);
      if (!isImage(mime, bytes))
        return refusal('invalid', 'unsupported_media', `the bytes are not a ${mime} image`);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      // The file is whole in the vault before its row names it (a crash between: swept at start).
      const file = vault.write(bytes, sha256);
      const row = journal.stagePhoto({ sha256, mime, size: bytes.length, file });
      return { ok: true, value: { photoId: row.id, sha256, size: row.size, mime } };
    },

    discardPhotos(ids) {
      for (const id of ids) {
        let p: PhotoRow;
        try {
          p = journal.photo(id);
        } catch {
          continue;
        }
        if (p.state !== 'staged') continue;
        const file = journal.purgePhoto(id, 'discarded');
        if (file) vault.remove(file);
      }
    },

    async submitApplication(d) {
      const all = await services();
      const service = all.ok ? all.value.find((s) => s.id === d.serviceId) : undefined;
      if (!service) {
        return all.ok
          ? refusal('invalid', 'unknown_service', `no service ${d.serviceId}`, 'serviceId')
          : all;
      }
      if (!isMobile(d.applicant.phone))
        return refusal(
          'invalid',
          'invalid_field',
          'applicant.phone: not a mobile number',
          'applicant.phone',
        );
      if (hasControl(d.applicant.name) || d.applicant.name.trim() === '')
        return refusal('invalid', 'invalid_field', 'applicant.name', 'applicant.name');
      const form =
        fieldProblem(service, d.fields) ??
        documentProblem(
          service,
          d.documents.map((x) => ({ documentId: x.documentId, pages: x.photos.length })),
          d.signature !== undefined,
        );
      if (form) return refusal('invalid', form.code, form.message, form.field);
      const photos = [
        ...d.documents.flatMap((x) => x.photos),
        ...(d.signature ? [d.signature.photo] : []),
      ];
      return submit(
        'application',
        photos,
        (serial, submittedAt) => ({
          applicationSerial: serial,
          serviceId: d.serviceId,
          billerId: d.billerId,
          account: d.account,
          applicant: { name: d.applicant.name.trim(), phone: d.applicant.phone },
          fields: d.fields,
          documents: d.documents.map((x) => ({
            documentId: x.documentId,
            uploadIds: x.photos.map(photoRef),
          })),
          ...(d.signature
            ? {
                signature: {
                  uploadId: photoRef(d.signature.photo),
                  signedAt: shanghaiIso(d.signature.signedAt),
                },
              }
            : {}),
          consent: d.consent,
          submittedAt,
          ...(d.assistedBy === undefined ? {} : { assistedBy: d.assistedBy }),
        }),
        schemaCheck(ApplicationRequest),
      );
    },

    async addDocuments(d) {
      if (!isSubmissionSerial(d.applicationSerial))
        return refusal(
          'invalid',
          'invalid_serial',
          'not an application serial',
          'applicationSerial',
        );
      const photos = d.documents.flatMap((x) => x.photos);
      if (photos.length === 0)
        return refusal('invalid', 'missing_document', 'no document photographed');
      return submit(
        'documents',
        photos,
        (serial, submittedAt) => ({
          supplementSerial: serial,
          documents: d.documents.map((x) => ({
            documentId: x.documentId,
            uploadIds: x.photos.map(photoRef),
          })),
          submittedAt,
        }),
        schemaCheck(DocumentsRequest),
        { target: d.applicationSerial },
      );
    },

    async requestInvoice(d) {
      const taxId = normalizeTaxId(d.buyer.taxId);
      const problem = taxIdProblem(taxId);
      if (problem)
        return refusal(
          'invalid',
          'invalid_tax_id',
          `the tax code's ${problem.replace('_', ' ')} is wrong`,
          'buyer.taxId',
        );
      if (!isMobile(d.phone))
        return refusal('invalid', 'invalid_field', 'phone: not a mobile number', 'phone');
      const evidence = d.evidence ?? [];
      return submit(
        'invoice',
        evidence,
        (serial) => ({
          requestSerial: serial,
          billerId: d.billerId,
          account: d.account,
          periods: d.periods,
          type: d.type,
          buyer: { ...d.buyer, taxId },
          delivery: d.delivery,
          phone: d.phone,
          ...(evidence.length > 0
            ? { paymentEvidence: evidence.map((id) => ({ uploadId: photoRef(id) })) }
            : {}),
        }),
        schemaCheck(InvoiceRequest),
      );
    },

    submission(serial) {
      const row = journal.bySerial(serial);
      return row ? receiptOf(row) : null;
    },

    waiting: () => journal.open().map(receiptOf),

    retryNow: () => worker.retryNow(),

    care: {
      async alerts() {
        const person = staff('care.view');
        if ('ok' in person) return person;
        const c = community();
        if (typeof c !== 'string') return c;
        const r = lookup(await o.client.careAlerts(c, person.staffNumber), (b) => b.alerts);
        o.audit({
          actor: person,
          action: 'care.view',
          subject: `community:${c}`,
          detail: { view: 'alerts', ok: r.ok, alerts: r.ok ? r.value.length : null },
        });
        return r;
      },
      async households() {
        const person = staff('care.view');
        if ('ok' in person) return person;
        const c = community();
        if (typeof c !== 'string') return c;
        const r = lookup(await o.client.careHouseholds(c, person.staffNumber), (b) => b.households);
        o.audit({
          actor: person,
          action: 'care.view',
          subject: `community:${c}`,
          detail: { view: 'households', ok: r.ok, households: r.ok ? r.value.length : null },
        });
        return r;
      },
      async recordOutcome(alertId, outcome, note) {
        const person = staff('care.outcome');
        if ('ok' in person) return person;
        if (!/^[A-Za-z0-9_-]{1,64}$/.test(alertId))
          return refusal('invalid', 'invalid_alert', 'not an alert id');
        if (hasControl(note) || [...note].length > 200)
          return refusal('invalid', 'invalid_field', 'note: at most 200 characters', 'note');
        // Idempotent on (alert, outcome, by) at the gateway: asking again after no answer is safe.
        const r = lookup(
          await o.client.careOutcome(
            alertId,
            { outcome, note, by: person.staffNumber },
            person.staffNumber,
          ),
        );
        o.audit({
          actor: person,
          action: 'care.outcome',
          subject: `alert:${alertId}`,
          detail: { outcome, ok: r.ok },
        });
        return r;
      },
    },

    notices: {
      templates: () => NOTICE_TEMPLATES,
      preview(templateId, values) {
        const c = composeNotice(templateId, values);
        return c.ok
          ? { ok: true, value: c.text }
          : refusal('invalid', c.problem, c.problem.replace('_', ' '), c.field);
      },
      async send(d) {
        const person = staff('notices.send');
        if ('ok' in person) return person;
        const c = community();
        if (typeof c !== 'string') return c;
        const composed = composeNotice(d.templateId, d.values);
        if (!composed.ok)
          return refusal(
            'invalid',
            composed.problem,
            composed.problem.replace('_', ' '),
            composed.field,
          );
        const receipt = await submit(
          'notice',
          [],
          (serial) => ({
            noticeSerial: serial,
            community: c,
            audience: { tags: d.tags },
            text: composed.text,
            sendAt: shanghaiIso(d.sendAt ?? clock()),
          }),
          schemaCheck(NoticeRequest),
          { staffId: person.staffNumber },
        );
        if (receipt.ok) {
          o.audit({
            actor: person,
            action: 'notices.send',
            subject: `notice:${receipt.serial}`,
            detail: { template: d.templateId, tags: d.tags.length, state: receipt.state },
          });
        }
        return receipt;
      },
      async sent() {
        const person = staff('notices.view');
        if ('ok' in person) return person;
        const c = community();
        if (typeof c !== 'string') return c;
        const r = lookup(await o.client.sentNotices(c, person.staffNumber), (b) => b.notices);
        o.audit({
          actor: person,
          action: 'notices.view',
          subject: `community:${c}`,
          detail: { ok: r.ok },
        });
        return r;
      },
    },

    worker,
    journal,
    vault,
    start: () => worker.start(),
    close: () => worker.stop(),
  };
  return room;
}

/** The vault's folder beside the journal (a journal in memory: the system's temp folder is not used). */
export function photosDirFor(journalPath: string): string | null {
  return journalPath === ':memory:'
    ? null
    : path.join(path.dirname(journalPath), 'community-photos');
}
