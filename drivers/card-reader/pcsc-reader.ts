// A contactless (or contact) card reader through PC/SC (pcscd): when a card is presented, its
// UID is read with GET DATA `FF CA 00 00 00` and reported; a card that does not answer is
// reported unreadable. Watches one reader (the first, or the first whose name matches),
// follows readers being unplugged and pcscd restarting, and never throws into the host.
import type { DeviceStatus } from '../device';
import { DeviceHistory, deviceText, type RecordingLogger } from '../diagnosis';
import type { Card, CardReader, CardReaderDiagnosis, CardReadFailure } from './card-reader';
import {
  loadPcsclite,
  type PcscFactory,
  type PcscLike,
  type PcscReaderLike,
  type PcscReaderStatus,
  PcscUnavailableError,
  SCARD_STATE_MUTE,
  SCARD_STATE_PRESENT,
} from './pcsc-seam';
import { readCardUid } from './pcsc-read-uid';

export interface PcscCardReaderOptions {
  /** Default: the npm `pcsclite` module, loaded at start. */
  pcsc?: PcscFactory;
  /** Use the first reader whose name contains this (default: the first reader). */
  readerName?: string;
  /** Wait before reconnecting to pcscd. */
  retryMs?: number;
  /** Per PC/SC call while reading a card. */
  callTimeoutMs?: number;
  logger?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

interface Slot {
  reader: PcscReaderLike;
  last: PcscReaderStatus | null;
  present: boolean;
  atr: string | undefined;
  /** Bumped on every insertion and removal: a read for an older one is dropped. */
  insertion: number;
}

export class PcscCardReader implements CardReader {
  status: DeviceStatus = 'offline';
  detail: string | null = 'not started';
  private readonly listeners = {
    card: new Set<(card: Card) => void>(),
    removed: new Set<() => void>(),
    unreadable: new Set<(failure: CardReadFailure) => void>(),
    status: new Set<(status: DeviceStatus) => void>(),
  };
  private context: PcscLike | null = null;
  private slots: Slot[] = [];
  private active: Slot | null = null;
  private generation = 0;
  private stopped = true;
  private timer: NodeJS.Timeout | null = null;
  private readonly history = new DeviceHistory(['cardsRead', 'unreadable', 'removed']);
  /** Logs, and records every warning as an event (the messages never carry a UID). */
  private readonly log: RecordingLogger;

  constructor(private readonly o: PcscCardReaderOptions = {}) {
    this.log = this.history.logger(o.logger);
  }

  diagnose(): CardReaderDiagnosis {
    const name = this.active?.reader.name;
    return {
      kind: 'cardReader',
      driver: 'pcsc',
      // Where the driver looks: the first reader pcscd announces, or the first matching one.
      port: `pcsc:${this.o.readerName ?? '*'}`,
      // PC/SC tells a reader only by its name, which carries its make and model.
      model: name ? deviceText(name, 128) : null,
      firmware: null,
      status: this.status,
      detail: this.detail,
      counters: this.history.counters(),
      events: this.history.events.list(),
    };
  }

  onCard(listener: (card: Card) => void): () => void {
    return listen(this.listeners.card, listener);
  }
  onRemoved(listener: () => void): () => void {
    return listen(this.listeners.removed, listener);
  }
  onUnreadable(listener: (failure: CardReadFailure) => void): () => void {
    return listen(this.listeners.unreadable, listener);
  }
  onStatus(listener: (status: DeviceStatus) => void): () => void {
    return listen(this.listeners.status, listener);
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.history.started();
    this.connect(this.generation);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.closeContext();
    this.setStatus('offline', 'stopped');
  }

  private connect(generation: number): void {
    let context: PcscLike;
    try {
      context = (this.o.pcsc ?? loadPcsclite())();
    } catch (err) {
      const message = (err as Error).message;
      if (err instanceof PcscUnavailableError) {
        // No point retrying: the module will not load on a second try either.
        this.setStatus('noDevice', `${message}; card readers cannot be used`);
        return;
      }
      this.setStatus('noDevice', `PC/SC service unavailable: ${message}`);
      this.retry(generation);
      return;
    }
    this.context = context;
    this.setStatus('noDevice', 'no card reader connected');
    context.on('error', (err) => this.lostContext(generation, err.message));
    context.on('reader', (reader) => this.addReader(generation, reader));
  }

  private addReader(generation: number, reader: PcscReaderLike): void {
    // On every reader, used or not: an 'error' event without a listener would throw.
    reader.on('error', (err) =>
      this.log.warn({ reader: reader.name, err: err.message }, 'card reader: PC/SC error'),
    );
    if (generation !== this.generation) return;
    if (this.o.readerName && !reader.name.includes(this.o.readerName)) return;
    const slot: Slot = { reader, last: null, present: false, atr: undefined, insertion: 0 };
    this.slots.push(slot);
    reader.on('status', (status) => {
      if (generation !== this.generation) return;
      slot.last = status;
      if (slot === this.active) this.onReaderStatus(slot, status);
    });
    reader.on('end', () => this.readerGone(generation, slot));
    if (!this.active) this.activate(slot);
  }

  private activate(slot: Slot): void {
    this.active = slot;
    this.setStatus('online', null);
    this.log.info({ reader: slot.reader.name }, 'card reader: using reader');
    this.history.info(`using reader ${deviceText(slot.reader.name, 128) ?? '(no name)'}`);
    if (slot.last) this.onReaderStatus(slot, slot.last);
  }

  private onReaderStatus(slot: Slot, status: PcscReaderStatus): void {
    const present = (status.state & SCARD_STATE_PRESENT) !== 0;
    const atr = status.atr?.length ? status.atr.toString('hex').toUpperCase() : undefined;
    if (present && slot.present && atr === slot.atr) return; // e.g. INUSE toggled by our read
    if (slot.present) this.removed(slot);
    if (!present) return;
    slot.present = true;
    slot.atr = atr;
    slot.insertion++;
    if (status.state & SCARD_STATE_MUTE) this.unreadable(atr, 'card does not answer (mute)');
    else void this.readUid(slot, slot.insertion);
  }

  private removed(slot: Slot): void {
    slot.present = false;
    slot.atr = undefined;
    slot.insertion++;
    this.history.count('removed');
    this.emit(this.listeners.removed);
  }

  private unreadable(atr: string | undefined, reason: string): void {
    this.history.count('unreadable');
    this.history.warn(`card unreadable: ${reason}`);
    this.emit(this.listeners.unreadable, { ...(atr ? { atr } : {}), reason });
  }

  private async readUid(slot: Slot, insertion: number): Promise<void> {
    const atr = slot.atr;
    const outcome = await readCardUid(slot.reader, this.o.callTimeoutMs ?? 3000);
    if (slot.insertion !== insertion || slot !== this.active) return; // taken away meanwhile
    if ('uid' in outcome) {
      this.history.count('cardsRead');
      this.history.info(`card read: UID …${outcome.uid.slice(-4)}`);
      this.emit(this.listeners.card, { uid: outcome.uid, ...(atr ? { atr } : {}) });
    } else this.unreadable(atr, outcome.reason);
  }

  private readerGone(generation: number, slot: Slot): void {
    if (generation !== this.generation) return;
    this.slots = this.slots.filter((s) => s !== slot);
    if (slot !== this.active) return;
    if (slot.present) this.removed(slot);
    this.active = null;
    this.log.warn({ reader: slot.reader.name }, 'card reader: reader removed');
    const next = this.slots[0];
    if (next) this.activate(next);
    else this.setStatus('noDevice', `card reader ${slot.reader.name} removed`);
  }

  private lostContext(generation: number, reason: string): void {
    if (generation !== this.generation || this.stopped) return;
    this.generation++;
    if (this.active?.present) this.removed(this.active);
    this.closeContext();
    this.setStatus('offline', `PC/SC service lost: ${reason}`);
    this.log.warn({ reason }, 'card reader: PC/SC service lost, reconnecting');
    this.retry(this.generation);
  }

  private retry(generation: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (generation === this.generation && !this.stopped) this.connect(generation);
    }, this.o.retryMs ?? 2000);
    this.timer.unref?.();
  }

  private closeContext(): void {
    const { context, slots } = this;
    this.context = null;
    this.slots = [];
    this.active = null;
    for (const s of slots) attempt(() => s.reader.close());
    if (context) attempt(() => context.close());
  }

  private setStatus(status: DeviceStatus, detail: string | null): void {
    this.detail = detail;
    this.history.status(status, detail);
    if (status === this.status) return;
    this.status = status;
    this.emit(this.listeners.status, status);
  }

  private emit<A extends unknown[]>(listeners: Set<(...args: A) => void>, ...args: A): void {
    for (const listener of listeners) {
      try {
        listener(...args);
      } catch (err) {
        // A listener's bug must not stop the reader or the other listeners.
        this.log.warn({ err: (err as Error).message }, 'card reader: listener threw');
      }
    }
  }
}

function listen<T>(listeners: Set<T>, listener: T): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function attempt(fn: () => void): void {
  try {
    fn();
  } catch {
    // Closing what pcscd already dropped fails; it is gone either way.
  }
}
