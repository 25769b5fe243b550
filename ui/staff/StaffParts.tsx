import type { DeskResult, Key, ToolOutcome } from '../../src/api/kiosk-api';
import type { ScreenProps } from '../screens/types';
import { refusalWords, toolWords } from './staff-words';

/** The last test's outcome, said in words. */
export function ToolResult({
  t,
  outcome,
}: Pick<ScreenProps, 't'> & { outcome: ToolOutcome | null }) {
  if (!outcome) return null;
  return (
    <div role="status" className="tool-result">
      <p>{toolWords(t, outcome)}</p>
      {outcome.bundle && (
        <p className="checksum">
          {t('bundleWritten', {
            file: outcome.bundle.file,
            size: Math.ceil(outcome.bundle.bytes / 1024),
            sha256: outcome.bundle.sha256,
          })}
        </p>
      )}
    </div>
  );
}

/** Back to the staff home, or leave the mode: at the foot of every staff screen. */
export function StaffToolbar({ t, send }: ScreenProps) {
  return (
    <div className="actions staff-toolbar">
      <button
        className="button secondary"
        onClick={() => send({ type: 'STAFF_OPEN', screen: null })}
      >
        {t('staffBackHome')}
      </button>
      <button className="button secondary" onClick={() => send({ type: 'STAFF_LOCK' })}>
        {t('staffLeave')}
      </button>
    </div>
  );
}

/** The last action on a journal screen: done, or refused with its reason code. */
export function DeskOutcome({ t, result }: Pick<ScreenProps, 't'> & { result: DeskResult | null }) {
  if (!result) return null;
  return (
    <p role="status" className="tool-result">
      {result.ok ? t('deskDone') : refusalWords(t, result.reason)}
    </p>
  );
}

const DIGITS: Key[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Digits for staff (a serial, a count): the resident's keypad, in the staff sizes. */
export function StaffKeypad({ t, onKey }: ScreenProps & { onKey(key: Key): void }) {
  return (
    <div className="keypad">
      {DIGITS.map((d) => (
        <button key={d} className="button key" onClick={() => onKey(d)}>
          {d}
        </button>
      ))}
      <button className="button key secondary" onClick={() => onKey('delete')}>
        {t('delete')}
      </button>
      <button className="button key" onClick={() => onKey('0')}>
        0
      </button>
      <button className="button key secondary" onClick={() => onKey('clear')}>
        {t('clear')}
      </button>
    </div>
  );
}
