// The cash loop's wallet for the shared customer (customer.ts): a mix of notes, put into the
// acceptor emulator that runs in its own process. A note the emulator hands back (rejected, or
// returned by the host) is not credited, so the customer goes on, and may end short.
import type { Wallet } from './customer';
import type { AcceptorClient } from './cash-emulator';
import type { Rng } from './rng';

/** Notes a customer carries, by how often one is taken out of the wallet. */
const NOTES = { 10000: 4, 5000: 3, 2000: 2, 1000: 2 } as const;

/** `nextReturn` resolves when the emulator next hands a note back. */
export function mixedNotes(
  acceptor: AcceptorClient,
  rng: Rng,
  nextReturn: () => Promise<unknown>,
): Wallet {
  return {
    pickNote: (acceptedNotes) => {
      const accepted = Object.entries(NOTES).filter(([v]) => acceptedNotes.includes(Number(v)));
      const weights = Object.fromEntries(accepted.length > 0 ? accepted : [['10000', 1]]);
      return Number(rng.weighted(weights));
    },
    tryInsertNote: (value) => acceptor.tryInsertNote(value),
    acceptorState: async () => (await acceptor.state()).state,
    retryMs: 10,
    nextReturn,
    mayEndShort: true,
  };
}
