// Journals on real files in a throw-away folder (openJournal refuses ':memory:': no WAL there).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openJournal, type JournalDb } from '../../offline-queue/open-journal';
import { Outbox } from '../../offline-queue/outbox';
import { PaymentJournal, type NewPayment } from '../../offline-queue/payment-journal';

export const TERMINAL = 'SH-XH-WK-0007';
export const DAY = '20261126';

export interface TempDir {
  dir: string;
  file(name: string): string;
  remove(): void;
}

export function tempDir(prefix = 'kiosk-journal-'): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    dir,
    file: (name) => path.join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A hand-driven clock in ms. */
export interface TestClock {
  (): number;
  advance(ms: number): void;
  set(ms: number): void;
}

export function testClock(start = Date.parse('2026-11-26T14:03:11+08:00')): TestClock {
  let t = start;
  const clock = (() => t) as TestClock;
  clock.advance = (ms) => {
    t += ms;
  };
  clock.set = (ms) => {
    t = ms;
  };
  return clock;
}

export interface TestJournal {
  db: JournalDb;
  journal: PaymentJournal;
  outbox: Outbox;
  clock: TestClock;
  close(): void;
}

export function openTestJournal(file: string, clock: TestClock = testClock()): TestJournal {
  const db = openJournal(file);
  return {
    db,
    journal: new PaymentJournal(db, clock),
    outbox: new Outbox(db),
    clock,
    close: () => db.close(),
  };
}

export function newPayment(overrides: Partial<NewPayment> = {}): NewPayment {
  return {
    terminalId: TERMINAL,
    businessDay: DAY,
    billerId: 'sh-power',
    account: '3100123456',
    quoteId: 'q_test',
    quoteJson: '{"quoteId":"q_test","totalDue":40773}',
    amountDue: 40773,
    acceptsOverpayment: true,
    method: 'cash',
    ...overrides,
  };
}

/** The write-off body the host would store at capture: fixed once, re-sent byte for byte. */
export function requestBody(agentSerial: string, notes: readonly number[]): string {
  const counts = new Map<number, number>();
  for (const v of notes) counts.set(v, (counts.get(v) ?? 0) + 1);
  return JSON.stringify({
    agentSerial,
    quoteId: 'q_test',
    billerId: 'sh-power',
    account: '3100123456',
    amount: notes.reduce((s, v) => s + v, 0),
    method: 'cash',
    tender: { notes: [...counts].map(([value, count]) => ({ value, count })) },
    collectedAt: '2026-11-26T14:05:40+08:00',
  });
}

/** A cash payment with the given notes stacked and its funds captured (outbox row written). */
export function capturedPayment(t: TestJournal, notes: readonly number[] = [10000, 10000]): number {
  const p = t.journal.create(newPayment());
  t.journal.startCollecting(p.id);
  for (const value of notes) t.journal.recordStacked(p.id, t.journal.recordEscrow(p.id, value));
  t.journal.captureFunds(p.id, requestBody(p.agentSerial, notes));
  return p.id;
}
