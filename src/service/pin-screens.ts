// The PIN screens: a technician setting a person's PIN, anyone changing their own (the current
// PIN first). Each PIN is typed twice; the call goes to ServiceAuth (which checks the role, the
// PIN's strength and audits). A PIN typed here stays in this object's memory until its call and
// is dropped right after; a view carries its length only.
import type { DeskResult, StaffEvent, StaffView } from '../api/kiosk-api';
import type { AuthenticatedPerson, PinSetResult, ServiceAuth } from './authenticator';
import { typedDigits } from './keypad-typing';
import type { Person } from './people';

const PIN = 6;

type PinField = 'current' | 'first' | 'second';

export interface PinScreenPorts {
  auth: Pick<ServiceAuth, 'setPin' | 'changePin' | 'hasPin'>;
  /** The committee's people, from config. */
  people(): readonly Person[];
}

export class PinScreens {
  private pinFor: string | null = null;
  private field: PinField = 'first';
  private pins: Record<PinField, string> = { current: '', first: '', second: '' };
  private problem: string | null = null;
  private lastResult: DeskResult | null = null;

  constructor(private readonly p: PinScreenPorts) {}

  /** A new screen, or the mode closed: no PIN survives. */
  reset(): void {
    this.pinFor = null;
    this.clearPins('first');
    this.problem = null;
    this.lastResult = null;
  }

  view(screen: 'pins' | 'myPin'): StaffView {
    if (screen === 'myPin') {
      return {
        name: 'myPin',
        typing: { ...this.typing(), field: this.ownField() },
        problem: this.problem,
        lastResult: this.lastResult,
      };
    }
    return {
      name: 'pins',
      people: this.p.people().map((person) => ({
        staffNumber: person.staffNumber,
        name: maskStaffName(person.name),
        role: person.role,
        hasPin: this.p.auth.hasPin(person.staffNumber),
      })),
      chosen: this.pinFor,
      typing: this.typing(),
      problem: this.problem,
      lastResult: this.lastResult,
    };
  }

  /** The person whose PIN the technician sets (one of the committee's people). */
  choose(staffNumber: string): void {
    if (!this.p.people().some((person) => person.staffNumber === staffNumber)) return;
    this.pinFor = staffNumber;
    this.clearPins('first');
    this.problem = null;
    this.lastResult = null;
  }

  /** Keys and submit; null when the screen takes none now (no person chosen). */
  typed(
    screen: 'pins' | 'myPin',
    event: Extract<StaffEvent, { type: 'STAFF_KEY' | 'STAFF_SUBMIT' }>,
    who: AuthenticatedPerson,
  ): Promise<void> | null {
    if (screen === 'pins') return this.pinFor === null ? null : this.pinTyped(event, who, 'set');
    return this.pinTyped(event, who, 'own');
  }

  private typing() {
    return {
      field: this.field,
      currentLength: this.pins.current.length,
      firstLength: this.pins.first.length,
      secondLength: this.pins.second.length,
    };
  }

  /** Changing one's own PIN starts with the current one. */
  private ownField(): PinField {
    const fresh = this.pins.current.length < PIN && this.pins.first === '';
    return this.field === 'first' && fresh ? 'current' : this.field;
  }

  private clearPins(field: PinField): void {
    this.pins = { current: '', first: '', second: '' };
    this.field = field;
  }

  private pinTyped(
    event: Extract<StaffEvent, { type: 'STAFF_KEY' | 'STAFF_SUBMIT' }>,
    who: AuthenticatedPerson,
    kind: 'set' | 'own',
  ): Promise<void> {
    if (kind === 'own') this.field = this.ownField();
    if (event.type === 'STAFF_KEY') {
      this.pins[this.field] = typedDigits(this.pins[this.field], event.key, PIN);
      this.problem = null;
      this.lastResult = null;
      if (this.pins[this.field].length < PIN) return Promise.resolve();
      if (this.field === 'current') this.field = 'first';
      else if (this.field === 'first') this.field = 'second';
      else return this.setPin(who, kind);
      return Promise.resolve();
    }
    if (this.field === 'second' && this.pins.second.length === PIN) return this.setPin(who, kind);
    return Promise.resolve();
  }

  private async setPin(who: AuthenticatedPerson, kind: 'set' | 'own'): Promise<void> {
    const { current, first, second } = this.pins;
    const start: PinField = kind === 'own' ? 'current' : 'first';
    this.clearPins(start);
    if (first !== second) {
      this.problem = 'pins_differ';
      this.lastResult = { ok: false, reason: 'pins_differ' };
      return;
    }
    let r: PinSetResult;
    if (kind === 'set') {
      if (this.pinFor === null) return;
      r = await this.p.auth.setPin(who, this.pinFor, first);
    } else {
      r = await this.p.auth.changePin(who, current, first);
    }
    if (r.ok) {
      this.problem = null;
      this.lastResult = { ok: true, reason: null };
      return;
    }
    this.problem = 'problem' in r && r.problem ? r.problem : r.reason;
    this.lastResult = { ok: false, reason: r.reason };
  }
}

/**
 * A name as the PIN list shows it: all but its last character, then a star (王芳 → 王*). A
 * resident's name is masked by another rule (receipts/mask.ts).
 */
function maskStaffName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  return `${chars.slice(0, -1).join('')}*`;
}
