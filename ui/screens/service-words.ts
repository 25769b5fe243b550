// The service point's codes in words (both the screens and the voice say them).
import type { AddDocumentsProblem, Screen } from '../../src/api/kiosk-api';
import type { MessageKey } from '../i18n/messages';

type ProgressEntryScreen = Extract<Screen, { name: 'progressEntry' }>;
type ProgressScreen = Extract<Screen, { name: 'progress' }>;
type Status = ProgressScreen['status'];
type Problem = NonNullable<ProgressEntryScreen['problem']>;

export const STATUS_WORDS: Record<Status, MessageKey> = {
  received: 'statusReceived',
  in_review: 'statusInReview',
  needs_more: 'statusNeedsMore',
  site_visit: 'statusSiteVisit',
  approved: 'statusApproved',
  completed: 'statusCompleted',
  rejected: 'statusRejected',
  withdrawn: 'statusWithdrawn',
};

export const SERVICE_PROBLEM_WORDS: Record<Problem, MessageKey> = {
  not_found: 'serviceProblemNotFound',
  unreachable: 'serviceProblemUnreachable',
  invalid_code: 'serviceProblemInvalidCode',
  invalid_last4: 'serviceProblemInvalidLast4',
  not_a_receipt: 'serviceProblemNotAReceipt',
};

export const ADD_DOCUMENTS_PROBLEM_WORDS: Record<AddDocumentsProblem, MessageKey> = {
  unreachable: 'addDocumentsProblemUnreachable',
  refused: 'addDocumentsProblemRefused',
  expired: 'addDocumentsProblemExpired',
};

/** The capitals in pages of nine, so the keypad keeps the size of the account keypad (R2, R12). */
export const LETTER_PAGES = ['ABCDEFGHI', 'JKLMNOPQR', 'STUVWXYZ'].map((p) => p.split(''));

/** The tracking code keypad's pages as their buttons (and the voice) name them. */
export const KEYPAD_PAGE_LABELS = ['0–9', ...LETTER_PAGES.map((p) => `${p[0]}–${p.at(-1)}`)];
