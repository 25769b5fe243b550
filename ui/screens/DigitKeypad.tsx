import type { Key } from '../../src/api/kiosk-api';
import type { Translator } from '../i18n/messages';

const DIGITS: Key[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** The kiosk's digit keypad: 1–9, then 删除 · 0 · 清空 (the account's, and a form's numbers). */
export function DigitKeypad({ t, onKey }: { t: Translator; onKey(key: Key): void }) {
  const key = (k: Key) => () => onKey(k);
  return (
    <div className="keypad">
      {DIGITS.map((d) => (
        <button key={d} className="button key" onClick={key(d)}>
          {d}
        </button>
      ))}
      <button className="button key secondary" onClick={key('delete')}>
        {t('delete')}
      </button>
      <button className="button key" onClick={key('0')}>
        0
      </button>
      <button className="button key secondary" onClick={key('clear')}>
        {t('clear')}
      </button>
    </div>
  );
}
