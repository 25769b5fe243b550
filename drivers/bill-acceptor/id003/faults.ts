// ID-003 error statuses in words, with the stacker state each implies (→ hardwareError).
import type { StackerStatus } from '../bill-acceptor';
import { FAILURE_CODES, Status, hex } from './codes';

const FAULTS: Readonly<Record<number, string>> = {
  [Status.STACKER_FULL]: 'stacker full',
  [Status.STACKER_OPEN]: 'stacker open',
  [Status.ACCEPTOR_JAM]: 'acceptor jam',
  [Status.STACKER_JAM]: 'stacker jam',
  [Status.CHEATED]: 'cheated',
  [Status.FAILURE]: 'failure',
};

/** An error status in words, with the stacker state it implies; null if not an error. */
export function describeFault(
  code: number,
  extra: number | undefined,
): { detail: string; stacker: StackerStatus } | null {
  const fault = FAULTS[code];
  if (!fault) return null;
  const why = code === Status.FAILURE && extra !== undefined ? FAILURE_CODES[extra] : undefined;
  let detail = fault;
  if (why) detail = `${fault}: ${why}`;
  else if (extra !== undefined) detail = `${fault} (${hex(extra)})`;
  const stacker =
    code === Status.STACKER_FULL ? 'full' : code === Status.STACKER_OPEN ? 'open' : 'ok';
  return { detail, stacker };
}
