import type { Screen } from '../../src/api/kiosk-api';
import { Alerts } from './Alerts';
import { Decide } from './Decide';
import { Money } from './Money';
import { QrCode } from './QrCode';
import { showCodeHow } from './qr-words';
import type { ScreenProps } from './types';

type QrPayScreen = Extract<Screen, { name: 'qrPay' }>;

/**
 * Two ways, named apart: she shows her phone's payment code to the scanner window (said where
 * it is on this terminal), or her phone scans a code the kiosk shows; either way may switch to
 * the other. Then the wallet pays, or waits for her to confirm on her phone.
 */
export function QrPay({ t, send, screen }: ScreenProps & { screen: QrPayScreen }) {
  const choosing = screen.step === 'showYourCode';
  const code = choosing ? screen.kioskCodeUrl : null;
  const heading = {
    showYourCode: code ? t('qrScanKioskCode') : t('qrShowYourCode'),
    paying: t('qrPaying'),
    confirming: t('qrConfirming'),
    cancelling: t('qrCancelling'),
  }[screen.step];
  return (
    <section className="screen" aria-busy={!choosing}>
      {choosing ? (
        <h1>{heading}</h1>
      ) : (
        <div role="status">
          <h1>{heading}</h1>
        </div>
      )}
      <Decide
        actions={
          <>
            {choosing && !code && (
              <button className="button primary" onClick={() => send({ type: 'SHOW_KIOSK_CODE' })}>
                {t('qrUseKioskCode')}
              </button>
            )}
            {code && (
              <button className="button primary" onClick={() => send({ type: 'USE_PAYMENT_CODE' })}>
                {t('qrUsePaymentCode')}
              </button>
            )}
            {screen.step !== 'cancelling' && (
              <button className="button secondary" onClick={() => send({ type: 'CANCEL' })}>
                {t('cancelPayment')}
              </button>
            )}
          </>
        }
      >
        <p className="amount-large">
          {t('amountDue')} <Money t={t} fen={screen.amountDue} testId="qr-amount" />
        </p>
        {choosing && <p>{code ? t('qrScanHow') : showCodeHow(t, screen.scannerWindow)}</p>}
        {screen.step === 'confirming' && <p>{t('qrConfirmingLead')}</p>}
        {choosing && <Alerts messages={[screen.refused && t('qrRefused')]} />}
        {code && <QrCode url={code} label={t('qrKioskCode')} className="kiosk-code" />}
      </Decide>
    </section>
  );
}
