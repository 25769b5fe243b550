import type { UserEvent } from '../../src/api/kiosk-api';
import type { Translator } from '../i18n/messages';

export interface ScreenProps {
  t: Translator;
  send(event: UserEvent): void;
}
