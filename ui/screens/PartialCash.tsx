import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import { Screen } from '../design/Screen';
import { Alerts } from './Alerts';
import type { ScreenProps } from './types';

type PartialCashScreen = Extract<KioskScreen, { name: 'partialCash' }>;

/**
 * Money was taken but not enough: say plainly what happens to it, then one decision. Going on
 * is the main choice (a person, when the acceptor cannot); settling — the write-off of what was
 * paid, or a refund slip — only when she asks for it; calling staff is offered here too.
 */
export function PartialCash({ t, send, screen }: ScreenProps & { screen: PartialCashScreen }) {
  const amount = formatYuan(screen.collected);
  const short = formatYuan(Math.max(0, screen.amountDue - screen.collected));
  const writeOff = screen.outcome === 'writeOff';
  const callStaff = { label: t('callStaff'), onClick: () => send({ type: 'CALL_STAFF' }) };
  const settle = {
    label: writeOff ? t('confirmPartialWriteOff', { amount }) : t('confirmRefundSlip'),
    onClick: () => send({ type: 'CONFIRM' }),
  };
  return (
    <Screen
      title={t('partialCash', { amount })}
      actions={
        screen.canContinue
          ? {
              primary: { label: t('continueInserting'), onClick: () => send({ type: 'CONTINUE' }) },
              secondary: [settle, callStaff],
            }
          : { primary: callStaff, secondary: [settle] }
      }
    >
      <p className="total">{t('partialShort', { amount: short })}</p>
      <Alerts
        messages={[
          !screen.canContinue && t('partialFaultLead'),
          screen.underReview > 0 && t('underReview', { amount: formatYuan(screen.underReview) }),
        ]}
      />
      <p className="lead">
        {t(writeOff ? 'partialWriteOffLead' : 'partialRefundLead', { amount })}
      </p>
      <p>{t('partialCallStaff')}</p>
    </Screen>
  );
}
