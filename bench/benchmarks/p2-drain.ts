// P2: the drain of 10,000 payments queued during an outage into the local gateway simulator.
// Value: the drain rate ÷ the simulator's own capacity measured in the same run, at the
// concurrency the sync worker uses (one request at a time). Target ≥ 0.5.
//
// Setup (not timed): the simulator runs as its own process on a temp store. Every payment
// must be accepted: each seeded account with bills is paid once, the rest are 100-yuan top-ups
// (prepaid credit) of fully paid accounts whose biller accepts overpayment. Each payment is
// journalled as the host's session actors do it (create, collect notes, captureFunds with the
// host's request body) while nothing reaches the gateway, so every one is FUNDS_CAPTURED with
// an open outbox row. With BENCH_P2_OUTAGE=attempted the real SyncWorker first tries
// each against a dead port, as it would during a real outage, leaving them WRITEOFF_UNKNOWN,
// so the drain queries before it re-sends (two requests a payment).
//
// Capacity: signed POST /v1/payments (new serial each, to a fully paid account: prepaid
// credit) from a tight loop of the same GatewayClient, with 1 and with 4 clients in flight,
// before the drain; and with 1 again after it. The ratio uses the higher of the two
// 1-client figures.
//
// Drain: a child process (p2-drain-child.ts) opens the journal and, when told the network is
// back, runs the host's SyncWorker until every payment is settled; its RSS is sampled here.
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { openJournal } from '../../offline-queue/open-journal';
import { Outbox } from '../../offline-queue/outbox';
import { PaymentJournal } from '../../offline-queue/payment-journal';
import { SyncWorker } from '../../offline-queue/sync-worker';
import { DEMO_ACCOUNTS, DEMO_BILLERS, DEMO_TERMINALS } from '../../sim/gateway/seed';
import { GatewayClient } from '../../src/gateway/client';
import type { PaymentRequest, Quote } from '../../src/gateway/contract';
import { gatewayWriteOffPort } from '../../src/gateway/write-off-port';
import { businessDate, shanghaiIso } from '../../src/time/shanghai';
import {
  processUsage,
  productionNodeFlags,
  sleep,
  startNode,
  stopChild,
  type Benchmark,
} from '../harness';
import {
  captureCashPayment,
  envNumber,
  machineLoad,
  notesFor,
  percentile,
  round,
  scratchDir,
} from './support';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TERMINAL = 'SH-XH-WK-0007';
const TARGET_RATIO = 0.5;
const JOURNAL_BATCH = 500;
const SETUP_CONCURRENCY = 4;
const MULTI_CLIENTS = 4;
/** Top-ups sharing one quote: only the setup gets quicker. */
const QUOTE_SHARE = 10;

/** Runs `task(i)` for i < n with `concurrency` in flight; results in order. */
async function pool<T>(n: number, concurrency: number, task: (i: number) => Promise<T>) {
  const out: T[] = new Array<T>(n);
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const i = next++;
      out[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return out;
}

async function quote(client: GatewayClient, billerId: string, account: string): Promise<Quote> {
  let reply = await client.queryBills({ billerId, account });
  // After the synchronous journal setup a pooled keep-alive socket may have been closed by
  // the server meanwhile: one retry, as a kiosk customer would tap again.
  if (!reply.ok && reply.kind === 'unreachable')
    reply = await client.queryBills({ billerId, account });
  if (!reply.ok) throw new Error(`bill query ${billerId} ${account}: ${JSON.stringify(reply)}`);
  return reply.body;
}

interface Capacity {
  perSecond: number;
  accepted: number;
  failed: number;
  latencyMs: { p50: number; p99: number };
}

/** Accepted write-offs per second from `clients` tight loops, each waiting for its answer. */
async function capacity(
  client: GatewayClient,
  quotes: readonly Quote[],
  clients: number,
  seconds: number,
  tag: string,
): Promise<Capacity> {
  let accepted = 0;
  let failed = 0;
  const latencies: number[] = [];
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  const loop = async (k: number) => {
    for (let i = 0; performance.now() < end; i++) {
      const q = quotes[(k + i) % quotes.length];
      if (!q) throw new Error('no quote');
      const body: PaymentRequest = {
        agentSerial: `${TERMINAL}-CAP${tag}${k}-${String(i).padStart(7, '0')}`,
        quoteId: q.quoteId,
        billerId: q.billerId,
        account: q.account,
        amount: 10_000,
        method: 'cash',
        tender: { notes: [{ value: 10_000, count: 1 }] },
        collectedAt: shanghaiIso(Date.now()),
      };
      const t = performance.now();
      const reply = await client.submitPayment(JSON.stringify(body));
      latencies.push(performance.now() - t);
      if (reply.ok && reply.body.status === 'written_off') accepted++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, k) => loop(k)));
  const elapsed = (performance.now() - t0) / 1000;
  return {
    perSecond: round(accepted / elapsed, 1),
    accepted,
    failed,
    latencyMs: {
      p50: round(percentile(latencies, 50), 3),
      p99: round(percentile(latencies, 99), 3),
    },
  };
}

/** Request counts per route from the simulator's admin endpoint, or null if it has none. */
async function simRequests(url: string): Promise<Record<string, number> | null> {
  try {
    const res = await fetch(`${url}/__sim/stats`);
    if (!res.ok) return null;
    const body = (await res.json()) as { requests?: { byRoute?: Record<string, number> } };
    return body.requests?.byRoute ?? null;
  } catch {
    return null;
  }
}

function diff(after: Record<string, number> | null, before: Record<string, number> | null) {
  if (!after || !before) return null;
  return Object.fromEntries(
    Object.entries(after)
      .map(([k, v]) => [k, v - (before[k] ?? 0)] as const)
      .filter(([, v]) => v > 0),
  );
}

/** A loopback port nobody listens on: "the network is down". */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** The real worker tries every queued payment once against a dead port (a real outage). */
async function attemptDuringOutage(file: string): Promise<void> {
  const db = openJournal(file);
  const journal = new PaymentJournal(db);
  const outbox = new Outbox(db);
  const client = new GatewayClient({
    baseUrl: `http://127.0.0.1:${await deadPort()}`,
    terminalId: TERMINAL,
    secret: DEMO_TERMINALS[TERMINAL] ?? '',
    timeoutMs: 8_000,
  });
  const worker = new SyncWorker({
    db,
    journal,
    outbox,
    port: gatewayWriteOffPort(client),
    businessDay: businessDate,
  });
  const untried = db.prepare(
    'SELECT count(*) AS n FROM outbox WHERE attempts = 0 AND done_at IS NULL',
  );
  worker.kick();
  while ((untried.get() as { n: number }).n > 0) await sleep(100);
  await worker.stop(); // the attempt in flight settles first
  db.close();
}

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onData = (d: Buffer) => {
      out += String(d);
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve(m[1] ?? '');
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`drain process exited ${code} before ${pattern}`));
    });
  });
}

export const p2: Benchmark = {
  id: 'P2',
  title: 'drain of 10,000 queued payments after an outage, against the simulator’s capacity',
  async run() {
    const payments = Math.round(envNumber('BENCH_P2_PAYMENTS', 10_000));
    const capSeconds = envNumber('BENCH_P2_CAPACITY_SECONDS', 6);
    const outage = process.env.BENCH_P2_OUTAGE === 'attempted' ? 'attempted' : 'captured';
    const dir = scratchDir('kiosk-p2-', process.env.BENCH_DIR || undefined);
    const journalFile = path.join(dir, 'journal.sqlite');
    const sim = await startNode(
      path.join(ROOT, 'sim/gateway/cli.ts'),
      ['--port', '0', '--db', path.join(dir, 'gateway.sqlite')],
      /listening on (http:\/\/\S+)/,
    );
    let drain: ChildProcess | null = null;
    try {
      const url = sim.match[1] ?? '';
      const client = new GatewayClient({
        baseUrl: url,
        terminalId: TERMINAL,
        secret: DEMO_TERMINALS[TERMINAL] ?? '',
        timeoutMs: 8_000,
      });

      // 10,000 payments the simulator accepts, each of them: every account with bills is paid
      // once (its quote's total, in notes); every other payment is a 100-yuan top-up of a fully
      // paid account (totalDue 0) of a biller that accepts overpayment, i.e. prepaid credit.
      // Cable TV refuses overpayment and the locked account refuses everything: left out.
      const overpayable = new Set(
        DEMO_BILLERS.filter((b) => b.acceptsOverpayment).map((b) => b.id),
      );
      const usable = DEMO_ACCOUNTS.filter((a) => !a.locked && overpayable.has(a.billerId));
      const withBills = usable.filter((a) => a.bills.length > 0);
      const paidUp = usable.filter((a) => a.bills.length === 0);
      const left = DEMO_ACCOUNTS.filter((a) => !usable.includes(a)).map(
        (a) => `${a.billerId} ${a.account} (${a.locked ? 'locked' : 'refuses overpayment'})`,
      );
      const t0 = performance.now();
      const billQuotes = await Promise.all(
        withBills.map((a) => quote(client, a.billerId, a.account)),
      );
      const topUps = payments - billQuotes.length;
      const topUpQuotes = await pool(Math.ceil(topUps / QUOTE_SHARE), SETUP_CONCURRENCY, (i) => {
        const a = paidUp[i % paidUp.length];
        if (!a) throw new Error('no fully paid account');
        return quote(client, a.billerId, a.account);
      });
      const plan: { q: Quote; notes: number[] }[] = [
        ...billQuotes.map((q) => ({ q, notes: notesFor(q.totalDue) })),
        ...Array.from({ length: topUps }, (_, j) => {
          const q = topUpQuotes[Math.floor(j / QUOTE_SHARE)];
          if (!q) throw new Error('no quote');
          return { q, notes: [10_000] };
        }),
      ];
      const quoteSeconds = (performance.now() - t0) / 1000;

      const t1 = performance.now();
      const db = openJournal(journalFile);
      const journal = new PaymentJournal(db);
      for (let i = 0; i < payments; i += JOURNAL_BATCH) {
        // Batches only make the setup quicker: each payment is still its own savepoint.
        db.transaction(() => {
          for (const { q, notes } of plan.slice(i, i + JOURNAL_BATCH)) {
            captureCashPayment(journal, Date.now(), {
              terminalId: TERMINAL,
              billerId: q.billerId,
              account: q.account,
              quoteId: q.quoteId,
              quoteJson: JSON.stringify(q),
              amountDue: q.totalDue,
              notes,
            });
          }
        })();
      }
      const queued = journal.pendingSync();
      db.close();
      if (outage === 'attempted') await attemptDuringOutage(journalFile);
      const journalSeconds = (performance.now() - t1) / 1000;

      const capacityQuotes = await Promise.all(
        paidUp.map((a) => quote(client, a.billerId, a.account)),
      );
      const oneBefore = await capacity(client, capacityQuotes, 1, capSeconds, 'A');
      const many = await capacity(client, capacityQuotes, MULTI_CLIENTS, capSeconds, 'B');

      const simPid = sim.child.pid ?? 0;
      const requestsBefore = await simRequests(url);
      const child = await startNode(
        path.join(ROOT, 'bench/benchmarks/p2-drain-child.ts'),
        [journalFile, url],
        /ready (\{.*\})/,
        {},
        productionNodeFlags(),
      );
      drain = child.child;
      const pid = drain.pid ?? 0;
      await sleep(1_000); // settle: JIT, GC
      const rssBefore = processUsage(pid).rssMb;
      const simBefore = processUsage(simPid);
      const rss: number[] = [rssBefore];
      const sampler = setInterval(() => {
        try {
          rss.push(processUsage(pid).rssMb);
        } catch {
          // The child has exited.
        }
      }, 100);
      const done = waitForLine(drain, /done (\{.*\})\n/, 600_000);
      const tDrain = performance.now();
      drain.kill('SIGUSR2');
      let result: Record<string, unknown>;
      try {
        const line = await done;
        result = JSON.parse(line) as Record<string, unknown>;
      } finally {
        clearInterval(sampler);
      }
      const wallSeconds = (performance.now() - tDrain) / 1000;
      const simAfter = processUsage(simPid);
      const requestsAfter = await simRequests(url);
      const oneAfter = await capacity(client, capacityQuotes, 1, capSeconds, 'C');

      const drainMs = Number(result.drainMs);
      const settled = Number(result.settled);
      const refused = Number(result.refused);
      const drainRate = settled / (drainMs / 1000);
      const comparable = Math.max(oneBefore.perSecond, oneAfter.perSecond);
      const ratio = drainRate / comparable;
      const perRoute = diff(requestsAfter, requestsBefore);
      const requestCount = perRoute ? Object.values(perRoute).reduce((a, b) => a + b, 0) : null;
      return {
        value: round(ratio, 3),
        unit: '× simulator capacity (1 client)',
        target: `≥ ${TARGET_RATIO} (drain payments/s ÷ accepted POST /v1/payments/s, 1 client, same run)`,
        met: ratio >= TARGET_RATIO && refused === 0 && settled === payments,
        detail: {
          payments,
          outage,
          drainSeconds: round(drainMs / 1000, 2),
          drainPaymentsPerSecond: round(drainRate, 1),
          capacityOneClientPerSecond: { before: oneBefore, after: oneAfter },
          capacityFourClientsPerSecond: many,
          ratioBasis:
            'the higher 1-client capacity: the SyncWorker processes one outbox row at a time',
          ratioVsFourClients: round(drainRate / many.perSecond, 3),
          writtenOff: settled - refused,
          refused,
          unknownOutcomes: result.unknownOutcomes,
          journalStates: result.states,
          paymentsThatPaidBills: result.paidBills,
          gatewayRequestsDuringDrain: perRoute,
          load: machineLoad(),
          requestsPerPayment: requestCount === null ? null : round(requestCount / settled, 2),
          hostRssMb: {
            before: rssBefore,
            after: result.rssMbAfter,
            peak: Math.max(...rss),
            heapUsedAfter: result.heapUsedMbAfter,
          },
          hostCpuPercentDuringDrain: result.cpuPercent,
          simulatorRssMb: { before: round(simBefore.rssMb, 1), after: round(simAfter.rssMb, 1) },
          simulatorCpuPercentDuringDrain: round(
            ((simAfter.cpuSeconds - simBefore.cpuSeconds) / wallSeconds) * 100,
            1,
          ),
          workerSource: process.env.BENCH_P2_WORKER ?? 'offline-queue/sync-worker.ts',
          journalSource: process.env.BENCH_P2_JOURNAL ?? 'offline-queue/payment-journal.ts',
          host: 'a child process (bench/benchmarks/p2-drain-child.ts) with the host’s SyncWorker, GatewayClient and write-off port on a journal with WAL + synchronous=FULL; RSS from /proc every 100 ms',
          setup: {
            queuedPendingSync: queued,
            billPayments: billQuotes.length,
            topUps,
            quotes: `one bill query per account with bills, one per ${QUOTE_SHARE} top-ups (the simulator does not consume quotes)`,
            accountsPaid: withBills.map((a) => `${a.billerId} ${a.account}`),
            accountsToppedUp: paidUp.map((a) => `${a.billerId} ${a.account}`),
            accountsLeftOut: left,
            quoteSeconds: round(quoteSeconds, 1),
            journalSeconds: round(journalSeconds, 1),
          },
          dir: path.dirname(dir),
        },
      };
    } finally {
      if (drain) await stopChild(drain);
      await stopChild(sim.child);
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
