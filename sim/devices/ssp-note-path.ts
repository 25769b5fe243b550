// One note's journey through the emulated validator, advanced by the host's POLLs so scenarios
// play the same at any poll rate; only the escrow timeout runs on a clock (injectable, so a test
// can let 10 s pass at once). Each POLL reports what happened since the last one:
//   accepted: EF 00 → EF ch (escrow; the next POLL accepts) → CC → EE ch + CC (credit) → EB
//   rejected: EF 00 → ED → EC, or from escrow after REJECT or 10 s without HOLD.
import { Event } from '../../drivers/bill-acceptor/ssp/codes';

export type Phase =
  'idle' | 'reading' | 'validated' | 'escrow' | 'stacking' | 'credited' | 'rejecting' | 'rejected';

export interface PathNote {
  channel: number;
  fen: number;
  /** Reject with this LAST REJECT CODE instead of escrowing it. */
  reject: number | null;
}

/** What happens to notes, for the emulator's counters and events. */
export interface PathOutcomes {
  credited(fen: number): void;
  stacked(fen: number): void;
  returned(fen: number): void;
}

export const REJECT_BY_HOST = 0x08;
export const ESCROW_TIMEOUT = 0x13;
/** Given to a note handed back once a fault clears. */
export const UNABLE_TO_STACK = 0x1d;

const IN_ACCEPTOR: readonly Phase[] = ['reading', 'validated', 'escrow', 'rejecting', 'rejected'];

export class NotePath {
  private p: Phase = 'idle';
  private note: PathNote | null = null;
  private escrowSince = 0;
  private rejectCode = 0;

  constructor(
    private readonly clock: () => number,
    private readonly escrowTimeoutMs: number,
    private readonly out: PathOutcomes,
  ) {}

  get phase(): Phase {
    return this.p;
  }

  get channel(): number {
    return this.note?.channel ?? 0;
  }

  get lastRejectCode(): number {
    return this.rejectCode;
  }

  insert(note: PathNote): void {
    this.note = note;
    this.p = 'reading';
  }

  /** A note left in escrow too long goes back by itself. Checked whenever a command arrives. */
  checkTimeout(): void {
    if (this.p === 'escrow' && this.clock() - this.escrowSince >= this.escrowTimeoutMs) {
      this.startReject(ESCROW_TIMEOUT);
    }
  }

  /** HOLD: restarts the escrow timeout. False when no note is in escrow. */
  hold(): boolean {
    if (this.p !== 'escrow') return false;
    this.escrowSince = this.clock();
    return true;
  }

  /** REJECT from the host. False when no note is in escrow. */
  rejectByHost(): boolean {
    if (this.p !== 'escrow') return false;
    this.startReject(REJECT_BY_HOST);
    return true;
  }

  /** One POLL: this poll's events; a POLL in escrow accepts the note. */
  poll(): number[] {
    const note = this.note;
    if (!note) return [];
    switch (this.p) {
      case 'reading':
        if (note.reject === null) this.p = 'validated';
        else this.startReject(note.reject);
        return [Event.READ_NOTE, 0];
      case 'validated':
        this.p = 'escrow';
        this.escrowSince = this.clock();
        return [Event.READ_NOTE, note.channel];
      case 'escrow':
        this.p = 'stacking';
        return [Event.STACKING];
      case 'stacking':
        this.p = 'credited';
        this.out.credited(note.fen);
        return [Event.CREDIT, note.channel, Event.STACKING];
      case 'credited':
        this.finish(() => this.out.stacked(note.fen));
        return [Event.STACKED];
      case 'rejecting':
        this.p = 'rejected';
        return [Event.REJECTING];
      case 'rejected':
        this.finish(() => this.out.returned(note.fen));
        return [Event.REJECTED];
      case 'idle':
        return [];
    }
  }

  /**
   * Power back: a note in the acceptor was pushed out of the front (E1), one in the stacker into
   * the box (E2, counted as stacked). Returns the events the first POLL reports.
   */
  powerUp(): number[] {
    const note = this.note;
    if (!note) return [];
    if (IN_ACCEPTOR.includes(this.p)) {
      const channel = this.p === 'reading' ? 0 : note.channel;
      this.finish(() => this.out.returned(note.fen));
      return [Event.CLEARED_FROM_FRONT, channel];
    }
    this.finish(() => this.out.stacked(note.fen));
    return [Event.CLEARED_TO_CASHBOX, note.channel];
  }

  /**
   * A fault cleared (time stood still meanwhile): a note in the acceptor is handed back; one
   * stacking goes into the box with no CREDIT, so the host never learns its fate from the device.
   */
  faultCleared(): void {
    const note = this.note;
    if (!note) return;
    if (this.p === 'reading' || this.p === 'validated' || this.p === 'escrow') {
      this.startReject(UNABLE_TO_STACK);
    } else if (this.p === 'stacking') {
      this.finish(() => this.out.stacked(note.fen));
    }
  }

  private startReject(code: number): void {
    this.rejectCode = code;
    this.p = 'rejecting';
  }

  private finish(outcome: () => void): void {
    this.note = null;
    this.p = 'idle';
    outcome();
  }
}
