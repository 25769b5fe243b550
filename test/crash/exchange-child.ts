// The process the cash-box exchange kill loop kills: opens the journal as the host does
// (openJournal: WAL, synchronous=FULL) and runs the script's steps [from, to), printing
// `done <i>` after each and `end` after the last.
//
//   node exchange-child.mjs --journal FILE --seed N --steps N --from I [--to J]
//                           [--kill-at-write K] [--kill-after] [--write-delay-ms D]
//
// Prints `start <i>` before step i and `done <i>` once it has committed. --kill-at-write K: the
// process SIGKILLs itself inside the first step it runs, just before that step's write
// statement K (0-based), or, with K equal to the step's number of writes, just after its last
// write, before the commit. --kill-after: SIGKILLs itself after the last step's commit, before
// closing the journal. --write-delay-ms D: each write takes D ms longer (a slow disk), so a kill
// from outside often lands inside a transaction.
import { parseArgs } from 'node:util';
import { openJournal } from '../../offline-queue/open-journal';
import { ExchangeScriptRunner, WriteCounter, exchangeScript } from './exchange-script';

const { values } = parseArgs({
  options: {
    journal: { type: 'string' },
    seed: { type: 'string' },
    steps: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'kill-at-write': { type: 'string' },
    'write-delay-ms': { type: 'string' },
    'kill-after': { type: 'boolean' },
  },
  strict: true,
});
if (!values.journal || !values.seed || !values.steps || !values.from) {
  process.stderr.write('exchange-child: --journal, --seed, --steps and --from are required\n');
  process.exit(2);
}

const script = exchangeScript(Number(values.seed), Number(values.steps));
const from = Number(values.from);
const to = values.to === undefined ? script.length : Number(values.to);
const killAt = values['kill-at-write'] === undefined ? null : Number(values['kill-at-write']);
const delayMs = Number(values['write-delay-ms'] ?? 0);

function dieNow(): never {
  process.kill(process.pid, 'SIGKILL');
  // The signal is on its way; nothing more may run.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
  process.exit(99);
}

function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

const db = openJournal(values.journal);
// Before write K, or just after write K−1 (the same state; with K the step's number of writes,
// after its last write and before the commit).
const writes = new WriteCounter(db, {
  before: (done) => {
    if (killAt === done) dieNow();
    if (delayMs > 0) busyWait(delayMs);
  },
  after: (done) => {
    if (killAt === done) dieNow();
  },
});
const runner = new ExchangeScriptRunner(db);
process.stdout.write('ready\n');
for (let i = from; i < to; i++) {
  const step = script[i];
  if (!step) throw new Error(`no step ${i}`);
  writes.count = 0;
  process.stdout.write(`start ${i}\n`);
  runner.run(i, step);
  process.stdout.write(`done ${i}\n`);
}
// Killed after the last commit, before the connection closes (the WAL not checkpointed).
if (values['kill-after'] === true) dieNow();
db.close();
process.stdout.write('end\n');
