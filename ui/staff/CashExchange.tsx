import type { Key, StaffView } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import type { ScreenProps } from '../screens/types';
import { DeskOutcome, StaffKeypad, StaffToolbar } from './StaffParts';

type ExchangeView = Extract<StaffView, { name: 'cashExchange' }>;

/**
 * 清机: box and seal, then the notes counted per denomination against what the ledger expects;
 * finishing records the difference and prints the settlement slip.
 */
export function CashExchange({ t, send, view }: ScreenProps & { view: ExchangeView }) {
  const field = (name: string) => () => send({ type: 'STAFF_EXCHANGE_FIELD', field: name });
  const selected = (name: string) => (view.field === name ? 'true' : 'false');
  const step = view.step;
  return (
    <section className="screen staff-screen">
      <h1>{t('exchangeTitle')}</h1>
      <DeskOutcome t={t} result={view.lastResult} />
      <div className="split">
        <div className="split-part">
          <div className="actions">
            <button
              className="button secondary"
              aria-pressed={selected('box')}
              disabled={step !== 'ready'}
              onClick={field('box')}
            >
              {t('exchangeBox')}: {view.boxId || '—'}
            </button>
            <button
              className="button secondary"
              aria-pressed={selected('seal')}
              disabled={step !== 'ready'}
              onClick={field('seal')}
            >
              {t('exchangeSeal')}: {view.seal || '—'}
            </button>
          </div>
          <ul className="exchange-lines">
            {view.lines.map((l) => (
              <li key={l.value}>
                <button
                  className="button secondary"
                  aria-pressed={selected(String(l.value))}
                  disabled={step !== 'counting'}
                  onClick={field(String(l.value))}
                >
                  {t('exchangeNote', { value: formatYuan(l.value).replace(/\.00$/, '') })} ·{' '}
                  {t('exchangeExpected', { count: l.expected })} ·{' '}
                  {l.counted === null
                    ? t('exchangeNotCounted')
                    : t('exchangeCounted', { count: l.counted })}
                </button>
              </li>
            ))}
          </ul>
          <p>
            {t('exchangeTotals', {
              expected: formatYuan(view.expectedTotal),
              counted: formatYuan(view.countedTotal ?? 0),
            })}
          </p>
          {view.discrepancy !== null && (
            <p role="status" className="reassure">
              {view.discrepancy === 0
                ? t('exchangeMatch')
                : t(view.discrepancy > 0 ? 'exchangeShort' : 'exchangeLong', {
                    amount: formatYuan(Math.abs(view.discrepancy)),
                  })}
            </p>
          )}
          {view.slipPrinted !== null && (
            <p>{t(view.slipPrinted ? 'exchangeSlipPrinted' : 'exchangeSlipNotPrinted')}</p>
          )}
          <div className="actions">
            {step === 'ready' && (
              <button
                className="button primary"
                disabled={!view.boxId || !view.seal}
                onClick={() => send({ type: 'STAFF_EXCHANGE', action: 'begin' })}
              >
                {t('exchangeBegin')}
              </button>
            )}
            {step === 'counting' && (
              <>
                <button
                  className="button primary"
                  onClick={() => send({ type: 'STAFF_EXCHANGE', action: 'finish' })}
                >
                  {t('exchangeFinish')}
                </button>
                <button
                  className="button secondary"
                  onClick={() => send({ type: 'STAFF_EXCHANGE', action: 'abort' })}
                >
                  {t('exchangeAbort')}
                </button>
              </>
            )}
          </div>
        </div>
        {step !== 'settled' && view.field !== null && (
          <StaffKeypad t={t} send={send} onKey={(key: Key) => send({ type: 'STAFF_KEY', key })} />
        )}
      </div>
      <StaffToolbar t={t} send={send} />
    </section>
  );
}
