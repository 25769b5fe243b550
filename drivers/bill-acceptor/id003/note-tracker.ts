// The money path of one note, from ESCROW to its outcome: credited, returned or uncertain.
// It asks the host before each step that moves money and queues the matching command only
// once the host has answered: STACK-1 after onEscrow says 'stack', the ACK of VEND VALID after
// onCredit (or every stray listener) resolves. A note of no current escrow decision (nothing
// enabled, or the host restarted mid-note) is reported as a StrayNote instead.
// Every promise is caught here; nothing escapes into the poll loop.
import type { BillAcceptorHandlers, EscrowDecision, StrayNote } from '../bill-acceptor';
import { monotonicNow } from '../../monotonic';
import { askEscrow } from '../common/ask-escrow';
import type { DriverLogger } from '../common/driver-logger';
import type { StrayNotes } from '../common/stray-notes';
import { Cmd } from './codes';

export interface NoteHost {
  /** Queues a command for the next tick (deduplicated by the caller). */
  send(cmd: number): void;
  /** Whether the host still wants notes of this value right now. */
  accepts(value: number): boolean;
  escrow(value: number | null): void;
  strays: StrayNotes;
  log: DriverLogger;
  /** How often to re-send HOLD while the host decides (ms). */
  holdRefreshMs: number;
}

interface Note {
  value: number | null;
  /** null: no escrow decision of this host owns the note, so its outcome is a stray. */
  handlers: BillAcceptorHandlers | null;
  action: EscrowDecision | null;
  actionAcked: boolean;
  /** The acceptor took it towards the box (STACK acknowledged, or STACKING reported). */
  inStacker: boolean;
  credit: 'none' | 'pending' | 'done';
  settled: 'returned' | 'uncertain' | null;
  /** Settled uncertain with the device's word that it is in the box. */
  boxed: boolean;
  /** When the acceptor's hold time last restarted (escrow reported, or HOLD sent); monotonic. */
  heldAt: number;
}

const newNote = (value: number | null, handlers: BillAcceptorHandlers | null): Note => ({
  value,
  handlers,
  action: null,
  actionAcked: false,
  inStacker: false,
  credit: 'none',
  settled: null,
  boxed: false,
  heldAt: monotonicNow(),
});

/** Still in play: neither credited (or being credited) nor settled another way. */
const isOpen = (note: Note): boolean => note.settled === null && note.credit === 'none';

export class NoteTracker {
  private note: Note | null = null;

  constructor(private readonly host: NoteHost) {}

  /** The tracked note, if it is still open. */
  private get live(): Note | null {
    return this.note && isOpen(this.note) ? this.note : null;
  }

  /**
   * ESCROW: a new note asks the host once; a repeated report re-sends an unacknowledged
   * answer. `handlers` is null when the acceptor should not be taking notes at all.
   */
  onEscrow(value: number | null, handlers: BillAcceptorHandlers | null): void {
    if (this.stillInEscrow()) return;
    const fresh = (this.note = newNote(value, handlers));
    this.host.escrow(value);
    if (value === null || !handlers || !this.host.accepts(value)) {
      return this.decide(fresh, 'return');
    }
    const accepts = (v: number): boolean => this.host.accepts(v);
    const ask = { handlers, value, accepts, log: this.host.log, name: 'id003' };
    void askEscrow(ask).then((d) => this.decide(fresh, d));
  }

  /** HOLDING: the note is still in escrow. One this host does not know of goes back. */
  onHolding(): void {
    if (this.stillInEscrow()) return;
    this.decide((this.note = newNote(null, null)), 'return');
  }

  /** Whether to send HOLD now: the host is still deciding and the refresh time has come. */
  holdDue(now: number): boolean {
    const note = this.live;
    if (!note || note.action !== null || note.handlers === null) return false;
    if (now - note.heldAt < this.host.holdRefreshMs) return false;
    note.heldAt = now;
    return true;
  }

  /** The acceptor ACKed our STACK or RETURN. */
  onActionAcked(): void {
    const note = this.note;
    if (!note) return;
    note.actionAcked = true;
    if (note.action === 'stack') note.inStacker = true;
  }

  /** STACKING: a note this host never saw (it restarted mid-note) is tracked from here. */
  onStacking(): void {
    const note = this.live ?? (this.note = newNote(null, null));
    note.inStacker = true;
  }

  /** The host no longer wants notes: one still awaiting its decision goes back. */
  disable(): void {
    const note = this.note;
    if (note && note.value !== null) this.decide(note, 'return');
  }

  /**
   * VEND VALID, the credit point: credit exactly once, ACK only after the credit resolves.
   * Returns a fault to report while the credit cannot be accounted for, else null.
   */
  onVendValid(value: number | null): string | null {
    let note = this.note;
    if (note?.settled === 'uncertain') {
      // Never both onUncertain and a credit: staff settle it from the uncertain record.
      this.host.log.error({ value: note.value }, 'id003: VEND VALID for an uncertain note');
      this.host.send(Cmd.ACK);
      return null;
    }
    if (!note || note.settled) note = this.note = newNote(value, null);
    note.value ??= value;
    if (note.credit === 'done') {
      this.host.send(Cmd.ACK); // our ACK was lost
      return null;
    }
    if (note.credit === 'pending') return null; // the acceptor repeats VEND VALID until we ACK
    const { handlers, value: fen } = note;
    if ((!handlers || fen === null) && this.host.strays.count === 0) {
      // Left unacknowledged: the acceptor keeps the credit point until someone accounts for it.
      this.host.log.error({ value: fen }, 'id003: VEND VALID nobody can account for');
      return 'VEND VALID for an unknown note';
    }
    note.credit = 'pending';
    const credit =
      handlers && fen !== null
        ? () => handlers.onCredit(fen)
        : () =>
            this.host.strays.emit({
              value: fen,
              outcome: 'stacked',
              inBox: true,
              reason: 'vend valid',
            });
    const credited = note;
    Promise.resolve()
      .then(credit)
      .then(
        () => {
          credited.credit = 'done';
          if (this.note !== credited) return;
          this.host.send(Cmd.ACK);
          this.host.escrow(null); // credited: no longer held in escrow
        },
        (err: unknown) => {
          credited.credit = 'none'; // asked again on the next VEND VALID
          this.host.log.error({ err, value: fen }, 'id003: credit failed, VEND VALID not ACKed');
        },
      );
    return null;
  }

  /**
   * The acceptor is idle, stacked, or taking a new note: any note still open is out of it.
   * Its steps were missed (a noisy line): from the stacker it is uncertain, else returned.
   */
  onIdle(status: string): void {
    const note = this.live;
    if (note) {
      this.host.log.warn({ value: note.value, status }, 'id003: a note left without its outcome');
      const outcome = note.inStacker ? 'uncertain' : 'returned';
      this.settle(note, outcome, `${status} with no outcome`, status === 'stacked');
    }
    this.end();
  }

  /** REJECTING or RETURNING: the note goes back, told once (value null for an unread note). */
  onReturned(fallback: BillAcceptorHandlers | null, reason: string): void {
    let note = this.note;
    // Anything but a note already returned means a new one we did not see come in.
    if (!note || (note.settled !== 'returned' && !isOpen(note))) {
      note = this.note = newNote(null, fallback);
    }
    if (isOpen(note)) this.settle(note, 'returned', reason);
    this.host.escrow(null);
  }

  /** A fault: a note on its way into the box, not yet credited, may or may not be there. */
  onFault(detail: string): void {
    const note = this.live;
    if (note?.inStacker) this.settle(note, 'uncertain', detail);
  }

  /**
   * POWER UP: 41 a note in the acceptor (RESET returns it), 42 in the stacker (RESET stacks
   * it), 40 none inside: a tracked note either went back or, from the stacker, maybe in.
   */
  onPowerUp(where: 'acceptor' | 'stacker' | null): void {
    const tracked = this.note;
    const note = this.live;
    if (where === null) {
      if (note)
        this.settle(note, note.inStacker ? 'uncertain' : 'returned', 'power up, none inside');
    } else if (where === 'acceptor') {
      if (note) this.settle(note, 'returned', 'power up with the note in the acceptor');
      else if (!tracked) this.stray(null, 'returned', 'power up with a note in the acceptor');
    } else {
      // RESET stacks it: in the box, but never at its credit point.
      const reason = 'power up with the note in the stacker';
      if (note) this.settle(note, 'uncertain', reason, true);
      else if (!tracked) this.stray(null, 'uncertain', 'power up with a note in the stacker', true);
      else if (tracked.settled === 'uncertain' && !tracked.boxed) {
        // A fault left it uncertain and nothing came out since: now the device says it is in.
        this.stray(tracked.value, 'uncertain', reason, true);
      }
    }
    this.end();
  }

  /** The acceptor is idle, accepting a new note, or powered up: the episode is over. */
  end(): void {
    this.note = null;
    this.host.escrow(null);
  }

  /** A repeated escrow report: re-send an answer the acceptor did not acknowledge. */
  private stillInEscrow(): boolean {
    const note = this.live;
    if (!note || note.inStacker) return false;
    if (note.action && !note.actionAcked) this.sendAction(note.action);
    return true;
  }

  /** `inBox`: the acceptor itself says an uncertain note ended in the cash box. */
  private settle(
    note: Note,
    outcome: 'returned' | 'uncertain',
    reason: string,
    inBox = false,
  ): void {
    note.settled = outcome;
    note.boxed = outcome === 'uncertain' && inBox;
    if (this.note === note) this.host.escrow(null);
    const { handlers, value } = note;
    if (!handlers || (outcome === 'uncertain' && value === null)) {
      const refused = outcome === 'returned' && !handlers && note.action === 'return';
      return this.stray(value, outcome, reason, note.boxed, refused);
    }
    try {
      if (outcome === 'returned') handlers.onReturned?.(value);
      else if (value !== null) handlers.onUncertain?.(value, reason, inBox);
    } catch (err) {
      this.host.log.error({ err, value, outcome }, 'id003: handler failed');
    }
  }

  private stray(
    value: number | null,
    outcome: StrayNote['outcome'],
    reason: string,
    inBox = false,
    refusedAtEscrow = false,
  ): void {
    this.host.strays.tell({
      value,
      outcome,
      inBox,
      reason,
      ...(refusedAtEscrow ? { refusedAtEscrow } : {}),
    });
  }

  private decide(note: Note, action: EscrowDecision): void {
    // Too late (the acceptor moved on or gave the note back itself), or already decided.
    if (this.live !== note || note.action !== null || note.inStacker) return;
    note.action = action;
    this.sendAction(action);
  }

  private sendAction(action: EscrowDecision): void {
    this.host.send(action === 'stack' ? Cmd.STACK_1 : Cmd.RETURN);
  }
}
