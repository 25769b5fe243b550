// The face of the community service point (README.md): what the rest of the host may use.
// The screens' flows call the room (openCommunityRoom → CommunityRoom); the checks are pure and
// the contract's types describe what the room answers.
export { openCommunityRoom, photosDirFor } from './community-room';
export {
  DEFAULT_ANSWER_WAIT_MS,
  type ApplicationDraft,
  type CommunityAuditEntry,
  type CommunityRoom,
  type CommunityRoomOptions,
  type DocumentsDraft,
  type InvoiceDraft,
  type Lookup,
  type NoticeDraft,
  type Refusal,
  type RefusalReason,
  type StaffOnDuty,
  type StagedPhoto,
  type SubmissionReceipt,
} from './room-face';
export { CommunityClient, type CommunityClientOptions } from './client';
export { CommunityConfig } from './config';
export {
  APPLICATION_QR_PREFIX,
  applicationQrText,
  applicationSerialOfScan,
  isMobile,
  isPhoneLast4,
  isSubmissionSerial,
  isTaxId,
  isTrackingCode,
  maskMobile,
  normalizeTaxId,
  normalizeTrackingCode,
  phoneLast4,
  TAX_ID_ALPHABET,
  taxIdCheckCharacter,
  taxIdProblem,
  type TaxIdProblem,
} from './checks';
export {
  APPLICATION_STATUSES,
  CARE_OUTCOMES,
  INVOICE_STATUSES,
  MAX_NOTICE_CHARS,
  MAX_UPLOAD_BYTES,
  type ApplicationProgress,
  type ApplicationStatus,
  type CareAlert,
  type CareAlertKind,
  type CareHousehold,
  type CareOutcome,
  type InvoiceProgress,
  type InvoiceStatus,
  type InvoiceTitle,
  type LocalText,
  type PickupPoint,
  type SentNotice,
  type Service,
  type ServiceDocument,
  type ServiceField,
  type UploadMime,
} from './contract';
export { fieldProblem, documentProblem, type FormProblem } from './form-check';
export {
  composeNotice,
  NOTICE_TEMPLATES,
  type NoticeField,
  type NoticeTemplate,
  type NoticeValues,
} from './notice-templates';
export { PHOTO_RETENTION_MS, STAGED_PHOTO_TTL_MS } from './community-journal';
