import type { Key, ReceiptRow, ReceiptSearch } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import type { ScreenProps } from '../screens/types';
import { StaffKeypad } from './StaffParts';
import { clockTime } from './staff-words';

/** Receipts looked for by the account's last 4 digits or the serial (typed or scanned). */
export function ReceiptFinder({
  t,
  send,
  search,
  action,
}: ScreenProps & {
  search: ReceiptSearch;
  /** The button each row found carries. */
  action: { label: string; onRow(row: ReceiptRow): void };
}) {
  const byTail = search.by === 'accountTail';
  const complete = search.typed.length === (byTail ? 4 : 14);
  return (
    <div className="split">
      <div className="split-part">
        <div className="actions">
          {(['accountTail', 'serial'] as const).map((by) => (
            <button
              key={by}
              className={`button ${search.by === by ? 'primary' : 'secondary'}`}
              aria-pressed={search.by === by}
              onClick={() => send({ type: 'STAFF_FIND_BY', by })}
            >
              {t(by === 'accountTail' ? 'findByTail' : 'findBySerial')}
            </button>
          ))}
        </div>
        <p>{t(byTail ? 'findTailHint' : 'findSerialHint')}</p>
        <output className="account-digits" aria-label={t('findTyped', { typed: search.typed })}>
          {search.typed || '\u00a0'}
        </output>
        <div className="actions">
          <button
            className="button primary"
            disabled={!complete}
            onClick={() => send({ type: 'STAFF_SUBMIT' })}
          >
            {t('findSearch')}
          </button>
        </div>
        {search.found !== null &&
          (search.found.length === 0 ? (
            <p role="status">{t('findNone')}</p>
          ) : (
            <ul className="item-list">
              {search.found.map((row) => (
                <li key={row.agentSerial} className="item" aria-label={row.agentSerial}>
                  <p>{receiptWords(t, row)}</p>
                  <p>{t('itemSerial', { serial: row.agentSerial })}</p>
                  <div className="actions">
                    <button className="button secondary" onClick={() => action.onRow(row)}>
                      {action.label}
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          ))}
      </div>
      <StaffKeypad t={t} send={send} onKey={(key: Key) => send({ type: 'STAFF_KEY', key })} />
    </div>
  );
}

export function receiptWords(t: ScreenProps['t'], row: ReceiptRow): string {
  return t('receiptRow', {
    biller: row.billerName,
    account: row.account,
    amount: formatYuan(row.amount),
    time: clockTime(row.at),
    copies: row.copies,
  });
}

/** A PIN as dots: how many digits are typed, never the digits. */
export function PinDots({
  t,
  length,
  label,
}: Pick<ScreenProps, 't'> & { length: number; label: string }) {
  return (
    <p>
      {label}{' '}
      <output
        className="account-digits pin-dots"
        aria-label={`${label} ${t('staffPinEntered', { count: length })}`}
      >
        {'●'.repeat(length) + '○'.repeat(6 - length)}
      </output>
    </p>
  );
}
