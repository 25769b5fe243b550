// The driver's protocol-neutral status and its listeners: a change is logged once and every
// listener is called inside try/catch, so a faulty listener cannot break the poll loop.
import type { BillAcceptorStatus } from '../bill-acceptor';
import type { DriverLogger } from '../id003/link';

export class StatusBoard {
  private readonly listeners = new Set<(status: BillAcceptorStatus) => void>();
  private current: BillAcceptorStatus = {
    device: 'offline',
    stacker: 'ok',
    escrow: null,
    denominations: [],
    detail: 'not started',
  };

  constructor(private readonly log: DriverLogger) {}

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
      this.log[level]({ device: next.device, detail: next.detail }, 'ssp: status');
    }
    for (const listener of this.listeners) {
      try {
        listener(this.status);
      } catch (err) {
        this.log.error({ err }, 'ssp: status listener failed');
      }
    }
  }
}
