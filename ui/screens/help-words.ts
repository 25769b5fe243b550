// What the staff-help screen says happens next. Shared by the screen and its voice.
import type { Screen } from '../../src/api/kiosk-api';
import type { MessageKey } from '../i18n/messages';

/** Staff will print her copy, she may carry on by herself, or she waits for them. */
export function helpLead(screen: Extract<Screen, { name: 'staffHelp' }>): MessageKey {
  if (!screen.canLeave) return 'staffHelpWait';
  return screen.reason === 'printedCopy' ? 'staffHelpCopy' : 'staffHelpNext';
}
