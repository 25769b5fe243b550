// What a staff screen says when it opens: its title, in the language of the moment, and for the
// home whether a resident is calling. Staff screens speak only that (they are read, not heard);
// the resident's screen underneath stays quiet while staff work.
import type { StaffView } from '../../src/api/kiosk-api';
import type { Translator } from '../i18n/messages';

export function staffScreenVoice(view: StaffView, t: Translator): string {
  switch (view.name) {
    case 'signIn':
      return view.step === 'staffNumber'
        ? t('staffSignInByNumber')
        : view.by === 'card'
          ? t('staffSignInByCard')
          : t('staffPin');
    case 'staffHome':
      return `${t('staffHome', { name: view.who.name })} ${t(view.helpCall ? 'staffHelpCall' : 'staffNoCall')}`;
    case 'openItems':
      return t('itemsTitle');
    case 'syncQueue':
      return t('syncTitle');
    case 'daySummary':
      return t('summaryTitle', { day: view.day });
    case 'cashExchange':
      return t('exchangeTitle');
    case 'diagnostics':
      return t('diagnosticsTitle');
    case 'serviceState':
      return t('serviceStateTitle');
    case 'reprint':
      return t('reprintTitle');
    case 'reversal':
      return t('reversalTitle');
    case 'pins':
      return t('pinsTitle');
    case 'myPin':
      return t('myPinTitle');
  }
}
