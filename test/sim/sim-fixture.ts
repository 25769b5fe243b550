// A gateway simulator on an ephemeral port with an in-memory store and a hand-driven clock.
import { type PaymentRequest, Quote } from '../../src/gateway/contract';
import { startGatewaySim, type GatewaySim } from '../../sim/gateway/server';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';
import { signedFetch, type SignedOptions, type SimResponse } from './signed-fetch';

/** 2026-11-26 14:03:11 in Shanghai, the contract's example quote time. */
export const T0 = '2026-11-26T14:03:11.000+08:00';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export interface TestSim {
  sim: GatewaySim;
  now(): Date;
  advance(ms: number): void;
  get(path: string, opts?: SignedOptions): Promise<SimResponse>;
  post(path: string, body: unknown, opts?: SignedOptions): Promise<SimResponse>;
  /** A quote that must succeed, parsed with the contract schema. */
  quote(billerId: string, account: string): Promise<Quote>;
  close(): Promise<void>;
}

export interface TestSimOptions {
  start?: string;
  terminals?: Record<string, string>;
  /** Default ':memory:'. */
  dbPath?: string;
}

export async function startTestSim(opts: TestSimOptions = {}): Promise<TestSim> {
  let t = new Date(opts.start ?? T0);
  const now = () => t;
  const terminals = opts.terminals ?? DEMO_TERMINALS;
  const sim = await startGatewaySim({ dbPath: opts.dbPath ?? ':memory:', port: 0, now, terminals });
  const at = (opts?: SignedOptions) => ({ at: t.getTime(), ...opts });
  const test: TestSim = {
    sim,
    now,
    advance: (ms) => {
      t = new Date(t.getTime() + ms);
    },
    get: (path, opts) => signedFetch(sim.url, 'GET', path, undefined, at(opts)),
    post: (path, body, opts) => signedFetch(sim.url, 'POST', path, body, at(opts)),
    quote: async (billerId, account) => {
      const res = await test.post('/v1/bills/query', { billerId, account });
      if (res.status !== 200) throw new Error(`quote failed: ${JSON.stringify(res.body)}`);
      return Quote.parse(res.body);
    },
    close: () => sim.close(),
  };
  return test;
}

/** Cash tender for an amount: greedy notes, then coins for the rest. */
function cash(amount: number): PaymentRequest['tender'] {
  const pick = (values: number[], rest: number) => {
    const out: { value: number; count: number }[] = [];
    for (const value of values) {
      const count = Math.floor(rest / value);
      if (count > 0) out.push({ value, count });
      rest -= count * value;
    }
    return { out, rest };
  };
  const notes = pick([10000, 5000, 2000, 1000, 500, 100], amount);
  const coins = pick([50, 10, 5, 2, 1], notes.rest);
  return coins.out.length > 0 ? { notes: notes.out, coins: coins.out } : { notes: notes.out };
}

/** A payment body against a quote; cash by default, collected now unless told. */
export function paymentFor(
  quote: Quote,
  serial: string,
  amount: number,
  collectedAt: string,
  method: PaymentRequest['method'] = 'cash',
): PaymentRequest {
  const tender =
    method === 'cash'
      ? cash(amount)
      : method === 'qr'
        ? { qrPaymentId: `qr-${serial}` }
        : { cardRef: `card-${serial}` };
  return {
    agentSerial: serial,
    quoteId: quote.quoteId,
    billerId: quote.billerId,
    account: quote.account,
    amount,
    method,
    tender,
    collectedAt,
  };
}
