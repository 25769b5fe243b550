import { useState } from 'react';
import type { DiagnosticTest, DiagnosticTestsView } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import type { MessageKey } from '../i18n/messages';
import type { ScreenProps } from '../screens/types';
import { TEST_HINT, TEST_PROBLEM } from './staff-words';

const SCAN: Readonly<Record<DiagnosticTestsView['scans'][number]['kind'], MessageKey>> = {
  bill: 'diagTestScanBill',
  paymentCode: 'diagTestScanPaymentCode',
  unknown: 'diagTestScanUnknown',
};

const CARD: Readonly<Record<NonNullable<DiagnosticTestsView['card']>['kind'], MessageKey>> = {
  account: 'diagTestCardAccount',
  staff: 'diagTestCardStaff',
  unknown: 'diagTestCardUnknown',
};

const COLUMNS = 4;
const ROWS = 3;
const CORNERS = [0, COLUMNS - 1, (ROWS - 1) * COLUMNS, ROWS * COLUMNS - 1];

/** 4×3 targets that light up when touched; the corners reached are said in words. */
function TouchGrid({ t }: Pick<ScreenProps, 't'>) {
  const [touched, setTouched] = useState<ReadonlySet<number>>(new Set());
  const done = CORNERS.every((c) => touched.has(c));
  return (
    <div className="touch-test">
      <div className="touch-grid" role="group" aria-label={t('diagTestTouch')}>
        {Array.from({ length: COLUMNS * ROWS }, (_, i) => (
          <button
            key={i}
            className="touch-cell"
            aria-label={String(i + 1)}
            aria-pressed={touched.has(i)}
            onPointerDown={() => setTouched((s) => new Set(s).add(i))}
            onClick={() => setTouched((s) => new Set(s).add(i))}
          >
            {touched.has(i) ? '✓' : i + 1}
          </button>
        ))}
      </div>
      {done && <p role="status">{t('diagTestTouchDone')}</p>}
    </div>
  );
}

/** The tests that take no money: acceptor, scanner, card, voice and touch. */
export function DiagnosticTests({ t, send, tests }: ScreenProps & { tests: DiagnosticTestsView }) {
  const set = (test: DiagnosticTest, on: boolean) => send({ type: 'STAFF_DIAG_TEST', test, on });
  const start = (test: DiagnosticTest, label: MessageKey) => (
    <button className="button secondary" onClick={() => set(test, true)}>
      {t(label)}
    </button>
  );
  const running = tests.running;
  return (
    <section className="diagnostic-tests" aria-label={t('diagTestsTitle')}>
      <h2>{t('diagTestsTitle')}</h2>
      {running === null ? (
        <div className="actions">
          {start('acceptor', 'diagTestAcceptor')}
          {start('scanner', 'diagTestScanner')}
          {start('card', 'diagTestCard')}
          {start('voice', 'diagTestVoice')}
          {start('touch', 'diagTestTouch')}
        </div>
      ) : (
        <div className="actions">
          <p role="status">{t(TEST_HINT[running])}</p>
          <button className="button" onClick={() => set(running, false)}>
            {t('diagTestStop')}
          </button>
        </div>
      )}
      {tests.problem && <p role="alert">{t(TEST_PROBLEM[tests.problem])}</p>}
      {running === 'touch' && <TouchGrid t={t} />}
      {tests.notes.length > 0 && (
        <ol className="test-results" aria-label={t('diagTestAcceptor')}>
          {tests.notes.map((n, i) => (
            <li key={i}>
              {n.value === null
                ? t('diagTestNoteUnknown')
                : t(n.outcome === 'returned' ? 'diagTestNoteReturned' : 'diagTestNoteStacked', {
                    amount: formatYuan(n.value),
                  })}
            </li>
          ))}
        </ol>
      )}
      {tests.scans.length > 0 && (
        <ol className="test-results" aria-label={t('diagTestScanner')}>
          {tests.scans.map((s, i) => (
            <li key={i}>{t(SCAN[s.kind], { length: s.length })}</li>
          ))}
        </ol>
      )}
      {tests.card && (
        <p role="status">
          {t('diagTestCardRead', { last4: tests.card.last4, kind: t(CARD[tests.card.kind]) })}
        </p>
      )}
    </section>
  );
}
