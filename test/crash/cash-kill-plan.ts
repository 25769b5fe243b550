// Where each launch of the cash crash loop dies: mostly inside a note's journey, timed from
// what the acceptor emulator (in its own process) reports — the note just inserted, the
// acceptor holding it in escrow, stacking it, at VEND VALID waiting for the host's ACK — or
// from the credit the customer sees; sometimes during start-up (a note left in the acceptor by
// the last host is being settled then) or at a random time. Every plan falls back to a timer.
import type { Snapshot } from '../../src/api/kiosk-api';
import type { Rng } from './rng';

/** Emulator states (ID-003 emulator's words) a note passes through on its way to the box. */
export const NOTE_STATES = ['escrow', 'stacking', 'vendValid'] as const;
export type NoteState = (typeof NOTE_STATES)[number];

export type CashKillPlan =
  | { kind: 'boot'; afterSpawnMs: number }
  | { kind: 'time'; afterReadyMs: number }
  | { kind: 'insert'; nth: number; delayMs: number }
  | { kind: 'state'; state: NoteState; nth: number; delayMs: number }
  | { kind: 'credit'; nth: number; delayMs: number }
  | { kind: 'writingOff'; delayMs: number };

export const FALLBACK_MS = 6_000;

export function drawCashPlan(rng: Rng, readyMs: number, pollMs: number): CashKillPlan {
  const nth = () => (rng.next() < 0.7 ? 1 : 2);
  // Weighed for notes: most launches die with a note somewhere between the slot and the box.
  switch (rng.weighted({ boot: 6, time: 6, insert: 14, state: 52, credit: 12, writingOff: 10 })) {
    case 'boot':
      return { kind: 'boot', afterSpawnMs: Math.round(readyMs * (0.6 + 0.6 * rng.next())) };
    case 'time':
      return { kind: 'time', afterReadyMs: rng.int(0, 2_000) };
    case 'insert':
      // Accepting, then escrow while the host journals it: a few polls.
      return { kind: 'insert', nth: nth(), delayMs: rng.int(0, 3 * pollMs) };
    case 'state':
      // Within about one poll of entering the state (the next poll may move it on).
      return {
        kind: 'state',
        state: rng.pick(NOTE_STATES),
        nth: nth(),
        delayMs: rng.int(0, pollMs),
      };
    case 'credit':
      return { kind: 'credit', nth: nth(), delayMs: rng.int(0, 20) };
    case 'writingOff':
      return { kind: 'writingOff', delayMs: rng.int(0, 25) };
  }
}

export function describeCashPlan(p: CashKillPlan): string {
  switch (p.kind) {
    case 'boot':
      return `boot+${p.afterSpawnMs}`;
    case 'time':
      return `time+${p.afterReadyMs}`;
    case 'insert':
    case 'credit':
      return `${p.kind}#${p.nth}+${p.delayMs}`;
    case 'state':
      return `${p.state}#${p.nth}+${p.delayMs}`;
    case 'writingOff':
      return `writingOff+${p.delayMs}`;
  }
}

/** Watches one launch and calls `kill` once, when its plan says (or the fallback timer). */
export class CashTrigger {
  fired: { reason: 'plan' | 'fallback' } | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private inserts = 0;
  private credits = 0;
  private readonly entered: Partial<Record<string, number>> = {};
  private lastCollected = 0;
  private lastScreen: string | null = null;

  constructor(
    readonly plan: CashKillPlan,
    private readonly kill: () => void,
  ) {}

  private fire(reason: 'plan' | 'fallback', afterMs: number): void {
    this.timers.push(
      setTimeout(() => {
        if (this.fired) return;
        this.fired = { reason };
        this.kill();
      }, afterMs),
    );
  }

  spawned(): void {
    if (this.plan.kind === 'boot') this.fire('plan', this.plan.afterSpawnMs);
  }

  ready(): void {
    if (this.plan.kind === 'time') this.fire('plan', this.plan.afterReadyMs);
    this.fire('fallback', FALLBACK_MS);
  }

  noteInserted(): void {
    const p = this.plan;
    if (p.kind === 'insert' && ++this.inserts === p.nth) this.fire('plan', p.delayMs);
  }

  emulatorState(state: string): void {
    const n = (this.entered[state] = (this.entered[state] ?? 0) + 1);
    const p = this.plan;
    if (p.kind === 'state' && p.state === state && n === p.nth) this.fire('plan', p.delayMs);
  }

  snapshot(s: Snapshot): void {
    const p = this.plan;
    const screen = s.screen;
    const credited =
      screen.name === 'insertCash'
        ? screen.collected > this.lastCollected
        : screen.name === 'writingOff' && this.lastScreen === 'insertCash';
    if (credited && p.kind === 'credit' && ++this.credits === p.nth) this.fire('plan', p.delayMs);
    if (
      p.kind === 'writingOff' &&
      screen.name === 'writingOff' &&
      this.lastScreen !== screen.name
    ) {
      this.fire('plan', p.delayMs);
    }
    this.lastCollected = screen.name === 'insertCash' ? screen.collected : 0;
    this.lastScreen = screen.name;
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
  }
}
