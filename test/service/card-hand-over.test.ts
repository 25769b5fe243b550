// Four eyes on a single-slot reader (src/service/auto-lock.ts, staff-desk.ts): a reversal's
// approver needs the reader, so the card that opened the mode comes out. That is a lending,
// not a walking away: the mode stays open for the approval, the approver's card comes and goes,
// and once the approval is over the opening card has 30 seconds to come back — or the mode
// locks as if it had been taken away. Outside an approval, taking the card out locks at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuthenticatedPerson } from '../../src/service/authenticator';
import { AutoLock, CARD_BACK_MS } from '../../src/service/auto-lock';
import { ReceiptScreens, type ReceiptScreenPorts } from '../../src/service/receipt-screens';
import type { ReversalRequest, ReversalView } from '../../src/service/staff-services';
import { deskRig, WANG_PIN } from './desk-stubs';

const OPENER_CARD = '04A1B2C3';
const APPROVER_CARD = '04C0FFEE000002';
const SERIAL = 'K1-20251205-000001';

function rig(answer: 'reversed' | 'refused' = 'reversed') {
  const asked: ReversalRequest[] = [];
  const now = Date.UTC(2025, 11, 5, 4);
  const ports = {
    services: {
      findReceipts: () => ({
        ok: true,
        receipts: [
          {
            agentSerial: SERIAL,
            kind: 'paid',
            billerName: '电力',
            account: '3100****56',
            amount: 1_000,
            at: now - 60_000,
            copies: 0,
          },
        ],
      }),
      requestReversal: async (_who: AuthenticatedPerson, r: ReversalRequest) => {
        asked.push(r);
        if (answer === 'refused')
          return { ok: false, reason: 'approver_refused', why: 'wrong_pin' };
        const view: ReversalView = {
          agentSerial: SERIAL,
          outcome: 'reversed',
          amount: 1_000,
          refundItemId: 1,
          slip: null,
          message: null,
        };
        return { ok: true, ...view };
      },
    },
    people: () => [],
    terminalId: 'K1',
    printReceipt: async () => true,
    clock: () => now,
  } as unknown as ReceiptScreenPorts;
  const { desk, audited, keys } = deskRig(new ReceiptScreens(ports));
  /** Opened by card, on the reversal screen, a payment and reason chosen: the approval waits. */
  const toApproval = async () => {
    desk.cardPresented(OPENER_CARD);
    await keys(WANG_PIN);
    desk.handle({ type: 'STAFF_OPEN', screen: 'reversal' });
    await keys('3456');
    desk.handle({ type: 'STAFF_SUBMIT' });
    await vi.advanceTimersByTimeAsync(1);
    desk.handle({ type: 'STAFF_REVERSAL', action: 'choose', agentSerial: SERIAL });
    await vi.advanceTimersByTimeAsync(1);
    desk.handle({ type: 'STAFF_REVERSAL', action: 'reason', reason: 'wrong_account' });
    await vi.advanceTimersByTimeAsync(1);
    expect(desk.view()).toMatchObject({ name: 'reversal', step: 'approve' });
  };
  /** The approver puts their card in and types their PIN; then takes the card out. */
  const approve = async () => {
    desk.cardPresented(APPROVER_CARD);
    expect(desk.view()).toMatchObject({ approver: { by: 'card', step: 'pin' } });
    await keys('482913');
    desk.cardRemoved();
  };
  const actions = () => audited.map((e) => e.action);
  return { desk, asked, audited, actions, keys, toApproval, approve };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the opening card lent for a four-eyes approval', () => {
  it('stays open while the card is out for the approval; the approver’s card comes and goes', async () => {
    const k = rig();
    await k.toApproval();
    k.desk.cardRemoved(); // the opener's card out, for the approver's
    expect(k.desk.isActive()).toBe(true);
    expect(k.desk.cardAway()).toBe('forApproval');
    await k.approve();
    expect(k.asked).toEqual([
      {
        agentSerial: SERIAL,
        reason: 'wrong_account',
        approver: { card: APPROVER_CARD },
        approverPin: '482913',
      },
    ]);
    expect(k.desk.view()).toMatchObject({ step: 'done', outcome: { outcome: 'reversed' } });
    // The approval is over: the opening card is due back; the approver's removal did not lock.
    expect(k.desk.isActive()).toBe(true);
    expect(k.desk.cardAway()).toBe('mustReturn');
    k.desk.cardPresented(OPENER_CARD);
    expect(k.desk.cardAway()).toBeNull();
    await vi.advanceTimersByTimeAsync(CARD_BACK_MS * 2);
    expect(k.desk.isActive()).toBe(true);
    expect(k.actions()).toEqual(
      expect.arrayContaining(['mode.opened', 'mode.card_lent', 'mode.card_back']),
    );
    expect(k.actions()).not.toContain('mode.locked');
    // Back in, it is the opening card again: taking it out now locks at once.
    k.desk.cardRemoved();
    expect(k.desk.isActive()).toBe(false);
    expect(k.audited.at(-1)).toMatchObject({
      action: 'mode.locked',
      detail: { reason: 'card_removed' },
    });
    k.desk.stop();
  });

  it('locks 30 seconds after the approval when the opening card does not come back; taps do not extend it', async () => {
    const k = rig();
    await k.toApproval();
    k.desk.cardRemoved();
    await k.approve();
    expect(k.desk.cardAway()).toBe('mustReturn');
    await vi.advanceTimersByTimeAsync(CARD_BACK_MS - 5_000);
    k.desk.handle({ type: 'STAFF_OPEN', screen: null }); // a tap: the person is there, the card is not
    expect(k.desk.isActive()).toBe(true);
    await vi.advanceTimersByTimeAsync(5_100);
    expect(k.desk.isActive()).toBe(false);
    expect(k.audited.at(-1)).toMatchObject({
      action: 'mode.locked',
      detail: { reason: 'card_removed' },
    });
    k.desk.stop();
  });

  it('a refused approval keeps the card lent: another approval may be given', async () => {
    const k = rig('refused');
    await k.toApproval();
    k.desk.cardRemoved();
    await k.approve();
    expect(k.desk.view()).toMatchObject({ step: 'approve', approver: null });
    expect(k.desk.cardAway()).toBe('forApproval');
    await vi.advanceTimersByTimeAsync(CARD_BACK_MS * 2);
    expect(k.desk.isActive()).toBe(true);
    // Leaving the reversal ends the approval: the card is due back.
    k.desk.handle({ type: 'STAFF_OPEN', screen: null });
    expect(k.desk.cardAway()).toBe('mustReturn');
    k.desk.stop();
  });

  it('the opener’s card back before any approver is a return, never an approval by oneself', async () => {
    const k = rig();
    await k.toApproval();
    k.desk.cardRemoved();
    k.desk.cardPresented(OPENER_CARD);
    expect(k.desk.cardAway()).toBeNull();
    expect(k.desk.view()).toMatchObject({ step: 'approve', approver: null });
    expect(k.asked).toEqual([]);
    k.desk.stop();
  });

  it('outside an approval the card taken away locks at once', async () => {
    const k = rig();
    k.desk.cardPresented(OPENER_CARD);
    await vi.advanceTimersByTimeAsync(1);
    await k.keys(WANG_PIN);
    k.desk.handle({ type: 'STAFF_OPEN', screen: 'reversal' });
    k.desk.cardRemoved();
    expect(k.desk.isActive()).toBe(false);
    expect(k.actions()).not.toContain('mode.card_lent');
    k.desk.stop();
  });

  it('while the card is due back, another card is neither an approver nor a new sign-in', async () => {
    const k = rig();
    await k.toApproval();
    k.desk.cardRemoved();
    await k.approve();
    k.desk.cardPresented(APPROVER_CARD);
    expect(k.desk.view()).toMatchObject({ name: 'reversal', step: 'done' });
    expect(k.desk.cardAway()).toBe('mustReturn');
    k.desk.stop();
  });
});

describe('AutoLock lending', () => {
  it('a mode opened by staff number has no card to lend', () => {
    let t = 0;
    const lock = new AutoLock({ clock: () => t });
    lock.open({ card: null });
    lock.cardRemoved(undefined, { forApproval: true });
    expect(lock.cardAway()).toBeNull();
    expect(lock.isOpen()).toBe(true);
    t += 1;
    expect(lock.cardBack(OPENER_CARD)).toBe(false);
  });

  it('the deadline is the nearer of idle and card-back, and only the opening card returns it', () => {
    let t = 0;
    const lock = new AutoLock({ clock: () => t, idleMs: 120_000, cardBackMs: 30_000 });
    lock.open({ card: OPENER_CARD });
    lock.cardRemoved(undefined, { forApproval: true });
    expect(lock.msUntilLock()).toBe(120_000);
    t += 100_000;
    lock.approvalOver();
    expect(lock.msUntilLock()).toBe(20_000); // idle comes first
    expect(lock.cardBack(APPROVER_CARD)).toBe(false);
    expect(lock.cardBack(OPENER_CARD.toLowerCase())).toBe(true);
    expect(lock.msUntilLock()).toBe(120_000);
  });
});
