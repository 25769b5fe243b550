// A PC/SC stack in process, for the card-reader driver's `pcsc` seam: readers come and go,
// cards are presented and taken away, and each card answers APDUs as a contactless card in a
// PC/SC reader does (GET DATA `FF CA 00 00 00` → UID + 90 00). Faults: a mute card, a card
// that refuses the command, connect/transmit failures or silence, pcscd stopping.
import { EventEmitter } from 'node:events';
import type {
  PcscFactory,
  PcscLike,
  PcscReaderLike,
  PcscReaderStatus,
} from '../../drivers/card-reader/pcsc-seam';

export interface EmulatedCardOptions {
  /** Hex UID, e.g. `04A1B2C3D4E5F6`. */
  uid: string;
  /** Hex ATR (default: a PC/SC contactless ATR for a MIFARE-class card). */
  atr?: string;
  /** Answer GET DATA with this status word instead of the UID (e.g. `6A81`: not supported). */
  refuseWith?: string;
  /** Present but not answering reset (PC/SC state MUTE, no ATR). */
  mute?: boolean;
  connectError?: string;
  transmitError?: string;
  /** Never answer transmit (the driver's time limit must act). */
  silent?: boolean;
}

const CONTACTLESS_ATR = '3B8F8001804F0CA000000306030001000000006A';

/** A card's side of the APDU exchange, shared with the vpcd card. */
export class EmulatedCard {
  readonly atr: Buffer;
  readonly apdus: string[] = [];
  constructor(readonly o: EmulatedCardOptions) {
    this.atr = o.mute ? Buffer.alloc(0) : Buffer.from(o.atr ?? CONTACTLESS_ATR, 'hex');
  }

  respond(apdu: Buffer): Buffer {
    this.apdus.push(apdu.toString('hex').toUpperCase());
    const getUid = apdu.length === 5 && apdu[0] === 0xff && apdu[1] === 0xca && apdu[2] === 0;
    if (!getUid) return Buffer.from('6D00', 'hex'); // instruction not supported
    if (this.o.refuseWith) return Buffer.from(this.o.refuseWith, 'hex');
    return Buffer.concat([Buffer.from(this.o.uid, 'hex'), Buffer.from('9000', 'hex')]);
  }
}

const PRESENT = 0x20;
const EMPTY = 0x10;
const CHANGED = 0x02;
const INUSE = 0x100;
const MUTE = 0x200;

type Cb<T> = (err: Error | null | undefined, value: T) => void;

class FakeReader extends EventEmitter implements PcscReaderLike {
  card: EmulatedCard | null = null;
  closed = false;
  private events = 0;
  private connected = false;
  constructor(readonly name: string) {
    super();
  }

  /** Reports the state as pcscd does: the event count in the high 16 bits. */
  report(extra = 0): void {
    this.events++;
    const state =
      (this.events << 16) |
      CHANGED |
      extra |
      (this.card ? PRESENT | (this.card.o.mute ? MUTE : 0) : EMPTY);
    const status: PcscReaderStatus = { state };
    if (this.card?.atr.length) status.atr = this.card.atr;
    setImmediate(() => {
      if (!this.closed) this.emit('status', status);
    });
  }

  connect(_options: { share_mode: number }, callback: Cb<number>): void {
    const card = this.card;
    setImmediate(() => {
      if (!card || card !== this.card) return callback(new Error('No smart card inserted'), 0);
      if (card.o.connectError) return callback(new Error(card.o.connectError), 0);
      this.connected = true;
      this.report(INUSE);
      callback(null, 2 /* T=1 */);
    });
  }

  transmit(data: Buffer, _resLen: number, _protocol: number, callback: Cb<Buffer>): void {
    const card = this.card;
    if (card?.o.silent) return;
    setImmediate(() => {
      if (!card || card !== this.card || !this.connected)
        return callback(new Error('Card was removed'), Buffer.alloc(0));
      if (card.o.transmitError) return callback(new Error(card.o.transmitError), Buffer.alloc(0));
      callback(null, card.respond(data));
    });
  }

  disconnect(_disposition: number, callback: (err: Error | null | undefined) => void): void {
    const was = this.connected;
    this.connected = false;
    setImmediate(() => {
      if (was && this.card) this.report();
      callback(null);
    });
  }

  /** Stops the status reports; pcsclite keeps emitting errors, so listeners stay. */
  close(): void {
    this.closed = true;
  }
}

class FakeContext extends EventEmitter implements PcscLike {
  closed = false;
  close(): void {
    this.closed = true;
  }
}

export class PcscEmulator {
  daemonRunning = true;
  contextsOpened = 0;
  private readonly readers = new Map<string, FakeReader>();
  private context: FakeContext | null = null;

  /** Pass as the driver's `pcsc` option. Throws as pcsclite does when pcscd is not running. */
  readonly factory: PcscFactory = () => {
    if (!this.daemonRunning)
      throw new Error('SCardEstablishContext error: Service not available.(0x8010001d)');
    this.contextsOpened++;
    // Each context has reader objects of its own, as pcsclite's do; the cards stay in.
    for (const [name, old] of this.readers) {
      const fresh = new FakeReader(name);
      fresh.card = old.card;
      this.readers.set(name, fresh);
    }
    const context = new FakeContext();
    this.context = context;
    setImmediate(() => {
      for (const reader of this.readers.values()) this.announce(reader);
    });
    return context;
  };

  addReader(name = 'ACS ACR122U PICC Interface 00 00'): void {
    const reader = new FakeReader(name);
    this.readers.set(name, reader);
    if (this.context && !this.context.closed) this.announce(reader);
  }

  /** The reader is unplugged: its card goes with it. */
  removeReader(name: string): void {
    const reader = this.readers.get(name);
    this.readers.delete(name);
    if (reader) setImmediate(() => reader.emit('end'));
  }

  /** Presents a card; returns it, so tests can read the APDUs it received. */
  insertCard(readerName: string, card: EmulatedCardOptions): EmulatedCard {
    const reader = this.reader(readerName);
    reader.card = new EmulatedCard(card);
    reader.report();
    return reader.card;
  }

  removeCard(readerName: string): void {
    const reader = this.reader(readerName);
    reader.card = null;
    reader.report();
  }

  /** pcscd stops: every reader ends and the context reports an error, as pcsclite does. */
  stopDaemon(): void {
    this.daemonRunning = false;
    const context = this.context;
    this.context = null;
    const err = new Error('SCardGetStatusChange error: RPC transport error.(0x80100013)');
    for (const reader of this.readers.values()) reader.card = null;
    if (!context) return;
    const announced = [...this.readers.values()];
    setImmediate(() => {
      for (const reader of announced) {
        reader.emit('error', err);
        reader.emit('end');
      }
      context.emit('error', err);
    });
  }

  startDaemon(): void {
    this.daemonRunning = true;
  }

  private announce(reader: FakeReader): void {
    this.context?.emit('reader', reader);
    reader.report();
  }

  private reader(name: string): FakeReader {
    const reader = this.readers.get(name);
    if (!reader) throw new Error(`no reader ${name}`);
    return reader;
  }
}
