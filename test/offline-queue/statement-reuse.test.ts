// Months of uptime: the journal connection compiles each SQL text once. better-sqlite3 frees a
// statement's native memory only when the garbage collector finalizes its small JS object, so
// code that prepared a statement on every call (the outbox, staff items, the sync worker, caps,
// QR attempts…) left the host's resident memory at an ever higher mark (bench P8, P2).
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { capBreach, pendingForBiller } from '../../offline-queue/caps';
import { refundPartialCash } from '../../offline-queue/compensation';
import { QrAttempts } from '../../offline-queue/qr-attempts';
import { StaffItems } from '../../offline-queue/staff-items';
import { SyncWorker } from '../../offline-queue/sync-worker';
import {
  capturedPayment,
  collectingPayment,
  newPayment,
  openTestJournal,
  tempDir,
  writtenOffOutcome,
  type TempDir,
  type TestJournal,
} from './journal-fixture';

let tmp: TempDir;
let t: TestJournal;
let compiled: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  tmp = tempDir();
  // Every statement better-sqlite3 compiles for a connection goes through this method.
  compiled = vi.spyOn(Database.prototype, 'prepare');
  t = openTestJournal(tmp.file('journal.sqlite'));
});
afterEach(() => {
  t.close();
  compiled.mockRestore();
  tmp.remove();
});

/** One kiosk hour in miniature: a cash payment written off, a QR attempt, a refund slip. */
async function customers(worker: SyncWorker, staff: StaffItems, qr: QrAttempts): Promise<void> {
  const settled = new Promise((resolve) => worker.once('settled', resolve));
  capturedPayment(t, [10000, 5000]);
  worker.kick();
  await settled;

  const wallet = t.journal.create(newPayment({ method: 'qr' }));
  t.journal.startCollecting(wallet.id);
  const attempt = `${wallet.agentSerial}-Q1`;
  qr.begin({ paymentId: wallet.id, qrPaymentId: attempt, kind: 'micropay', amount: 40773 });
  qr.update(attempt, 'cancelled');
  expect(qr.openFor(wallet.id)).toBeNull();
  t.journal.abandon(wallet.id, 'customer_cancelled');

  const partial = collectingPayment(t, { stacked: [1000] });
  refundPartialCash(t.db, t.journal, staff, partial.id, t.clock());
  expect(staff.openItems().length).toBeGreaterThan(0);
  capBreach(pendingForBiller(t.db, 'sh-power'), { maxCount: 20, maxTotal: 1e6, maxAgeMs: 1e9 }, 0);
  t.journal.pendingSync();
}

describe('the journal connection reuses its statements', () => {
  it('gives the same SQL text the same statement', () => {
    const sql = 'SELECT count(*) AS n FROM payment';
    expect(t.db.prepare(sql)).toBe(t.db.prepare(sql));
  });

  it('compiles nothing new after the first customers, however many follow', async () => {
    const staff = new StaffItems(t.db, t.clock);
    const qr = new QrAttempts(t.db, t.clock);
    const worker = new SyncWorker({
      db: t.db,
      journal: t.journal,
      outbox: t.outbox,
      clock: t.clock,
      port: {
        submit: async (serial) => writtenOffOutcome(serial),
        query: async () => ({ kind: 'not_found' }),
      },
    });
    await customers(worker, staff, qr);
    const afterFirst = compiled.mock.calls.length;
    expect(afterFirst).toBeGreaterThan(0);

    for (let i = 0; i < 20; i++) await customers(worker, staff, qr);

    expect(compiled.mock.calls.length).toBe(afterFirst);
    expect(t.journal.inStates(['WRITTEN_OFF'])).toHaveLength(21);
    await worker.stop();
  });
});
