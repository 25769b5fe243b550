// The kiosk side of P2, in its own process so that its memory can be watched: opens the
// journal (argv[2]) and, on SIGUSR2 ("the network is back"), drains its outbox into the gateway
// (argv[3]) with the host's own parts: SyncWorker, GatewayClient, gatewayWriteOffPort, wired as
// src/host/money-services.ts wires them. Prints `ready {…}` once open and `done {…}` when every
// pending payment is settled.
//
// BENCH_P2_WORKER / BENCH_P2_JOURNAL=<file.ts> put another SyncWorker / PaymentJournal (e.g. a
// prototype in /tmp) in their place; each must export a class of the same shape.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openJournal } from '../../offline-queue/open-journal';
import { Outbox } from '../../offline-queue/outbox';
import * as realJournal from '../../offline-queue/payment-journal';
import * as realWorker from '../../offline-queue/sync-worker';
import { GatewayClient } from '../../src/gateway/client';
import { gatewayWriteOffPort } from '../../src/gateway/write-off-port';
import { businessDate } from '../../src/time/shanghai';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';

const [file = '', baseUrl = ''] = process.argv.slice(2);
const TERMINAL = 'SH-XH-WK-0007';
const rssMb = () => Number((process.memoryUsage().rss / 1024 / 1024).toFixed(1));

async function load<T>(variable: string, real: T): Promise<T> {
  const file = process.env[variable];
  return file ? ((await import(pathToFileURL(path.resolve(file)).href)) as T) : real;
}
const { PaymentJournal } = await load('BENCH_P2_JOURNAL', realJournal);
const { SyncWorker } = await load('BENCH_P2_WORKER', realWorker);

const db = openJournal(file);
const journal = new PaymentJournal(db);
const outbox = new Outbox(db);
const gateway = new GatewayClient({
  baseUrl,
  terminalId: TERMINAL,
  secret: DEMO_TERMINALS[TERMINAL] ?? '',
  timeoutMs: 8_000,
});
let unknown = 0;
const worker = new SyncWorker({
  db,
  journal,
  outbox,
  port: gatewayWriteOffPort(gateway),
  businessDay: businessDate,
  log: (level, _obj, msg) => {
    if (level === 'warn' && msg === 'write-off outcome unknown') unknown++;
  },
});
const pending = journal.pendingSync().count;
const states = () =>
  Object.fromEntries(
    (
      db.prepare('SELECT state, count(*) AS n FROM payment GROUP BY state').all() as {
        state: string;
        n: number;
      }[]
    ).map((r) => [r.state, r.n]),
  );

let settled = 0;
let refused = 0;
let t0 = 0;
let cpu0 = process.cpuUsage();
worker.on('settled', (e) => {
  settled++;
  if (e.state === 'REFUND_REQUIRED') refused++;
  if (settled < pending) return;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  void worker.stop(); // nothing is in flight: this was the last payment
  const withBills = (
    db
      .prepare(
        `SELECT count(*) AS n FROM payment WHERE state = 'WRITTEN_OFF'
         AND json_array_length(json_extract(result_json, '$.appliedToBills')) > 0`,
      )
      .get() as { n: number }
  ).n;
  const out = {
    pending,
    settled,
    refused,
    unknownOutcomes: unknown,
    drainMs: Number(ms.toFixed(1)),
    cpuPercent: Number((((cpu.user + cpu.system) / 1000 / ms) * 100).toFixed(1)),
    states: states(),
    openOutboxRows: outbox.nextDueAt() === null ? 0 : 'some',
    paidBills: withBills,
    rssMbAfter: rssMb(),
    heapUsedMbAfter: Number((process.memoryUsage().heapUsed / 1024 / 1024).toFixed(1)),
  };
  db.close();
  process.stdout.write(`done ${JSON.stringify(out)}\n`);
  process.exit(0);
});

// A signal handler alone does not keep Node running.
setInterval(() => undefined, 60_000);
process.once('SIGUSR2', () => {
  t0 = performance.now();
  cpu0 = process.cpuUsage();
  worker.kick();
});
process.stdout.write(`ready ${JSON.stringify({ pending, states: states(), rssMb: rssMb() })}\n`);
