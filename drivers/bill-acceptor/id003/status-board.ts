// The driver's published status: the fault wording of ID-003 error statuses, a log line on
// every change, and listeners that can never break the poll loop.
import type { BillAcceptorStatus, StackerStatus } from '../bill-acceptor';
import { FAILURE_CODES, Status, hex } from './codes';
import type { DriverLogger } from './link';

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

export class StatusBoard {
  private current: BillAcceptorStatus = {
    device: 'offline',
    stacker: 'ok',
    escrow: null,
    denominations: [],
    detail: 'not started',
  };
  private readonly listeners = new Set<(status: BillAcceptorStatus) => void>();

  constructor(private readonly log: DriverLogger) {}

  get status(): BillAcceptorStatus {
    return { ...this.current, denominations: [...this.current.denominations] };
  }

  subscribe(listener: (status: BillAcceptorStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  update(patch: Partial<BillAcceptorStatus>): void {
    const prev = this.current;
    const next = { ...prev, ...patch };
    const changed =
      next.device !== prev.device ||
      next.stacker !== prev.stacker ||
      next.escrow !== prev.escrow ||
      next.detail !== prev.detail ||
      next.denominations.join() !== prev.denominations.join();
    if (!changed) return;
    this.current = next;
    if (next.device !== prev.device || next.detail !== prev.detail) {
      const level = next.device === 'hardwareError' || next.device === 'offline' ? 'warn' : 'info';
      this.log[level]({ device: next.device, detail: next.detail }, 'id003: status');
    }
    for (const listener of this.listeners) {
      try {
        listener(this.status);
      } catch (err) {
        this.log.error({ err }, 'id003: status listener failed');
      }
    }
  }
}
