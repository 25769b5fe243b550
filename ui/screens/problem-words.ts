// The words of an account the kiosk cannot take (locked, or nothing due): a title saying what
// it is, and where to go instead. Shared by the screen and its voice.
import type { ProblemCode } from '../../src/api/kiosk-api';
import type { MessageKey } from '../i18n/messages';

export const DEAD_END: Partial<Record<ProblemCode, { title: MessageKey; next: MessageKey }>> = {
  account_locked: { title: 'problemTitleLocked', next: 'hallLeadLocked' },
  nothing_due: { title: 'problemTitleNothingDue', next: 'hallLeadNothingDue' },
};
