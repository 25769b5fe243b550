// The money path of one note, from READ NOTE to STACKED, returned, or uncertain. It asks the host
// before each step that moves money: while onEscrow is pending the driver sends HOLD, never the
// POLL that would accept the note; at CREDIT it returns a promise the driver awaits before the
// POLL that acknowledges the event. Every promise is caught here; nothing escapes.
import type { BillAcceptorHandlers, EscrowDecision, StrayNote } from '../bill-acceptor';
import { askEscrow } from '../common/ask-escrow';
import type { DriverLogger } from '../common/driver-logger';

export interface NoteHost {
  /** Whether the host still wants notes of this value right now. */
  accepts(value: number): boolean;
  escrow(value: number | null): void;
  /** Reports a note outside any escrow decision; true once every listener has succeeded. */
  stray(note: StrayNote): Promise<boolean>;
  /** A decision the device is waiting for was made: the driver sends it now, not at the next poll. */
  wake(): void;
  log: DriverLogger;
}

/**
 * reading: EF 00 seen. escrow: EF ch seen, held. gone: left escrow, back towards the customer.
 * accepted: on its way into the box (STACKING or CREDIT seen).
 */
type Phase = 'reading' | 'escrow' | 'gone' | 'accepted';

interface Note {
  value: number | null;
  handlers: BillAcceptorHandlers | null;
  phase: Phase;
  decision: EscrowDecision | null;
  credit: 'none' | 'pending' | 'done';
}

/** What the note needs sent instead of POLL: HOLD while the host decides, REJECT to return it. */
export type NoteCommand = 'hold' | 'reject' | null;

export class NoteTracker {
  private note: Note | null = null;

  constructor(private readonly host: NoteHost) {}

  /** A note sits in escrow: a POLL now would accept it. */
  get inEscrow(): boolean {
    return this.note?.phase === 'escrow';
  }

  command(): NoteCommand {
    const note = this.note;
    if (note?.phase !== 'escrow') return null;
    if (note.decision === null) return 'hold';
    return note.decision === 'return' ? 'reject' : null;
  }

  /** READ NOTE 00: a note is being read. Repeats while reading add nothing. */
  onReading(handlers: BillAcceptorHandlers | null): void {
    if (this.note && this.note.credit === 'none' && this.note.phase !== 'accepted') return;
    this.start(null, handlers, 'reading');
  }

  /** READ NOTE ch: the note waits in escrow. Ask the host once; unknown or unwanted → return. */
  onEscrow(value: number | null, handlers: BillAcceptorHandlers | null): void {
    let note = this.note;
    if (note?.phase === 'escrow') return;
    if (note?.phase === 'reading') {
      note.value = value;
      note.phase = 'escrow';
    } else {
      note = this.start(value, handlers, 'escrow');
    }
    this.host.escrow(value);
    const asked = note.handlers;
    if (value === null || !asked || !this.host.accepts(value)) return this.decide(note, 'return');
    const fresh = note;
    const accepts = (v: number): boolean => this.host.accepts(v);
    const ask = { handlers: asked, value, accepts, log: this.host.log, name: 'ssp' };
    void askEscrow(ask).then((d) => this.decide(fresh, d));
  }

  /** The device took our REJECT, or answered HOLD/REJECT with "cannot process": not in escrow. */
  onEscrowLeft(): void {
    if (this.note?.phase === 'escrow') this.note.phase = 'gone';
  }

  /** The host no longer wants notes: one still awaiting its decision goes back. */
  disable(): void {
    const note = this.note;
    if (note?.phase === 'escrow') this.decide(note, 'return');
  }

  onStacking(): void {
    if (this.note) this.note.phase = 'accepted';
  }

  /**
   * CREDIT, the credit point. Resolves true once the credit is journalled (or reported as a
   * stray note), false if that failed and the event must be asked for again.
   */
  onCredit(value: number | null, fallback: BillAcceptorHandlers | null): Promise<boolean> {
    const note = this.note;
    const credited = value ?? note?.value ?? null;
    const handlers = note?.handlers ?? fallback;
    if (!note || note.credit !== 'none' || credited === null || !handlers) {
      return this.host.stray({
        value: credited,
        outcome: 'stacked',
        inBox: true,
        reason: 'credit outside any escrow decision',
      });
    }
    if (note.value !== null && note.value !== credited) {
      this.host.log.warn(
        { escrow: note.value, credit: credited },
        'ssp: credit differs from escrow',
      );
    }
    note.phase = 'accepted';
    note.credit = 'pending';
    return Promise.resolve()
      .then(() => handlers.onCredit(credited))
      .then(
        () => {
          note.credit = 'done';
          // Past the credit point nothing is held in escrow any more, whatever STACKED does.
          if (this.note === note) this.host.escrow(null);
          this.host.wake(); // the POLL that acknowledges the credit can go now
          return true;
        },
        (err: unknown) => {
          note.credit = 'none'; // asked again when the device repeats the event
          this.host.log.error(
            { err, value: credited },
            'ssp: onCredit failed, CREDIT not acknowledged',
          );
          return false;
        },
      );
  }

  /**
   * STACKED: the note is in the box. One of ours not credited is uncertain; one we never saw
   * (its CREDIT went to a host that stopped, or to none) is a stray the journal may place.
   */
  onStacked(): void {
    const note = this.note;
    if (!note) {
      const reason = 'stacked with no note of ours';
      void this.host.stray({ value: null, outcome: 'uncertain', inBox: true, reason });
    } else if (note.credit !== 'done') {
      this.uncertain(note, note.value, 'stacked without a journalled credit', true);
    }
    this.end();
  }

  onRejecting(): void {
    if (this.note && this.note.phase !== 'accepted') this.note.phase = 'gone';
  }

  /** REJECTED, or a note cleared out of the front at power-up: back with the customer. */
  onReturned(value: number | null, reason: string): void {
    const note = this.note;
    if (note?.handlers) {
      try {
        note.handlers.onReturned?.(note.value ?? value);
      } catch (err) {
        this.host.log.error({ err }, 'ssp: onReturned failed');
      }
    } else {
      // Sent back by this driver from escrow, with no payment taking notes: said so.
      const refused = note?.phase === 'gone' && note.decision === 'return';
      void this.host.stray({
        value: note?.value ?? value,
        outcome: 'returned',
        inBox: false,
        reason,
        ...(refused ? { refusedAtEscrow: true } : {}),
      });
    }
    this.end();
  }

  /** Cleared into the cash box at power-up: in the box, but credited only if we did so. */
  onClearedToCashbox(value: number | null): void {
    const note = this.note;
    const reason = 'cleared into the cash box at power-up';
    if (!note) void this.host.stray({ value, outcome: 'uncertain', inBox: true, reason });
    else if (note.credit !== 'done') this.uncertain(note, note.value ?? value, reason, true);
    this.end();
  }

  /**
   * A jam or fraud. A note on its way into the box, not yet credited, may or may not get there:
   * staff must settle it. One still in the acceptor is handed back once the fault clears.
   */
  onFault(reason: string): void {
    const note = this.note;
    if (note?.phase !== 'accepted') return;
    if (note.credit === 'none') this.uncertain(note, note.value, reason, false);
    this.end();
  }

  /** After a device reset's events: a note nobody accounted for is for staff to settle. */
  afterReset(): void {
    const note = this.note;
    if (note && note.credit !== 'done')
      this.uncertain(note, note.value, 'device reset mid-note', false);
    this.end();
  }

  private start(value: number | null, handlers: BillAcceptorHandlers | null, phase: Phase): Note {
    if (this.note && this.note.credit !== 'done') {
      this.host.log.warn({ value: this.note.value }, 'ssp: a new note began before the last ended');
    }
    const note: Note = { value, handlers, phase, decision: null, credit: 'none' };
    this.note = note;
    return note;
  }

  private decide(note: Note, decision: EscrowDecision): void {
    // Too late (the device moved on or gave the note back itself), or already decided.
    if (this.note !== note || note.phase !== 'escrow' || note.decision !== null) return;
    note.decision = decision;
    this.host.wake();
  }

  /** `inBox`: the device reported the note in the cash box (never credited). */
  private uncertain(note: Note, value: number | null, reason: string, inBox: boolean): void {
    const onUncertain = note.handlers?.onUncertain;
    if (value === null || !onUncertain) {
      void this.host.stray({ value, outcome: 'uncertain', inBox, reason });
      return;
    }
    try {
      onUncertain.call(note.handlers, value, reason, inBox);
    } catch (err) {
      this.host.log.error({ err }, 'ssp: onUncertain failed');
    }
  }

  private end(): void {
    if (this.note) this.host.escrow(null);
    this.note = null;
  }
}
