import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import { Screen } from '../design/Screen';
import { TerminalFront } from '../design/TerminalFront';
import { Receipt } from './Receipt';
import type { ScreenProps } from './types';

type RefundSlipScreen = Extract<KioskScreen, { name: 'refundSlip' }>;

/** The money stays in the cash box; staff hand it back against this slip. */
export function RefundSlip({ t, send, screen }: ScreenProps & { screen: RefundSlipScreen }) {
  return (
    <Screen
      title={t('refundSlip')}
      tone="warning"
      live="status"
      actions={{ primary: { label: t('done'), onClick: () => send({ type: 'DONE' }) } }}
    >
      <div className="result">
        <div className="result-summary">
          <p className="lead">{t('refundSlipLead', { amount: formatYuan(screen.amount) })}</p>
        </div>
        <div className="result-take">
          {screen.printed ? (
            <TerminalFront t={t} part="receipt" lead={t('takeRefundSlip')} />
          ) : (
            <p className="lead">{t('showRefundSlip')}</p>
          )}
        </div>
        <Receipt t={t} lines={screen.slipLines} />
      </div>
    </Screen>
  );
}
