// Journals on real files for the service room's tests (openJournal refuses ':memory:').
import { openJournal, type JournalDb } from '../../offline-queue/open-journal';
import { tempDir, testClock, type TempDir, type TestClock } from '../offline-queue/journal-fixture';

export { tempDir, testClock, type TempDir, type TestClock };

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
