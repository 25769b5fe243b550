// The session flow with stand-in effects: every step the customer takes, what they see, and the
// money rules the flow itself enforces (no cancel once money is in, nothing lost on timeouts).
import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise, waitFor, type EventObject } from 'xstate';
import {
  sessionMachine,
  type BillerChoice,
  type CashInInput,
  type LookupResult,
  type QuoteChoice,
  type ReceiptInput,
  type ReceiptOutcome,
  type RefundSlipOutcome,
  type SessionEvent,
  type StartResult,
} from '../../src/flows/session-machine';
import { screenOf } from '../../src/flows/session-view';

const POWER: BillerChoice = {
  id: 'sh-power',
  kind: 'electricity',
  name: { 'zh-CN': '国网上海市电力公司', en: 'State Grid Shanghai' },
  accountLength: 10,
  paused: false,
  acceptsOverpayment: true,
  allowsPartial: false,
  accountPattern: '^\\d{10}$',
};

const QUOTE: QuoteChoice = {
  quoteId: 'q_1',
  billerId: 'sh-power',
  expiresAt: '2026-11-26T14:13:11+08:00',
  raw: '{}',
  account: '3100123456',
  holder: '张*明',
  address: '武康路**弄**号',
  bills: [{ billId: 'b1', period: '2026-09', principal: 18650, lateFee: 783, daysOverdue: 42 }],
  totalDue: 19433,
  quotedAt: '2026-11-26T14:03:11+08:00',
};

interface Effects {
  lookup?: LookupResult;
  startResult?: StartResult;
  billersFail?: boolean;
  abandoned: number[];
  captured: number[];
  cashInputs: unknown[];
  /** What the flow told the cash-in actor (STOP_TAKING). */
  cashCommands: string[];
  refunded: number[];
  biller?: BillerChoice;
  /** Lets the test push acceptor events into the running cash-in actor. */
  cash?: (e: SessionEvent) => void;
  settle?: (e: SessionEvent) => void;
}

const TIMING = { writeOffWaitMs: 60_000, doneScreenMs: 60_000, partialCashWaitMs: 60_000 };

function start(effects: Effects, timing = TIMING) {
  const machine = sessionMachine.provide({
    actors: {
      loadBillers: fromPromise(async () => {
        if (effects.billersFail) throw new Error('down');
        return [effects.biller ?? POWER];
      }),
      lookUpBills: fromPromise(async () => effects.lookup ?? { ok: true as const, quote: QUOTE }),
      startPayment: fromPromise(
        async () => effects.startResult ?? { ok: true as const, paymentId: 42 },
      ),
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
        printed: true,
        eReceiptUrl: 'https://verify.example/r?s=1',
      })),
      abandonPayment: fromPromise(async ({ input }: { input: { paymentId: number } }) => {
        effects.abandoned.push(input.paymentId);
        return undefined;
      }),
      refundPartial: fromPromise<RefundSlipOutcome, { paymentId: number; billerName: string }>(
        async ({ input }) => {
          effects.refunded.push(input.paymentId);
          return { amount: 5_000, slipLines: ['退款凭证'], printed: true };
        },
      ),
    },
  });
  const actor = createActor(machine, { input: timing }).start();
  const screen = () => screenOf(String(actor.getSnapshot().value), actor.getSnapshot().context);
  const reach = (name: string) => waitFor(actor, (s) => s.value === name, { timeout: 2000 });
  return { actor, screen, reach };
}

const effects = (): Effects => ({
  abandoned: [],
  captured: [],
  cashInputs: [],
  cashCommands: [],
  refunded: [],
});

async function toBills(e: Effects) {
  const k = start(e);
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
      prepaidCredited: 567,
      receiptLines: ['缴费凭证'],
    });
    k.actor.send({ type: 'DONE' });
    expect(k.screen()).toEqual({ name: 'attract' });
    expect(k.actor.getSnapshot().context.collected).toBe(0);
  });

  it('echoes keys, deletes and clears on the account screen', async () => {
    const k = start(effects());
    k.actor.send({ type: 'START' });
    await k.reach('chooseBiller');
    k.actor.send({ type: 'CHOOSE_BILLER', billerId: 'sh-power' });
    k.actor.send({ type: 'SUBMIT_ACCOUNT' }); // nothing typed: stays
    expect(k.actor.getSnapshot().value).toBe('enterAccount');
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
    expect(k.actor.getSnapshot().value).toBe('chooseBiller');
  });

  it.each(['account_not_found', 'invalid_account', 'account_locked'] as const)(
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
      await waitFor(k.actor, (s) => s.value === 'enterAccount' && s.context.problem !== null);
      expect(k.screen()).toMatchObject({ name: 'enterAccount', problem });
      k.actor.send({ type: 'KEY', key: '1' });
      expect(k.screen()).toMatchObject({ problem: null });
    },
  );

  it('says there is nothing to pay on a fully paid account', async () => {
    const e = effects();
    e.lookup = { ok: true, quote: { ...QUOTE, bills: [], totalDue: 0 } };
    const k = start(e);
    k.actor.send({ type: 'START' });
    await k.reach('chooseBiller');
    k.actor.send({ type: 'CHOOSE_BILLER', billerId: 'sh-power' });
    k.actor.send({ type: 'KEY', key: '1' });
    k.actor.send({ type: 'SUBMIT_ACCOUNT' });
    await waitFor(k.actor, (s) => s.context.problem === 'nothing_due');
    expect(k.screen()).toMatchObject({ name: 'enterAccount', problem: 'nothing_due' });
  });

  it('shows a problem screen when the gateway is down', async () => {
    const e = effects();
    e.billersFail = true;
    const k = start(e);
    k.actor.send({ type: 'START' });
    await k.reach('problem');
    expect(k.screen()).toEqual({ name: 'problem', problem: 'gateway_unavailable' });
  });

  it('lets the customer cancel before money is in, and abandons the payment record', async () => {
    const e = effects();
    const k = await toBills(e);
    k.actor.send({ type: 'PAY_CASH' });
    await k.reach('insertCash');
    k.actor.send({ type: 'CANCEL' });
    await k.reach('attract');
    expect(e.abandoned).toEqual([42]);
  });

  it('never abandons money: cancelling with notes in asks what to do with them', async () => {
    const e = effects();
    const k = await toBills(e);
    k.actor.send({ type: 'PAY_CASH' });
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
    await k.reach('insertCash');
    e.cash?.({ type: 'NOTE_STACKED', collected: 20_000 });
    await k.reach('writingOff');
    e.settle?.({ type: 'WRITE_OFF_SETTLED', state: 'REFUND_REQUIRED' });
    expect(k.screen()).toEqual({ name: 'problem', problem: 'payment_needs_staff' });
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
    await k.reach('insertCash');
    e.cash?.({ type: 'NOTE_ESCROWED' });
    k.actor.send({ type: 'CANCEL' });
    expect(k.actor.getSnapshot().value).toBe('insertCash');
    expect(k.screen()).toMatchObject({ name: 'insertCash', noteInEscrow: true });
    e.cash?.({ type: 'NOTE_RETURNED' });
    await k.reach('attract');
    expect(e.abandoned).toEqual([42]);
  });

  it('a note already stacking when the customer cancels is credited first', async () => {
    const e = effects();
    const k = await toBills(e);
    k.actor.send({ type: 'PAY_CASH' });
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
    await k.reach('insertCash');
    e.cash?.({ type: 'NOTE_ESCROWED' });
    e.cash?.({ type: 'NOTE_UNCERTAIN', value: 5_000 });
    expect(k.screen()).toMatchObject({ name: 'insertCash', collected: 0, underReview: 5_000 });
    k.actor.send({ type: 'CANCEL' });
    await k.reach('problem');
    expect(k.screen()).toEqual({ name: 'problem', problem: 'note_under_review' });
    expect(e.abandoned).toEqual([42]);
  });
});

describe('partial cash', () => {
  async function stopShort(e: Effects) {
    const k = await toBills(e);
    k.actor.send({ type: 'PAY_CASH' });
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

  it('a customer who walks away has the money settled all the same', async () => {
    const e = effects();
    const k = start(e, { ...TIMING, partialCashWaitMs: 30 });
    k.actor.send({ type: 'START' });
    await k.reach('chooseBiller');
    k.actor.send({ type: 'CHOOSE_BILLER', billerId: 'sh-power' });
    k.actor.send({ type: 'KEY', key: '1' });
    k.actor.send({ type: 'SUBMIT_ACCOUNT' });
    await k.reach('bills');
    k.actor.send({ type: 'PAY_CASH' });
    await k.reach('insertCash');
    e.cash?.({ type: 'NOTE_STACKED', collected: 5_000 });
    k.actor.send({ type: 'CANCEL' });
    await k.reach('refundSlip');
    expect(e.refunded).toEqual([42]);
  });

  it('an acceptor failure with money in settles it, and cannot continue', async () => {
    const e = effects();
    const k = await toBills(e);
    k.actor.send({ type: 'PAY_CASH' });
    await k.reach('insertCash');
    e.cash?.({ type: 'NOTE_STACKED', collected: 5_000 });
    e.cash?.({ type: 'CASH_UNAVAILABLE' });
    await k.reach('partialCash');
    expect(k.screen()).toMatchObject({ name: 'partialCash', canContinue: false });
    k.actor.send({ type: 'CONTINUE' });
    expect(k.actor.getSnapshot().value).toBe('partialCash');
  });

  it('an acceptor failure before any money abandons with a problem', async () => {
    const e = effects();
    const k = await toBills(e);
    k.actor.send({ type: 'PAY_CASH' });
    await k.reach('insertCash');
    e.cash?.({ type: 'CASH_UNAVAILABLE' });
    await k.reach('problem');
    expect(k.screen()).toEqual({ name: 'problem', problem: 'acceptor_unavailable' });
    expect(e.abandoned).toEqual([42]);
  });

  it('an amount notes cannot make, at a biller without overpayment, is refused before any money', async () => {
    const e = effects();
    const k = await toBills(e);
    k.actor.send({ type: 'PAY_CASH' });
    await k.reach('insertCash');
    e.cash?.({ type: 'CASH_NOT_EXACT' });
    await k.reach('problem');
    expect(k.screen()).toEqual({ name: 'problem', problem: 'exact_cash_impossible' });
  });
});

describe('a paused biller', () => {
  it('cannot be chosen, and a payment started anyway says so', async () => {
    const e = effects();
    e.startResult = { ok: false, problem: 'biller_paused' };
    const k = await toBills(e);
    k.actor.send({ type: 'PAY_CASH' });
    await k.reach('problem');
    expect(k.screen()).toEqual({ name: 'problem', problem: 'biller_paused' });
    expect(e.cashInputs).toEqual([]);
  });
});
