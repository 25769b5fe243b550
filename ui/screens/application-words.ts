// Applying for a service: its codes and catalogue values in words (the screens and the voice
// say the same). A form's labels come from the catalogue in both languages; only the kiosk's own
// sentences are in the message tables.
import type {
  ApplicationProblem,
  DocumentView,
  FieldView,
  LocalizedText,
  Screen,
} from '../../src/api/kiosk-api';
import type { MessageKey, Translator } from '../i18n/messages';

export type ApplicationScreenView = Extract<Screen, { name: `application${string}` }>;

export const isApplicationScreen = (s: Screen): s is ApplicationScreenView =>
  s.name.startsWith('application');

export const APPLY_PROBLEM_WORDS: Record<ApplicationProblem, MessageKey> = {
  unreachable: 'applyProblemUnreachable',
  account_not_found: 'applyProblemAccountNotFound',
  invalid_account: 'applyProblemInvalidAccount',
  account_locked: 'applyProblemAccountLocked',
  unrecognised_scan: 'applyProblemUnrecognisedScan',
  wrong_biller: 'applyProblemWrongBiller',
  card_not_recognised: 'applyProblemCardNotRecognised',
  required: 'applyProblemRequired',
  not_a_number: 'applyProblemNotANumber',
  too_small: 'applyProblemTooSmall',
  too_large: 'applyProblemTooLarge',
  not_a_mobile: 'applyProblemNotAMobile',
  not_a_date: 'applyProblemNotADate',
  too_long: 'applyProblemTooLong',
  invalid: 'applyProblemInvalid',
  photo_expired: 'applyProblemPhotoExpired',
};

/** What the kiosk is doing while she waits. */
export const WORKING_WORDS = {
  catalogue: 'applyWorkingCatalogue',
  account: 'applyWorkingAccount',
  submitting: 'applyWorkingSubmitting',
  printing: 'applyWorkingPrinting',
} as const satisfies Record<string, MessageKey>;

/** The gateway's rejection codes of the contract (422), in words; another code said generally. */
const REJECT_WORDS: Readonly<Record<string, MessageKey>> = {
  not_eligible: 'applyRejectNotEligible',
  account_not_found: 'applyRejectAccountNotFound',
  upload_expired: 'applyRejectUploadExpired',
};

export const rejectWords = (t: Translator, code: string): string =>
  t(REJECT_WORDS[code] ?? 'applyRejectOther');

export const local = (t: Translator, text: LocalizedText): string => text[t.locale];

/** How many pages a document takes, in words: "2 页", "1 到 6 页", "可不交，最多 3 页". */
export function pagesWords(t: Translator, d: DocumentView): string {
  const { min, max } = d.pages;
  if (min === 0) return t('applyPagesOptional', { max });
  return min === max ? t('applyPagesExactly', { count: min }) : t('applyPagesRange', { min, max });
}

/** What a field's screen says about what to type or choose. */
export function fieldHint(t: Translator, f: FieldView): string {
  switch (f.kind) {
    case 'integer':
      if (f.min !== null && f.max !== null) return t('applyRange', { min: f.min, max: f.max });
      return f.min !== null ? t('applyAtLeast', { min: f.min }) : t('applyProblemNotANumber');
    case 'phone':
      return t('applyPhoneHint');
    case 'date':
      return t('applyDateHint');
    case 'text':
      return t('applyTextHint', { max: f.maxLength });
    case 'choice':
      return t('applyChoiceHint');
  }
}

/** A field's value as the resident reads it: a choice by its label, nothing as "left out". */
export function valueWords(t: Translator, f: FieldView, value: string): string {
  if (value === '') return t('applyReviewEmpty');
  if (f.kind === 'choice') {
    const option = f.options.find((o) => o.id === value);
    return option ? local(t, option.label) : value;
  }
  return value;
}

/** A date typed as eight digits, shown as it grows: 2026-12-2… */
export function typedDate(digits: string): string {
  return [digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8)].filter(Boolean).join('-');
}
