import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { SERVICE_ICONS } from '../design/icons';
import { Screen } from '../design/Screen';
import { TerminalFront } from '../design/TerminalFront';
import { Alerts } from './Alerts';
import { Money } from './Money';
import { QrCode } from './QrCode';
import type { ScreenProps } from './types';

type QrPayScreen = Extract<KioskScreen, { name: 'qrPay' }>;

const PhonePictogram = SERVICE_ICONS.phone;

/** The customer shows their wallet's payment code, or scans the kiosk's; then waits. */
export function QrPay({ t, send, screen }: ScreenProps & { screen: QrPayScreen }) {
  const choosing = screen.step === 'showYourCode';
  const code = choosing ? screen.kioskCodeUrl : null;
  const heading = {
    showYourCode: code ? t('qrScanKioskCode') : t('qrShowYourCode'),
    paying: t('qrPaying'),
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
              primary: { label: t('qrNoCode'), onClick: () => send({ type: 'SHOW_KIOSK_CODE' }) },
              secondary: cancel,
            }
          : {
              none: choosing ? 'device' : 'wait',
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
