// When an open staff or technician mode locks itself: after 2 minutes without a touch, at once
// when the card that opened it is taken away, or when asked. A small pure class on an injected
// monotonic clock with no timers of its own: the caller asks check() (on each event, and when
// msUntilLock() says it is due), so nothing is left running and tests drive it with a fake
// clock. A touch that comes after the idle time ran out does not revive the mode: it locks it.
import type { MonotonicClock } from '../time/monotonic';
import { normaliseUid } from './card-uid';

export const IDLE_LOCK_MS = 2 * 60_000;

export type LockReason = 'idle' | 'card_removed' | 'manual';

export interface AutoLockOptions {
  clock: MonotonicClock;
  /** Default 2 minutes. */
  idleMs?: number;
}

type State =
  | { open: false; reason: LockReason | null }
  | { open: true; lastTouch: number; card: string | null };

export class AutoLock {
  private readonly clock: MonotonicClock;
  private readonly idleMs: number;
  private state: State = { open: false, reason: null };
  private readonly listeners = new Set<(reason: LockReason) => void>();

  constructor(o: AutoLockOptions) {
    this.clock = o.clock;
    this.idleMs = o.idleMs ?? IDLE_LOCK_MS;
    if (!(this.idleMs > 0)) throw new RangeError('idleMs must be positive');
  }

  /**
   * A mode opened (after card + PIN or staff number + PIN). `card`: the UID of the card that
   * opened it, whose removal locks it; null when it was opened by staff number.
   */
  open(o: { card: string | null }): void {
    this.state = { open: true, lastTouch: this.clock(), card: o.card };
  }

  /** Whether the mode is open now (locking it first if its idle time has run out). */
  isOpen(): boolean {
    this.check();
    return this.state.open;
  }

  /** Why it last locked; null while open or before it was ever opened. */
  get lastReason(): LockReason | null {
    return this.state.open ? null : this.state.reason;
  }

  /** A touch on the screen: the 2 minutes start again. False when the mode was already locked. */
  touch(): boolean {
    if (this.check() !== null || !this.state.open) return false;
    this.state.lastTouch = this.clock();
    return true;
  }

  /**
   * A card was taken off the reader. Locks when the mode was opened by a card and this is that
   * card (or the reader cannot say which card it was). A mode opened by staff number ignores it.
   */
  cardRemoved(uid?: string): void {
    if (this.check() !== null || !this.state.open || this.state.card === null) return;
    if (uid !== undefined && normaliseUid(uid) !== normaliseUid(this.state.card)) return;
    this.lockWith('card_removed');
  }

  /** Staff closed the mode. */
  lock(): void {
    if (this.state.open) this.lockWith('manual');
  }

  /** Locks when the idle time has run out; returns the reason when this call locked it. */
  check(): LockReason | null {
    if (!this.state.open) return null;
    if (this.clock() - this.state.lastTouch < this.idleMs) return null;
    this.lockWith('idle');
    return 'idle';
  }

  /** Ms until the idle lock (0: due now); null while locked. For the caller's one timer. */
  msUntilLock(): number | null {
    if (!this.state.open) return null;
    return Math.max(0, this.state.lastTouch + this.idleMs - this.clock());
  }

  /** Called once per lock, with its reason; returns an unsubscribe function. */
  onLock(listener: (reason: LockReason) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private lockWith(reason: LockReason): void {
    this.state = { open: false, reason };
    // Every listener hears of the lock; the first failure is thrown after.
    const failures: unknown[] = [];
    for (const listener of [...this.listeners]) {
      try {
        listener(reason);
      } catch (err) {
        failures.push(err);
      }
    }
    if (failures.length > 0) throw failures[0];
  }
}
