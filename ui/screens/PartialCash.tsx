import type { Screen } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import type { ScreenProps } from './types';

type PartialCashScreen = Extract<Screen, { name: 'partialCash' }>;

/** Money was taken but not enough: say plainly what happens to it, then one decision. */
export function PartialCash({ t, send, screen }: ScreenProps & { screen: PartialCashScreen }) {
  const amount = formatYuan(screen.collected);
  const short = formatYuan(Math.max(0, screen.amountDue - screen.collected));
  const writeOff = screen.outcome === 'writeOff';
  return (
    <section className="screen">
      <h1>{t('partialCash', { amount })}</h1>
      <p className="total">{t('partialShort', { amount: short })}</p>
      {!screen.canContinue && <p role="alert">{t('partialFaultLead')}</p>}
      <p>{t(writeOff ? 'partialWriteOffLead' : 'partialRefundLead', { amount })}</p>
      {screen.underReview > 0 && (
        <p role="alert">{t('underReview', { amount: formatYuan(screen.underReview) })}</p>
      )}
      <div className="actions">
        {screen.canContinue && (
          <button className="button secondary" onClick={() => send({ type: 'CONTINUE' })}>
            {t('continueInserting')}
          </button>
        )}
        <button className="button primary" onClick={() => send({ type: 'CONFIRM' })}>
          {writeOff ? t('confirmPartialWriteOff', { amount }) : t('confirmRefundSlip')}
        </button>
      </div>
    </section>
  );
}
