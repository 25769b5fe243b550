// Acts on the events of a POLL reply, in order. A CREDIT suspends the rest until the note is
// journalled: the driver sends nothing meanwhile, because its next POLL acknowledges the event.
// If journalling fails, the same POLL goes again (same SEQ), the device repeats its reply, and
// handling resumes at the CREDIT.
import type { BillAcceptorHandlers } from '../bill-acceptor';
import type { DriverLogger } from '../common/driver-logger';
import { Event, hex } from './codes';
import type { SspEvent } from './events';
import { FAULT_TEXT } from './faults';
import type { NoteTracker } from './note-tracker';

export interface PollHost {
  readonly notes: NoteTracker;
  /** The handlers of the host's current enable(), if any. */
  handlers(): BillAcceptorHandlers | null;
  value(channel: number | null): number | null;
  /** SLAVE RESET: the device lost its settings. */
  deviceReset(): void;
  /** DISABLED: the device says it is not taking notes. */
  disabled(): void;
  /** REJECTED: worth asking LAST REJECT CODE why. */
  rejected(): void;
  /** What a whole reply said of the note path: clear (no note or fault in it) or not. */
  notePath(clear: boolean): void;
  log: DriverLogger;
}

/**
 * Events that put no note in the path. A POLL reply of only these (or none) says the path is
 * clear: a note in it, a jam or a fraud attempt always adds its own event [U on hardware].
 */
const PATH_CLEAR: ReadonlySet<number> = new Set([
  Event.DISABLED,
  Event.CHANNEL_DISABLE,
  Event.CASHBOX_REPLACED,
]);

export class PollEvents {
  private held = false;
  private repoll: { reply: Buffer; index: number } | null = null;
  /** Bumped by reset() so a journal write that settles later changes nothing. */
  private session = 0;

  constructor(private readonly host: PollHost) {}

  /** A credit is being journalled: send nothing. */
  get holding(): boolean {
    return this.held;
  }

  /** The last POLL must go again, same SEQ. */
  get wantsRepoll(): boolean {
    return this.repoll !== null;
  }

  /** The driver stopped, or the SEQ context is gone (a re-SYNC): nothing to resume. */
  reset(): void {
    this.session++;
    this.held = false;
    this.repoll = null;
  }

  handle(events: SspEvent[], reply: Buffer, repeat: boolean): void {
    const resume = repeat && this.repoll?.reply.equals(reply) ? this.repoll.index : 0;
    this.repoll = null;
    this.process(events, resume, reply);
  }

  private process(events: SspEvent[], from: number, reply: Buffer): void {
    for (let i = from; i < events.length; i++) {
      const event = events[i];
      const wait = event && this.onEvent(event);
      if (!wait) continue;
      this.held = true;
      const session = this.session;
      void wait
        .catch(() => false)
        .then((journalled) => {
          if (session !== this.session) return;
          this.held = false;
          if (journalled) this.process(events, i + 1, reply);
          else this.repoll = { reply, index: i };
        });
      return;
    }
    if (events.some((e) => e.code === Event.SLAVE_RESET)) this.host.notes.afterReset();
    this.host.notePath(events.every((e) => PATH_CLEAR.has(e.code)));
  }

  private onEvent({ code, channel }: SspEvent): Promise<boolean> | null {
    const notes = this.host.notes;
    const handlers = this.host.handlers();
    const value = this.host.value(channel);
    switch (code) {
      case Event.SLAVE_RESET:
        this.host.deviceReset();
        break;
      case Event.READ_NOTE:
        if (channel) notes.onEscrow(value, handlers);
        else notes.onReading(handlers);
        break;
      case Event.STACKING:
        notes.onStacking();
        break;
      case Event.CREDIT:
        return notes.onCredit(value, handlers);
      case Event.STACKED:
        notes.onStacked();
        break;
      case Event.REJECTING:
        notes.onRejecting();
        break;
      case Event.REJECTED:
        this.host.rejected();
        notes.onReturned(null, 'rejected');
        break;
      case Event.CLEARED_FROM_FRONT:
        notes.onReturned(value, 'cleared from the front at power-up');
        break;
      case Event.CLEARED_TO_CASHBOX:
        notes.onClearedToCashbox(value);
        break;
      case Event.SAFE_JAM:
      case Event.UNSAFE_JAM:
      case Event.FRAUD_ATTEMPT:
        notes.onFault(FAULT_TEXT[code] ?? hex(code));
        break;
      case Event.DISABLED:
        this.host.disabled();
        break;
      case Event.STACKER_FULL:
      case Event.CASHBOX_REMOVED:
      case Event.CASHBOX_REPLACED:
      case Event.NOTE_PATH_OPEN:
      case Event.CHANNEL_DISABLE:
        break; // status only (faults.ts)
      default:
        this.host.log.warn({ event: hex(code) }, 'ssp: unknown event');
    }
    return null;
  }
}
