// Assisted mode's services on a journal file and the gateway simulator: the service room with
// PINs for three people, the payment journal, a sync worker that writes off at the simulator,
// and StaffServices over them, with every request to the worker and the compensation job
// recorded. The kiosk's clock and the simulator's move together; reopen() is a restart.
import { Outbox } from '../../offline-queue/outbox';
import { PaymentJournal, type PaymentRow } from '../../offline-queue/payment-journal';
import { recoverJournal } from '../../offline-queue/recovery';
import { StaffItems } from '../../offline-queue/staff-items';
import { SyncWorker } from '../../offline-queue/sync-worker';
import { GatewayClient } from '../../src/gateway/client';
import type { Quote } from '../../src/gateway/contract';
import { gatewayReversalPort, type ReversalPort } from '../../src/gateway/reversal-port';
import { gatewayWriteOffPort } from '../../src/gateway/write-off-port';
import { cashPaymentRequest } from '../../src/host/payment-request';
import type { AuditAction, AuditRecord } from '../../src/service/audit-log';
import type { AuthenticatedPerson } from '../../src/service/authenticator';
import type { Action, Role } from '../../src/service/roles';
import { StaffServices, type PaymentRequests } from '../../src/service/staff-services';
import { DEMO_BILLERS, DEMO_TERMINALS } from '../../sim/gateway/seed';
import { isoShanghai } from '../../sim/gateway/shanghai-time';
import { startTestSim, type TestSim } from '../sim/sim-fixture';
import { TERMINAL } from '../offline-queue/journal-fixture';
import {
  enter,
  journalFile,
  openRoom,
  seedPins,
  testClock,
  type JournalFile,
  type Room,
  type TestClock,
} from './service-fixture';

export { TERMINAL };

/** What the services asked of the worker and the compensation job. */
export type RequestCall = { op: 'retryNow'; paymentId: number | undefined } | { op: 'kick' };

export interface Desk {
  sim: TestSim;
  clock: TestClock;
  room: Room;
  journal: PaymentJournal;
  staff: StaffItems;
  outbox: Outbox;
  worker: SyncWorker;
  services: StaffServices;
  requests: RequestCall[];
  compensations: number;
  /** The reversal port the services use; a test may wrap it. */
  reversalPort: ReversalPort;
  /** Both clocks, the kiosk's and the simulator's. */
  advance(ms: number): void;
  /** Lets the worker write off whatever is due now, then waits for it. */
  sync(): Promise<void>;
  /** A restart: the worker stopped, the journal closed and opened again, everything made anew. */
  reopen(o?: { can?: (role: Role, action: Action) => boolean }): Promise<void>;
  close(): Promise<void>;
}

const BILLER_NAMES = new Map(DEMO_BILLERS.map((b) => [b.id, b.name['zh-CN']]));

export async function openDesk(
  o: { can?: (role: Role, action: Action) => boolean; reversalPort?: ReversalPort } = {},
): Promise<Desk> {
  const clock = testClock();
  const sim = await startTestSim({ start: isoShanghai(new Date(clock())) });
  const jf: JournalFile = journalFile('kiosk-staff-services-');
  const client = new GatewayClient({
    baseUrl: sim.sim.url,
    terminalId: TERMINAL,
    secret: DEMO_TERMINALS[TERMINAL] ?? '',
    timeoutMs: 2_000,
    clock,
  });
  const desk = {} as Desk;
  const build = (can: ((role: Role, action: Action) => boolean) | undefined) => {
    const room = openRoom(jf, clock);
    const journal = new PaymentJournal(room.db, clock);
    const staff = new StaffItems(room.db, clock);
    const outbox = new Outbox(room.db);
    const worker = new SyncWorker({
      db: room.db,
      journal,
      outbox,
      port: gatewayWriteOffPort(client),
      clock,
      random: () => 0.5,
      baseDelayMs: 1_000,
      maxDelayMs: 16_000,
    });
    const requests: PaymentRequests = {
      retryNow: (paymentId) => {
        desk.requests.push({ op: 'retryNow', paymentId });
        worker.retryNow(paymentId);
      },
      kick: () => {
        desk.requests.push({ op: 'kick' });
      },
      compensate: () => {
        desk.compensations++;
        return Promise.resolve();
      },
    };
    const services = new StaffServices({
      db: room.db,
      journal,
      staff,
      audit: room.audit,
      auth: room.auth,
      requests,
      reversals: {
        reverse: (serial, reason) => desk.reversalPort.reverse(serial, reason),
        query: (serial) => desk.reversalPort.query(serial),
      },
      terminalId: TERMINAL,
      billerName: (id) => BILLER_NAMES.get(id) ?? id,
      clock,
      ...(can ? { can } : {}),
    });
    Object.assign(desk, { room, journal, staff, outbox, worker, services });
  };
  Object.assign(desk, {
    sim,
    clock,
    requests: [],
    compensations: 0,
    reversalPort: o.reversalPort ?? gatewayReversalPort(client),
    advance(ms: number) {
      clock.advance(ms);
      sim.advance(ms);
    },
    async sync() {
      desk.worker.kick();
      // Until nothing is due (each row written off, refused or rescheduled), then a little more.
      for (let i = 0; i < 400 && desk.outbox.due(clock()).length > 0; i++)
        await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 20));
    },
    async reopen(r: { can?: (role: Role, action: Action) => boolean } = {}) {
      await desk.worker.stop();
      desk.room.db.close();
      build(r.can);
    },
    async close() {
      await desk.worker.stop();
      jf.remove();
      await sim.close();
    },
  });
  build(o.can);
  await seedPins(desk.room, ['1001', '1002', '9001']);
  return desk;
}

/** People who entered with their PINs (enter again after reopen(): ServiceAuth is new). */
export async function people(desk: Desk): Promise<{
  wang: AuthenticatedPerson;
  zhao: AuthenticatedPerson;
  li: AuthenticatedPerson;
}> {
  return {
    wang: await enter(desk.room, '1001'),
    zhao: await enter(desk.room, '1002'),
    li: await enter(desk.room, '9001'),
  };
}

/** A quote from the simulator, as the kiosk stores it. */
export async function simQuote(desk: Desk, billerId: string, account: string): Promise<Quote> {
  return desk.sim.quote(billerId, account);
}

/**
 * A cash payment for what the account owes, in 100-yuan notes (the rest prepaid), with
 * `escrowed` notes left in escrow: collecting, as a visit leaves it.
 */
export async function collecting(
  desk: Desk,
  o: { billerId?: string; account?: string; escrowed?: number[]; notes?: number[] } = {},
): Promise<{ payment: PaymentRow; escrowedNoteIds: number[] }> {
  const billerId = o.billerId ?? 'sh-power';
  const quote = await simQuote(desk, billerId, o.account ?? '3100123456');
  const notes = o.notes ?? new Array<number>(Math.ceil(quote.totalDue / 10000)).fill(10000);
  const { journal } = desk;
  const p = journal.create({
    terminalId: TERMINAL,
    businessDay: '20261126',
    billerId,
    account: quote.account,
    quoteId: quote.quoteId,
    quoteJson: JSON.stringify(quote),
    amountDue: quote.totalDue,
    acceptsOverpayment: DEMO_BILLERS.find((b) => b.id === billerId)?.acceptsOverpayment ?? true,
    method: 'cash',
  });
  journal.startCollecting(p.id);
  for (const value of notes) journal.recordStacked(p.id, journal.recordEscrow(p.id, value));
  const escrowedNoteIds = (o.escrowed ?? []).map((value) => journal.recordEscrow(p.id, value));
  return { payment: journal.get(p.id), escrowedNoteIds };
}

/** A cash payment captured as the visit ends; written off at the simulator when `sync`. */
export async function captured(
  desk: Desk,
  o: { billerId?: string; account?: string; notes?: number[] } = {},
): Promise<PaymentRow> {
  const { payment } = await collecting(desk, o);
  const { journal } = desk;
  journal.captureFunds(
    payment.id,
    cashPaymentRequest(journal, journal.get(payment.id), desk.clock()),
  );
  return journal.get(payment.id);
}

/** A cash payment written off at the simulator (the worker did it). */
export async function writtenOff(
  desk: Desk,
  o: { billerId?: string; account?: string } = {},
): Promise<PaymentRow> {
  const p = await captured(desk, o);
  await desk.sync();
  const row = desk.journal.get(p.id);
  if (row.state !== 'WRITTEN_OFF') throw new Error(`payment ${p.id} is ${row.state}`);
  return row;
}

/** A restart with notes in escrow: recovery marks them unknown, for staff. */
export function recover(desk: Desk): void {
  recoverJournal({
    db: desk.room.db,
    journal: desk.journal,
    staff: desk.staff,
    buildRequest: (p, at) => cashPaymentRequest(desk.journal, p, at),
    buildQrRequest: () => '{}',
  });
}

/** Every audit row of an action, oldest first. */
export function auditOf(desk: Desk, action: AuditAction): AuditRecord[] {
  return desk.room.audit.list({ action, limit: 1000 });
}
