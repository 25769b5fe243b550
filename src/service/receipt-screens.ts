// The staff screens for receipts and PINs: reprint (副本), same-day reversal (冲正) with a second
// person's approval on the spot, and the PIN screens (pin-screens.ts: a technician setting a
// person's PIN, anyone changing their own). Each tap becomes one call of the staff services or ServiceAuth (which check the role and
// audit); this keeps only what is being typed and the last outcome, and draws the views. A PIN
// typed here stays in this object's memory until its call and is dropped right after; a view
// carries its length only.
import type {
  DeskResult,
  ReceiptRow,
  ReceiptSearch,
  ReversalReasonCode,
  StaffEvent,
  StaffScreenName,
  StaffView,
} from '../api/kiosk-api';
import type { ReceiptLayout } from '../receipts/layout';
import { businessDate } from '../time/shanghai';
import type { AuthenticatedPerson, Credential, ServiceAuth } from './authenticator';
import type { Person } from './people';
import { typedDigits } from './keypad-typing';
import { PinScreens } from './pin-screens';
import { REVERSAL_REASONS, isReversalReason } from './reversal-desk';
import { type ReceiptFoundView, type ReversalView, type StaffServices } from './staff-services';

const PIN = 6;
const TAIL = 4;
const SERIAL_DIGITS = 14;
const STAFF_NUMBER = { min: 4, max: 8 } as const;

export interface ReceiptScreenPorts {
  services: Pick<StaffServices, 'findReceipts' | 'reprint' | 'requestReversal' | 'resumeReversal'>;
  auth: Pick<ServiceAuth, 'setPin' | 'changePin' | 'hasPin'>;
  /** The committee's people, from config. */
  people(): readonly Person[];
  terminalId: string;
  /** Prints a layout through the host's receipts (a copy, a reversal slip); whether it printed. */
  printReceipt(layout: ReceiptLayout): Promise<boolean>;
  /** The wall clock (ms): which receipts are today's. */
  clock(): number;
}

type ReceiptEvent = Extract<
  StaffEvent,
  { type: 'STAFF_FIND_BY' | 'STAFF_REPRINT' | 'STAFF_REVERSAL' | 'STAFF_PIN_FOR' }
>;

export type ReceiptScreen = Extract<StaffScreenName, 'reprint' | 'reversal' | 'pins' | 'myPin'>;

export function isReceiptScreen(screen: StaffScreenName | null): screen is ReceiptScreen {
  return screen === 'reprint' || screen === 'reversal' || screen === 'pins' || screen === 'myPin';
}

const RECEIPT_EVENTS: ReadonlySet<string> = new Set<ReceiptEvent['type']>([
  'STAFF_FIND_BY',
  'STAFF_REPRINT',
  'STAFF_REVERSAL',
  'STAFF_PIN_FOR',
]);

export function isReceiptEvent(e: StaffEvent): e is ReceiptEvent {
  return RECEIPT_EVENTS.has(e.type);
}

type ReversalStep = 'find' | 'reason' | 'approve' | 'checking' | 'done';

interface Approver {
  by: 'card' | 'staffNumber';
  card: string | null;
  step: 'staffNumber' | 'pin';
  staffNumber: string;
  pin: string;
}

export class ReceiptScreens {
  private by: ReceiptSearch['by'] = 'accountTail';
  private typedQuery = '';
  private found: ReceiptRow[] | null = null;
  /** Serials found whose reversal's outcome is not known yet: chosen, they are asked again. */
  private openReversals = new Set<string>();
  private printed: { agentSerial: string; copyNumber: number; printed: boolean } | null = null;
  private lastResult: DeskResult | null = null;
  // Reversal.
  private step: ReversalStep = 'find';
  private chosen: ReceiptRow | null = null;
  private reason: ReversalReasonCode | null = null;
  private approver: Approver | null = null;
  private outcome: {
    outcome: ReversalView['outcome'];
    amount: number;
    message: string | null;
    slipPrinted: boolean | null;
  } | null = null;
  private readonly pinScreens: PinScreens;

  constructor(private readonly p: ReceiptScreenPorts) {
    this.pinScreens = new PinScreens(p);
  }

  /** A new screen, or the mode closed: nothing typed survives (a PIN least of all). */
  reset(): void {
    this.by = 'accountTail';
    this.typedQuery = '';
    this.found = null;
    this.openReversals = new Set();
    this.printed = null;
    this.lastResult = null;
    this.step = 'find';
    this.chosen = null;
    this.reason = null;
    this.approver = null;
    this.outcome = null;
    this.pinScreens.reset();
  }

  view(screen: ReceiptScreen): StaffView {
    switch (screen) {
      case 'reprint':
        return {
          name: 'reprint',
          search: this.search(),
          printed: this.printed,
          lastResult: this.lastResult,
        };
      case 'reversal':
        return this.reversalView();
      case 'pins':
      case 'myPin':
        return this.pinScreens.view(screen);
    }
  }

  /** The approver's card, while a reversal waits for approval. */
  awaitsApprover(screen: StaffScreenName | null): boolean {
    return screen === 'reversal' && this.step === 'approve';
  }

  /** A reversal's approval is under way: waited for, or being checked. */
  inApproval(screen: StaffScreenName | null): boolean {
    return screen === 'reversal' && (this.step === 'approve' || this.step === 'checking');
  }

  /** A staff card presented for the approval: its PIN is asked next. */
  approverCard(uid: string): void {
    this.approver = { by: 'card', card: uid, step: 'pin', staffNumber: '', pin: '' };
    this.lastResult = null;
  }

  /**
   * Keys and submit on these screens. Null: not for this screen; otherwise the work it started
   * (a search, a PIN's check), done when the promise settles.
   */
  typed(screen: ReceiptScreen, event: StaffEvent, who: AuthenticatedPerson): Promise<void> | null {
    if (event.type !== 'STAFF_KEY' && event.type !== 'STAFF_SUBMIT') return null;
    if (screen === 'reprint' || (screen === 'reversal' && this.step === 'find')) {
      if (event.type === 'STAFF_KEY') {
        this.typedQuery = typedDigits(this.typedQuery, event.key, this.maxQuery());
        return Promise.resolve();
      }
      this.find(who, this.queryOfTyped(), screen === 'reversal');
      return Promise.resolve();
    }
    if (screen === 'reversal' && this.step === 'approve' && this.approver) {
      return this.approverTyped(event, who);
    }
    if (screen === 'pins' || screen === 'myPin') return this.pinScreens.typed(screen, event, who);
    return null;
  }

  /** A receipt's barcode scanned on the reprint or reversal screen: found by its serial. */
  scanned(screen: StaffScreenName | null, text: string, who: AuthenticatedPerson): boolean {
    const forReversal = screen === 'reversal' && this.step === 'find';
    if (screen !== 'reprint' && !forReversal) return false;
    this.by = 'serial';
    this.typedQuery = '';
    this.find(who, { agentSerial: text.trim() }, forReversal);
    return true;
  }

  async handle(event: ReceiptEvent, who: AuthenticatedPerson): Promise<void> {
    switch (event.type) {
      case 'STAFF_FIND_BY':
        this.by = event.by;
        this.typedQuery = '';
        this.found = null;
        this.lastResult = null;
        return;
      case 'STAFF_REPRINT':
        return this.reprint(who, event.agentSerial);
      case 'STAFF_REVERSAL':
        return this.reversalStep(who, event);
      case 'STAFF_PIN_FOR':
        this.pinScreens.choose(event.staffNumber);
        return;
    }
  }

  // ---- finding receipts ----

  private search(): ReceiptSearch {
    return { by: this.by, typed: this.typedQuery, found: this.found };
  }

  private maxQuery(): number {
    return this.by === 'accountTail' ? TAIL : SERIAL_DIGITS;
  }

  /** Typed digits: the account's last 4, or the serial's business day (8) and number (6). */
  private queryOfTyped(): { agentSerial: string } | { accountTail: string } {
    if (this.by === 'accountTail') return { accountTail: this.typedQuery };
    const d = this.typedQuery;
    return { agentSerial: `${this.p.terminalId}-${d.slice(0, 8)}-${d.slice(8)}` };
  }

  private find(
    who: AuthenticatedPerson,
    query: { agentSerial: string } | { accountTail: string },
    todayWrittenOff: boolean,
  ): void {
    this.printed = null;
    const r = this.p.services.findReceipts(who, query);
    if (!r.ok) {
      this.found = null;
      this.lastResult = { ok: false, reason: r.reason };
      return;
    }
    const today = businessDate(this.p.clock());
    const shown = r.receipts.filter(
      (f) => !todayWrittenOff || (f.kind === 'paid' && businessDate(f.at) === today),
    );
    this.found = shown.map(receiptRow);
    this.openReversals = new Set(shown.filter((f) => f.reversalOpen).map((f) => f.agentSerial));
    this.lastResult = null;
  }

  private async reprint(who: AuthenticatedPerson, agentSerial: string): Promise<void> {
    const r = this.p.services.reprint(who, agentSerial);
    if (!r.ok) {
      this.printed = null;
      this.lastResult = { ok: false, reason: r.reason };
      return;
    }
    const printed = await this.p.printReceipt(r.layout);
    this.printed = { agentSerial: r.agentSerial, copyNumber: r.copyNumber, printed };
    this.lastResult = printed ? { ok: true, reason: null } : { ok: false, reason: 'not_printed' };
    // The copy count shown in the list moves on.
    if (this.found) {
      this.found = this.found.map((f) =>
        f.agentSerial === r.agentSerial ? { ...f, copies: r.copyNumber } : f,
      );
    }
  }

  // ---- same-day reversal ----

  private reversalView(): StaffView {
    const a = this.approver;
    return {
      name: 'reversal',
      step: this.step,
      search: this.search(),
      chosen: this.chosen,
      reason: this.reason,
      reasons: [...REVERSAL_REASONS],
      approver: a
        ? { by: a.by, step: a.step, staffNumber: a.staffNumber, pinLength: a.pin.length }
        : null,
      outcome: this.outcome,
      lastResult: this.lastResult,
    };
  }

  private async reversalStep(
    who: AuthenticatedPerson,
    event: Extract<ReceiptEvent, { type: 'STAFF_REVERSAL' }>,
  ): Promise<void> {
    switch (event.action) {
      case 'choose': {
        const row = this.found?.find((f) => f.agentSerial === event.agentSerial) ?? null;
        if (!row || this.step !== 'find') return;
        this.chosen = row;
        this.lastResult = null;
        if (this.openReversals.has(row.agentSerial)) {
          // Asked before and not known yet (the screen was left, the kiosk restarted): no new
          // reason nor approval, only the gateway asked again.
          this.step = 'done';
          this.outcome = {
            outcome: 'unknown',
            amount: row.amount,
            message: null,
            slipPrinted: null,
          };
          return;
        }
        this.step = 'reason';
        return;
      }
      case 'reason':
        if (this.step !== 'reason' || !event.reason || !isReversalReason(event.reason)) return;
        this.reason = event.reason;
        this.step = 'approve';
        this.approver = null;
        this.lastResult = null;
        return;
      case 'approverByNumber':
        if (this.step !== 'approve') return;
        this.approver = {
          by: 'staffNumber',
          card: null,
          step: 'staffNumber',
          staffNumber: '',
          pin: '',
        };
        this.lastResult = null;
        return;
      case 'askAgain': {
        if (this.step !== 'done' || !this.chosen || this.outcome?.outcome !== 'unknown') return;
        // Asking: a second tap meanwhile is not a second question.
        this.step = 'checking';
        this.lastResult = null;
        const r = await this.p.services.resumeReversal(who, this.chosen.agentSerial);
        if (!r.ok) {
          this.step = 'done';
          this.lastResult = { ok: false, reason: r.reason };
          return;
        }
        await this.settled(r);
        return;
      }
      case 'restart': {
        const keep = this.by;
        this.reset();
        this.by = keep;
        return;
      }
    }
  }

  private approverTyped(
    event: Extract<StaffEvent, { type: 'STAFF_KEY' | 'STAFF_SUBMIT' }>,
    who: AuthenticatedPerson,
  ): Promise<void> {
    const a = this.approver;
    if (!a) return Promise.resolve();
    if (a.step === 'staffNumber') {
      if (event.type === 'STAFF_KEY') {
        a.staffNumber = typedDigits(a.staffNumber, event.key, STAFF_NUMBER.max);
      } else if (a.staffNumber.length >= STAFF_NUMBER.min) {
        a.step = 'pin';
      }
      return Promise.resolve();
    }
    if (event.type === 'STAFF_KEY') a.pin = typedDigits(a.pin, event.key, PIN);
    // The sixth digit asks at once, as at sign-in.
    if (a.pin.length < PIN) return Promise.resolve();
    return this.requestReversal(who, a);
  }

  private async requestReversal(who: AuthenticatedPerson, a: Approver): Promise<void> {
    const chosen = this.chosen;
    const reason = this.reason;
    if (!chosen || !reason) return;
    const credential: Credential =
      a.by === 'card' && a.card !== null ? { card: a.card } : { staffNumber: a.staffNumber };
    const pin = a.pin;
    // The PIN leaves this object with the call; the screen keeps its length at zero.
    a.pin = '';
    this.step = 'checking';
    this.lastResult = null;
    const r = await this.p.services.requestReversal(who, {
      agentSerial: chosen.agentSerial,
      reason,
      approver: credential,
      approverPin: pin,
    });
    if (!r.ok) {
      // Refused (the same person, a wrong PIN, a payment no longer reversible): say why, and
      // the approval may be given again.
      this.step = 'approve';
      this.approver = null;
      this.lastResult = { ok: false, reason: r.why ? `${r.reason}: ${r.why}` : r.reason };
      return;
    }
    await this.settled(r);
  }

  private async settled(r: ReversalView): Promise<void> {
    const slipPrinted = r.slip ? await this.p.printReceipt(r.slip.layout) : null;
    this.step = 'done';
    this.approver = null;
    this.outcome = {
      outcome: r.outcome,
      amount: r.amount,
      message: r.message === null ? null : r.message.slice(0, 200),
      slipPrinted,
    };
    this.lastResult = r.outcome === 'reversed' ? { ok: true, reason: null } : null;
  }
}

/** A receipt as the lists show it. */
function receiptRow(f: ReceiptFoundView): ReceiptRow {
  return {
    agentSerial: f.agentSerial,
    kind: f.kind,
    billerName: f.billerName,
    account: f.account,
    amount: f.amount,
    at: f.at,
    copies: f.copies,
  };
}
