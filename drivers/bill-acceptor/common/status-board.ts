// An acceptor driver's published status: a log line on every change of device state or detail,
// and listeners called inside try/catch, so a faulty listener can never break the poll loop.
import type { DeviceHistory } from '../../diagnosis';
import type { BillAcceptorStatus } from '../bill-acceptor';
import type { DriverLogger } from './driver-logger';

export class StatusBoard {
  private current: BillAcceptorStatus = {
    device: 'offline',
    stacker: 'ok',
    escrow: null,
    denominations: [],
    detail: 'not started',
  };
  private readonly listeners = new Set<(status: BillAcceptorStatus) => void>();

  /** `name` prefixes the log messages, e.g. 'id003'; `history` records each change. */
  constructor(
    private readonly log: DriverLogger,
    private readonly name: string,
    private readonly history?: DeviceHistory,
  ) {}

  /** A copy: callers cannot change the driver's state through it. */
  get status(): BillAcceptorStatus {
    return { ...this.current, denominations: [...this.current.denominations] };
  }

  get device(): BillAcceptorStatus['device'] {
    return this.current.device;
  }

  get stacker(): BillAcceptorStatus['stacker'] {
    return this.current.stacker;
  }

  listen(listener: (status: BillAcceptorStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  update(patch: Partial<BillAcceptorStatus>): void {
    const prev = this.current;
    const next = { ...prev, ...patch };
    const changed =
      next.device !== prev.device ||
      next.stacker !== prev.stacker ||
      next.escrow !== prev.escrow ||
      next.detail !== prev.detail ||
      next.denominations.join() !== prev.denominations.join();
    if (!changed) return;
    this.current = next;
    if (next.device !== prev.device || next.detail !== prev.detail) {
      const level = next.device === 'hardwareError' || next.device === 'offline' ? 'warn' : 'info';
      this.log[level]({ device: next.device, detail: next.detail }, `${this.name}: status`);
      this.history?.status(next.device, next.detail);
    }
    for (const listener of this.listeners) {
      try {
        listener(this.status);
      } catch (err) {
        this.log.error({ err }, `${this.name}: status listener failed`);
      }
    }
  }
}
