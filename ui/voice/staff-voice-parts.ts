// Pieces every staff screen's voice says alike: its choices, the last action's outcome, a
// receipt by its serial's last 4 digits. Amounts are said in words as the resident's voice says
// them (sayWithAmounts, spoken-amount.ts), never a whole serial, account, card or PIN.
import type { DeskResult, ReceiptRow } from '../../src/api/kiosk-api';
import type { Translator } from '../i18n/messages';
import { refusalWords } from '../staff/staff-words';
import { spellDigits } from './screen-voice';
import { sayWithAmounts } from './spoken-amount';

/** "You can tap: A, B, C", with the buttons' own words; nothing when there is no choice. */
export function choices(t: Translator, labels: readonly (string | false | null)[]): string | null {
  const present = labels.filter((l): l is string => typeof l === 'string' && l.length > 0);
  return present.length === 0 ? null : t('voiceChoices', { choices: t.list(present) });
}

/** The last action's outcome, as the screen's outcome line says it. */
export function resultWords(t: Translator, result: DeskResult | null): string | null {
  if (!result) return null;
  return result.ok ? t('deskDone') : refusalWords(t, result.reason);
}

/** The serial's last 4 characters, one by one: enough to match the paper, never the serial. */
export function serialTail(agentSerial: string): string {
  return spellDigits(agentSerial.slice(-4));
}

/** One receipt found: its serial's tail, biller and amount. */
export function receiptWords(t: Translator, row: ReceiptRow): string {
  return sayWithAmounts(
    t,
    'voiceReceipt',
    { amount: row.amount },
    { tail: serialTail(row.agentSerial), biller: row.billerName },
  );
}

/** A few receipts found are read out; a long list is counted. */
export const RECEIPTS_READ = 3;
