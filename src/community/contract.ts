// Schemas of the community service API v1 (../shared/contracts/community-services.md): the
// kiosk's client (client.ts) reads every reply through them, and the gateway simulator
// (sim/gateway/community-*.ts) checks every request with them. The contract fixes the routes and
// the fields it shows; the shapes it leaves open are chosen here and written down in this
// folder's README ("Choices the contract left open").
import { z } from 'zod';
import { BillerKind } from '../gateway/contract';
import { maskName } from '../receipts/mask';
import { isMobile, isTaxId, maskMobile } from './checks';

/** ISO 8601 with an offset, e.g. 2026-12-06T10:03:11+08:00. */
const Timestamp = z.iso.datetime({ offset: true });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');
/** An id that goes in a path or a query: 1 to 64 of A–Z a–z 0–9 _ -. */
const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected 1 to 64 of A-Z a-z 0-9 _ -');
/** A serial the kiosk makes (TERMINAL-YYYYMMDD-NNNNNN): the idempotency key of a request. */
export const Serial = z.string().regex(/^[A-Z0-9-]{1,64}$/, 'expected 1 to 64 of A-Z 0-9 -');
const Mobile = z.string().refine(isMobile, 'expected an 11-digit mainland mobile number');
/** The gateway's tracking code (the contract shows K7QH-2M9D). */
const TrackingCode = z.string().regex(/^[0-9A-Z][0-9A-Z-]{2,30}[0-9A-Z]$/, 'not a tracking code');

/** Every text a resident reads, in both languages of the kiosk. */
export const LocalText = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) });
export type LocalText = z.infer<typeof LocalText>;

// --- The catalogue -------------------------------------------------------------------------

const FieldId = z.string().regex(/^[a-z][A-Za-z0-9-]{0,39}$/, 'expected a field id');

const fieldCommon = {
  id: FieldId,
  label: LocalText,
  /** Choice: every field is required unless it says optional. */
  optional: z.boolean().optional(),
};

/** A form field: the kiosk renders the form from these; it hard-codes no service. */
export const ServiceField = z.discriminatedUnion('kind', [
  z.object({
    ...fieldCommon,
    kind: z.literal('integer'),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
  }),
  z.object({ ...fieldCommon, kind: z.literal('text'), maxLength: z.number().int().positive() }),
  z.object({ ...fieldCommon, kind: z.literal('phone') }),
  z.object({
    ...fieldCommon,
    kind: z.literal('choice'),
    options: z.array(z.object({ id: FieldId, label: LocalText })).min(1),
  }),
  z.object({ ...fieldCommon, kind: z.literal('date') }),
]);
export type ServiceField = z.infer<typeof ServiceField>;

export const ServiceDocument = z.object({
  id: FieldId,
  label: LocalText,
  pages: z
    .object({ min: z.number().int().min(0), max: z.number().int().min(1).max(30) })
    .refine((p) => p.min <= p.max, 'pages.min is above pages.max'),
});
export type ServiceDocument = z.infer<typeof ServiceDocument>;

export const Service = z.object({
  id: Id,
  billerKind: BillerKind,
  name: LocalText,
  summary: LocalText,
  fields: z.array(ServiceField),
  documents: z.array(ServiceDocument),
  signature: z.boolean(),
  validDays: z.number().int().positive(),
});
export type Service = z.infer<typeof Service>;

export const ServicesResponse = z.object({ services: z.array(Service) });

// --- Documents -----------------------------------------------------------------------------

export const UPLOAD_MIMES = ['image/jpeg', 'image/png'] as const;
export const UploadMime = z.enum(UPLOAD_MIMES);
export type UploadMime = z.infer<typeof UploadMime>;
/** ≤ 4 MiB decoded (the contract). */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;
const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits');

export const UploadRequest = z
  .object({
    mime: UploadMime,
    sha256: Sha256Hex,
    // Base64 of at most 4 MiB: at most 4/3 of it, in whole groups of four.
    bytes: z
      .string()
      .max(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64'),
  })
  .strict();
export type UploadRequest = z.infer<typeof UploadRequest>;

export const UploadReply = z.object({ uploadId: Id, expiresAt: Timestamp });
export type UploadReply = z.infer<typeof UploadReply>;

// --- Applications --------------------------------------------------------------------------

export const APPLICATION_STATUSES = [
  'received',
  'in_review',
  'needs_more',
  'site_visit',
  'approved',
  'completed',
  'rejected',
  'withdrawn',
] as const;
export const ApplicationStatus = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

const DocumentUploads = z.object({ documentId: FieldId, uploadIds: z.array(Id).min(1).max(30) });

export const ApplicationRequest = z
  .object({
    applicationSerial: Serial,
    serviceId: Id,
    billerId: Id,
    account: z.string().min(1).max(64),
    applicant: z.object({ name: z.string().min(1).max(40), phone: Mobile }).strict(),
    fields: z.record(FieldId, z.union([z.string().max(500), z.number()])),
    documents: z.array(DocumentUploads),
    /** Choice: absent when the service asks for no signature. */
    signature: z.object({ uploadId: Id, signedAt: Timestamp }).strict().optional(),
    consent: z.object({ smsNotices: z.boolean(), termsVersion: z.string().min(1).max(20) }),
    submittedAt: Timestamp,
    /** The staff number of whoever completed it for the resident. */
    assistedBy: z.string().min(1).max(32).optional(),
  })
  .strict();
export type ApplicationRequest = z.infer<typeof ApplicationRequest>;

/** 201 to POST /v1/applications (and the same again for the same serial and body). */
export const ApplicationReceipt = z.object({
  applicationId: Id,
  status: ApplicationStatus,
  trackingCode: TrackingCode,
});
export type ApplicationReceipt = z.infer<typeof ApplicationReceipt>;

export const TimelineEntry = z.object({
  status: ApplicationStatus,
  at: Timestamp,
  note: LocalText,
});

/**
 * GET /v1/applications/{serial} and ?trackingCode=&phoneLast4=. The contract's fields, and
 * (choice) `requested` with needs_more, `visitAt` with site_visit, `reason` with rejected, and
 * `trackingCode` / `applicationSerial` where the gateway gives them.
 */
export const ApplicationProgress = z.object({
  applicationId: Id,
  serviceId: Id,
  status: ApplicationStatus,
  timeline: z.array(TimelineEntry).min(1),
  nextStep: LocalText.nullable().optional(),
  requested: z
    .array(
      z.object({
        documentId: FieldId,
        label: LocalText.optional(),
        pages: z.object({ min: z.number().int(), max: z.number().int() }).optional(),
      }),
    )
    .optional(),
  visitAt: Timestamp.optional(),
  reason: LocalText.optional(),
  trackingCode: TrackingCode.optional(),
  applicationSerial: Serial.optional(),
});
export type ApplicationProgress = z.infer<typeof ApplicationProgress>;

/**
 * POST /v1/applications/{serial}/documents (the documents a needs_more asked for). Choice: the
 * body names its own serial, the idempotency key of the addition.
 */
export const DocumentsRequest = z
  .object({
    supplementSerial: Serial,
    documents: z.array(DocumentUploads).min(1),
    submittedAt: Timestamp,
  })
  .strict();
export type DocumentsRequest = z.infer<typeof DocumentsRequest>;

export const DocumentsReply = z.object({ applicationId: Id, status: ApplicationStatus });
export type DocumentsReply = z.infer<typeof DocumentsReply>;

// --- VAT invoices --------------------------------------------------------------------------

export const PickupPoint = z.object({
  id: Id,
  name: LocalText,
  address: LocalText,
  hours: LocalText,
});
export type PickupPoint = z.infer<typeof PickupPoint>;
export const PickupPointsResponse = z.object({ points: z.array(PickupPoint) });

/** A company's particulars from the tax register (public data: not masked). */
export const InvoiceTitle = z.object({
  name: z.string().min(1).max(100),
  address: z.string().max(200),
  phone: z.string().max(40),
  bank: z.string().max(100),
  bankAccount: z.string().max(40),
});
export type InvoiceTitle = z.infer<typeof InvoiceTitle>;

export const TaxId = z.string().refine(isTaxId, 'not a unified social credit code');

export const InvoiceRequest = z
  .object({
    requestSerial: Serial,
    billerId: Id,
    account: z.string().min(1).max(64),
    periods: z.array(Month).min(1).max(24),
    type: z.enum(['special', 'normal']),
    buyer: InvoiceTitle.extend({ taxId: TaxId }).strict(),
    delivery: z.union([
      z.object({ pickupPointId: Id }).strict(),
      z.object({ email: z.email() }).strict(),
    ]),
    phone: Mobile,
    paymentEvidence: z
      .array(z.object({ uploadId: Id }).strict())
      .max(12)
      .optional(),
  })
  .strict();
export type InvoiceRequest = z.infer<typeof InvoiceRequest>;

export const INVOICE_STATUSES = [
  'received',
  'issued',
  'ready_for_pickup',
  'picked_up',
  'emailed',
  'rejected',
] as const;
export const InvoiceStatus = z.enum(INVOICE_STATUSES);
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;

export const InvoiceReceipt = z.object({ invoiceRequestId: Id, status: InvoiceStatus });
export type InvoiceReceipt = z.infer<typeof InvoiceReceipt>;

/** GET /v1/invoices/{requestSerial}; the number once issued, a reason when rejected. */
export const InvoiceProgress = z.object({
  invoiceRequestId: Id,
  status: InvoiceStatus,
  invoiceNumber: z.string().min(1).max(40).optional(),
  reason: LocalText.optional(),
});
export type InvoiceProgress = z.infer<typeof InvoiceProgress>;

// --- Community care (staff only) -----------------------------------------------------------

// The gateway masks the holder and the contact (王*芳, 138****8000); the kiosk masks them again
// as they are parsed, as it does a quote's holder. The label is the household's place, which
// staff need to find it: shown as given.
const CareHouseholdHead = z.object({
  label: z.string().min(1).max(100),
  holder: z.string().transform(maskName),
  contact: z.string().transform(maskMobile),
  kind: z.string().min(1).max(40),
});

export const CareAlertKind = z.enum(['low_usage', 'spike']);
export type CareAlertKind = z.infer<typeof CareAlertKind>;

export const CareAlert = z.object({
  alertId: Id,
  /** Choice: which household of GET /v1/care/households (its chart). */
  householdId: Id.optional(),
  household: CareHouseholdHead,
  kind: CareAlertKind,
  since: Day,
  evidence: z.record(z.string(), z.number().nonnegative()),
  opened: Timestamp,
});
export type CareAlert = z.infer<typeof CareAlert>;
export const CareAlertsResponse = z.object({ alerts: z.array(CareAlert) });

export const CARE_OUTCOMES = [
  'visited_ok',
  'called_ok',
  'needs_help',
  'away',
  'false_alarm',
] as const;
export const CareOutcome = z.enum(CARE_OUTCOMES);
export type CareOutcome = z.infer<typeof CareOutcome>;

export const CareOutcomeRequest = z
  .object({ outcome: CareOutcome, note: z.string().max(200), by: z.string().min(1).max(32) })
  .strict();
export type CareOutcomeRequest = z.infer<typeof CareOutcomeRequest>;

/** Choice: the 200 says what was recorded. */
export const CareOutcomeReply = z.object({
  alertId: Id,
  outcome: CareOutcome,
  recordedAt: Timestamp,
});
export type CareOutcomeReply = z.infer<typeof CareOutcomeReply>;

export const CareReading = z.object({ day: Day, kwh: z.number().nonnegative().max(10_000) });
export const CareHousehold = CareHouseholdHead.extend({
  householdId: Id,
  /** The latest daily readings, oldest first (30 in the contract). */
  readings: z.array(CareReading).max(60),
});
export type CareHousehold = z.infer<typeof CareHousehold>;
export const CareHouseholdsResponse = z.object({ households: z.array(CareHousehold) });

// --- Community notices (staff only) --------------------------------------------------------

export const MAX_NOTICE_CHARS = 300;
const NoticeText = z.string().min(1).max(MAX_NOTICE_CHARS);

export const NoticeRequest = z
  .object({
    noticeSerial: Serial,
    community: Id,
    audience: z.object({ tags: z.array(z.string().min(1).max(40)).min(1).max(20) }).strict(),
    text: z.object({ 'zh-CN': NoticeText, en: NoticeText.optional() }).strict(),
    sendAt: Timestamp,
  })
  .strict();
export type NoticeRequest = z.infer<typeof NoticeRequest>;

export const NoticeReceipt = z.object({
  noticeId: Id,
  recipients: z.number().int().nonnegative(),
});
export type NoticeReceipt = z.infer<typeof NoticeReceipt>;

/** Choice: each sent notice names its serial, so a kiosk can ask whether one went out. */
export const SentNotice = z.object({
  noticeId: Id,
  noticeSerial: Serial,
  audience: z.object({ tags: z.array(z.string()) }),
  text: z.object({ 'zh-CN': z.string(), en: z.string().optional() }),
  sendAt: Timestamp,
  recipients: z.number().int().nonnegative(),
  delivered: z.number().int().nonnegative(),
});
export type SentNotice = z.infer<typeof SentNotice>;
export const SentNoticesResponse = z.object({ notices: z.array(SentNotice) });

/** 422 codes of the contract: the request can never succeed as it is. */
export const APPLICATION_REJECTIONS = [
  'unknown_service',
  'missing_field',
  'invalid_field',
  'missing_document',
  'upload_expired',
  'account_not_found',
  'not_eligible',
] as const;
