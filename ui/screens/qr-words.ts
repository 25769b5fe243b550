// How to pay by QR, in the words of this terminal: where its scanner window is (the scanner's
// side in config frontPanel). Shared by the QR screen and its voice.
import type { ScannerWindow } from '../../src/api/kiosk-api';
import type { MessageKey, Translator } from '../i18n/messages';

const PLACE: Record<ScannerWindow, MessageKey> = {
  below: 'scannerBelowScreen',
  left: 'scannerLeftOfScreen',
  right: 'scannerRightOfScreen',
};

/** "Open the payment code … and hold it to the scanner window below the screen." */
export function showCodeHow(t: Translator, scannerWindow: ScannerWindow | null): string {
  return scannerWindow
    ? t('qrShowHow', { place: t(PLACE[scannerWindow]) })
    : t('qrShowHowAnywhere');
}
