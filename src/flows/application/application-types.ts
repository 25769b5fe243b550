// The application flow's vocabulary: what it knows, hears, and what its actors (provided by the
// host, src/host/application-actors.ts) take and answer.
import type { ApplicationPart, ApplicationProblem, Key, LocalizedText } from '../../api/kiosk-api';
import type { Service } from '../../community';
import type { BillerChoice } from '../session-types';

/** The account as the biller gave it: the applicant's name is its holder, never typed. */
export interface ConfirmedAccount {
  billerId: string;
  billerName: LocalizedText;
  account: string;
  /** The holder as the biller's quote gives it (masked: the kiosk never holds the full name). */
  holder: string;
  address: string;
}

/** The catalogue as the room gave it, or not at all (the screen says so). */
export type CatalogueLoad = { ok: true; services: Service[] } | { ok: false };

/** What is sent: the host adds the terms' version and who assisted, and builds the draft. */
export interface ApplicationSubmission {
  serviceId: string;
  billerId: string;
  account: string;
  applicantName: string;
  phone: string;
  fields: Record<string, string | number>;
  documents: { documentId: string; photoIds: string[] }[];
  signature: { photoId: string; signedAt: string } | null;
  smsNotices: boolean;
}

export type SubmitOutcome =
  | {
      kind: 'receipt';
      state: 'accepted' | 'pending' | 'rejected';
      serial: string;
      trackingCode: string | null;
      qr: string;
      rejectCode: string | null;
    }
  /** Refused before it was journalled: `field` names the part at fault (a form field's id). */
  | { kind: 'refused'; problem: ApplicationProblem; field: string | null; message: string };

export interface PrintInput {
  serviceName: LocalizedText;
  state: 'accepted' | 'pending';
  serial: string;
  trackingCode: string | null;
  qr: string;
}

export interface PrintOutcome {
  printed: boolean;
  lines: string[];
}

export interface ApplicationContext {
  services: Service[];
  service: Service | null;
  /** The billers of the service's kind (the account is one of theirs). */
  billers: BillerChoice[];
  biller: BillerChoice | null;
  digits: string;
  account: ConfirmedAccount | null;
  /** Where she is among the form's steps (form-steps.ts). */
  cursor: number;
  /** Each field as typed or chosen (dates as eight digits). */
  values: Record<string, string>;
  documents: Record<string, string[]>;
  signature: { photoId: string; strokes: number; signedAt: string } | null;
  smsNotices: boolean | null;
  /** She came from the review to change a part: the next step is the review again. */
  reviewing: boolean;
  problem: ApplicationProblem | null;
  /** The gateway's words about a part it refused (shown on the review). */
  problemField: string | null;
  receipt: (Extract<SubmitOutcome, { kind: 'receipt' }> & PrintOutcome) | null;
}

export type ApplicationEvent =
  | { type: 'CHOOSE_SERVICE'; serviceId: string }
  | { type: 'CHOOSE_BILLER'; billerId: string }
  | { type: 'KEY'; key: Key }
  | { type: 'SUBMIT_ACCOUNT' }
  | { type: 'SCANNED'; text: string }
  | { type: 'ACCOUNT_CARD'; billerId: string; account: string }
  | { type: 'CARD_NOT_RECOGNISED' }
  | { type: 'CONFIRM' }
  | { type: 'SERVICE_NEXT' }
  | { type: 'FIELD_TEXT'; value: string }
  | { type: 'CHOOSE_OPTION'; optionId: string }
  | { type: 'SKIP' }
  | { type: 'DOCUMENT_PHOTOS'; documentId: string; photoIds: string[] }
  | { type: 'SIGNED'; photoId: string; strokes: number; signedAt: string }
  | { type: 'CONSENT'; smsNotices: boolean }
  | { type: 'CHANGE'; part: ApplicationPart; id: string | null }
  | { type: 'SUBMIT_APPLICATION' }
  | { type: 'BACK' }
  | { type: 'DONE' };

/** The event types the service point hands on to the application while she applies. */
export const APPLICATION_EVENT_TYPES = [
  'CHOOSE_SERVICE',
  'CHOOSE_BILLER',
  'KEY',
  'SUBMIT_ACCOUNT',
  'SCANNED',
  'ACCOUNT_CARD',
  'CARD_NOT_RECOGNISED',
  'CONFIRM',
  'SERVICE_NEXT',
  'FIELD_TEXT',
  'CHOOSE_OPTION',
  'SKIP',
  'DOCUMENT_PHOTOS',
  'SIGNED',
  'CONSENT',
  'CHANGE',
  'SUBMIT_APPLICATION',
  'BACK',
  'DONE',
] as const satisfies readonly ApplicationEvent['type'][];
