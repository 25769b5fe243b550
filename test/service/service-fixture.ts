// Journals on real files for the service room's tests (openJournal refuses ':memory:').
import { openJournal, type JournalDb } from '../../offline-queue/open-journal';
import { AuditLog } from '../../src/service/audit-log';
import { ServiceAuth, type AuthenticatedPerson } from '../../src/service/authenticator';
import { People, PeopleConfig } from '../../src/service/people';
import { hashPin, type PinHashParams } from '../../src/service/pin-hash';
import { PinStore } from '../../src/service/pin-store';
import { tempDir, testClock, type TempDir, type TestClock } from '../offline-queue/journal-fixture';

export { tempDir, testClock, type TempDir, type TestClock };

/** scrypt cheap enough for many hashes in a test; pin-hash.test.ts tries the production cost. */
export const TEST_PIN_HASH = { n: 16, r: 1, p: 1 };

/** A journal file in a throw-away folder, opened and reopened at will. */
export interface JournalFile {
  file: string;
  open(): JournalDb;
  /** Closes every connection opened here and removes the folder. */
  remove(): void;
}

export function journalFile(prefix = 'kiosk-service-'): JournalFile {
  const dir = tempDir(prefix);
  const opened: JournalDb[] = [];
  const file = dir.file('journal.sqlite');
  return {
    file,
    open() {
      const db = openJournal(file);
      opened.push(db);
      return db;
    },
    remove() {
      for (const db of opened.splice(0)) if (db.open) db.close();
      dir.remove();
    },
  };
}

/** Staff and technicians as config lists them. */
export const TEST_PEOPLE = [
  { staffNumber: '1001', name: '王小明', role: 'staff', cardUid: '04C0FFEE000001' },
  { staffNumber: '1002', name: '赵丽', role: 'staff' },
  { staffNumber: '9001', name: '李工', role: 'technician', cardUid: '04C0FFEE000002' },
  { staffNumber: '9002', name: '陈工', role: 'technician', cardUid: '04C0FFEE000003' },
] as const;

/** PINs of the test people (none weak). */
export const PINS: Readonly<Record<string, string>> = {
  '1001': '370514',
  '1002': '582047',
  '9001': '135792',
  '9002': '864209',
};

export interface Room {
  db: JournalDb;
  audit: AuditLog;
  auth: ServiceAuth;
  people: People;
  clock: TestClock;
}

/** The service room on a journal (fresh or reopened), with cheap hashes. */
export function openRoom(
  jf: JournalFile,
  clock: TestClock,
  o: { pinHash?: PinHashParams; people?: unknown } = {},
): Room {
  const db = jf.open();
  const audit = new AuditLog(db, clock);
  const people = new People(PeopleConfig.parse(o.people ?? TEST_PEOPLE));
  const auth = new ServiceAuth({ db, people, audit, clock, pinHash: o.pinHash ?? TEST_PIN_HASH });
  return { db, audit, auth, people, clock };
}

/** Gives these people their PINs of PINS straight in the table, as if set long ago. */
export async function seedPins(
  room: Room,
  staffNumbers: readonly string[],
  params: PinHashParams = TEST_PIN_HASH,
): Promise<void> {
  const store = new PinStore(room.db);
  for (const n of staffNumbers) store.put(n, await hashPin(PINS[n] ?? '', params), null, 0);
}

/** A person who entered (the test fails otherwise). */
export async function enter(room: Room, staffNumber: string): Promise<AuthenticatedPerson> {
  const r = await room.auth.authenticate({ staffNumber }, PINS[staffNumber] ?? '');
  if (!r.ok) throw new Error(`${staffNumber} could not enter: ${r.reason}`);
  return r.person;
}
