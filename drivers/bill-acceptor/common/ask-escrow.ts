// The host's decision on a note in escrow, by the same rule for every protocol: 'stack' holds
// only if the host still takes notes of that value when it answers, and a failed onEscrow
// returns the note. Never rejects.
import type { BillAcceptorHandlers, EscrowDecision } from '../bill-acceptor';
import type { DriverLogger } from './driver-logger';

export interface EscrowAsk {
  handlers: BillAcceptorHandlers;
  value: number;
  /** Whether the host still wants notes of this value right now. */
  accepts(value: number): boolean;
  log: DriverLogger;
  /** Prefixes the log messages, e.g. 'id003'. */
  name: string;
}

export function askEscrow({
  handlers,
  value,
  accepts,
  log,
  name,
}: EscrowAsk): Promise<EscrowDecision> {
  // Called on a later microtask: a handler that throws at once is caught like one that rejects.
  return Promise.resolve()
    .then(() => handlers.onEscrow(value))
    .then(
      (d): EscrowDecision => (d === 'stack' && accepts(value) ? 'stack' : 'return'),
      (err: unknown): EscrowDecision => {
        log.error({ err, value }, `${name}: onEscrow failed, returning the note`);
        return 'return';
      },
    );
}
