// New bills at the biller, for the crash loop's customers. The simulator seeds one or two bills
// per account and marks them paid, after which the kiosk rightly shows "nothing due"; a real
// biller issues next month's bill. The simulator has no endpoint for that, so this writes the
// bill row into its store (a separate connection to the same SQLite file; the simulator reads
// its bills from the store on every query and keeps nothing in memory). Only new unpaid bills
// are added; nothing the simulator wrote is changed.
import Database from 'better-sqlite3';
import { shanghaiDay } from './crash-protocol';
import type { Rng } from './rng';

/** The payable accounts of billers that accept overpayment (sim/gateway/seed.ts). */
export const CRASH_ACCOUNTS: readonly { billerId: string; account: string }[] = [
  { billerId: 'sh-power', account: '3100123456' },
  { billerId: 'sh-power', account: '3100000001' },
  { billerId: 'sh-power', account: '3100000002' },
  { billerId: 'sh-water', account: '210012345' },
  { billerId: 'sh-water', account: '210000001' },
  { billerId: 'sh-gas', account: '50012345' },
  { billerId: 'sh-gas', account: '50000001' },
  { billerId: 'sh-telecom', account: '13301234567' },
  { billerId: 'sh-telecom', account: '13300000001' },
];

const DAY_MS = 86_400_000;

export class BillIssuer {
  private readonly db: Database.Database;
  private issued = 0;

  constructor(gatewayDbPath: string) {
    this.db = new Database(gatewayDbPath);
    this.db.pragma('busy_timeout = 10000');
  }

  /** Makes sure the account has something to pay: adds one bill if none is unpaid. */
  ensureDue(a: { billerId: string; account: string }, rng: Rng): void {
    const unpaid = this.db
      .prepare<[string, string], { n: number }>(
        'SELECT count(*) AS n FROM bills WHERE billerId = ? AND account = ? AND paidSerial IS NULL',
      )
      .get(a.billerId, a.account);
    if ((unpaid?.n ?? 0) > 0) return;
    this.issued++;
    // Due between 30 days ago (a late fee of at most 9 %) and 10 days ahead. Mostly one note of
    // 100 yuan, a third two notes (so that a kill can fall between the notes of one payment).
    const due = shanghaiDay(Date.now() + rng.int(-30, 10) * DAY_MS);
    const hundreds = rng.next() < 0.65 ? rng.int(10, 85) : rng.int(105, 180);
    const principal = hundreds * 100 + rng.int(0, 99);
    this.db
      .prepare(
        `INSERT INTO bills (billerId, account, billId, period, principal, dueDate, paidSerial)
         VALUES (?, ?, ?, ?, ?, ?, NULL)`,
      )
      .run(
        a.billerId,
        a.account,
        `b_crash_${this.issued}_${Date.now()}`,
        due.slice(0, 7),
        principal,
        due,
      );
  }

  get count(): number {
    return this.issued;
  }

  close(): void {
    this.db.close();
  }
}
