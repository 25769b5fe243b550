// The cash-in effect of the session: enables the acceptor for the payment and journals every
// note before the device acts on it (escrow before STACK, stacked before ACK). A customer who
// reaches the cash screen while the acceptor is still starting up is given a moment, not an
// error.
import { fromCallback, type EventObject } from 'xstate';
import type { BillAcceptor } from '../../drivers/bill-acceptor/bill-acceptor';
import type { PaymentJournal } from '../../offline-queue/payment-journal';
import type { CashInInput, SessionEvent } from '../flows/session-machine';

export const ACCEPTOR_READY_WAIT_MS = 5_000;

export function cashInActor(s: { acceptor: BillAcceptor; journal: PaymentJournal }) {
  return fromCallback<EventObject, CashInInput>(({ input, sendBack }) => {
    const send = (e: SessionEvent) => sendBack(e);
    let collected = s.journal.get(input.paymentId).collected;
    const escrowed: number[] = [];

    const begin = () => {
      const values = s.acceptor.status.denominations;
      send({ type: 'ACCEPTED_NOTES', values });
      s.acceptor.enable(values, {
        async onEscrow(value) {
          if (collected >= input.amountDue) return 'return'; // already paid: take nothing more
          if (!input.acceptsOverpayment && collected + value > input.amountDue) return 'return';
          escrowed.push(s.journal.recordEscrow(input.paymentId, value));
          send({ type: 'NOTE_ESCROWED' });
          return 'stack';
        },
        async onCredit(value) {
          const noteId = escrowed[0];
          if (noteId === undefined)
            throw new Error(`credit of ${value} fen without a journalled escrow`);
          collected = s.journal.recordStacked(input.paymentId, noteId).collected;
          escrowed.shift();
          send({ type: 'NOTE_STACKED', collected });
        },
        onReturned() {
          const noteId = escrowed.shift();
          if (noteId !== undefined) s.journal.recordReturned(input.paymentId, noteId);
          send({ type: 'NOTE_RETURNED' });
        },
      });
    };

    let stopWaiting: () => void = () => undefined;
    if (s.acceptor.status.device === 'online') {
      begin();
    } else {
      const timer = setTimeout(() => {
        unsubscribe();
        send({ type: 'CASH_UNAVAILABLE' });
      }, ACCEPTOR_READY_WAIT_MS);
      const unsubscribe = s.acceptor.onStatus((status) => {
        if (status.device !== 'online') return;
        stopWaiting();
        begin();
      });
      stopWaiting = () => {
        clearTimeout(timer);
        unsubscribe();
      };
    }
    return () => {
      stopWaiting();
      s.acceptor.disable();
    };
  });
}
