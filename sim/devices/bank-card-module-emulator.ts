// A certified bank-card module, scripted: each pay() takes the next step of the script
// (approve, decline, never answer, or answer "unknown" having charged or not), and query()
// tells the truth from the module's own records, after `queryUnknownTimes` unknowns if set.
// It counts charges per reference, so a test can prove no one is charged twice.
import type {
  BankCardCancelResult,
  BankCardModule,
  BankCardOutcome,
  BankCardQueryResult,
} from '../../drivers/card-reader/bank-card-module';

export type BankCardStep =
  | 'approve'
  | 'decline'
  /** No answer at all; `charged` says whether the money moved anyway. */
  | { timeout: true; charged: boolean }
  /** Answers unknown; the money moved (query: approved) or not (query: declined / notFound). */
  | 'unknownThenApproved'
  | 'unknownThenDeclined'
  | 'unknownNotFound';

interface Txn {
  amountFen: number;
  state: 'approved' | 'declined' | 'cancelled';
  authCode: string;
}

export class BankCardModuleEmulator implements BankCardModule {
  readonly calls: { op: 'pay' | 'query' | 'cancel'; reference: string; amountFen?: number }[] = [];
  /** Steps for the coming pay() calls; an empty script approves. */
  script: BankCardStep[] = [];
  /** The next this-many queries answer unknown (the module is busy or the link flaky). */
  queryUnknownTimes = 0;
  /** What the module reports as the masked card number (a bad module might send it whole). */
  maskedPan = '622848******1234';
  private readonly txns = new Map<string, Txn>();
  private readonly chargeCount = new Map<string, number>();
  private nextAuth = 100001;

  /** How many times money was taken under the reference. */
  charges(reference: string): number {
    return this.chargeCount.get(reference) ?? 0;
  }

  async pay(amountFen: number, reference: string): Promise<BankCardOutcome> {
    this.calls.push({ op: 'pay', reference, amountFen });
    if (this.txns.get(reference)?.state === 'approved')
      return { result: 'declined', reason: 'duplicate reference' };
    const step = this.script.shift() ?? 'approve';
    if (typeof step === 'object') {
      this.record(reference, amountFen, step.charged);
      return new Promise<never>(() => undefined);
    }
    switch (step) {
      case 'approve':
        return this.approved(this.record(reference, amountFen, true));
      case 'decline':
        this.record(reference, amountFen, false);
        return { result: 'declined', reason: 'insufficient funds' };
      case 'unknownThenApproved':
        this.record(reference, amountFen, true);
        return { result: 'unknown', reason: 'host link timeout' };
      case 'unknownThenDeclined':
        this.record(reference, amountFen, false);
        return { result: 'unknown', reason: 'host link timeout' };
      case 'unknownNotFound':
        return { result: 'unknown', reason: 'card read error' };
    }
  }

  async query(reference: string): Promise<BankCardQueryResult> {
    this.calls.push({ op: 'query', reference });
    if (this.queryUnknownTimes > 0) {
      this.queryUnknownTimes--;
      return { result: 'unknown', reason: 'busy' };
    }
    const txn = this.txns.get(reference);
    if (!txn) return { result: 'notFound' };
    if (txn.state === 'approved') return this.approved(txn);
    return { result: 'declined', reason: txn.state === 'cancelled' ? 'cancelled' : 'declined' };
  }

  async cancel(reference: string): Promise<BankCardCancelResult> {
    this.calls.push({ op: 'cancel', reference });
    const txn = this.txns.get(reference);
    if (!txn) return { result: 'notFound' };
    if (txn.state !== 'approved') return { result: 'refused', reason: `payment ${txn.state}` };
    txn.state = 'cancelled';
    this.chargeCount.set(reference, this.charges(reference) - 1);
    return { result: 'cancelled' };
  }

  private record(reference: string, amountFen: number, charged: boolean): Txn {
    const txn: Txn = {
      amountFen,
      state: charged ? 'approved' : 'declined',
      authCode: String(this.nextAuth++),
    };
    this.txns.set(reference, txn);
    if (charged) this.chargeCount.set(reference, this.charges(reference) + 1);
    return txn;
  }

  private approved(txn: Txn): BankCardOutcome {
    return { result: 'approved', authCode: txn.authCode, maskedPan: this.maskedPan };
  }
}
