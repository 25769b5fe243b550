import type { BillerView } from '../../src/api/kiosk-api';
import type { ScreenProps } from './types';

export function ChooseBiller({ t, send, billers }: ScreenProps & { billers: BillerView[] }) {
  return (
    <section className="screen">
      <h1>{t('chooseBiller')}</h1>
      <div className="choices">
        {billers.map((b) => (
          <button
            key={b.id}
            className="button choice"
            disabled={b.paused}
            onClick={() => send({ type: 'CHOOSE_BILLER', billerId: b.id })}
          >
            <span className="choice-kind">{t.kind(b.kind)}</span>
            <span className="choice-name">{b.paused ? t('billerPaused') : b.name[t.locale]}</span>
          </button>
        ))}
      </div>
      <div className="actions">
        <button className="button secondary" onClick={() => send({ type: 'BACK' })}>
          {t('back')}
        </button>
      </div>
    </section>
  );
}
