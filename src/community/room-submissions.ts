// The room's submissions: photos staged encrypted in the vault as they are taken (or given up),
// and applications, additions of documents and invoice requests — each checked whole, then
// journalled with its serial before anything is sent, and answered with the gateway's word or,
// after a short wait, accepted for later (the submission worker goes on).
import { createHash } from 'node:crypto';
import { businessDay, shanghaiIso } from '../time/shanghai';
import { applicationQrText, isMobile, isSubmissionSerial } from './checks';
import type {
  CommunityJournal,
  PhotoRow,
  SubmissionKind,
  SubmissionRow,
} from './community-journal';
import {
  ApplicationRequest,
  DocumentsRequest,
  InvoiceRequest,
  MAX_UPLOAD_BYTES,
  type Service,
  type UploadMime,
} from './contract';
import { photoRef, photoRefsOf } from './draft';
import { documentProblem, fieldProblem, hasControl } from './form-check';
import type { PhotoVault } from './photo-vault';
import { checkedTaxId, refusal } from './room-answers';
import type {
  CommunityRoom,
  CommunityRoomOptions,
  Lookup,
  Refusal,
  SubmissionReceipt,
} from './room-face';
import type { SubmissionSettled, SubmissionWorker } from './submission-worker';

/** Journals a request (its draft built with the serial) and waits for the gateway's answer. */
export type Submit = (
  kind: SubmissionKind,
  photos: readonly number[],
  build: (serial: string, submittedAt: string) => unknown,
  check: (body: unknown) => Refusal | null,
  extra?: { target?: string; staffId?: string },
) => Promise<SubmissionReceipt | Refusal>;

export type RoomSubmissions = Pick<
  CommunityRoom,
  | 'stagePhoto'
  | 'discardPhotos'
  | 'discardStagedPhotos'
  | 'submitApplication'
  | 'addDocuments'
  | 'requestInvoice'
  | 'submission'
  | 'waiting'
  | 'retryNow'
> & { submit: Submit };

/** A body against the contract's schema: the first issue, as the field at fault. */
export const schemaCheck =
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

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isImage(mime: UploadMime, bytes: Uint8Array): boolean {
  const sig = mime === 'image/jpeg' ? JPEG : PNG;
  return bytes.length > sig.length && sig.every((b, i) => bytes[i] === b);
}

export function openSubmissions(r: {
  o: Pick<CommunityRoomOptions, 'terminalId' | 'log'>;
  clock: () => number;
  journal: CommunityJournal;
  vault: PhotoVault;
  worker: SubmissionWorker;
  answerWaitMs: number;
  services: () => Promise<Lookup<Service[]>>;
}): RoomSubmissions {
  const { o, clock, journal, vault, worker, answerWaitMs, services } = r;

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

  const submit: Submit = async (kind, photos, build, check, extra = {}) => {
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

  /** Photos retaken or given up (only those still staged): gone from the terminal now. */
  const discard = (ids: readonly number[]): void => {
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
  };

  return {
    submit,

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

    discardStagedPhotos() {
      const ids = journal.stagedPhotoIds();
      discard(ids);
      return ids.length;
    },

    discardPhotos: discard,

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
      const taxId = checkedTaxId(d.buyer.taxId, 'buyer.taxId');
      if (typeof taxId !== 'string') return taxId;
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
  };
}
