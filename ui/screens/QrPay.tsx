import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { SERVICE_ICONS } from '../design/icons';
import { Screen } from '../design/Screen';
import { TerminalFront } from '../design/TerminalFront';
import { Alerts } from './Alerts';
import { Money } from './Money';
import { QrCode } from './QrCode';
import { showCodeHow } from './qr-words';
import type { ScreenProps } from './types';

type QrPayScreen = Extract<KioskScreen, { name: 'qrPay' }>;

const PhonePictogram = SERVICE_ICONS.phone;

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
  const cancel =
    screen.step !== 'cancelling'
      ? [{ label: t('cancelPayment'), onClick: () => send({ type: 'CANCEL' }) }]
      : [];
  return (
    <Screen
      title={heading}
      icon={SERVICE_ICONS.qr}
      live={choosing ? undefined : 'status'}
      busy={!choosing}
      actions={
        choosing && !code
          ? {
              primary: {
                label: t('qrUseKioskCode'),
                onClick: () => send({ type: 'SHOW_KIOSK_CODE' }),
              },
              secondary: cancel,
            }
          : code
            ? {
                none: 'device',
                secondary: [
                  {
                    label: t('qrUsePaymentCode'),
                    onClick: () => send({ type: 'USE_PAYMENT_CODE' }),
                  },
                  ...cancel,
                ],
              }
            : {
                none: 'wait',
                note: screen.step === 'cancelling' ? t('waitNothingToDo') : undefined,
                secondary: cancel,
              }
      }
    >
      <div className="columns even">
        <div className="column fixed">
          <p className="amount-card">
            <span className="amount-label">{t('amountDue')}</span>{' '}
            <Money t={t} fen={screen.amountDue} size="large" testId="qr-amount" />
          </p>
          {choosing && (
            <p className="lead">{code ? t('qrScanHow') : showCodeHow(t, screen.scannerWindow)}</p>
          )}
          {screen.step === 'confirming' && <p className="lead">{t('qrConfirmingLead')}</p>}
          {choosing && <Alerts messages={[screen.refused && t('qrRefused')]} />}
        </div>
        {code && <QrCode url={code} label={t('qrKioskCode')} className="kiosk-code" />}
        {choosing && !code && <TerminalFront t={t} part="scanner" />}
        {!choosing && (
          <div className="pictogram-big">
            <PhonePictogram />
          </div>
        )}
      </div>
    </Screen>
  );
}
