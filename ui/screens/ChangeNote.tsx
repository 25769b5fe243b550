import type { CashChange } from '../../src/api/kiosk-api';
import type { Translator } from '../i18n/messages';
import { changeLines } from './pay-words';

/** What cash above the amount does (the kiosk gives no change), before she inserts any. */
export function ChangeNote({
  t,
  cash,
  amount,
}: {
  t: Translator;
  cash: CashChange;
  amount: number;
}) {
  return (
    <>
      {changeLines(t, cash, amount).map((line) => (
        <p key={line} className="change-note">
          {line}
        </p>
      ))}
    </>
  );
}
