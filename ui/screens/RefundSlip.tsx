import type { Screen } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import type { ScreenProps } from './types';

type RefundSlipScreen = Extract<Screen, { name: 'refundSlip' }>;

/** The money stays in the cash box; staff hand it back against this slip. */
export function RefundSlip({ t, send, screen }: ScreenProps & { screen: RefundSlipScreen }) {
  return (
    <section className="screen">
      <h1 role="status">{t('refundSlip')}</h1>
      <p>{t('refundSlipLead', { amount: formatYuan(screen.amount) })}</p>
      <p>{t(screen.printed ? 'takeRefundSlip' : 'showRefundSlip')}</p>
      <figure className="receipt" aria-label={t('receipt')}>
        {screen.slipLines.map((line, i) => (
          <div key={i}>{line}</div>
        ))}
      </figure>
      <div className="actions">
        <button className="button primary" onClick={() => send({ type: 'DONE' })}>
          {t('done')}
        </button>
      </div>
    </section>
  );
}
