// The kiosk's real write-off machinery against a real gateway simulator over HTTP: a journal on
// a temp file, the outbox, the SyncWorker, the GatewayClient and gatewayWriteOffPort. A payment
// is journalled the way the host does it (src/host/session-actors.ts), then the worker runs
// until the payment settles. The worker's clock can jump ahead over Retry-After waits, so a
// long outage costs rounds, not seconds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openJournal, type JournalDb } from '../../offline-queue/open-journal';
import { Outbox } from '../../offline-queue/outbox';
import { PaymentJournal, type PaymentRow } from '../../offline-queue/payment-journal';
import { SyncWorker, type WriteOffPort } from '../../offline-queue/sync-worker';
import { GatewayClient } from '../../src/gateway/client';
import type { PaymentRequest, Quote } from '../../src/gateway/contract';
import { gatewayWriteOffPort } from '../../src/gateway/write-off-port';
import { businessDay, shanghaiIso } from '../../src/time/shanghai';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';
import { startGatewaySim, type GatewaySim } from '../../sim/gateway/server';
import type { RequestRecord } from '../../sim/gateway/sim-stats';

export const TERMINAL = 'SH-XH-WK-0007';
/** The client gives up after this long; the timeout and slow faults go beyond it. */
export const CLIENT_TIMEOUT_MS = 300;

export const PAYMENT_ROUTE = 'POST /v1/payments';
export const QUERY_ROUTE = 'GET /v1/payments/:serial';

export interface Unknown {
  wait: number;
  reason: string;
}

export interface JumpClock {
  (): number;
  jump(ms: number): void;
}

export interface Harness {
  sim: GatewaySim;
  client: GatewayClient;
  /** The kiosk's journal connection, journal, outbox and worker: replaced by restart(). */
  db: JournalDb;
  journal: PaymentJournal;
  outbox: Outbox;
  worker: SyncWorker;
  /** The worker's and journal's clock: real time plus the jumps made by settle(). */
  clock: JumpClock;
  /** Every "write-off outcome unknown" the worker logged: its wait and reason. */
  unknowns: Unknown[];
  /**
   * The kiosk process dies and starts again: the worker is abandoned where it is (an attempt in
   * flight never settles), and a new connection, journal, outbox and worker open the same file.
   */
  restart(opts?: HarnessOptions): void;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Wraps the real write-off port (a misbehaving worker, or a process that dies mid-call). */
  port?: (real: WriteOffPort) => WriteOffPort;
}

/** A write-off port whose calls reach the gateway but never come back: the process died. */
export function dyingPort(real: WriteOffPort): WriteOffPort {
  const never = new Promise<never>(() => undefined);
  return {
    submit: (serial, body) => {
      void real.submit(serial, body);
      return never;
    },
    query: (serial) => {
      void real.query(serial);
      return never;
    },
  };
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const sim = await startGatewaySim({ dbPath: ':memory:', port: 0 });
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-fault-matrix-'));
  const file = path.join(dir, 'journal.sqlite');
  let skew = 0;
  const clock: JumpClock = Object.assign(() => Date.now() + skew, {
    jump: (ms: number) => {
      skew += ms;
    },
  });
  const client = new GatewayClient({
    baseUrl: sim.url,
    terminalId: TERMINAL,
    secret: DEMO_TERMINALS[TERMINAL] ?? '',
    timeoutMs: CLIENT_TIMEOUT_MS,
  });
  const unknowns: Unknown[] = [];
  const kiosk = (o: HarnessOptions) => {
    const db = openJournal(file);
    const journal = new PaymentJournal(db, clock);
    const outbox = new Outbox(db);
    const worker = new SyncWorker({
      db,
      journal,
      outbox,
      port: (o.port ?? ((real) => real))(gatewayWriteOffPort(client)),
      clock,
      baseDelayMs: 10,
      maxDelayMs: 100,
      log: (_level, obj, msg) => {
        if (msg !== 'write-off outcome unknown') return;
        const { wait, reason } = obj as Partial<Unknown>;
        unknowns.push({ wait: wait ?? -1, reason: reason ?? '?' });
      },
    });
    return { db, journal, outbox, worker };
  };
  const h: Harness = {
    sim,
    client,
    ...kiosk(opts),
    clock,
    unknowns,
    restart: (o = {}) => {
      h.worker.stop();
      h.db.close();
      Object.assign(h, kiosk(o));
    },
    close: async () => {
      h.worker.stop();
      h.db.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

/** Greedy banknotes (100, 50, 20, 10, 5, 1 yuan) for an amount in whole yuan. */
export function notesFor(amount: number): number[] {
  if (amount % 100 !== 0) throw new Error(`${amount} fen is not whole banknotes`);
  const notes: number[] = [];
  let rest = amount;
  for (const value of [10000, 5000, 2000, 1000, 500, 100]) {
    while (rest >= value) {
      notes.push(value);
      rest -= value;
    }
  }
  return notes;
}

export interface Captured {
  paymentId: number;
  serial: string;
  amount: number;
  quote: Quote;
}

/**
 * A real quote from the simulator, then the host's journalling: create → startCollecting →
 * escrow and stack each note → captureFunds with the write-off body (PaymentRequest JSON).
 * `amount(due)` picks what the customer inserts; by default whole 100-yuan notes covering it.
 */
export async function capturePayment(
  h: Harness,
  billerId: string,
  account: string,
  amount: (due: number) => number = (due) => Math.ceil(due / 10000) * 10000,
): Promise<Captured> {
  const billers = await h.client.billers();
  const reply = await h.client.queryBills({ billerId, account });
  if (!billers.ok || !reply.ok) throw new Error(`no quote for ${billerId} ${account}`);
  const biller = billers.body.billers.find((b) => b.id === billerId);
  if (!biller) throw new Error(`no biller ${billerId}`);
  const quote = reply.body;
  const row = h.journal.create({
    terminalId: TERMINAL,
    businessDay: businessDay(h.clock()),
    billerId,
    account: quote.account,
    quoteId: quote.quoteId,
    quoteJson: JSON.stringify(quote),
    amountDue: quote.totalDue,
    acceptsOverpayment: biller.acceptsOverpayment,
    method: 'cash',
  });
  h.journal.startCollecting(row.id);
  for (const value of notesFor(amount(quote.totalDue))) {
    h.journal.recordStacked(row.id, h.journal.recordEscrow(row.id, value));
  }
  const p = h.journal.get(row.id);
  const body: PaymentRequest = {
    agentSerial: p.agentSerial,
    quoteId: p.quoteId,
    billerId: p.billerId,
    account: p.account,
    amount: p.collected,
    method: 'cash',
    tender: { notes: h.journal.stackedNotes(p.id) },
    collectedAt: shanghaiIso(h.clock()),
  };
  h.journal.captureFunds(p.id, JSON.stringify(body));
  return { paymentId: p.id, serial: p.agentSerial, amount: p.collected, quote };
}

const SETTLED: readonly PaymentRow['state'][] = ['WRITTEN_OFF', 'REFUND_REQUIRED'];

function outboxRow(db: JournalDb, paymentId: number) {
  return db
    .prepare(
      `SELECT attempts, next_attempt_at AS nextAttemptAt, done_at AS doneAt FROM outbox
       WHERE payment_id = ? ORDER BY id DESC LIMIT 1`,
    )
    .get(paymentId) as { attempts: number; nextAttemptAt: number; doneAt: number | null };
}

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`no progress within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/**
 * Kicks the worker round after round (jumping its clock to the next due attempt, so that a
 * Retry-After costs no real time) until the payment settles; the number of rounds it took.
 */
export async function settle(h: Harness, paymentId: number, maxRounds = 40): Promise<number> {
  const { clock } = h;
  for (let round = 1; round <= maxRounds; round++) {
    const before = outboxRow(h.db, paymentId);
    const wait = before.nextAttemptAt - clock();
    if (wait > 0) clock.jump(wait);
    h.worker.kick();
    await until(() => {
      const now = outboxRow(h.db, paymentId);
      return now.doneAt !== null || now.attempts > before.attempts;
    }, 5_000);
    if (SETTLED.includes(h.journal.get(paymentId).state)) return round;
  }
  throw new Error(`payment ${paymentId} not settled after ${maxRounds} rounds`);
}

/**
 * Query before retry, as the simulator saw it: the first request about the serial is the
 * POST, and every further POST comes right after a GET of the serial that was answered 404.
 * Returns the problems found (empty when the rule held).
 */
export function queryBeforeRetryViolations(records: RequestRecord[]): string[] {
  const calls = records.filter((r) => r.route === PAYMENT_ROUTE || r.route === QUERY_ROUTE);
  const problems: string[] = [];
  if (calls[0]?.route !== PAYMENT_ROUTE) problems.push('the first call is not the POST');
  calls.forEach((call, i) => {
    if (i === 0 || call.route !== PAYMENT_ROUTE) return;
    const prev = calls[i - 1];
    if (prev?.route !== QUERY_ROUTE || prev.status !== 404) {
      problems.push(
        `POST #${call.seq} follows ${prev?.route ?? 'nothing'} → ${String(prev?.status)}, not a 404 query`,
      );
    }
  });
  return problems;
}

/** A QR payment collecting for a fresh sh-gas quote from the simulator (no attempt yet). */
export async function collectingQrPayment(h: Harness): Promise<{ id: number; due: number }> {
  const ask = () => h.client.queryBills({ billerId: 'sh-gas', account: '50012345' });
  let quote = await ask();
  // The harness's client times out fast (300 ms); a cold simulator may need a second try.
  for (let i = 0; !quote.ok && i < 5; i++) quote = await ask();
  if (!quote.ok) throw new Error('no quote');
  const p = h.journal.create({
    terminalId: TERMINAL,
    businessDay: '20261126',
    billerId: 'sh-gas',
    account: '50012345',
    quoteId: quote.body.quoteId,
    quoteJson: JSON.stringify(quote.body),
    amountDue: quote.body.totalDue,
    acceptsOverpayment: true,
    method: 'qr',
  });
  h.journal.startCollecting(p.id);
  return { id: p.id, due: quote.body.totalDue };
}
