// The screens and events of applying for a service at the kiosk (src/flows/application/), kept
// apart so the KioskApi grows here rather than in one long file. Every form is rendered from
// the catalogue the screens carry (ServiceFormView): nothing about a service is fixed here.
// Browser-safe (zod/mini only), like the rest of src/api/.
import { z } from 'zod/mini';
import { BillerKind, LocalizedText } from './primitives';

const Id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));
const FieldId = z.string().check(z.regex(/^[a-z][A-Za-z0-9-]{0,39}$/));

const fieldCommon = { id: FieldId, label: LocalizedText, optional: z.boolean() };

/** A field of a service's form, as the catalogue gives it. */
export const FieldView = z.discriminatedUnion('kind', [
  z.object({
    ...fieldCommon,
    kind: z.literal('integer'),
    min: z.nullable(z.int()),
    max: z.nullable(z.int()),
  }),
  z.object({ ...fieldCommon, kind: z.literal('text'), maxLength: z.int().check(z.positive()) }),
  z.object({ ...fieldCommon, kind: z.literal('phone') }),
  z.object({
    ...fieldCommon,
    kind: z.literal('choice'),
    options: z.array(z.object({ id: FieldId, label: LocalizedText })),
  }),
  z.object({ ...fieldCommon, kind: z.literal('date') }),
]);
export type FieldView = z.infer<typeof FieldView>;

export const DocumentView = z.object({
  id: FieldId,
  label: LocalizedText,
  pages: z.object({ min: z.int().check(z.nonnegative()), max: z.int().check(z.positive()) }),
});
export type DocumentView = z.infer<typeof DocumentView>;

/** A service as its tile shows it: the icon comes from its biller's kind, never its id. */
export const ServiceTileView = z.object({
  id: Id,
  billerKind: BillerKind,
  name: LocalizedText,
  summary: LocalizedText,
});
export type ServiceTileView = z.infer<typeof ServiceTileView>;

/** A service with its whole form. */
export const ServiceFormView = z.extend(ServiceTileView, {
  fields: z.array(FieldView),
  documents: z.array(DocumentView),
  signature: z.boolean(),
});
export type ServiceFormView = z.infer<typeof ServiceFormView>;

/** Why a step of an application could not go on; the renderer says each in words. */
export const ApplicationProblem = z.enum([
  /** The catalogue or the gateway could not be reached. */
  'unreachable',
  'account_not_found',
  'invalid_account',
  'account_locked',
  /** A scan that is no bill, or a bill of another kind of biller than the service's. */
  'unrecognised_scan',
  'wrong_biller',
  'card_not_recognised',
  /** A field left empty that the form needs. */
  'required',
  'not_a_number',
  'too_small',
  'too_large',
  'not_a_mobile',
  'not_a_date',
  'too_long',
  /** The gateway's checks refused it (said on the field at fault, or on the review). */
  'invalid',
  /** A document's photos are gone (taken over an hour ago): take them again. */
  'photo_expired',
]);
export type ApplicationProblem = z.infer<typeof ApplicationProblem>;

/** The parts of an application the review can send her back to. */
export const ApplicationPart = z.enum(['account', 'field', 'document', 'signature', 'consent']);
export type ApplicationPart = z.infer<typeof ApplicationPart>;

const problem = z.nullable(ApplicationProblem);
/** Where she is among the form's steps (fields, documents, signature), to say "2 of 5". */
const position = { index: z.int().check(z.nonnegative()), count: z.int().check(z.positive()) };

export const APPLICATION_SCREENS = [
  /** The catalogue: one tile per service (null problem), or why it cannot be shown. */
  z.object({
    name: z.literal('applicationCatalogue'),
    services: z.array(ServiceTileView),
    problem,
  }),
  /** What she will need: the documents, and whether she signs. */
  z.object({ name: z.literal('applicationNeeds'), service: ServiceFormView }),
  /** The kiosk is working: the catalogue, the account, the submission, the receipt. */
  z.object({
    name: z.literal('applicationWorking'),
    step: z.enum(['catalogue', 'account', 'submitting', 'printing']),
  }),
  /** The account: typed on the keypad, a bill scanned, or a card; its biller chosen first. */
  z.object({
    name: z.literal('applicationAccount'),
    service: ServiceTileView,
    billers: z.array(z.object({ id: Id, name: LocalizedText })),
    billerId: z.nullable(Id),
    digits: z.string().check(z.maxLength(20)),
    accountLength: z.nullable(z.int().check(z.positive())),
    problem,
  }),
  /** The account as the biller gives it: the applicant's name is confirmed here, never typed. */
  z.object({
    name: z.literal('applicationAccountConfirm'),
    billerName: LocalizedText,
    account: z.string(),
    holder: z.string(),
    address: z.string(),
  }),
  /** One field of the form, by its kind. */
  z.object({
    name: z.literal('applicationField'),
    serviceName: LocalizedText,
    field: FieldView,
    value: z.string().check(z.maxLength(500)),
    problem,
    ...position,
  }),
  /** One document: photographed on the document camera, page by page. */
  z.object({
    name: z.literal('applicationDocument'),
    serviceName: LocalizedText,
    document: DocumentView,
    pages: z.int().check(z.nonnegative()),
    problem,
    ...position,
  }),
  z.object({ name: z.literal('applicationSignature'), serviceName: LocalizedText, ...position }),
  /** SMS notices of the progress to her mobile (masked). */
  z.object({
    name: z.literal('applicationConsent'),
    phone: z.string(),
    smsNotices: z.nullable(z.boolean()),
  }),
  /** Everything on one screen; each part may be changed. */
  z.object({
    name: z.literal('applicationReview'),
    service: ServiceTileView,
    billerName: LocalizedText,
    account: z.string(),
    holder: z.string(),
    fields: z.array(z.object({ field: FieldView, value: z.string() })),
    documents: z.array(z.object({ document: DocumentView, pages: z.int() })),
    signature: z.nullable(z.boolean()),
    smsNotices: z.boolean(),
    problem,
    /** The gateway's reason in its words, when it refused a part. */
    problemField: z.nullable(z.string()),
  }),
  /** The receipt: accepted (its tracking code) or accepted for later (its serial). */
  z.object({
    name: z.literal('applicationReceipt'),
    serviceName: LocalizedText,
    state: z.enum(['accepted', 'pending']),
    trackingCode: z.nullable(z.string()),
    serial: z.string(),
    qr: z.string(),
    printed: z.boolean(),
    receiptLines: z.array(z.string()),
  }),
  /** Refused for good by the gateway: why, in words. */
  z.object({
    name: z.literal('applicationRejected'),
    serviceName: LocalizedText,
    code: z.string().check(z.maxLength(64)),
  }),
] as const;

const PhotoId = z.string().check(z.regex(/^[0-9]{1,15}$/));

export const APPLICATION_EVENT_SCHEMAS = [
  /** On the service point's home: apply for a service (办理业务). */
  z.object({ type: z.literal('OPEN_APPLY') }),
  z.object({ type: z.literal('CHOOSE_SERVICE'), serviceId: Id }),
  /** The typed value of a field is complete, or an optional one is left out. */
  z.object({ type: z.literal('FIELD_TEXT'), value: z.string().check(z.maxLength(500)) }),
  z.object({ type: z.literal('CHOOSE_OPTION'), optionId: FieldId }),
  z.object({ type: z.literal('SKIP') }),
  /** A document's pages as the camera staged them (photo ids of POST /api/photos). */
  z.object({
    type: z.literal('DOCUMENT_PHOTOS'),
    documentId: FieldId,
    photoIds: z.array(PhotoId).check(z.minLength(1), z.maxLength(30)),
  }),
  /** The signature as the pad staged it. */
  z.object({
    type: z.literal('SIGNED'),
    photoId: PhotoId,
    strokes: z.int().check(z.minimum(0), z.maximum(10_000)),
    signedAt: z.iso.datetime({ offset: true }),
  }),
  z.object({ type: z.literal('CONSENT'), smsNotices: z.boolean() }),
  /** From the review: change one part (a field or document by its id). */
  z.object({
    type: z.literal('CHANGE'),
    part: ApplicationPart,
    id: z.nullable(FieldId),
  }),
  z.object({ type: z.literal('SUBMIT_APPLICATION') }),
] as const;
