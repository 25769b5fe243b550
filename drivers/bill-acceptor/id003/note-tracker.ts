// The money path of one note, from ESCROW to STACKED or returned. It asks the host before
// each step that moves money and queues the matching command only once the host has answered:
// STACK-1 after onEscrow says 'stack', the ACK of VEND VALID after onCredit resolves.
// Every promise is caught here; nothing escapes into the poll loop.
import type { BillAcceptorHandlers, EscrowDecision } from '../bill-acceptor';
import { Cmd } from './codes';
import type { DriverLogger } from './link';

export interface NoteHost {
  /** Queues a command for the next tick (deduplicated by the caller). */
  send(cmd: number): void;
  /** Whether the host still wants notes of this value right now. */
  accepts(value: number): boolean;
  escrow(value: number | null): void;
  /** The acceptor is holding a credit nobody can account for. */
  fault(detail: string): void;
  log: DriverLogger;
}

interface Note {
  value: number | null;
  handlers: BillAcceptorHandlers | null;
  action: EscrowDecision | null;
  actionAcked: boolean;
  credit: 'none' | 'pending' | 'done';
  returned: boolean;
}

const newNote = (value: number | null, handlers: BillAcceptorHandlers | null): Note => ({
  value,
  handlers,
  action: null,
  actionAcked: false,
  credit: 'none',
  returned: false,
});

export class NoteTracker {
  private note: Note | null = null;

  constructor(private readonly host: NoteHost) {}

  /** ESCROW: a new note asks the host once; a repeated report re-sends an unacknowledged answer. */
  onEscrow(value: number | null, handlers: BillAcceptorHandlers | null): void {
    const note = this.note;
    if (note && !note.returned && note.credit !== 'done') {
      if (note.action && !note.actionAcked) this.sendAction(note.action);
      return;
    }
    const fresh = (this.note = newNote(value, handlers));
    this.host.escrow(value);
    if (value === null || !handlers || !this.host.accepts(value)) {
      return this.decide(fresh, 'return');
    }
    Promise.resolve()
      .then(() => handlers.onEscrow(value))
      .then(
        (d) => this.decide(fresh, d === 'stack' && this.host.accepts(value) ? 'stack' : 'return'),
        (err: unknown) => {
          this.host.log.error({ err, value }, 'id003: onEscrow failed, returning the note');
          this.decide(fresh, 'return');
        },
      );
  }

  /** The acceptor ACKed our STACK or RETURN. */
  onActionAcked(): void {
    if (this.note) this.note.actionAcked = true;
  }

  /** The host no longer wants notes: one still awaiting its decision goes back. */
  disable(): void {
    const note = this.note;
    if (note && note.value !== null) this.decide(note, 'return');
  }

  /** VEND VALID, the credit point: credit exactly once, ACK only after the credit resolves. */
  onVendValid(fallback: BillAcceptorHandlers | null): void {
    const note = this.note;
    const handlers = note?.handlers ?? fallback;
    if (!note || note.value === null || !handlers) {
      // Left unacknowledged: the acceptor keeps the credit point until someone accounts for it.
      this.host.log.error({}, 'id003: VEND VALID for a note of unknown value');
      return this.host.fault('VEND VALID for an unknown note');
    }
    if (note.credit === 'done') return this.host.send(Cmd.ACK); // our ACK was lost
    if (note.credit === 'pending') return; // the acceptor repeats VEND VALID until we ACK
    note.credit = 'pending';
    const value = note.value;
    Promise.resolve()
      .then(() => handlers.onCredit(value))
      .then(
        () => {
          note.credit = 'done';
          if (this.note === note) this.host.send(Cmd.ACK);
        },
        (err: unknown) => {
          note.credit = 'none'; // asked again on the next VEND VALID
          this.host.log.error(
            { err, value },
            'id003: onCredit failed, VEND VALID not acknowledged',
          );
        },
      );
  }

  onStacked(): void {
    if (this.note && this.note.credit !== 'done') {
      this.host.log.error({ value: this.note.value }, 'id003: STACKED without a credit');
    }
    this.end();
  }

  /** REJECTING or RETURNING: tell the host once per note (value null for an unread note). */
  onReturned(fallback: BillAcceptorHandlers | null): void {
    const note = (this.note ??= newNote(null, fallback));
    if (!note.returned) {
      note.returned = true;
      try {
        note.handlers?.onReturned?.(note.value);
      } catch (err) {
        this.host.log.error({ err }, 'id003: onReturned failed');
      }
    }
    this.host.escrow(null);
  }

  /** The acceptor is idle, accepting a new note, or powered up: the episode is over. */
  end(): void {
    this.note = null;
    this.host.escrow(null);
  }

  private decide(note: Note, action: EscrowDecision): void {
    // Too late (the acceptor moved on or gave the note back itself), or already decided.
    if (this.note !== note || note.action !== null || note.returned) return;
    note.action = action;
    this.sendAction(action);
  }

  private sendAction(action: EscrowDecision): void {
    this.host.send(action === 'stack' ? Cmd.STACK_1 : Cmd.RETURN);
  }
}
