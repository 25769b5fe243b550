import type { Screen } from '../../src/api/kiosk-api';
import { Alerts } from './Alerts';
import { Decide } from './Decide';
import { Money } from './Money';
import { QrCode } from './QrCode';
import type { ScreenProps } from './types';

type QrPayScreen = Extract<Screen, { name: 'qrPay' }>;

/** The customer shows their wallet's payment code, or scans the kiosk's; then waits. */
export function QrPay({ t, send, screen }: ScreenProps & { screen: QrPayScreen }) {
  const choosing = screen.step === 'showYourCode';
  const code = choosing ? screen.kioskCodeUrl : null;
  const heading = {
    showYourCode: code ? t('qrScanKioskCode') : t('qrShowYourCode'),
    paying: t('qrPaying'),
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
                {t('qrNoCode')}
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
        {choosing && <Alerts messages={[screen.refused && t('qrRefused')]} />}
        {code && <QrCode url={code} label={t('qrKioskCode')} className="kiosk-code" />}
      </Decide>
    </section>
  );
}
