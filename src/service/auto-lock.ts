// When an open staff or technician mode locks itself: after 2 minutes without a touch, at once
// when the card that opened it is taken away, or when asked. One exception, for a single-slot
// reader: while a reversal waits for a second person's approval, the opening card may be lent
// (taken out so the approver's card can go in); once the approval is over it must come back
// within 30 seconds, or the mode locks as if it had been taken away. A small pure class on an injected
// monotonic clock with no timers of its own: the caller asks check() (on each event, and when
// msUntilLock() says it is due), so nothing is left running and tests drive it with a fake
// clock. A touch that comes after the idle time ran out does not revive the mode: it locks it.
import type { MonotonicClock } from '../time/monotonic';
import { normaliseUid } from './card-uid';

export const IDLE_LOCK_MS = 2 * 60_000;
/** How long the opening card may stay away once the approval it was lent for is over. */
export const CARD_BACK_MS = 30_000;

/** Where the opening card is while the mode is open without it. */
export type CardAway = 'forApproval' | 'mustReturn';

export type LockReason = 'idle' | 'card_removed' | 'manual';

export interface AutoLockOptions {
  clock: MonotonicClock;
  /** Default 2 minutes. */
  idleMs?: number;
  /** Default 30 seconds. */
  cardBackMs?: number;
}

/** The lent opening card: away since the approval began; returnBy once the approval is over. */
interface Lent {
  returnBy: number | null;
}

type State =
  | { open: false; reason: LockReason | null }
  | { open: true; lastTouch: number; card: string | null; lent: Lent | null };

export class AutoLock {
  private readonly clock: MonotonicClock;
  private readonly idleMs: number;
  private readonly cardBackMs: number;
  private state: State = { open: false, reason: null };
  private readonly listeners = new Set<(reason: LockReason) => void>();

  constructor(o: AutoLockOptions) {
    this.clock = o.clock;
    this.idleMs = o.idleMs ?? IDLE_LOCK_MS;
    this.cardBackMs = o.cardBackMs ?? CARD_BACK_MS;
    if (!(this.idleMs > 0)) throw new RangeError('idleMs must be positive');
    if (!(this.cardBackMs > 0)) throw new RangeError('cardBackMs must be positive');
  }

  /**
   * A mode opened (after card + PIN or staff number + PIN). `card`: the UID of the card that
   * opened it, whose removal locks it; null when it was opened by staff number.
   */
  open(o: { card: string | null }): void {
    this.state = { open: true, lastTouch: this.clock(), card: o.card, lent: null };
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
   * card (or the reader cannot say which card it was: with one slot, while the opening card is
   * in, it is the one). A mode opened by staff number ignores it; so does a mode whose opening
   * card is already out (lent), since the card taken away is then someone else's.
   * `forApproval`: an approval waits for a second person's card, so the opening card is lent,
   * not taken away.
   */
  cardRemoved(uid?: string, o: { forApproval?: boolean } = {}): void {
    if (this.check() !== null || !this.state.open || this.state.card === null) return;
    if (this.state.lent !== null) return;
    if (uid !== undefined && normaliseUid(uid) !== normaliseUid(this.state.card)) return;
    if (o.forApproval) this.state.lent = { returnBy: null };
    else this.lockWith('card_removed');
  }

  /** A card presented while the opening card is lent: true when it is that card, back in. */
  cardBack(uid: string): boolean {
    if (this.check() !== null || !this.state.open || this.state.lent === null) return false;
    if (this.state.card === null || normaliseUid(uid) !== normaliseUid(this.state.card)) {
      return false;
    }
    this.state.lent = null;
    this.state.lastTouch = this.clock();
    return true;
  }

  /** The approval the card was lent for is over: from now it has 30 seconds to come back. */
  approvalOver(): void {
    if (!this.state.open || this.state.lent === null || this.state.lent.returnBy !== null) return;
    this.state.lent.returnBy = this.clock() + this.cardBackMs;
  }

  /** Whether the opening card is out of the reader, and why; null while it is in (or closed). */
  cardAway(): CardAway | null {
    if (!this.state.open || this.state.lent === null) return null;
    return this.state.lent.returnBy === null ? 'forApproval' : 'mustReturn';
  }

  /** Staff closed the mode. */
  lock(): void {
    if (this.state.open) this.lockWith('manual');
  }

  /**
   * Locks when the idle time has run out, or a lent card's time to come back; returns the
   * reason when this call locked it.
   */
  check(): LockReason | null {
    if (!this.state.open) return null;
    const now = this.clock();
    const returnBy = this.state.lent?.returnBy ?? null;
    if (returnBy !== null && now >= returnBy) {
      this.lockWith('card_removed');
      return 'card_removed';
    }
    if (now - this.state.lastTouch < this.idleMs) return null;
    this.lockWith('idle');
    return 'idle';
  }

  /** Ms until the next lock (0: due now); null while locked. For the caller's one timer. */
  msUntilLock(): number | null {
    if (!this.state.open) return null;
    const idle = this.state.lastTouch + this.idleMs;
    const returnBy = this.state.lent?.returnBy ?? null;
    const due = returnBy === null ? idle : Math.min(idle, returnBy);
    return Math.max(0, due - this.clock());
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
