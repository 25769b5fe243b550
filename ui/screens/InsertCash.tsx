import type { Screen } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import { Alerts } from './Alerts';
import { Money } from './Money';
import { Decide } from './Decide';
import type { ScreenProps } from './types';

type InsertCashScreen = Extract<Screen, { name: 'insertCash' }>;

export function InsertCash({ t, send, screen }: ScreenProps & { screen: InsertCashScreen }) {
  const remaining = Math.max(0, screen.amountDue - screen.collected);
  const notes = t.list(screen.acceptedNotes.map((v) => formatYuan(v).replace(/\.00$/, '')));
  return (
    <section className="screen">
      <h1>{t('insertCash')}</h1>
      <Decide
        actions={
          <>
            <button
              className="button secondary"
              disabled={screen.noteInEscrow}
              onClick={() => send({ type: 'CANCEL' })}
            >
              {t(screen.collected === 0 ? 'cancel' : 'stopInserting')}
            </button>
          </>
        }
      >
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
            screen.underReview > 0 && t('underReview', { amount: formatYuan(screen.underReview) }),
          ]}
        />
        {notes && <p>{t('acceptedNotes', { notes })}</p>}
        <p>{t(screen.acceptsOverpayment ? 'overpaymentNote' : 'noOverpaymentNote')}</p>
      </Decide>
    </section>
  );
}
