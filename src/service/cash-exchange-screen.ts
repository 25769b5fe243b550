// The cash-box exchange screen (清机): the box and seal typed, the count per denomination
// typed, and the three steps (begin, finish, abort) as calls of the exchange, which journals;
// this keeps only what is being typed and the settlement to show, and draws the view.
import type { DeskResult, Key, StaffView } from '../api/kiosk-api';
import type { CashExchange, Settlement } from '../../offline-queue/cash-exchange';
import type { AuditEntry } from './audit-log';
import type { AuthenticatedPerson } from './authenticator';
import { typedDigits } from './keypad-typing';

/** The notes a Chinese acceptor takes, largest first (fen): the rows of a count. */
const NOTE_VALUES = [10_000, 5_000, 2_000, 1_000, 500, 100] as const;
/** Digits typed for a box number, a seal or a count. */
const MAX_TYPED = { box: 12, seal: 12, count: 6 } as const;

export interface CashExchangePorts {
  exchange: Pick<CashExchange, 'expected' | 'current' | 'begin' | 'finish' | 'abort'>;
  /** The acceptor's own stacked counter (null where it keeps none). */
  deviceStacked(): Promise<number | null>;
  /** Prints the settlement slip; whether it printed. */
  printSettlement(settlement: Settlement): Promise<boolean>;
  /** Out of service while the box is out (and back after), as residents are told. */
  setExchangeService(boxOut: boolean): void;
  audit(entry: AuditEntry): void;
}

export class CashExchangeScreen {
  private box = '';
  private seal = '';
  private field: string | null = null;
  private counts = new Map<number, string>();
  private settled: { settlement: Settlement; printed: boolean } | null = null;
  private lastResult: DeskResult | null = null;

  constructor(private readonly p: CashExchangePorts) {}

  /** A new screen, or the mode closed: nothing typed survives. */
  reset(): void {
    this.box = '';
    this.seal = '';
    this.field = null;
    this.counts.clear();
    this.settled = null;
    this.lastResult = null;
  }

  /** The field the keypad types into. */
  choose(field: string): void {
    this.field = field;
  }

  /** A key on the keypad; false when no field is chosen. */
  typed(key: Key): boolean {
    if (!this.field) return false;
    this.typeInto(this.field, key);
    return true;
  }

  view(): StaffView {
    const open = this.p.exchange.current();
    const expected = open?.expected ?? this.p.exchange.expected();
    const values = [...new Set([...NOTE_VALUES, ...Object.keys(expected.byValue).map(Number)])]
      .filter((v) => Number.isInteger(v) && v > 0)
      .sort((a, b) => b - a);
    const s = this.settled?.settlement;
    return {
      name: 'cashExchange',
      step: s ? 'settled' : open ? 'counting' : 'ready',
      boxId: open?.boxId ?? s?.boxId ?? this.box,
      seal: open?.seal ?? s?.seal ?? this.seal,
      field: this.field,
      lines: s
        ? s.lines.map((l) => ({ value: l.value, expected: l.expected, counted: l.counted }))
        : values.map((value) => ({
            value,
            expected: expected.byValue[value] ?? 0,
            counted: this.counts.has(value) ? Number(this.counts.get(value) || 0) : null,
          })),
      expectedTotal: s ? s.expected.total : expected.total,
      countedTotal: s
        ? s.counted.total
        : [...this.counts].reduce((sum, [v, n]) => sum + v * Number(n || 0), 0),
      discrepancy: s ? s.discrepancy : null,
      slipPrinted: this.settled ? this.settled.printed : null,
      lastResult: this.lastResult,
    };
  }

  private typeInto(field: string, key: Key): void {
    if (field === 'box') this.box = typedDigits(this.box, key, MAX_TYPED.box);
    else if (field === 'seal') this.seal = typedDigits(this.seal, key, MAX_TYPED.seal);
    else {
      const value = Number(field);
      if (!Number.isInteger(value) || value <= 0) return;
      this.counts.set(value, typedDigits(this.counts.get(value) ?? '', key, MAX_TYPED.count));
    }
  }

  /** Begin (box and seal), finish (the counts), or abort an exchange. */
  async step(who: AuthenticatedPerson, action: 'begin' | 'finish' | 'abort'): Promise<void> {
    const by = who.staffNumber;
    const actor = { staffNumber: who.staffNumber, role: who.role };
    if (action === 'begin') {
      if (this.box === '' || this.seal === '') {
        this.lastResult = { ok: false, reason: 'box_and_seal_needed' };
        return;
      }
      const r = this.p.exchange.begin({
        boxId: this.box,
        seal: this.seal,
        by,
        deviceStacked: await this.p.deviceStacked(),
      });
      if (!r.ok) {
        this.lastResult = { ok: false, reason: r.refusal.reason };
        return;
      }
      this.p.setExchangeService(true);
      this.p.audit({
        actor,
        action: 'cash_box.exchange',
        subject: `box:${r.exchange.id}`,
        amountBefore: r.exchange.expected.total,
        detail: { step: 'begin' },
      });
      this.settled = null;
      this.counts.clear();
      this.field = String(NOTE_VALUES[0]);
      this.lastResult = { ok: true, reason: null };
      return;
    }
    if (action === 'abort') {
      const r = this.p.exchange.abort({ by, reason: 'cancelled at the kiosk' });
      this.lastResult = r.ok ? { ok: true, reason: null } : { ok: false, reason: r.refusal.reason };
      if (r.ok) {
        this.p.setExchangeService(false);
        this.p.audit({ actor, action: 'cash_box.exchange', detail: { step: 'abort' } });
        this.reset();
      }
      return;
    }
    const counted: Record<number, number> = {};
    for (const [value, typed] of this.counts) counted[value] = Number(typed || 0);
    const r = this.p.exchange.finish({ counted, by });
    if (!r.ok) {
      this.lastResult = { ok: false, reason: r.refusal.reason };
      return;
    }
    const s = r.settlement;
    this.p.audit({
      actor,
      action: 'cash_box.exchange',
      subject: `box:${s.exchangeId}`,
      amountBefore: s.expected.total,
      amountAfter: s.counted.total,
      detail: { step: 'finish', outcome: s.outcome },
    });
    this.p.setExchangeService(false);
    this.settled = { settlement: s, printed: await this.p.printSettlement(s) };
    this.field = null;
    this.lastResult = { ok: true, reason: null };
  }
}
