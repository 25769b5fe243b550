// The cash box of an emulated acceptor: every note that reached it, by value. Both emulators
// count into one; SSP reports it to the host (GET COUNTERS), ID-003 only to the tests.
import type { EventEmitter } from 'node:events';
import type { AcceptorEmulatorEvents } from './acceptor-emulator';

export class EmulatedCashBox {
  private stacked = 0;
  private byValue: Record<number, number> = {};

  constructor(private readonly events: EventEmitter<AcceptorEmulatorEvents>) {}

  /** A note dropped into the box: counted, and told to whoever watches the device. */
  add(fen: number): void {
    this.stacked++;
    this.byValue[fen] = (this.byValue[fen] ?? 0) + 1;
    this.events.emit('stacked', fen);
  }

  counters(): { stacked: number; byValue: Record<number, number> } {
    return { stacked: this.stacked, byValue: { ...this.byValue } };
  }

  /** The device's counters set back to zero (SSP RESET COUNTERS). */
  reset(): void {
    this.stacked = 0;
    this.byValue = {};
  }
}
