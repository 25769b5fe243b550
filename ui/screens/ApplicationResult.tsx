// Applying for a service, the end: the receipt (the tracking code as text and QR, printed, or
// on the screen when the paper is out; "accepted for later" said plainly with its serial and
// QR), or a rejection with its reason in words.
import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { Screen } from '../design/Screen';
import { TerminalFront } from '../design/TerminalFront';
import { QrCode } from './QrCode';
import { Receipt } from './Receipt';
import { useReceiptFold } from './use-receipt-fold';
import { local, rejectWords } from './application-words';
import type { ScreenProps } from './types';

type ReceiptScreen = Extract<KioskScreen, { name: 'applicationReceipt' }>;
type RejectedScreen = Extract<KioskScreen, { name: 'applicationRejected' }>;

export function ApplicationReceipt({
  t,
  send,
  screen,
  textScale,
}: ScreenProps & { screen: ReceiptScreen; textScale: number }) {
  const accepted = screen.state === 'accepted' && screen.trackingCode !== null;
  // As on the paid screen (Result.tsx): on a wide screen at large text the copy of the receipt
  // waits behind an action and, opened, takes the body beside the QR.
  const { folds, opened, actions: foldActions, className } = useReceiptFold(textScale, t);
  const qr = !screen.printed && (
    <QrCode url={screen.qr} label={t('applyReceiptQr')} className="e-receipt-qr" />
  );
  return (
    <Screen
      title={t(accepted ? 'applyReceiptTitle' : 'applyReceiptPendingTitle')}
      tone={accepted ? 'success' : 'safe'}
      live="status"
      actions={{
        primary: { label: t('done'), onClick: () => send({ type: 'DONE' }) },
        secondary: foldActions,
      }}
    >
      <div className={className}>
        {!opened && (
          <div className="result-summary">
            <p className="lead">{local(t, screen.serviceName)}</p>
            {accepted ? (
              <p className="amount-card" data-testid="tracking-code">
                {t('applyReceiptCode', { code: screen.trackingCode ?? '' })}
              </p>
            ) : (
              <p className="amount-card">{t('applyReceiptSerial', { serial: screen.serial })}</p>
            )}
            <p>{t(accepted ? 'applyReceiptLead' : 'applyReceiptPendingLead')}</p>
          </div>
        )}
        {opened ? (
          qr && <div className="result-take">{qr}</div>
        ) : (
          <div className="result-take">
            {screen.printed ? (
              <TerminalFront t={t} part="receipt" lead={t('applyReceiptPrinted')} />
            ) : (
              <div className="e-receipt">
                <p role="note">{t('applyReceiptOnScreen')}</p>
                {qr}
              </div>
            )}
          </div>
        )}
        {(!folds || opened) && <Receipt t={t} lines={screen.receiptLines} />}
      </div>
    </Screen>
  );
}

export function ApplicationRejected({ t, send, screen }: ScreenProps & { screen: RejectedScreen }) {
  return (
    <Screen
      title={t('applyRejectedTitle')}
      tone="failure"
      live="status"
      actions={{ primary: { label: t('done'), onClick: () => send({ type: 'DONE' }) } }}
    >
      <p className="lead">{local(t, screen.serviceName)}</p>
      <p>{rejectWords(t, screen.code)}</p>
      <p>{t('applyRejectedLead')}</p>
    </Screen>
  );
}
