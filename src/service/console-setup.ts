// The one-time setup of the first technician's PIN, at the terminal's console (set-pin-cli.ts):
// nobody can set PINs at the kiosk until some technician has one. Run as the kiosk's own user,
// against the journal the host uses (which stays private to that user); the PIN comes from the
// keyboard or a pipe (never a command-line argument, an environment variable or a config file)
// and goes into the journal hashed, and the setup is audited like any PIN change.
import { existsSync, statSync } from 'node:fs';
import { openJournal } from '../../offline-queue/open-journal';
import { loadConfig } from '../config/load-config';
import { AuditLog } from './audit-log';
import { ServiceAuth, type ConsoleSetupFailure } from './authenticator';
import { People } from './people';
import type { PinHashParams } from './pin-hash';

export interface ConsoleSetupOptions {
  configFile: string;
  staffNumber: string;
  /** Replace a technician's PIN when nobody can enter to do it (a forgotten last PIN). */
  recover?: boolean;
  /** Asks for the PIN (twice at a terminal); rejects to abandon. */
  readPin(): Promise<string>;
  env?: NodeJS.ProcessEnv;
  /** The process's user id (tests); default process.getuid(). */
  uid?: number;
  /** Who owns a file (tests); default its stat. */
  fileOwner?: (file: string) => number;
  clock?: () => number;
  /** Tests only: cheaper hashes. */
  pinHash?: PinHashParams;
}

export interface ConsoleSetupReport {
  ok: boolean;
  /** One line for the person at the console. */
  message: string;
}

const REFUSALS: Readonly<Record<ConsoleSetupFailure, string>> = {
  unknown: 'no one in the config has that staff number',
  weak_pin:
    'that PIN is too easy to guess (6 digits; not one digit repeated, not a run such as 123456, not a pattern such as 121212, not holding the staff number)',
  not_technician:
    'that person is not a technician: staff PINs are set by a technician at the kiosk',
  already_set_up:
    'a technician already has a PIN: further PINs are set at the kiosk by a technician (--recover replaces a forgotten one when nobody can enter)',
};

export async function runConsoleSetup(o: ConsoleSetupOptions): Promise<ConsoleSetupReport> {
  const config = loadConfig(o.configFile, o.env ?? process.env);
  const uid = o.uid ?? process.getuid?.();
  if (uid === 0)
    return {
      ok: false,
      message: `run this as the kiosk's user (sudo -u kiosk …), not root: files root leaves beside the journal would lock the host out`,
    };
  const journal = config.journal.path;
  const ownerOf = o.fileOwner ?? ((file: string) => statSync(file).uid);
  if (uid !== undefined && existsSync(journal) && ownerOf(journal) !== uid)
    return {
      ok: false,
      message: `the journal ${journal} belongs to another user: run this as that user (the kiosk's)`,
    };

  // Refusals that need no PIN come before asking for one.
  const people = new People(config.people);
  const person = people.byStaffNumber(o.staffNumber);
  if (!person) return { ok: false, message: REFUSALS.unknown };
  if (person.role !== 'technician') return { ok: false, message: REFUSALS.not_technician };

  const db = openJournal(journal);
  try {
    const clock = o.clock ?? Date.now;
    const auth = new ServiceAuth({
      db,
      people,
      audit: new AuditLog(db, clock),
      clock,
      ...(o.pinHash ? { pinHash: o.pinHash } : {}),
    });
    if (!o.recover && auth.techniciansWithPin().length > 0)
      return { ok: false, message: REFUSALS.already_set_up };
    const pin = await o.readPin();
    const result = await auth.setupPinAtConsole(o.staffNumber, pin, {
      recover: o.recover === true,
    });
    if (!result.ok) return { ok: false, message: REFUSALS[result.reason] };
    return {
      ok: true,
      message: `PIN set for technician ${o.staffNumber}${o.recover ? ' (recovered)' : ''}; further PINs are set at the kiosk`,
    };
  } finally {
    db.close();
  }
}
