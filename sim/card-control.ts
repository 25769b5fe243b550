// The control API's side of the emulated card reader: a card (by UID) is laid on the reader, or
// taken away. The kiosk's card directory decides what the card means.
import type { ControlReply } from './control/protocol';
import type { PcscEmulator } from './devices/card-reader-emulator';

export class CardControl {
  private present: string | null = null;

  constructor(
    private readonly pcsc: PcscEmulator,
    private readonly reader: string,
  ) {}

  /** A card with this UID on the reader (null: take the card away). */
  set(uid: string | null): ControlReply {
    if (this.present) this.pcsc.removeCard(this.reader);
    this.present = uid;
    if (uid === null) return { ok: true, message: 'card taken away' };
    this.pcsc.insertCard(this.reader, { uid });
    return { ok: true, message: `card ${uid} on the reader` };
  }

  get card(): string | null {
    return this.present;
  }
}
