import type { Screen } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import { Alerts } from './Alerts';
import { Decide } from './Decide';
import type { ScreenProps } from './types';

type PartialCashScreen = Extract<Screen, { name: 'partialCash' }>;

/**
 * Money was taken but not enough: say plainly what happens to it, then one decision. Going on
 * is the main choice (a person, when the acceptor cannot); settling — the write-off of what was
 * paid, or a refund slip — only when she asks for it; calling staff is offered here too.
 */
export function PartialCash({ t, send, screen }: ScreenProps & { screen: PartialCashScreen }) {
  const amount = formatYuan(screen.collected);
  const short = formatYuan(Math.max(0, screen.amountDue - screen.collected));
  const writeOff = screen.outcome === 'writeOff';
  const callStaff = (primary: boolean) => (
    <button
      className={`button ${primary ? 'primary' : 'secondary'}`}
      onClick={() => send({ type: 'CALL_STAFF' })}
    >
      {t('callStaff')}
    </button>
  );
  return (
    <section className="screen">
      <h1>{t('partialCash', { amount })}</h1>
      <Decide
        actions={
          <>
            {screen.canContinue ? (
              <button className="button primary" onClick={() => send({ type: 'CONTINUE' })}>
                {t('continueInserting')}
              </button>
            ) : (
              callStaff(true)
            )}
            <button className="button secondary" onClick={() => send({ type: 'CONFIRM' })}>
              {writeOff ? t('confirmPartialWriteOff', { amount }) : t('confirmRefundSlip')}
            </button>
            {screen.canContinue && callStaff(false)}
          </>
        }
      >
        <p className="total">{t('partialShort', { amount: short })}</p>
        <Alerts
          messages={[
            !screen.canContinue && t('partialFaultLead'),
            screen.underReview > 0 && t('underReview', { amount: formatYuan(screen.underReview) }),
          ]}
        />
        <p>{t(writeOff ? 'partialWriteOffLead' : 'partialRefundLead', { amount })}</p>
        <p>{t('partialCallStaff')}</p>
      </Decide>
    </section>
  );
}
