// The kiosk's side of the bank-card module: every call with a time limit, every answer checked
// against the contract, and the rule that protects the customer from being charged twice: after
// an unknown outcome the reference is queried before anything else, and paid again only when
// the module says it never took it. Never rejects.
import type { ZodType } from 'zod';
import {
  type BankCardCancelResult,
  BankCardCancelResult as CancelSchema,
  type BankCardModule,
  BankCardOutcome,
  BankCardQueryResult,
  BankCardReference,
} from './bank-card-module';

export interface BankCardClientOptions {
  /** The customer inserts the card and types the PIN within this. */
  payTimeoutMs?: number;
  /** For query and cancel. */
  callTimeoutMs?: number;
  /** Queries after an unknown outcome before giving up as unknown. */
  queryAttempts?: number;
  queryIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  logger?: { warn(obj: object, msg: string): void };
}

export type BankCardPayResult = BankCardOutcome;
/** `notFound`: the module never took the reference, so no money moved. */
export type BankCardResolution = BankCardQueryResult;

export class BankCardClient {
  /** References whose last outcome was unknown: the next step for them is a query. */
  private readonly unsettled = new Set<string>();

  constructor(
    private readonly module: BankCardModule,
    private readonly o: BankCardClientOptions = {},
  ) {}

  isUnsettled(reference: string): boolean {
    return this.unsettled.has(reference);
  }

  async pay(amountFen: number, reference: string): Promise<BankCardPayResult> {
    if (!Number.isSafeInteger(amountFen) || amountFen <= 0)
      return { result: 'declined', reason: `invalid amount ${amountFen}` };
    if (!BankCardReference.safeParse(reference).success)
      return { result: 'declined', reason: 'invalid reference' };
    if (this.unsettled.has(reference)) {
      const earlier = await this.resolve(reference);
      if (earlier.result !== 'notFound') return earlier;
    }
    this.unsettled.add(reference);
    const outcome = await this.ask(
      'pay',
      () => this.module.pay(amountFen, reference),
      BankCardOutcome,
      this.o.payTimeoutMs ?? 120_000,
    );
    if (outcome.result !== 'unknown') {
      this.unsettled.delete(reference);
      return maskOutcome(outcome);
    }
    this.o.logger?.warn({ reference, reason: outcome.reason }, 'bank card: outcome unknown');
    const settled = await this.resolve(reference);
    if (settled.result === 'notFound')
      return { result: 'declined', reason: 'not charged: the module has no record of it' };
    return settled;
  }

  /**
   * What became of a reference, by queries only (never pays): after an unknown outcome, and at
   * start for attempts the journal left open.
   */
  async resolve(reference: string): Promise<BankCardResolution> {
    const attempts = Math.max(1, this.o.queryAttempts ?? 3);
    let last: BankCardResolution = { result: 'unknown', reason: 'not queried' };
    for (let i = 0; i < attempts; i++) {
      if (i > 0) await (this.o.sleep ?? sleep)(this.o.queryIntervalMs ?? 2000);
      last = await this.ask(
        'query',
        () => this.module.query(reference),
        BankCardQueryResult,
        this.o.callTimeoutMs ?? 10_000,
      );
      if (last.result !== 'unknown') {
        this.unsettled.delete(reference);
        return maskOutcome(last);
      }
    }
    this.unsettled.add(reference);
    return last;
  }

  async cancel(reference: string): Promise<BankCardCancelResult> {
    return this.ask(
      'cancel',
      () => this.module.cancel(reference),
      CancelSchema,
      this.o.callTimeoutMs ?? 10_000,
    );
  }

  /** One module call: a throw, a timeout or an answer outside the contract is `unknown`. */
  private async ask<T>(
    what: string,
    call: () => Promise<unknown>,
    schema: ZodType<T>,
    timeoutMs: number,
  ): Promise<T | { result: 'unknown'; reason: string }> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const answer = await Promise.race([
        call(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
      const parsed = schema.safeParse(answer);
      if (parsed.success) return parsed.data;
      return { result: 'unknown', reason: `${what}: answer outside the contract` };
    } catch (err) {
      return { result: 'unknown', reason: `${what}: ${(err as Error).message}` };
    } finally {
      clearTimeout(timer);
    }
  }
}

function maskOutcome<T extends { result: string }>(outcome: T): T {
  if (!('maskedPan' in outcome) || typeof outcome.maskedPan !== 'string') return outcome;
  return { ...outcome, maskedPan: maskPan(outcome.maskedPan) };
}

/**
 * At most the first 6 and last 4 digits stay visible (PCI DSS), whatever the module sent, even
 * a full card number: `6228480012345678901` → `622848*********8901`.
 */
export function maskPan(pan: string): string {
  const total = pan.replace(/[^0-9]/g, '').length;
  let i = 0;
  return pan.replace(/[0-9]/g, (d) => {
    const keep = i < 6 || i >= total - 4;
    i++;
    return keep ? d : '*';
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
