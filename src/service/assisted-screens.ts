// The staff screens that work on the journal: open items, payments waiting to sync, the day
// summary, and the cash-box exchange (its own screen object, cash-exchange-screen.ts). Each tap
// becomes one call of the staff services or the exchange (which check the role and audit); this
// keeps only what is being typed and the last outcome, and draws the views. PINs never pass here.
import {
  ItemAction,
  type DeskResult,
  type OpenItemRow,
  type StaffEvent,
  type StaffScreenName,
  type StaffView,
} from '../api/kiosk-api';
import type { AuthenticatedPerson } from './authenticator';
import { CashExchangeScreen, type CashExchangePorts } from './cash-exchange-screen';
import { typedDigits } from './keypad-typing';
import { DISCREPANCY_REASONS, type DiscrepancyReason, type OpenItemView } from './open-item-kinds';
import type { StaffServices } from './staff-services';

/** Digits typed for a refund slip's serial (the business day and the number). */
const MAX_SERIAL_DIGITS = 14;

export interface AssistedPorts extends CashExchangePorts {
  services: Pick<
    StaffServices,
    'openItems' | 'resolveItem' | 'askAgain' | 'waitingToSync' | 'tryNow' | 'daySummary'
  >;
  terminalId: string;
}

type AssistedEvent = Extract<
  StaffEvent,
  { type: 'STAFF_ITEM' | 'STAFF_TRY_NOW' | 'STAFF_EXCHANGE_FIELD' | 'STAFF_EXCHANGE' }
>;

export type AssistedScreen = Extract<
  StaffScreenName,
  'openItems' | 'syncQueue' | 'daySummary' | 'cashExchange'
>;

export function isAssistedScreen(screen: StaffScreenName | null): screen is AssistedScreen {
  return (
    screen === 'openItems' ||
    screen === 'syncQueue' ||
    screen === 'daySummary' ||
    screen === 'cashExchange'
  );
}

export class AssistedScreens {
  private entering: { key: string; typed: string } | null = null;
  private lastResult: DeskResult | null = null;
  private readonly exchange: CashExchangeScreen;

  constructor(private readonly p: AssistedPorts) {
    this.exchange = new CashExchangeScreen(p);
  }

  /** A new screen, or the mode closed: nothing typed survives. */
  reset(): void {
    this.entering = null;
    this.lastResult = null;
    this.exchange.reset();
  }

  view(screen: AssistedScreen, who: AuthenticatedPerson): StaffView {
    switch (screen) {
      case 'openItems':
        return this.openItemsView(who);
      case 'syncQueue':
        return this.syncView(who);
      case 'daySummary':
        return this.summaryView(who);
      case 'cashExchange':
        return this.exchange.view();
    }
  }

  /** Keys and submit on a screen that takes typing. False: not for this screen. */
  typed(screen: AssistedScreen, event: StaffEvent, who: AuthenticatedPerson): boolean {
    if (event.type === 'STAFF_KEY') {
      if (screen === 'openItems' && this.entering) {
        this.entering.typed = typedDigits(this.entering.typed, event.key, MAX_SERIAL_DIGITS);
        return true;
      }
      return screen === 'cashExchange' && this.exchange.typed(event.key);
    }
    if (event.type === 'STAFF_SUBMIT' && screen === 'openItems' && this.entering) {
      this.payOut(who, this.entering.key, this.slipSerial(this.entering.typed), 'typed');
      return true;
    }
    return false;
  }

  /** A slip's barcode scanned while its pay-out waits for it. */
  scanned(text: string, who: AuthenticatedPerson): boolean {
    if (!this.entering) return false;
    this.payOut(who, this.entering.key, text.trim(), 'scanned');
    return true;
  }

  async handle(event: AssistedEvent, who: AuthenticatedPerson): Promise<void> {
    switch (event.type) {
      case 'STAFF_ITEM':
        return this.itemAction(who, event.key, event.action, event.reason);
      case 'STAFF_TRY_NOW': {
        const r = this.p.services.tryNow(who, event.agentSerial ?? undefined);
        this.lastResult = r.ok ? { ok: true, reason: null } : { ok: false, reason: r.reason };
        return;
      }
      case 'STAFF_EXCHANGE_FIELD':
        this.exchange.choose(event.field);
        return;
      case 'STAFF_EXCHANGE':
        return this.exchange.step(who, event.action);
    }
  }

  // ---- open items ----

  private openItemsView(who: AuthenticatedPerson): StaffView {
    const r = this.p.services.openItems(who);
    return {
      name: 'openItems',
      items: r.ok ? r.items.map(itemRow) : [],
      entering: this.entering,
      lastResult: r.ok ? this.lastResult : { ok: false, reason: r.reason },
    };
  }

  private async itemAction(
    who: AuthenticatedPerson,
    key: string,
    action: ItemAction,
    reason: string | undefined,
  ): Promise<void> {
    const itemId = itemIdOf(key);
    if (action === 'pay_out') {
      // The slip's serial comes first: scanned from its barcode, or typed.
      this.entering = { key, typed: '' };
      this.lastResult = null;
      return;
    }
    if (action === 'ask_again') {
      const serial = key.startsWith('payment:') ? key.slice('payment:'.length) : '';
      const r = await this.p.services.askAgain(who, serial);
      this.lastResult = r.ok ? { ok: true, reason: null } : { ok: false, reason: r.reason };
      return;
    }
    if (itemId === null) {
      this.lastResult = { ok: false, reason: 'unknown_item' };
      return;
    }
    const resolve = () => {
      if (action !== 'explain') return this.p.services.resolveItem(who, { itemId, action });
      if (!isDiscrepancyReason(reason)) return null;
      return this.p.services.resolveItem(who, { itemId, action, reason });
    };
    const r = resolve();
    if (r === null) {
      this.lastResult = { ok: false, reason: 'bad_reason' };
      return;
    }
    this.lastResult = r.ok ? { ok: true, reason: null } : { ok: false, reason: r.reason };
  }

  private payOut(
    who: AuthenticatedPerson,
    key: string,
    slipSerial: string,
    via: 'scanned' | 'typed',
  ): void {
    const itemId = itemIdOf(key);
    const items = this.p.services.openItems(who);
    const item = items.ok ? items.items.find((i) => i.key === key) : undefined;
    if (itemId === null || !item) {
      this.lastResult = { ok: false, reason: 'unknown_item' };
      this.entering = null;
      return;
    }
    const r = this.p.services.resolveItem(who, {
      itemId,
      action: 'pay_out',
      slipSerial,
      via,
      amount: item.amount,
    });
    this.lastResult = r.ok ? { ok: true, reason: null } : { ok: false, reason: r.reason };
    if (r.ok) this.entering = null;
    else if (this.entering) this.entering.typed = '';
  }

  /** Typed digits: the business day (8) and the number (6); the terminal id is this kiosk's. */
  private slipSerial(typed: string): string {
    return `${this.p.terminalId}-${typed.slice(0, 8)}-${typed.slice(8)}`;
  }

  // ---- payments waiting, the day ----

  private syncView(who: AuthenticatedPerson): StaffView {
    const r = this.p.services.waitingToSync(who);
    return {
      name: 'syncQueue',
      payments: r.ok
        ? r.payments.map((p) => ({
            agentSerial: p.agentSerial,
            billerName: p.billerName,
            account: p.account,
            amount: p.amount,
            ageMinutes: Math.floor(p.ageMs / 60_000),
            attempts: p.attempts,
            lastError: p.lastError === null ? null : p.lastError.slice(0, 200),
            retryAfterUntil: p.retryAfterUntil,
          }))
        : [],
      lastResult: r.ok ? this.lastResult : { ok: false, reason: r.reason },
    };
  }

  private summaryView(who: AuthenticatedPerson): StaffView {
    const r = this.p.services.daySummary(who);
    if (!r.ok) {
      const none = { rows: [], count: 0, amount: 0 };
      return {
        name: 'daySummary',
        day: '',
        writtenOff: none,
        pendingSync: none,
        reversed: { count: 0, amount: 0 },
        cashBox: { count: 0, total: 0 },
        openItems: {},
      };
    }
    const part = (p: typeof r.writtenOff) => ({
      rows: p.rows.map((row) => ({
        billerName: row.billerName,
        method: row.method,
        count: row.count,
        amount: row.amount,
      })),
      count: p.count,
      amount: p.amount,
    });
    return {
      name: 'daySummary',
      day: r.day,
      writtenOff: part(r.writtenOff),
      pendingSync: part(r.pendingSync),
      reversed: r.reversed,
      cashBox: { count: r.cashBox.count, total: r.cashBox.total },
      openItems: { ...r.openItems },
    };
  }
}

function isDiscrepancyReason(reason: string | undefined): reason is DiscrepancyReason {
  return (DISCREPANCY_REASONS as readonly (string | undefined)[]).includes(reason);
}

function itemIdOf(key: string): number | null {
  const m = /^item:(\d{1,12})$/.exec(key);
  return m ? Number(m[1]) : null;
}

/** An open item as the list shows it: one shape for every kind. */
function itemRow(i: OpenItemView): OpenItemRow {
  const base = {
    key: i.key,
    kind: i.kind,
    amount: i.amount,
    // Actions the screens offer (a reversal is resumed from its own screen, not from here).
    actions: i.actions.filter((a): a is ItemAction => ItemAction.safeParse(a).success),
    direction: null,
    reasons: [],
    account: null,
    detail: null,
  };
  switch (i.kind) {
    case 'refund_slip':
      return { ...base, agentSerial: i.agentSerial, account: i.account, detail: i.reason };
    case 'note_review':
      return { ...base, agentSerial: i.agentSerial, detail: i.creditProblem ?? i.reason };
    case 'stray_note':
      // Its reason (stray_note_in_box, _returned, _uncertain) says what the device said.
      return { ...base, agentSerial: null, detail: i.reason };
    case 'discrepancy':
      return {
        ...base,
        agentSerial: i.agentSerial,
        direction: i.label === '长款' ? 'long' : i.label === '短款' ? 'short' : null,
        detail: i.difference,
        // 'other' needs a typed note, which the kiosk's keypad cannot give.
        reasons: i.reasons.filter((r) => r !== 'other'),
      };
    case 'payment':
      return { ...base, agentSerial: i.agentSerial, account: i.account, detail: i.need };
  }
}
