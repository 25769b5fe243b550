// P5's measuring process: one acceptor protocol, the real driver over the in-process emulator
// binding, the host's cash-in actor and a journal on disk (synchronous=FULL, so each escrow
// decision includes a durable commit). Inserts notes one by one and times each escrow decision
// on the wire; then leaves a driver idle at the production poll rate and measures its CPU.
// Prints one JSON line.
import { createActor, createMachine } from 'xstate';
import { CashBox } from '../../offline-queue/cash-box';
import { openJournal } from '../../offline-queue/open-journal';
import { PaymentJournal } from '../../offline-queue/payment-journal';
import { StaffItems } from '../../offline-queue/staff-items';
import type { AcceptorEmulator, AcceptorProtocol } from '../../sim/devices/acceptor-emulator';
import { createEmulatorBinding } from '../../sim/devices/emulator-binding';
import { Id003Emulator } from '../../sim/devices/id003-emulator';
import { SspEmulator } from '../../sim/devices/ssp-emulator';
import { createBillAcceptor } from '../../src/host/bill-acceptor-factory';
import { cashInActor } from '../../src/host/cash-in-actor';
import { wireTimer } from './p5-wire-timer';
import { scratchDir } from './support';

const [protocolArg = 'id003', notesArg = '200', pollArg = '50', idleArg = '20'] =
  process.argv.slice(2);
const protocol = protocolArg as AcceptorProtocol;
const NOTES = Number(notesArg);
const POLL_MS = Number(pollArg);
const IDLE_SECONDS = Number(idleArg);
const NOTE = 10_000;
/** The production poll rate of each protocol's driver (README defaults). */
const IDLE_POLL_MS: Record<AcceptorProtocol, number> = { id003: 200, ssp: 300 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('p5: timed out');
    await sleep(1);
  }
}
const emulatorFor = (p: AcceptorProtocol): AcceptorEmulator =>
  p === 'id003' ? new Id003Emulator() : new SspEmulator();

async function decisions(): Promise<number[]> {
  const dir = scratchDir('kiosk-p5-');
  const db = openJournal(`${dir}/journal.sqlite`);
  const journal = new PaymentJournal(db);
  const cashBox = new CashBox(db, journal, new StaffItems(db));
  const emulator = emulatorFor(protocol);
  const timer = wireTimer(protocol, emulator);
  const acceptor = createBillAcceptor(
    { driver: protocol, port: 'sim://p5', pollIntervalMs: POLL_MS },
    { binding: createEmulatorBinding({ 'sim://p5': timer.device }) },
  );
  await acceptor.start();
  await until(
    () => acceptor.status.device === 'online' && acceptor.status.denominations.length > 0,
  );
  const amountDue = NOTE * (NOTES + 1);
  const payment = journal.create({
    terminalId: 'BENCH-P5',
    businessDay: '20261126',
    billerId: 'sh-power',
    account: '3100123456',
    quoteId: 'q-p5',
    quoteJson: '{}',
    amountDue,
    acceptsOverpayment: true,
    method: 'cash',
  });
  journal.startCollecting(payment.id);
  const parent = createMachine({
    invoke: {
      src: cashInActor({ acceptor, journal, cashBox, log: { warn: () => undefined } }),
      input: { paymentId: payment.id, amountDue, acceptsOverpayment: true },
    },
  });
  const actor = createActor(parent).start();
  for (let i = 1; i <= NOTES; i++) {
    await until(() => emulator.insertNote(NOTE));
    await until(() => journal.get(payment.id).collected === i * NOTE);
  }
  actor.stop();
  await acceptor.stop();
  db.close();
  return timer.latencies;
}

async function idleCpuPercent(): Promise<number> {
  const emulator = emulatorFor(protocol);
  const acceptor = createBillAcceptor(
    { driver: protocol, port: 'sim://p5-idle', pollIntervalMs: IDLE_POLL_MS[protocol] },
    { binding: createEmulatorBinding({ 'sim://p5-idle': emulator }) },
  );
  await acceptor.start();
  await until(() => acceptor.status.device === 'online');
  await sleep(2_000); // settle: start-up, JIT
  const start = process.cpuUsage();
  const t0 = performance.now();
  await sleep(IDLE_SECONDS * 1_000);
  const used = process.cpuUsage(start);
  const wallMs = performance.now() - t0;
  await acceptor.stop();
  return ((used.user + used.system) / 1_000 / wallMs) * 100;
}

const latencies = await decisions();
const cpuPercent = await idleCpuPercent();
process.stdout.write(`${JSON.stringify({ protocol, latencies, cpuPercent })}\n`);
process.exit(0);
