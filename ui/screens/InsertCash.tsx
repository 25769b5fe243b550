import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import { SERVICE_ICONS } from '../design/icons';
import { Screen } from '../design/Screen';
import { TerminalFront } from '../design/TerminalFront';
import { Alerts } from './Alerts';
import { Money } from './Money';
import type { ScreenProps } from './types';

type InsertCashScreen = Extract<KioskScreen, { name: 'insertCash' }>;

/**
 * Notes go in at the terminal (no primary action on screen): the amounts large, and the
 * terminal's front with the note slot marked, the notes it takes under it.
 */
export function InsertCash({ t, send, screen }: ScreenProps & { screen: InsertCashScreen }) {
  const remaining = Math.max(0, screen.amountDue - screen.collected);
  const notes = t.list(screen.acceptedNotes.map((v) => formatYuan(v).replace(/\.00$/, '')));
  return (
    <Screen
      title={t('insertCash')}
      icon={SERVICE_ICONS.cash}
      actions={{
        none: 'device',
        secondary: [
          {
            label: t(screen.collected === 0 ? 'cancel' : 'stopInserting'),
            disabled: screen.noteInEscrow,
            onClick: () => send({ type: 'CANCEL' }),
          },
        ],
      }}
    >
      <div className="columns">
        <div className="column fixed">
          <dl className="cash-figures" aria-live="polite">
            <dt>{t('amountDue')}</dt>
            <dd>
              <Money t={t} fen={screen.amountDue} />
            </dd>
            <dt>{t('collected')}</dt>
            <dd>
              <Money t={t} fen={screen.collected} testId="collected" />
            </dd>
            <dt>{t('remaining')}</dt>
            <dd>
              <Money t={t} fen={remaining} />
            </dd>
          </dl>
          {screen.noteInEscrow && <p role="status">{t('noteChecking')}</p>}
          <Alerts
            messages={[
              screen.underReview > 0 &&
                t('underReview', { amount: formatYuan(screen.underReview) }),
            ]}
          />
        </div>
        <div className="column">
          <TerminalFront t={t} part="notes" />
          {notes && <p>{t('acceptedNotes', { notes })}</p>}
          <p>{t(screen.acceptsOverpayment ? 'overpaymentNote' : 'noOverpaymentNote')}</p>
        </div>
      </div>
    </Screen>
  );
}
