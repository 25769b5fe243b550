// The session flow with stand-in effects: every step the customer takes, what they see, and the
// money rules the flow itself enforces (no cancel once money is in, nothing lost on timeouts).
import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise, waitFor, type EventObject } from 'xstate';
import type { ProblemCode } from '../../src/api/kiosk-api';
import { sessionMachine } from '../../src/flows/session-machine';
import {
  type BillerChoice,
  type CashInInput,
  type LookupResult,
  type InfoContent,
  type QrPayInput,
  type QuoteChoice,
  type ReceiptInput,
  type ReceiptOutcome,
  type RefundSlipInput,
  type RefundSlipOutcome,
  type ScanLookupResult,
  type SessionEvent,
  type StartResult,
} from '../../src/flows/session-types';
import { helpCalled, screenOf } from '../../src/flows/session-view';
import { POWER, QUOTE } from './session-fixtures';

interface Effects {
  lookup?: LookupResult;
  /** The stand-in printer prints (default), or cannot. */
  receiptPrinted?: boolean;
  scan?: ScanLookupResult;
  startResult?: StartResult;
  billersFail?: boolean;
  abandoned: number[];
  captured: number[];
  cashInputs: unknown[];
  /** What the flow told the cash-in actor (STOP_TAKING). */
  cashCommands: string[];
  refunded: number[];
  /** What the flow asked the payment record to be opened with. */
  startInputs: { amountDue: number; method: string }[];
  biller?: BillerChoice;
  qrInputs: QrPayInput[];
  qrCommands: string[];
  qr?: (e: SessionEvent) => void;
  startResults?: StartResult[];
  lookups: number;
  /** Lets the test push acceptor events into the running cash-in actor. */
  cash?: (e: SessionEvent) => void;
  settle?: (e: SessionEvent) => void;
}

const INFO: InfoContent[] = [
  {
    id: 'tiered-pricing',
    title: { 'zh-CN': '阶梯电价', en: 'Tiered electricity prices' },
    paragraphs: { 'zh-CN': ['分三档。'], en: ['Three tiers.'] },
  },
];

const TIMING = { writeOffWaitMs: 60_000, doneScreenMs: 60_000, partialCashWaitMs: 60_000 };
const SITE = {
  scannerWindow: 'right' as const,
  serviceHall: {
    name: { 'zh-CN': '徐汇供电营业厅', en: 'Xuhui service hall' },
    address: { 'zh-CN': '漕溪北路 201 号', en: '201 North Caoxi Road' },
    hours: null,
  },
};

function start(effects: Effects, timing = TIMING) {
  const machine = sessionMachine.provide({
    actors: {
      loadBillers: fromPromise(async () => {
        if (effects.billersFail) throw new Error('down');
        return [effects.biller ?? POWER];
      }),
      lookUpBills: fromPromise<LookupResult, { billerId: string; account: string }>(async () => {
        effects.lookups++;
        return effects.lookup ?? { ok: true as const, quote: QUOTE };
      }),
      lookUpScan: fromPromise<ScanLookupResult, { text: string }>(
        async () => effects.scan ?? { ok: false, problem: 'unrecognised_scan' },
      ),
      startPayment: fromPromise<
        StartResult,
        { biller: BillerChoice; quote: QuoteChoice; method: 'cash' | 'qr'; amountDue: number }
      >(async ({ input }) => {
        effects.startInputs.push({ amountDue: input.amountDue, method: input.method });
        return (
          effects.startResults?.shift() ??
          effects.startResult ?? { ok: true as const, paymentId: 42 }
        );
      }),
      cashIn: fromCallback<EventObject, CashInInput>(({ input, sendBack, receive }) => {
        effects.cashInputs.push(input);
        effects.cash = sendBack;
        receive((e) => effects.cashCommands.push(e.type));
        return () => (effects.cash = undefined);
      }),
      captureFunds: fromPromise(async ({ input }: { input: { paymentId: number } }) => {
        effects.captured.push(input.paymentId);
        return undefined;
      }),
      watchWriteOff: fromCallback<EventObject, { paymentId: number }>(({ sendBack }) => {
        effects.settle = sendBack;
      }),
      receipt: fromPromise<ReceiptOutcome, ReceiptInput>(async () => ({
        prepaidCredited: 567,
        receiptLines: ['缴费凭证'],
        printed: effects.receiptPrinted ?? true,
        eReceiptUrl: 'https://verify.example/r?s=1',
      })),
      abandonPayment: fromPromise(async ({ input }: { input: { paymentId: number } }) => {
        effects.abandoned.push(input.paymentId);
        return undefined;
      }),
      qrPay: fromCallback<EventObject, QrPayInput>(({ input, sendBack, receive }) => {
        effects.qrInputs.push(input);
        effects.qr = sendBack;
        receive((e) => effects.qrCommands.push(e.type));
        return () => (effects.qr = undefined);
      }),
      loadInfo: fromPromise<InfoContent[]>(async () => INFO),
      refundPartial: fromPromise<RefundSlipOutcome, RefundSlipInput>(async ({ input }) => {
        effects.refunded.push(input.paymentId);
        return { amount: 5_000, slipLines: ['退款凭证'], printed: true };
      }),
    },
  });
  const actor = createActor(machine, { input: { ...timing, site: SITE } }).start();
  const screen = () => screenOf(actor.getSnapshot());
  const reach = (name: string) =>
    waitFor(actor, (s) => s.value.customer === name, { timeout: 2000 });
  return { actor, screen, reach };
}

const effects = (): Effects => ({
  abandoned: [],
  captured: [],
  cashInputs: [],
  cashCommands: [],
  refunded: [],
  startInputs: [],
  qrInputs: [],
  qrCommands: [],
  lookups: 0,
});

async function toBills(e: Effects, timing = TIMING) {
  const k = start(e, timing);
  k.actor.send({ type: 'START' });
  await k.reach('chooseBiller');
  k.actor.send({ type: 'CHOOSE_BILLER', billerId: 'sh-power' });
  for (const key of '3100123456') k.actor.send({ type: 'KEY', key: key as '0' });
  k.actor.send({ type: 'SUBMIT_ACCOUNT' });
  await k.reach('bills');
  return k;
}

describe('the session flow', () => {
  it('walks attract → biller → account → bills → cash → write-off → paid → attract', async () => {
    const e = effects();
    const k = await toBills(e);
    expect(k.screen()).toMatchObject({
      name: 'bills',
      quote: { totalDue: 19433, holder: '张*明' },
    });
    expect(k.screen()).not.toHaveProperty('quote.quoteId');

    k.actor.send({ type: 'PAY_CASH' });
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('insertCash');
    expect(e.cashInputs).toEqual([{ paymentId: 42, amountDue: 19433, acceptsOverpayment: true }]);
    e.cash?.({ type: 'NOTE_STACKED', collected: 10_000 });
    expect(k.screen()).toMatchObject({ name: 'insertCash', collected: 10_000, amountDue: 19433 });
    e.cash?.({ type: 'NOTE_STACKED', collected: 20_000 });
    await k.reach('writingOff');
    expect(e.captured).toEqual([42]);
    expect(e.cash).toBeUndefined(); // the acceptor was released on leaving cash-in

    e.settle?.({ type: 'WRITE_OFF_SETTLED', state: 'WRITTEN_OFF' });
    await k.reach('paid');
    expect(k.screen()).toEqual({
      name: 'paid',
      collected: 20_000,
      method: 'cash',
      prepaidCredited: 567,
      receiptLines: ['缴费凭证'],
      printed: true,
      eReceiptUrl: null,
      copyAsked: false,
    });
    // Printed: no copy to ask staff for.
    k.actor.send({ type: 'ASK_PRINTED_COPY' });
    expect(k.actor.getSnapshot().value).toMatchObject({ customer: 'paid', help: 'idle' });
    k.actor.send({ type: 'DONE' });
    expect(k.screen()).toMatchObject({ name: 'attract' });
    expect(k.actor.getSnapshot().context.collected).toBe(0);
  });

  it('no paper receipt: she asks staff for a printed copy; the result waits for them', async () => {
    const e = effects();
    e.receiptPrinted = false;
    const k = await toBills(e, { ...TIMING, doneScreenMs: 200 });
    k.actor.send({ type: 'PAY_CASH' });
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('insertCash');
    e.cash?.({ type: 'NOTE_STACKED', collected: 20_000 });
    await k.reach('writingOff');
    e.settle?.({ type: 'WRITE_OFF_SETTLED', state: 'WRITTEN_OFF' });
    await k.reach('paid');
    expect(k.screen()).toMatchObject({ name: 'paid', printed: false, copyAsked: false });
    k.actor.send({ type: 'ASK_PRINTED_COPY' });
    // Staff are called with the reason; the help screen says they will print her a copy.
    expect(k.actor.getSnapshot().context.helpReason).toBe('printedCopy');
    expect(k.screen()).toEqual({
      name: 'staffHelp',
      reason: 'printedCopy',
      moneyInFlight: false,
      canLeave: true,
    });
    k.actor.send({ type: 'CONTINUE_ALONE' });
    expect(k.screen()).toMatchObject({ name: 'paid', printed: false, copyAsked: true });
    // The result no longer returns to the start on its own timer: it waits for staff (or her
    // "need more time?" like any screen that waits for her).
    await new Promise((r) => setTimeout(r, 400));
    expect(k.actor.getSnapshot().value.customer).toBe('paidCopyAsked');
    expect(k.actor.getSnapshot().hasTag('waitsForCustomer')).toBe(true);
    expect(helpCalled(k.actor.getSnapshot())).toBe(true);
    k.actor.send({ type: 'DONE' });
    await k.reach('attract');
    expect(helpCalled(k.actor.getSnapshot())).toBe(false);
  });

  it('echoes keys, deletes and clears on the account screen', async () => {
    const k = start(effects());
    k.actor.send({ type: 'START' });
    await k.reach('chooseBiller');
    k.actor.send({ type: 'CHOOSE_BILLER', billerId: 'sh-power' });
    k.actor.send({ type: 'SUBMIT_ACCOUNT' }); // nothing typed: stays
    expect(k.actor.getSnapshot().value.customer).toBe('enterAccount');
    for (const key of ['1', '2', '3', 'delete'] as const) k.actor.send({ type: 'KEY', key });
    expect(k.screen()).toMatchObject({ name: 'enterAccount', digits: '12' });
    k.actor.send({ type: 'KEY', key: 'clear' });
    expect(k.screen()).toMatchObject({ digits: '' });
  });

  it('ignores a biller that does not exist', async () => {
    const k = start(effects());
    k.actor.send({ type: 'START' });
    await k.reach('chooseBiller');
    k.actor.send({ type: 'CHOOSE_BILLER', billerId: 'nope' });
    expect(k.actor.getSnapshot().value.customer).toBe('chooseBiller');
  });

  it.each(['account_not_found', 'invalid_account'] as const)(
    'shows %s on the account screen, and typing clears it',
    async (problem) => {
      const e = effects();
      e.lookup = { ok: false, problem };
      const k = start(e);
      k.actor.send({ type: 'START' });
      await k.reach('chooseBiller');
      k.actor.send({ type: 'CHOOSE_BILLER', billerId: 'sh-power' });
      k.actor.send({ type: 'KEY', key: '9' });
      k.actor.send({ type: 'SUBMIT_ACCOUNT' });
      await waitFor(
        k.actor,
        (s) => s.value.customer === 'enterAccount' && s.context.problem !== null,
      );
      expect(k.screen()).toMatchObject({ name: 'enterAccount', problem });
      k.actor.send({ type: 'KEY', key: '1' });
      expect(k.screen()).toMatchObject({ problem: null });
    },
  );

  it.each<[ProblemCode, LookupResult]>([
    ['nothing_due', { ok: true, quote: { ...QUOTE, bills: [], totalDue: 0 } }],
    ['account_locked', { ok: false, problem: 'account_locked' }],
  ])(
    'a dead end (%s) says why, which account, and where to go; she may type another',
    async (problem, lookup) => {
      const e = effects();
      e.lookup = lookup;
      const k = start(e);
      k.actor.send({ type: 'START' });
      await k.reach('chooseBiller');
      k.actor.send({ type: 'CHOOSE_BILLER', billerId: 'sh-power' });
      for (const key of '3100999999') k.actor.send({ type: 'KEY', key: key as '0' });
      k.actor.send({ type: 'SUBMIT_ACCOUNT' });
      await k.reach('problem');
      expect(k.screen()).toEqual({
        name: 'problem',
        problem,
        account: '3100999999',
        serviceHall: SITE.serviceHall,
        canRetype: true,
      });
      // "Type it again": the keypad, the number still there to correct.
      k.actor.send({ type: 'BACK' });
      await k.reach('enterAccount');
      expect(k.screen()).toMatchObject({ digits: '3100999999', problem: null });
    },
  );

  it('a bill scanned with nothing due names its account; a scanned locked account cannot', async () => {
    const e = effects();
    e.scan = { ok: true, biller: POWER, quote: { ...QUOTE, account: '3100000001', totalDue: 0 } };
    const k = start(e);
    k.actor.send({ type: 'SCANNED', text: 'SGCC:3100000001' });
    await k.reach('problem');
    expect(k.screen()).toMatchObject({
      problem: 'nothing_due',
      account: '3100000001',
      serviceHall: SITE.serviceHall,
      canRetype: true,
    });
    k.actor.send({ type: 'DONE' });
    await k.reach('attract');
    e.scan = { ok: false, problem: 'account_locked' };
    k.actor.send({ type: 'SCANNED', text: 'SGCC:3100999999' });
    await k.reach('problem');
    expect(k.screen()).toMatchObject({
      problem: 'account_locked',
      account: null,
      serviceHall: SITE.serviceHall,
      canRetype: false,
    });
  });

  it('shows a problem screen when the gateway is down', async () => {
    const e = effects();
    e.billersFail = true;
    const k = start(e);
    k.actor.send({ type: 'START' });
    await k.reach('problem');
    expect(k.screen()).toEqual({
      name: 'problem',
      problem: 'gateway_unavailable',
      account: null,
      serviceHall: null,
      canRetype: false,
    });
    k.actor.send({ type: 'BACK' });
    await k.reach('attract');
  });

  it('lets the customer cancel before money is in, and abandons the payment record', async () => {
    const e = effects();
    const k = await toBills(e);
    k.actor.send({ type: 'PAY_CASH' });
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('insertCash');
    k.actor.send({ type: 'CANCEL' });
    await k.reach('attract');
    expect(e.abandoned).toEqual([42]);
  });

  it('never abandons money: cancelling with notes in asks what to do with them', async () => {
    const e = effects();
    const k = await toBills(e);
    k.actor.send({ type: 'PAY_CASH' });
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('insertCash');
    e.cash?.({ type: 'NOTE_STACKED', collected: 5_000 });
    k.actor.send({ type: 'CANCEL' });
    expect(e.cashCommands).toEqual(['STOP_TAKING']);
    await k.reach('partialCash');
    expect(e.abandoned).toEqual([]);
    expect(k.screen()).toMatchObject({
      name: 'partialCash',
      collected: 5_000,
      amountDue: 19433,
      outcome: 'refundSlip',
      canContinue: true,
    });
  });

  it('shows the pending-sync result when the write-off takes too long, money kept', async () => {
    const e = effects();
    const k = start(e, { ...TIMING, writeOffWaitMs: 20 });
    k.actor.send({ type: 'START' });
    await k.reach('chooseBiller');
    k.actor.send({ type: 'CHOOSE_BILLER', billerId: 'sh-power' });
    k.actor.send({ type: 'KEY', key: '1' });
    k.actor.send({ type: 'SUBMIT_ACCOUNT' });
    await k.reach('bills');
    k.actor.send({ type: 'PAY_CASH' });
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('insertCash');
    e.cash?.({ type: 'NOTE_STACKED', collected: 20_000 });
    await k.reach('pendingSync');
    expect(k.screen()).toMatchObject({
      name: 'pendingSync',
      collected: 20_000,
      receiptLines: ['缴费凭证'],
    });
  });

  it('sends a rejected write-off to staff, not back to the customer', async () => {
    const e = effects();
    const k = await toBills(e);
    k.actor.send({ type: 'PAY_CASH' });
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('insertCash');
    e.cash?.({ type: 'NOTE_STACKED', collected: 20_000 });
    await k.reach('writingOff');
    e.settle?.({ type: 'WRITE_OFF_SETTLED', state: 'REFUND_REQUIRED' });
    expect(k.screen()).toMatchObject({ name: 'problem', problem: 'payment_needs_staff' });
  });

  it('switches language on any screen and back to Chinese for the next customer', async () => {
    const k = start(effects());
    k.actor.send({ type: 'SET_LOCALE', locale: 'en' });
    k.actor.send({ type: 'START' });
    await k.reach('chooseBiller');
    expect(k.actor.getSnapshot().context.locale).toBe('en');
    k.actor.send({ type: 'CANCEL' });
    expect(k.actor.getSnapshot().context.locale).toBe('zh-CN');
  });
});

describe('a note in escrow', () => {
  it('holds a cancel until the note is returned, then abandons', async () => {
    const e = effects();
    const k = await toBills(e);
    k.actor.send({ type: 'PAY_CASH' });
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('insertCash');
    e.cash?.({ type: 'NOTE_ESCROWED' });
    k.actor.send({ type: 'CANCEL' });
    expect(k.actor.getSnapshot().value.customer).toBe('insertCash');
    expect(k.screen()).toMatchObject({ name: 'insertCash', noteInEscrow: true });
    e.cash?.({ type: 'NOTE_RETURNED' });
    await k.reach('attract');
    expect(e.abandoned).toEqual([42]);
  });

  it('a note already stacking when the customer cancels is credited first', async () => {
    const e = effects();
    const k = await toBills(e);
    k.actor.send({ type: 'PAY_CASH' });
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('insertCash');
    e.cash?.({ type: 'NOTE_ESCROWED' });
    k.actor.send({ type: 'CANCEL' });
    e.cash?.({ type: 'NOTE_STACKED', collected: 10_000 });
    await k.reach('partialCash');
    expect(k.screen()).toMatchObject({ collected: 10_000 });
  });

  it('a note whose fate is unknown is never credited, and the customer is told staff will check', async () => {
    const e = effects();
    const k = await toBills(e);
    k.actor.send({ type: 'PAY_CASH' });
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('insertCash');
    e.cash?.({ type: 'NOTE_ESCROWED' });
    e.cash?.({ type: 'NOTE_UNCERTAIN', value: 5_000 });
    expect(k.screen()).toMatchObject({ name: 'insertCash', collected: 0, underReview: 5_000 });
    k.actor.send({ type: 'CANCEL' });
    await k.reach('problem');
    expect(k.screen()).toMatchObject({ name: 'problem', problem: 'note_under_review' });
    expect(e.abandoned).toEqual([42]);
  });
});

describe('partial cash', () => {
  async function stopShort(e: Effects) {
    const k = await toBills(e);
    k.actor.send({ type: 'PAY_CASH' });
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('insertCash');
    e.cash?.({ type: 'NOTE_STACKED', collected: 5_000 });
    k.actor.send({ type: 'CANCEL' });
    await k.reach('partialCash');
    return k;
  }

  it('continue goes back to taking notes', async () => {
    const e = effects();
    const k = await stopShort(e);
    k.actor.send({ type: 'CONTINUE' });
    await k.reach('insertCash');
    expect(e.cashInputs).toHaveLength(2);
    e.cash?.({ type: 'NOTE_STACKED', collected: 20_000 });
    await k.reach('writingOff');
    expect(e.captured).toEqual([42]);
  });

  it('at a biller without part payment, confirming issues a refund slip', async () => {
    const e = effects();
    const k = await stopShort(e);
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('refundSlip');
    expect(e.refunded).toEqual([42]);
    expect(e.captured).toEqual([]);
    expect(k.screen()).toEqual({
      name: 'refundSlip',
      amount: 5_000,
      slipLines: ['退款凭证'],
      printed: true,
    });
  });

  it('at a biller that takes part payments, confirming writes off what was paid', async () => {
    const e = effects();
    e.biller = { ...POWER, allowsPartial: true };
    const k = await stopShort(e);
    expect(k.screen()).toMatchObject({ name: 'partialCash', outcome: 'writeOff' });
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('writingOff');
    expect(e.captured).toEqual([42]);
    expect(e.refunded).toEqual([]);
  });

  it('a customer who walks away: staff are called, the screen waits for them, nothing is printed', async () => {
    const e = effects();
    const k = start(e, { ...TIMING, partialCashWaitMs: 30, doneScreenMs: 30 });
    k.actor.send({ type: 'START' });
    await k.reach('chooseBiller');
    k.actor.send({ type: 'CHOOSE_BILLER', billerId: 'sh-power' });
    k.actor.send({ type: 'KEY', key: '1' });
    k.actor.send({ type: 'SUBMIT_ACCOUNT' });
    await k.reach('bills');
    k.actor.send({ type: 'PAY_CASH' });
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('insertCash');
    e.cash?.({ type: 'NOTE_STACKED', collected: 5_000 });
    k.actor.send({ type: 'CANCEL' });
    await k.reach('awaitingStaff');
    // Staff are called by the kiosk itself; the screen is no one else's to use.
    expect(helpCalled(k.actor.getSnapshot())).toBe(true);
    expect(k.actor.getSnapshot().context.helpReason).toBe('timeout');
    expect(k.screen()).toEqual({ name: 'awaitingStaff', collected: 5_000 });
    // No way back to attract while the money is unresolved: no timer, no timeout, no tap.
    await new Promise((r) => setTimeout(r, 120));
    for (const type of ['TIMED_OUT', 'DONE', 'CONFIRM', 'CONTINUE', 'START'] as const)
      k.actor.send({ type });
    expect(k.actor.getSnapshot().value.customer).toBe('awaitingStaff');
    expect(e.refunded).toEqual([]);
    expect(e.captured).toEqual([]);
    // A member of staff signs in: her decision screen under theirs, nothing settled yet.
    k.actor.send({ type: 'STAFF_ANSWERED' });
    await k.reach('partialCash');
    expect(e.refunded).toEqual([]);
    // Staff cancel for her: settled as the screen says, the slip printed now, at their word.
    k.actor.send({ type: 'CANCEL' });
    await k.reach('refundSlip');
    expect(e.refunded).toEqual([42]);
  });

  it('staff at the held screen: back gives her the decision again, cancel settles', async () => {
    const e = effects();
    const k = await stopShort(e);
    k.actor.send({ type: 'TIMED_OUT' });
    await k.reach('awaitingStaff');
    k.actor.send({ type: 'BACK' });
    await k.reach('partialCash');
    k.actor.send({ type: 'TIMED_OUT' });
    await k.reach('awaitingStaff');
    k.actor.send({ type: 'CANCEL' });
    await k.reach('refundSlip');
    expect(e.refunded).toEqual([42]);
  });

  it('at a biller that takes part payments, a held payment is written off only when staff say so', async () => {
    const e = effects();
    e.biller = { ...POWER, allowsPartial: true };
    const k = await stopShort(e);
    k.actor.send({ type: 'TIMED_OUT' });
    await k.reach('awaitingStaff');
    expect(e.captured).toEqual([]);
    k.actor.send({ type: 'CANCEL' });
    await k.reach('writingOff');
    expect(e.captured).toEqual([42]);
  });

  it('with staff beside her the wait does not hold the screen; her walking away later calls them again', async () => {
    const e = effects();
    const k = start(e, { ...TIMING, partialCashWaitMs: 30 });
    k.actor.send({ type: 'START' });
    await k.reach('chooseBiller');
    k.actor.send({ type: 'CHOOSE_BILLER', billerId: 'sh-power' });
    k.actor.send({ type: 'KEY', key: '1' });
    k.actor.send({ type: 'SUBMIT_ACCOUNT' });
    await k.reach('bills');
    k.actor.send({ type: 'PAY_CASH' });
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('insertCash');
    e.cash?.({ type: 'NOTE_STACKED', collected: 5_000 });
    k.actor.send({ type: 'CALL_STAFF' });
    k.actor.send({ type: 'STAFF_ANSWERED' });
    k.actor.send({ type: 'CANCEL' });
    await k.reach('partialCash');
    await new Promise((r) => setTimeout(r, 120));
    expect(k.actor.getSnapshot().value.customer).toBe('partialCash');
    // Staff handed back and left; she walked away too: the kiosk calls them again.
    k.actor.send({ type: 'TIMED_OUT' });
    await k.reach('awaitingStaff');
    expect(k.actor.getSnapshot().value).toMatchObject({ help: { called: 'shown' } });
    expect(k.screen()).toMatchObject({ name: 'awaitingStaff' });
  });

  it('the partial-cash screen offers calling staff; the help screen goes over it and the money stays', async () => {
    const e = effects();
    const k = await stopShort(e);
    k.actor.send({ type: 'CALL_STAFF' });
    expect(k.screen()).toMatchObject({ name: 'staffHelp', moneyInFlight: true, canLeave: true });
    k.actor.send({ type: 'MORE_TIME' });
    expect(k.screen()).toMatchObject({ name: 'partialCash', collected: 5_000 });
    expect(e.refunded).toEqual([]);
  });

  it('an acceptor failure with money in settles it, and cannot continue', async () => {
    const e = effects();
    const k = await toBills(e);
    k.actor.send({ type: 'PAY_CASH' });
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('insertCash');
    e.cash?.({ type: 'NOTE_STACKED', collected: 5_000 });
    e.cash?.({ type: 'CASH_UNAVAILABLE' });
    await k.reach('partialCash');
    expect(k.screen()).toMatchObject({ name: 'partialCash', canContinue: false });
    k.actor.send({ type: 'CONTINUE' });
    expect(k.actor.getSnapshot().value.customer).toBe('partialCash');
  });

  it('an acceptor failure before any money abandons with a problem', async () => {
    const e = effects();
    const k = await toBills(e);
    k.actor.send({ type: 'PAY_CASH' });
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('insertCash');
    e.cash?.({ type: 'CASH_UNAVAILABLE' });
    await k.reach('problem');
    expect(k.screen()).toMatchObject({ name: 'problem', problem: 'acceptor_unavailable' });
    expect(e.abandoned).toEqual([42]);
  });

  it('an amount notes cannot make, at a biller without overpayment, is refused before any money', async () => {
    const e = effects();
    const k = await toBills(e);
    k.actor.send({ type: 'PAY_CASH' });
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('insertCash');
    e.cash?.({ type: 'CASH_NOT_EXACT' });
    await k.reach('problem');
    expect(k.screen()).toMatchObject({ name: 'problem', problem: 'exact_cash_impossible' });
  });
});

describe('what she pays now, and what happens to cash above it', () => {
  /** A biller that takes part payments (the flow picks it as sh-power, like the others). */
  const TELECOM: BillerChoice = { ...POWER, kind: 'telecom', allowsPartial: true };
  const TWO_BILLS: QuoteChoice = {
    ...QUOTE,
    billerId: 'sh-telecom',
    bills: [
      {
        billId: 'b1',
        period: '2026-09',
        principal: 12_900,
        lateFee: 774,
        dueDate: '2026-10-15',
        daysOverdue: 20,
      },
      {
        billId: 'b2',
        period: '2026-10',
        principal: 12_900,
        lateFee: 0,
        dueDate: '2026-11-30',
        daysOverdue: 0,
      },
    ],
    totalDue: 26_574,
  };

  it('pays the overdue bill only, where the biller takes part payments: screens, record and cash', async () => {
    const e = effects();
    e.biller = TELECOM;
    e.lookup = { ok: true, quote: TWO_BILLS };
    const k = await toBills(e);
    expect(k.screen()).toMatchObject({
      name: 'bills',
      allowsPartial: true,
      overdueOnly: 13_674,
      scope: 'all',
      amountToPay: 26_574,
      cash: { overpayment: 'kept' },
    });
    k.actor.send({ type: 'CHOOSE_SCOPE', scope: 'overdue' });
    expect(k.screen()).toMatchObject({ scope: 'overdue', amountToPay: 13_674 });
    k.actor.send({ type: 'PAY_CASH' });
    expect(k.screen()).toMatchObject({ name: 'confirm', amountDue: 13_674, scope: 'overdue' });
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('insertCash');
    expect(e.startInputs).toEqual([{ amountDue: 13_674, method: 'cash' }]);
    expect(e.cashInputs).toEqual([{ paymentId: 42, amountDue: 13_674, acceptsOverpayment: true }]);
    expect(k.screen()).toMatchObject({ name: 'insertCash', amountDue: 13_674 });
    e.cash?.({ type: 'NOTE_STACKED', collected: 20_000 });
    await k.reach('writingOff');
    expect(e.captured).toEqual([42]);
    e.settle?.({ type: 'WRITE_OFF_SETTLED', state: 'WRITTEN_OFF' });
    await k.reach('paid');
    expect(k.screen()).toMatchObject({ name: 'paid', collected: 20_000, prepaidCredited: 567 });
  });

  it('"pay all the bills" goes back to the whole due; a new look-up starts from the whole due', async () => {
    const e = effects();
    e.biller = TELECOM;
    e.lookup = { ok: true, quote: TWO_BILLS };
    const k = await toBills(e);
    k.actor.send({ type: 'CHOOSE_SCOPE', scope: 'overdue' });
    k.actor.send({ type: 'CHOOSE_SCOPE', scope: 'all' });
    expect(k.screen()).toMatchObject({ scope: 'all', amountToPay: 26_574 });
    k.actor.send({ type: 'CHOOSE_SCOPE', scope: 'overdue' });
    k.actor.send({ type: 'BACK' });
    k.actor.send({ type: 'SUBMIT_ACCOUNT' });
    await k.reach('bills');
    expect(k.screen()).toMatchObject({ scope: 'all', amountToPay: 26_574 });
  });

  it('is not offered where the biller takes only everything due', async () => {
    const e = effects();
    e.lookup = { ok: true, quote: { ...TWO_BILLS, billerId: 'sh-power' } };
    const k = await toBills(e);
    expect(k.screen()).toMatchObject({ allowsPartial: false, overdueOnly: null });
    expect(k.actor.getSnapshot().can({ type: 'CHOOSE_SCOPE', scope: 'overdue' })).toBe(false);
    k.actor.send({ type: 'PAY_CASH' });
    expect(k.screen()).toMatchObject({ name: 'confirm', amountDue: 26_574, scope: 'all' });
  });

  it('pays the overdue bill only by QR as well: the wallet is asked for that amount', async () => {
    const e = effects();
    e.biller = TELECOM;
    e.lookup = { ok: true, quote: TWO_BILLS };
    const k = await toBills(e);
    k.actor.send({ type: 'CHOOSE_SCOPE', scope: 'overdue' });
    k.actor.send({ type: 'PAY_QR' });
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('qrPay');
    expect(e.qrInputs).toMatchObject([{ amountDue: 13_674 }]);
    e.qr?.({ type: 'QR_PAID', qrPaymentId: 'w_1' });
    await k.reach('writingOff');
    expect(k.actor.getSnapshot().context.collected).toBe(13_674);
  });

  it('names, before any money, the notes a biller without overpayment refuses', async () => {
    const e = effects();
    e.biller = { ...POWER, kind: 'cabletv', acceptsOverpayment: false };
    e.lookup = { ok: true, quote: { ...QUOTE, totalDue: 3_000 } };
    const k = await toBills(e);
    k.actor.send({ type: 'ACCEPTOR_NOTES', values: [100, 500, 1000, 2000, 5000, 10000] });
    expect(k.screen()).toMatchObject({
      cash: { overpayment: 'returned', refusedNotes: [5000, 10000], notesCanPay: true },
    });
    k.actor.send({ type: 'PAY_CASH' });
    expect(k.screen()).toMatchObject({
      name: 'confirm',
      cash: { overpayment: 'returned', refusedNotes: [5000, 10000] },
    });
  });
});

describe('a paused biller', () => {
  it('cannot be chosen, and a payment started anyway says so', async () => {
    const e = effects();
    e.startResult = { ok: false, problem: 'biller_paused' };
    const k = await toBills(e);
    k.actor.send({ type: 'PAY_CASH' });
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('problem');
    expect(k.screen()).toMatchObject({ name: 'problem', problem: 'biller_paused' });
    expect(e.cashInputs).toEqual([]);
  });
});

describe('the complete statechart', () => {
  async function toConfirm(e: Effects, method: 'PAY_CASH' | 'PAY_QR') {
    const k = await toBills(e);
    k.actor.send({ type: method });
    await k.reach('confirm');
    return k;
  }

  it('every payment passes through confirm, and "change" goes back to the bills', async () => {
    const e = effects();
    const k = await toConfirm(e, 'PAY_CASH');
    expect(k.screen()).toMatchObject({
      name: 'confirm',
      amountDue: 19433,
      account: '3100123456',
      holder: '张*明',
      method: 'cash',
      biller: { id: 'sh-power' },
    });
    k.actor.send({ type: 'BACK' });
    await k.reach('bills');
    expect(e.cashInputs).toEqual([]);
  });

  it('QR: the payment code is scanned, paid in the wallet, then written off', async () => {
    const e = effects();
    const k = await toConfirm(e, 'PAY_QR');
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('qrPay');
    expect(e.qrInputs).toEqual([
      { paymentId: 42, amountDue: 19433, description: '国网上海市电力公司' },
    ]);
    expect(k.screen()).toMatchObject({ name: 'qrPay', step: 'showYourCode', refused: false });
    k.actor.send({ type: 'SCANNED', text: '134567890123456789' });
    expect(e.qrCommands).toEqual(['SCANNED']);
    e.qr?.({ type: 'QR_STEP', step: 'paying', kioskCodeUrl: null, refused: false });
    expect(k.screen()).toMatchObject({ step: 'paying' });
    e.qr?.({ type: 'QR_PAID', qrPaymentId: 'X-Q1' });
    await k.reach('writingOff');
    expect(e.captured).toEqual([42]);
  });

  it('QR: the kiosk shows its own code on request; giving up cancels, then abandons', async () => {
    const e = effects();
    const k = await toConfirm(e, 'PAY_QR');
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('qrPay');
    k.actor.send({ type: 'SHOW_KIOSK_CODE' });
    e.qr?.({
      type: 'QR_STEP',
      step: 'showYourCode',
      kioskCodeUrl: 'weixin://wxpay/1',
      refused: false,
    });
    expect(k.screen()).toMatchObject({ kioskCodeUrl: 'weixin://wxpay/1' });
    k.actor.send({ type: 'CANCEL' });
    expect(e.qrCommands).toEqual(['SHOW_KIOSK_CODE', 'STOP']);
    e.qr?.({ type: 'QR_CANCELLED' });
    await k.reach('attract');
    expect(e.abandoned).toEqual([42]);
  });

  it('QR: her phone scanned the kiosk code: "confirm on your phone", money in flight; back to her own code', async () => {
    const e = effects();
    const k = await toConfirm(e, 'PAY_QR');
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('qrPay');
    expect(k.screen()).toMatchObject({ step: 'showYourCode', scannerWindow: 'right' });
    k.actor.send({ type: 'SHOW_KIOSK_CODE' });
    const code = 'weixin://wxpay/1';
    e.qr?.({ type: 'QR_STEP', step: 'showYourCode', kioskCodeUrl: code, refused: false });
    // She would rather show her own code: the actor is told, and its step takes the code away.
    k.actor.send({ type: 'USE_PAYMENT_CODE' });
    expect(e.qrCommands).toEqual(['SHOW_KIOSK_CODE', 'USE_PAYMENT_CODE']);
    e.qr?.({ type: 'QR_STEP', step: 'showYourCode', kioskCodeUrl: null, refused: false });
    expect(k.screen()).toMatchObject({ step: 'showYourCode', kioskCodeUrl: null });
    // The kiosk's code again, scanned by her phone: the wallet waits for her.
    k.actor.send({ type: 'SHOW_KIOSK_CODE' });
    e.qr?.({ type: 'QR_STEP', step: 'showYourCode', kioskCodeUrl: code, refused: false });
    e.qr?.({ type: 'QR_STEP', step: 'confirming', kioskCodeUrl: null, refused: false });
    expect(k.screen()).toMatchObject({ name: 'qrPay', step: 'confirming' });
    // Never timed out while the wallet waits: staff instead.
    k.actor.send({ type: 'TIMED_OUT' });
    expect(k.screen()).toMatchObject({ name: 'staffHelp', reason: 'timeout', moneyInFlight: true });
    e.qr?.({ type: 'QR_PAID', qrPaymentId: 'w_2' });
    await k.reach('writingOff');
  });

  it('QR: an attempt whose end is unknown goes to staff, never back to the customer as unpaid', async () => {
    const e = effects();
    const k = await toConfirm(e, 'PAY_QR');
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('qrPay');
    e.qr?.({ type: 'QR_UNKNOWN' });
    await k.reach('problem');
    expect(k.screen()).toMatchObject({ name: 'problem', problem: 'payment_needs_staff' });
  });

  it('a quote expired at midnight is asked again and the new amount shown', async () => {
    const e = effects();
    e.startResults = [{ ok: false, problem: 'quote_expired' }];
    const k = await toConfirm(e, 'PAY_CASH');
    e.lookup = { ok: true, quote: { ...QUOTE, quoteId: 'q_2', totalDue: 19_600 } };
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('bills');
    expect(k.screen()).toMatchObject({
      name: 'bills',
      requoted: true,
      quote: { totalDue: 19_600 },
    });
    expect(e.lookups).toBe(2);
  });

  it('"need more time?" then a timeout: nothing taken ends the visit', async () => {
    const e = effects();
    const k = await toBills(e);
    k.actor.send({ type: 'INACTIVE', deadline: 1_000 });
    expect(k.actor.getSnapshot().context.promptDeadline).toBe(1_000);
    k.actor.send({ type: 'MORE_TIME' });
    expect(k.actor.getSnapshot().context.promptDeadline).toBeNull();
    expect(k.actor.getSnapshot().value.customer).toBe('bills');
    k.actor.send({ type: 'INACTIVE', deadline: 2_000 });
    k.actor.send({ type: 'TIMED_OUT' });
    await k.reach('attract');
  });

  it('never times out with a note in escrow: staff help instead, and the note still lands', async () => {
    const e = effects();
    const k = await toConfirm(e, 'PAY_CASH');
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('insertCash');
    e.cash?.({ type: 'NOTE_ESCROWED' });
    k.actor.send({ type: 'TIMED_OUT' });
    const waiting = { name: 'staffHelp', reason: 'timeout', moneyInFlight: true, canLeave: false };
    expect(k.screen()).toEqual(waiting);
    // Money in flight and she may have gone: only staff end this.
    k.actor.send({ type: 'CONTINUE_ALONE' });
    k.actor.send({ type: 'CANCEL_CALL' });
    expect(k.screen()).toEqual(waiting);
    e.cash?.({ type: 'NOTE_STACKED', collected: 10_000 });
    expect(k.actor.getSnapshot().context.collected).toBe(10_000);
    expect(k.actor.getSnapshot().value.customer).toBe('insertCash');
  });

  it('a timeout with notes in stops taking them, then holds them for staff', async () => {
    const e = effects();
    const k = await toConfirm(e, 'PAY_CASH');
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('insertCash');
    e.cash?.({ type: 'NOTE_STACKED', collected: 5_000 });
    k.actor.send({ type: 'TIMED_OUT' });
    await k.reach('partialCash');
    k.actor.send({ type: 'TIMED_OUT' });
    await k.reach('awaitingStaff');
    expect(e.refunded).toEqual([]);
    expect(helpCalled(k.actor.getSnapshot())).toBe(true);
  });

  it('call staff from any screen shows help over it; the session goes on underneath', async () => {
    const e = effects();
    const k = await toBills(e);
    k.actor.send({ type: 'CALL_STAFF' });
    expect(k.screen()).toEqual({
      name: 'staffHelp',
      reason: 'customer',
      moneyInFlight: false,
      canLeave: true,
    });
    expect(helpCalled(k.actor.getSnapshot())).toBe(true);
    // She carries on by herself: her screen again, and the call stands.
    k.actor.send({ type: 'CONTINUE_ALONE' });
    expect(k.screen()).toMatchObject({ name: 'bills' });
    expect(helpCalled(k.actor.getSnapshot())).toBe(true);
  });

  it('cancelling the call withdraws it, from the help screen or after carrying on', async () => {
    const e = effects();
    const k = await toBills(e);
    k.actor.send({ type: 'CALL_STAFF' });
    k.actor.send({ type: 'CANCEL_CALL' });
    expect(k.screen()).toMatchObject({ name: 'bills' });
    expect(helpCalled(k.actor.getSnapshot())).toBe(false);
    expect(k.actor.getSnapshot().context.helpReason).toBeNull();
    k.actor.send({ type: 'CALL_STAFF' });
    k.actor.send({ type: 'CONTINUE_ALONE' });
    k.actor.send({ type: 'CANCEL_CALL' });
    expect(helpCalled(k.actor.getSnapshot())).toBe(false);
    // The visit went on all along.
    expect(k.actor.getSnapshot().value.customer).toBe('bills');
  });

  it('with her own money in, she asked: she may still carry on or cancel the call', async () => {
    const e = effects();
    const k = await toConfirm(e, 'PAY_CASH');
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('insertCash');
    e.cash?.({ type: 'NOTE_ESCROWED' });
    e.cash?.({ type: 'NOTE_STACKED', collected: 10_000 });
    k.actor.send({ type: 'CALL_STAFF' });
    expect(k.screen()).toMatchObject({ name: 'staffHelp', moneyInFlight: true, canLeave: true });
    k.actor.send({ type: 'CONTINUE_ALONE' });
    expect(k.screen()).toMatchObject({ name: 'insertCash', collected: 10_000 });
  });

  it('help is a region beside the visit: a note stacks while staff are called, and the call ends with the visit', async () => {
    const e = effects();
    const k = await toConfirm(e, 'PAY_CASH');
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('insertCash');
    e.cash?.({ type: 'NOTE_ESCROWED' });
    k.actor.send({ type: 'CALL_STAFF' });
    expect(k.actor.getSnapshot().value).toMatchObject({ help: { called: 'shown' } });
    e.cash?.({ type: 'NOTE_STACKED', collected: 10_000 });
    expect(k.actor.getSnapshot().value.customer).toBe('insertCash');
    expect(k.actor.getSnapshot().context.collected).toBe(10_000);
    // Back to the visit for now: the call stands, the screen is the visit's again.
    k.actor.send({ type: 'MORE_TIME' });
    expect(k.screen()).toMatchObject({ name: 'insertCash', collected: 10_000 });
    expect(helpCalled(k.actor.getSnapshot())).toBe(true);
    k.actor.send({ type: 'CANCEL' });
    await k.reach('partialCash');
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('refundSlip');
    k.actor.send({ type: 'DONE' });
    await k.reach('attract');
    expect(k.actor.getSnapshot().value).toEqual({
      customer: 'attract',
      help: 'idle',
      prompt: 'none',
    });
    expect(k.actor.getSnapshot().context.helpReason).toBeNull();
  });

  it('a timeout with a note in escrow calls staff (the call is raised, with its reason)', async () => {
    const e = effects();
    const k = await toConfirm(e, 'PAY_CASH');
    k.actor.send({ type: 'CONFIRM' });
    await k.reach('insertCash');
    e.cash?.({ type: 'NOTE_ESCROWED' });
    k.actor.send({ type: 'INACTIVE', deadline: 5_000 });
    expect(k.actor.getSnapshot().value.prompt).toBe('askingForMoreTime');
    k.actor.send({ type: 'TIMED_OUT' });
    const s = k.actor.getSnapshot();
    expect(helpCalled(s)).toBe(true);
    expect(s.context.helpReason).toBe('timeout');
    expect(s.value.prompt).toBe('none');
    expect(s.context.promptDeadline).toBeNull();
  });

  it("large type and volume are the customer's own: reset for the next one", async () => {
    const e = effects();
    const k = start(e);
    k.actor.send({ type: 'SET_TEXT_SCALE', scale: 1.5 });
    k.actor.send({ type: 'SET_VOLUME', volume: 3 });
    k.actor.send({ type: 'SET_MUTED', muted: true });
    expect(k.actor.getSnapshot().context.prefs).toEqual({ textScale: 1.5, volume: 3, muted: true });
    k.actor.send({ type: 'START' });
    await k.reach('chooseBiller');
    k.actor.send({ type: 'CANCEL' });
    await k.reach('attract');
    expect(k.actor.getSnapshot().context.prefs).toEqual({ textScale: 1, volume: 2, muted: false });
  });

  it('the information centre lists topics, opens one, and goes back', async () => {
    const e = effects();
    const k = start(e);
    k.actor.send({ type: 'OPEN_INFO', topicId: null });
    await k.reach('info');
    await waitFor(k.actor, (s) => s.context.info.topics.length > 0);
    expect(k.screen()).toEqual({
      name: 'info',
      topics: [{ id: 'tiered-pricing', title: '阶梯电价' }],
      topic: null,
      openedFrom: 'list',
    });
    k.actor.send({ type: 'OPEN_INFO', topicId: 'tiered-pricing' });
    expect(k.screen()).toMatchObject({ topic: { title: '阶梯电价', paragraphs: ['分三档。'] } });
    k.actor.send({ type: 'SET_LOCALE', locale: 'en' });
    expect(k.screen()).toMatchObject({ topic: { title: 'Tiered electricity prices' } });
    k.actor.send({ type: 'BACK' });
    expect(k.screen()).toMatchObject({ topic: null });
    k.actor.send({ type: 'BACK' });
    await k.reach('attract');
  });

  it('the idle attract screen carries every topic with its first paragraph, in the chosen language', async () => {
    const k = start(effects());
    await waitFor(k.actor, (s) => s.context.info.topics.length > 0);
    expect(k.screen()).toEqual({
      name: 'attract',
      highlights: [{ id: 'tiered-pricing', title: '阶梯电价', summary: '分三档。' }],
    });
    k.actor.send({ type: 'SET_LOCALE', locale: 'en' });
    expect(k.screen()).toMatchObject({
      highlights: [{ title: 'Tiered electricity prices', summary: 'Three tiers.' }],
    });
    // A highlight opens its own topic directly, and back goes back to the idle screen.
    k.actor.send({ type: 'OPEN_INFO', topicId: 'tiered-pricing' });
    await k.reach('info');
    expect(k.screen()).toMatchObject({ topic: { id: 'tiered-pricing' } });
    k.actor.send({ type: 'BACK' });
    await k.reach('attract');
  });

  it('back from a topic goes where she came from: the idle screen, or the list', async () => {
    const k = start(effects());
    await waitFor(k.actor, (s) => s.context.info.topics.length > 0);
    // From the idle screen's highlight: back to the idle screen, not the list (the screen says
    // where the topic was opened, and offers every topic too).
    k.actor.send({ type: 'OPEN_INFO', topicId: 'tiered-pricing' });
    await k.reach('info');
    expect(k.screen()).toMatchObject({ topic: { id: 'tiered-pricing' }, openedFrom: 'attract' });
    k.actor.send({ type: 'BACK' });
    await k.reach('attract');
    // From the list: back to the list, then to the idle screen.
    k.actor.send({ type: 'OPEN_INFO', topicId: null });
    await k.reach('info');
    k.actor.send({ type: 'OPEN_INFO', topicId: 'tiered-pricing' });
    k.actor.send({ type: 'BACK' });
    expect(k.screen()).toMatchObject({ name: 'info', topic: null });
    k.actor.send({ type: 'BACK' });
    await k.reach('attract');
  });
});
