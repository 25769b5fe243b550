import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import { Screen } from '../design/Screen';
import { TerminalFront } from '../design/TerminalFront';
import { Money } from './Money';
import { QrCode } from './QrCode';
import { Receipt } from './Receipt';
import { useReceiptFold } from './use-receipt-fold';
import type { ScreenProps } from './types';

type ResultScreen = Extract<KioskScreen, { name: 'paid' | 'pendingSync' }>;

/**
 * Paid, or money safely taken with the write-off still pending: both end the visit calmly, with
 * a large pictogram, the amount, and what to take (the receipt from its slot on the terminal,
 * or the e-receipt's QR — and for a resident without a smartphone, staff called to print her a
 * copy). On a wide screen at large text they fill the body and the copy of the receipt waits
 * behind an action; opened, it takes their place (it states the amount too), the e-receipt's
 * QR kept beside it at its full size, until she hides it again.
 */
export function Result({
  t,
  send,
  screen,
  textScale,
}: ScreenProps & { screen: ResultScreen; textScale: number }) {
  const paid = screen.name === 'paid';
  const { folds, opened, actions: foldActions, className } = useReceiptFold(textScale, t);
  const qr = !screen.printed && screen.eReceiptUrl && (
    <QrCode url={screen.eReceiptUrl} label={t('eReceipt')} className="e-receipt-qr" />
  );
  return (
    <Screen
      title={t(paid ? 'paid' : 'pendingSync')}
      tone={paid ? 'success' : 'safe'}
      live="status"
      actions={{
        primary: { label: t('done'), onClick: () => send({ type: 'DONE' }) },
        secondary: [
          ...(!screen.printed && !screen.copyAsked
            ? [{ label: t('askPrintedCopy'), onClick: () => send({ type: 'ASK_PRINTED_COPY' }) }]
            : []),
          ...foldActions,
        ],
      }}
    >
      <div className={className}>
        {!opened && (
          <div className="result-summary">
            <p className="amount-card">
              <span className="amount-label">
                {t(screen.method === 'qr' ? 'paidByPhone' : 'collected')}
              </span>{' '}
              <Money t={t} fen={screen.collected} size="huge" testId="result-collected" />
            </p>
            {paid && screen.prepaidCredited > 0 && (
              <p className="lead">{t('prepaid', { amount: formatYuan(screen.prepaidCredited) })}</p>
            )}
            {!paid && <p>{t('pendingSyncLead')}</p>}
          </div>
        )}
        {opened ? (
          qr && <div className="result-take">{qr}</div>
        ) : (
          <div className="result-take">
            {screen.printed && <TerminalFront t={t} part="receipt" lead={t('takeReceipt')} />}
            {qr && (
              <div className="e-receipt">
                {/* Once she asked staff for a printed copy, that is what the screen says. */}
                {screen.copyAsked ? (
                  <p role="status">{t('copyAsked')}</p>
                ) : (
                  <p role="note">{t('eReceiptLead')}</p>
                )}
                {qr}
              </div>
            )}
            {screen.copyAsked && !screen.eReceiptUrl && <p role="status">{t('copyAsked')}</p>}
          </div>
        )}
        {(!folds || opened) && <Receipt t={t} lines={screen.receiptLines} />}
      </div>
    </Screen>
  );
}
