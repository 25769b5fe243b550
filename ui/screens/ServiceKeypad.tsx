// The service point's keypad: digits, and (for codes) the Latin capitals in pages of nine, so
// the keys keep the size of the account keypad (R2, R12). Each key is a SERVICE_KEY event; the
// flow keeps the value. Used by 查进度 and the VAT invoice's typed steps.
import { Fragment, useState } from 'react';
import type { ServiceKey } from '../../src/api/kiosk-api';
import type { Translator } from '../i18n/messages';
import type { ScreenProps } from './types';
import { KEYPAD_PAGE_LABELS, LETTER_PAGES } from './service-words';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
type KeypadPage = 'digits' | 0 | 1 | 2;

export function ServiceKeypad({
  t,
  send,
  letters,
}: {
  t: Translator;
  send: ScreenProps['send'];
  letters: boolean;
}) {
  const [page, setPage] = useState<KeypadPage>('digits');
  const key = (k: ServiceKey) => () => send({ type: 'SERVICE_KEY', key: k });
  const keys = !letters || page === 'digits' ? DIGITS : (LETTER_PAGES[page] ?? []);
  const pageIndex = page === 'digits' ? 0 : page + 1;
  // Three keys a row, 删除 · 0 · 清空 below; with letters, its pages in a row above the keys.
  const cells: (ServiceKey | null)[] = [...keys, ...Array<null>(9 - keys.length).fill(null)];
  const rows = [
    cells.slice(0, 3),
    cells.slice(3, 6),
    cells.slice(6, 9),
    ['delete', keys === DIGITS ? '0' : null, 'clear'] as (ServiceKey | null)[],
  ];
  return (
    <div className="keypad-column">
      {letters && (
        <div className="keypad-page-row">
          {KEYPAD_PAGE_LABELS.map((label, i) => (
            <button
              key={label}
              className="button key secondary"
              aria-pressed={i === pageIndex}
              onClick={() => setPage(i === 0 ? 'digits' : ((i - 1) as 0 | 1 | 2))}
            >
              {label}
            </button>
          ))}
        </div>
      )}
      <div className="keypad">
        {rows.map((row, i) => (
          <Fragment key={i}>
            {row.map((k, j) =>
              k === null ? (
                <span key={`${i}-${j}`} />
              ) : (
                <button
                  key={k}
                  className={`button key${k === 'delete' || k === 'clear' ? ' secondary' : ''}`}
                  onClick={key(k)}
                >
                  {k === 'delete' || k === 'clear' ? t(k) : k}
                </button>
              ),
            )}
          </Fragment>
        ))}
      </div>
    </div>
  );
}
