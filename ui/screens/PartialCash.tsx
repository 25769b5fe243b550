import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import { Screen } from '../design/Screen';
import { Alerts } from './Alerts';
import type { ScreenProps } from './types';

type PartialCashScreen = Extract<KioskScreen, { name: 'partialCash' }>;

/** Money was taken but not enough: say plainly what happens to it, then one decision. */
export function PartialCash({ t, send, screen }: ScreenProps & { screen: PartialCashScreen }) {
  const amount = formatYuan(screen.collected);
  const short = formatYuan(Math.max(0, screen.amountDue - screen.collected));
  const writeOff = screen.outcome === 'writeOff';
  return (
    <Screen
      title={t('partialCash', { amount })}
      actions={{
        primary: {
          label: writeOff ? t('confirmPartialWriteOff', { amount }) : t('confirmRefundSlip'),
          onClick: () => send({ type: 'CONFIRM' }),
        },
        secondary: screen.canContinue
          ? [{ label: t('continueInserting'), onClick: () => send({ type: 'CONTINUE' }) }]
          : [],
      }}
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
    </Screen>
  );
}
