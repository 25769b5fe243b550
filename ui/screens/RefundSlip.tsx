import type { Screen } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import { Receipt } from './Receipt';
import type { ScreenProps } from './types';

type RefundSlipScreen = Extract<Screen, { name: 'refundSlip' }>;

/** The money stays in the cash box; staff hand it back against this slip. */
export function RefundSlip({ t, send, screen }: ScreenProps & { screen: RefundSlipScreen }) {
  return (
    <section className="screen">
      <div role="status">
        <h1>{t('refundSlip')}</h1>
      </div>
      <div className="beside">
        <div className="beside-main">
          <p>{t('refundSlipLead', { amount: formatYuan(screen.amount) })}</p>
          <p>{t(screen.printed ? 'takeRefundSlip' : 'showRefundSlip')}</p>
          <div className="actions">
            <button className="button primary" onClick={() => send({ type: 'DONE' })}>
              {t('done')}
            </button>
          </div>
        </div>
        <Receipt t={t} lines={screen.slipLines} />
      </div>
    </section>
  );
}
