// Where each launch of the host dies. A plan is drawn per launch: at a random time (during
// start-up and recovery, while resumed write-offs go out, or anywhere in a customer's visit), or
// a random few milliseconds after something the customer sees or does — a screen appears, a
// note goes in (the acceptor is then accepting, holding it in escrow, stacking or crediting),
// a note is credited. Plans that wait for an event fall back to a plain timer, so every launch
// ends within a bounded time.
import type { Screen, Snapshot } from '../../src/api/kiosk-api';
import type { FaultInput } from '../../sim/gateway/faults';
import type { Rng } from './rng';

export type KillPlan =
  | { kind: 'boot'; afterSpawnMs: number }
  | { kind: 'early'; afterReadyMs: number }
  | { kind: 'time'; afterReadyMs: number }
  | { kind: 'screen'; screen: Screen['name']; nth: number; delayMs: number }
  | { kind: 'note'; nth: number; delayMs: number }
  | { kind: 'credit'; nth: number; delayMs: number }
  /**
   * The launch's first write-off meets a gateway fault (slow before or after its commit, or the
   * connection dropped after it), and the host dies while that write-off is unresolved.
   */
  | { kind: 'gateway'; fault: FaultInput; delayMs: number };

/** A launch whose trigger never came is killed this long after it was ready. */
export const FALLBACK_MS = 6_000;

/**
 * `readyMs` is how long a launch takes to be ready, lately: start-up kills aim at its last part,
 * where the journal is opened and recovered and resumed write-offs start going out.
 */
export function drawPlan(rng: Rng, readyMs: number, gatewayFaults: boolean): KillPlan {
  // Weighed for coverage of the money path within ~6 minutes for 200 kills: a launch that
  // reaches a write-off costs ~2.3 s (start 0.45 s, acceptor start-up 0.9 s, a note 0.9 s).
  const weights = { boot: 10, early: 14, time: 10, screen: 26, note: 20, credit: 14, gateway: 0 };
  if (gatewayFaults) weights.gateway = 12;
  switch (rng.weighted(weights)) {
    case 'boot':
      return { kind: 'boot', afterSpawnMs: Math.round(readyMs * (0.6 + 0.45 * rng.next())) };
    case 'early':
      return { kind: 'early', afterReadyMs: rng.int(0, 150) };
    case 'time':
      return { kind: 'time', afterReadyMs: rng.int(0, 1_500) };
    case 'screen': {
      const screen = rng.weighted({
        bills: 2,
        insertCash: 4,
        writingOff: 18,
        paid: 2,
        attract: 1,
      } satisfies Partial<Record<Screen['name'], number>>);
      // The n-th time the screen appears in this launch; attract's first is the start screen.
      const nth = screen === 'attract' || rng.next() < 0.15 ? 2 : 1;
      // The write-off is a local round trip of a few milliseconds: aim inside it.
      const delayMs = screen === 'writingOff' ? rng.int(0, 25) : rng.int(0, 60);
      return { kind: 'screen', screen, nth, delayMs };
    }
    case 'note':
      // From the insert to past the credit: accepting, escrow, stacking, vend valid, ACK.
      return { kind: 'note', nth: rng.next() < 0.8 ? 1 : 2, delayMs: rng.int(0, 800) };
    case 'credit':
      // Right after a credit: the next note, or (the last one) capture and write-off.
      return { kind: 'credit', nth: rng.next() < 0.8 ? 1 : 2, delayMs: rng.int(0, 20) };
    case 'gateway': {
      const route = 'POST /v1/payments';
      const times = 1;
      switch (rng.weighted({ slowAfter: 2, slowBefore: 1, dropAfter: 1 })) {
        case 'slowAfter': {
          // Committed at once, answered late: the host dies holding no answer.
          const delayMs = rng.int(100, 400);
          const fault = { route, times, kind: 'slow', delayMs, when: 'after_commit' } as const;
          return { kind: 'gateway', fault, delayMs: rng.int(0, delayMs) };
        }
        case 'slowBefore': {
          // Still in flight at the crash; the gateway commits it later, perhaps after the
          // restarted host has asked for it (and re-sent it).
          const delayMs = rng.int(100, 600);
          const fault = { route, times, kind: 'slow', delayMs, when: 'before_commit' } as const;
          return { kind: 'gateway', fault, delayMs: rng.int(0, delayMs) };
        }
        case 'dropAfter':
          // Committed, connection dropped: WRITEOFF_UNKNOWN, a query after a backoff of ~1 s.
          return {
            kind: 'gateway',
            fault: { route, times, kind: 'drop_after_commit' },
            delayMs: rng.int(0, 1_200),
          };
      }
    }
  }
}

export function describePlan(p: KillPlan): string {
  switch (p.kind) {
    case 'boot':
      return `boot+${p.afterSpawnMs}`;
    case 'early':
    case 'time':
      return `${p.kind}+${p.afterReadyMs}`;
    case 'screen':
      return `${p.screen}#${p.nth}+${p.delayMs}`;
    case 'note':
    case 'credit':
      return `${p.kind}#${p.nth}+${p.delayMs}`;
    case 'gateway': {
      const f = p.fault;
      const detail = f.kind === 'slow' ? `${f.kind}${f.delayMs}:${f.when}` : f.kind;
      return `gateway(${detail})+${p.delayMs}`;
    }
  }
}

/**
 * Watches one launch and calls `kill` once, when its plan says. Feed it the spawn, the ready
 * moment, every snapshot and every inserted note.
 */
export class Trigger {
  fired: { reason: 'plan' | 'fallback'; screen: string | null } | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private screenCount = 0;
  private lastScreen: string | null = null;
  private lastCollected = 0;
  private notes = 0;
  private credits = 0;

  constructor(
    readonly plan: KillPlan,
    private readonly kill: () => void,
    private readonly screenNow: () => string | null,
  ) {}

  private fire(reason: 'plan' | 'fallback', afterMs = 0): void {
    this.timers.push(
      setTimeout(() => {
        if (this.fired) return;
        this.fired = { reason, screen: this.screenNow() };
        this.kill();
      }, afterMs),
    );
  }

  spawned(): void {
    if (this.plan.kind === 'boot') this.fire('plan', this.plan.afterSpawnMs);
  }

  ready(): void {
    const p = this.plan;
    if (p.kind === 'early' || p.kind === 'time') this.fire('plan', p.afterReadyMs);
    this.fire('fallback', FALLBACK_MS);
  }

  snapshot(s: Snapshot): void {
    const p = this.plan;
    const screen = s.screen;
    // A credit shows as a higher collected amount, or (the last note) as the move to capturing.
    const credited =
      screen.name === 'insertCash'
        ? screen.collected > this.lastCollected
        : screen.name === 'writingOff' && this.lastScreen === 'insertCash';
    if (credited && p.kind === 'credit' && ++this.credits === p.nth) this.fire('plan', p.delayMs);
    this.lastCollected = screen.name === 'insertCash' ? screen.collected : 0;
    if (screen.name !== this.lastScreen) {
      if (p.kind === 'screen' && screen.name === p.screen && ++this.screenCount === p.nth) {
        this.fire('plan', p.delayMs);
      }
      if (p.kind === 'gateway' && screen.name === 'writingOff' && ++this.screenCount === 1) {
        this.fire('plan', p.delayMs);
      }
    }
    this.lastScreen = screen.name;
  }

  noteInserted(): void {
    const p = this.plan;
    if (p.kind === 'note' && ++this.notes === p.nth) this.fire('plan', p.delayMs);
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
  }
}
