// Who may enter: a person's card and their PIN, or their staff number and their PIN (a kiosk
// without a reader). Five wrong PINs lock the person for 15 minutes (lockout.ts); every attempt,
// good or bad, and every PIN set or change is in the audit (audit-log.ts). PINs are set by a
// technician; the first technician's comes from a one-time console setup (set-pin-cli.ts).
//
// A person who entered is handed out as an AuthenticatedPerson: only this class makes them (it
// remembers each one), so setPin and changePin cannot be called for someone who never typed a
// PIN. The log and the audit never see a PIN, a typed unknown staff number (it may be a PIN typed
// in the wrong box) or more of a card than its last 4 hex digits.
import type { JournalDb } from '../../offline-queue/open-journal';
import { shanghaiIso } from '../time/shanghai';
import type { AuditDetail, AuditLog } from './audit-log';
import { uidTail } from './card-uid';
import { Lockout, MAX_TRIES, type LockState } from './lockout';
import type { People, Person } from './people';
import {
  hashPin,
  pinProblem,
  PRODUCTION_PIN_HASH,
  verifyPin,
  weakerThan,
  type PinHashParams,
  type PinProblem,
} from './pin-hash';
import { PinStore } from './pin-store';
import { can } from './roles';

/** How someone says who they are: their card (its UID), or their staff number typed. */
export type Credential = { card: string } | { staffNumber: string };

declare const authenticated: unique symbol;

/** A person who entered their PIN just now, as made by ServiceAuth alone. */
export type AuthenticatedPerson = Readonly<Person> & { readonly [authenticated]: true };

export type AuthFailure = 'unknown' | 'wrong_pin' | 'locked' | 'no_pin';

export type AuthResult =
  | { ok: true; person: AuthenticatedPerson }
  | {
      ok: false;
      reason: AuthFailure;
      /** Wall ms, when `locked`. */
      lockedUntil?: number;
      /** Wrong PINs left before the lock, when `wrong_pin` (0 with `locked`). */
      triesLeft?: number;
    };

/** Why an entry is asked for: goes into the audit. */
export type AuthPurpose = 'enter' | 'approve' | 'change_pin';

export type ApprovalResult = AuthResult | { ok: false; reason: 'same_person' };

export type PinSetFailure =
  /** The one setting it may not (staff cannot set PINs). */
  | 'not_allowed'
  /** No such person in config. */
  | 'unknown'
  | 'weak_pin'
  /** Console setup only: for a technician, not staff. */
  | 'not_technician'
  /** Console setup only: a technician already has a PIN (further PINs are set at the kiosk). */
  | 'already_set_up';

export type PinSetResult =
  | { ok: true }
  | { ok: false; reason: PinSetFailure; problem?: PinProblem }
  | (AuthResult & { ok: false });

export type ConsoleSetupFailure = 'unknown' | 'not_technician' | 'weak_pin' | 'already_set_up';

export type ConsoleSetupResult =
  { ok: true } | { ok: false; reason: ConsoleSetupFailure; problem?: PinProblem };

export interface ServiceAuthOptions {
  db: JournalDb;
  people: People;
  audit: AuditLog;
  /** The wall clock (ms): lock times survive restarts. */
  clock?: () => number;
  /** New hashes use these; tests pass cheaper ones. Default PRODUCTION_PIN_HASH. */
  pinHash?: PinHashParams;
}

export class ServiceAuth {
  private readonly db: JournalDb;
  private readonly people: People;
  private readonly audit: AuditLog;
  private readonly clock: () => number;
  private readonly params: PinHashParams;
  private readonly pins: PinStore;
  private readonly lockout: Lockout;
  private readonly issued = new WeakSet<object>();
  /** Tries for one person run one at a time. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(o: ServiceAuthOptions) {
    this.db = o.db;
    this.people = o.people;
    this.audit = o.audit;
    this.clock = o.clock ?? Date.now;
    this.params = o.pinHash ?? PRODUCTION_PIN_HASH;
    this.pins = new PinStore(o.db);
    this.lockout = new Lockout(o.db, this.clock);
  }

  /** Card + PIN, or staff number + PIN. Never rejects for a wrong or odd PIN. */
  authenticate(
    credential: Credential,
    pin: string,
    purpose: AuthPurpose = 'enter',
  ): Promise<AuthResult> {
    const via = viaOf(credential);
    const person = this.personOf(credential);
    if (!person) {
      this.audit.append({ actor: null, action: 'auth.unknown', detail: { ...via, purpose } });
      return Promise.resolve({ ok: false, reason: 'unknown' });
    }
    return this.serial(person.staffNumber, () => this.tryPin(person, via, pin, purpose));
  }

  /**
   * The second person of a four-eyes action: anyone known with their own PIN, never the one
   * asking (refused before their PIN is checked, so it spends no try).
   */
  async authenticateApprover(
    first: AuthenticatedPerson,
    credential: Credential,
    pin: string,
  ): Promise<ApprovalResult> {
    this.assertIssued(first);
    if (this.personOf(credential)?.staffNumber === first.staffNumber) {
      return { ok: false, reason: 'same_person' };
    }
    return this.authenticate(credential, pin, 'approve');
  }

  /** A technician sets anyone's PIN (a new person's, a forgotten one); it lifts their lock. */
  async setPin(by: AuthenticatedPerson, staffNumber: string, pin: string): Promise<PinSetResult> {
    this.assertIssued(by);
    const subject = `staff:${staffNumber}`;
    const actor = { staffNumber: by.staffNumber, role: by.role };
    const refuse = (reason: PinSetFailure, problem?: PinProblem): PinSetResult => {
      this.audit.append({
        actor,
        action: 'pin.set',
        // An unknown staff number may be a PIN typed in the wrong box: not recorded.
        subject: reason === 'unknown' ? null : subject,
        detail: { outcome: 'refused', reason, ...(problem ? { problem } : {}) },
      });
      return { ok: false, reason, ...(problem ? { problem } : {}) };
    };
    if (!can(by.role, 'pin.set')) return refuse('not_allowed');
    if (!this.people.byStaffNumber(staffNumber)) return refuse('unknown');
    const problem = pinProblem(pin, staffNumber);
    if (problem) return refuse('weak_pin', problem);
    const hash = await hashPin(pin, this.params);
    return this.serial(staffNumber, () => {
      this.db.transaction(() => {
        this.pins.put(staffNumber, hash, by.staffNumber, this.clock());
        this.lockout.clear(staffNumber);
        this.audit.append({ actor, action: 'pin.set', subject, detail: { outcome: 'set' } });
      })();
      return { ok: true } as const;
    });
  }

  /** A person changes their own PIN, giving the current one again (which counts as a try). */
  async changePin(
    by: AuthenticatedPerson,
    currentPin: string,
    newPin: string,
  ): Promise<PinSetResult> {
    this.assertIssued(by);
    const actor = { staffNumber: by.staffNumber, role: by.role };
    const problem = pinProblem(newPin, by.staffNumber);
    if (problem) {
      this.audit.append({
        actor,
        action: 'pin.change_own',
        detail: { outcome: 'refused', reason: 'weak_pin', problem },
      });
      return { ok: false, reason: 'weak_pin', problem };
    }
    const check = await this.authenticate(
      { staffNumber: by.staffNumber },
      currentPin,
      'change_pin',
    );
    if (!check.ok) return check;
    const hash = await hashPin(newPin, this.params);
    return this.serial(by.staffNumber, () => {
      this.db.transaction(() => {
        this.pins.put(by.staffNumber, hash, by.staffNumber, this.clock());
        this.audit.append({ actor, action: 'pin.change_own', detail: { outcome: 'set' } });
      })();
      return { ok: true } as const;
    });
  }

  /**
   * The one-time setup at the console (set-pin-cli.ts): the first technician's PIN, while no
   * technician has one; with `recover`, a technician's PIN replaced when nobody can enter to do
   * it (the console's user can write the journal anyway; this way it is audited).
   */
  async setupPinAtConsole(
    staffNumber: string,
    pin: string,
    o: { recover?: boolean } = {},
  ): Promise<ConsoleSetupResult> {
    const person = this.people.byStaffNumber(staffNumber);
    const recover = o.recover === true;
    const refuse = (reason: ConsoleSetupFailure, problem?: PinProblem): ConsoleSetupResult => {
      this.audit.append({
        actor: null,
        action: 'pin.console_setup',
        subject: reason === 'unknown' ? null : `staff:${staffNumber}`,
        detail: { outcome: 'refused', reason, recover, ...(problem ? { problem } : {}) },
      });
      return { ok: false, reason, ...(problem ? { problem } : {}) };
    };
    if (!person) return refuse('unknown');
    if (person.role !== 'technician') return refuse('not_technician');
    const problem = pinProblem(pin, staffNumber);
    if (problem) return refuse('weak_pin', problem);
    if (!recover && this.techniciansWithPin().length > 0) return refuse('already_set_up');
    const hash = await hashPin(pin, this.params);
    return this.serial(staffNumber, () => {
      this.db.transaction(() => {
        this.pins.put(staffNumber, hash, null, this.clock());
        this.lockout.clear(staffNumber);
        this.audit.append({
          actor: null,
          action: 'pin.console_setup',
          subject: `staff:${staffNumber}`,
          detail: { outcome: 'set', recover },
        });
      })();
      return { ok: true } as const;
    });
  }

  hasPin(staffNumber: string): boolean {
    return this.pins.has(staffNumber);
  }

  /** The technicians in config who have a PIN. */
  techniciansWithPin(): string[] {
    return this.people
      .all()
      .filter((p) => p.role === 'technician' && this.pins.has(p.staffNumber))
      .map((p) => p.staffNumber);
  }

  lockState(staffNumber: string): LockState {
    return this.lockout.state(staffNumber);
  }

  /** Whether this person object came from an entry here. */
  isAuthenticated(person: object): person is AuthenticatedPerson {
    return this.issued.has(person);
  }

  private personOf(credential: Credential): Person | null {
    return 'card' in credential
      ? this.people.byCard(credential.card)
      : this.people.byStaffNumber(credential.staffNumber);
  }

  private async tryPin(
    person: Person,
    via: AuditDetail,
    pin: string,
    purpose: AuthPurpose,
  ): Promise<AuthResult> {
    const subject = `staff:${person.staffNumber}`;
    const stored = this.pins.get(person.staffNumber);
    if (!stored) {
      this.audit.append({
        actor: null,
        action: 'auth.no_pin',
        subject,
        detail: { ...via, purpose },
      });
      return { ok: false, reason: 'no_pin' };
    }
    const start = this.db.transaction(() => {
      const t = this.lockout.begin(person.staffNumber);
      if (t.locked)
        this.audit.append({
          actor: null,
          action: 'auth.refused_locked',
          subject,
          detail: { ...via, purpose, lockedUntil: shanghaiIso(t.lockedUntil) },
        });
      return t;
    })();
    if (start.locked)
      return { ok: false, reason: 'locked', lockedUntil: start.lockedUntil, triesLeft: 0 };

    const right = await verifyPin(pin, stored);
    if (right) {
      const rehash = weakerThan(stored, this.params) ? await hashPin(pin, this.params) : null;
      this.db.transaction(() => {
        this.lockout.succeeded(person.staffNumber);
        if (rehash) this.pins.rehash(person.staffNumber, rehash);
        this.audit.append({
          actor: { staffNumber: person.staffNumber, role: person.role },
          action: 'auth.ok',
          detail: { ...via, purpose, ...(rehash ? { rehashed: true } : {}) },
        });
      })();
      return { ok: true, person: this.issue(person) };
    }
    if (start.locksIfWrong) {
      this.audit.append({
        actor: null,
        action: 'auth.locked_out',
        subject,
        detail: { ...via, purpose, lockedUntil: shanghaiIso(start.lockedUntilIfWrong) },
      });
      return { ok: false, reason: 'locked', lockedUntil: start.lockedUntilIfWrong, triesLeft: 0 };
    }
    const triesLeft = MAX_TRIES - start.tryNumber;
    this.audit.append({
      actor: null,
      action: 'auth.wrong_pin',
      subject,
      detail: { ...via, purpose, triesLeft },
    });
    return { ok: false, reason: 'wrong_pin', triesLeft };
  }

  private issue(person: Person): AuthenticatedPerson {
    const made = Object.freeze({
      staffNumber: person.staffNumber,
      name: person.name,
      role: person.role,
    }) as AuthenticatedPerson;
    this.issued.add(made);
    return made;
  }

  private assertIssued(person: object): asserts person is AuthenticatedPerson {
    if (!this.issued.has(person)) throw new Error('not a person who entered their PIN here');
  }

  private serial<T>(key: string, task: () => T | Promise<T>): Promise<T> {
    const before = this.queues.get(key) ?? Promise.resolve();
    const run = before.then(task, task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return run;
  }
}

function viaOf(credential: Credential): AuditDetail {
  return 'card' in credential
    ? { via: 'card', cardTail: uidTail(credential.card) }
    : { via: 'staff_number' };
}
