// The cash-in effect of the session: enables the acceptor for the notes the payment can take
// and journals every note before the device acts on it (escrow before STACK, stacked before
// ACK). A note the acceptor cannot account for goes to staff review, never to anyone silently.
// A customer who reaches the cash screen while the acceptor is still starting up is given a
// moment, not an error.
import { fromCallback, type EventObject } from 'xstate';
import type {
  BillAcceptor,
  BillAcceptorHandlers,
  BillAcceptorStatus,
} from '../../drivers/bill-acceptor';
import type { CashBox } from '../../offline-queue/cash-box';
import type { PaymentJournal } from '../../offline-queue/payment-journal';
import { acceptableNotes, payableExactly } from '../flows/cash-rules';
import type { CashInInput, SessionEvent } from '../flows/session-types';

export const ACCEPTOR_READY_WAIT_MS = 5_000;

export interface CashInServices {
  acceptor: BillAcceptor;
  journal: PaymentJournal;
  cashBox: CashBox;
  log: { warn(obj: object, msg: string): void };
}

/** Stacker full or open is a user error in the device model; either way no notes are taken. */
const FAILED: readonly BillAcceptorStatus['device'][] = [
  'hardwareError',
  'userError',
  'offline',
  'noDevice',
];

export function cashInActor(s: CashInServices) {
  return fromCallback<EventObject, CashInInput>(({ input, sendBack, receive }) => {
    const send = (e: SessionEvent) => sendBack(e);
    const { paymentId, amountDue, acceptsOverpayment } = input;
    let collected = s.journal.get(paymentId).collected;
    /** Journalled notes waiting for the device's word, oldest first (one at a time in practice). */
    const escrowed: number[] = [];
    let taking = false;
    let stopped = false;
    let offered: number[] | null = null;

    const offer = () => {
      const values = stopped
        ? []
        : acceptableNotes(
            s.acceptor.status.denominations,
            amountDue - collected,
            acceptsOverpayment,
          );
      if (offered && offered.join() === values.join()) return;
      offered = values;
      send({ type: 'ACCEPTED_NOTES', values });
      if (values.length === 0) s.acceptor.disable();
      else s.acceptor.enable(values, handlers);
    };

    const handlers: BillAcceptorHandlers = {
      async onEscrow(value) {
        if (stopped || collected >= amountDue) return 'return';
        if (!acceptsOverpayment && collected + value > amountDue) return 'return';
        escrowed.push(s.journal.recordEscrow(paymentId, value));
        send({ type: 'NOTE_ESCROWED' });
        return 'stack';
      },
      async onCredit(value) {
        // A note the host said to return but the device stacked anyway is still money taken.
        const noteId = escrowed.shift() ?? s.journal.recordEscrow(paymentId, value);
        collected = s.journal.recordStacked(paymentId, noteId).collected;
        send({ type: 'NOTE_STACKED', collected });
        offer();
      },
      onReturned() {
        const noteId = escrowed.shift();
        if (noteId !== undefined) s.journal.recordReturned(paymentId, noteId);
        send({ type: 'NOTE_RETURNED' });
      },
      onUncertain(value, reason, inBox) {
        const noteId = escrowed.shift();
        if (noteId !== undefined) s.cashBox.noteUncertain(paymentId, noteId, reason, inBox);
        else {
          // Not one of ours in escrow: evidence the journal places, or staff see on its own.
          s.log.warn({ paymentId, value, reason }, 'uncertain note with nothing journalled');
          s.cashBox.strayNote({ value, outcome: 'uncertain', inBox, reason });
        }
        send({ type: 'NOTE_UNCERTAIN', value });
      },
    };

    const begin = () => {
      taking = true;
      const denominations = s.acceptor.status.denominations;
      if (!acceptsOverpayment && !payableExactly(amountDue - collected, denominations)) {
        send({ type: 'ACCEPTED_NOTES', values: [] });
        send({ type: 'CASH_NOT_EXACT' });
        return;
      }
      offer();
    };

    // A fault while taking notes stops the payment: the machine settles what was taken.
    const unsubscribe = s.acceptor.onStatus((status) => {
      if (!taking && status.device === 'online') {
        clearTimeout(notReady);
        begin();
      } else if (taking && !stopped && FAILED.includes(status.device) && status.escrow === null) {
        s.log.warn({ paymentId, detail: status.detail }, 'acceptor failed during cash-in');
        send({ type: 'CASH_UNAVAILABLE' });
      }
    });
    const notReady = setTimeout(() => {
      if (!taking) send({ type: 'CASH_UNAVAILABLE' });
    }, ACCEPTOR_READY_WAIT_MS);
    if (s.acceptor.status.device === 'online') {
      clearTimeout(notReady);
      begin();
    }

    receive((event) => {
      if (event.type !== 'STOP_TAKING' || stopped) return;
      stopped = true;
      offer(); // disables: a note whose escrow decision is pending is returned
    });

    return () => {
      clearTimeout(notReady);
      unsubscribe();
      s.acceptor.disable();
    };
  });
}
