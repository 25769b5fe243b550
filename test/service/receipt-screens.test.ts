// The reversal screen's approval: a card presented while it waits is the approver's credential,
// the PIN goes to the call and never into a view. A reversal whose outcome is not known is
// asked again (once, however often it is tapped), also after the screen was left.
import { describe, expect, it } from 'vitest';
import type { AuthenticatedPerson } from '../../src/service/authenticator';
import { ReceiptScreens, type ReceiptScreenPorts } from '../../src/service/receipt-screens';
import type { ReceiptLayout } from '../../src/receipts/layout';
import type { ReversalRequest, ReversalView } from '../../src/service/staff-services';

const WANG = { staffNumber: '1001', name: '王芳', role: 'staff' } as unknown as AuthenticatedPerson;
const NOW = Date.UTC(2025, 11, 5, 4);

function rig(o: { reversalOpen?: boolean } = {}) {
  const asked: ReversalRequest[] = [];
  const resumed: string[] = [];
  let answer: (v: ReversalView) => void = () => {};
  const ports = {
    services: {
      findReceipts: () => ({
        ok: true,
        receipts: [
          {
            agentSerial: 'K1-20251205-000001',
            kind: 'paid',
            billerName: '电力',
            account: '3100****56',
            amount: 1_000,
            at: NOW - 60_000,
            copies: 0,
            reversalOpen: o.reversalOpen ?? false,
          },
        ],
      }),
      resumeReversal: (_who: AuthenticatedPerson, serial: string) => {
        resumed.push(serial);
        return new Promise<{ ok: true } & ReversalView>((resolve) => {
          answer = (v) => resolve({ ok: true, ...v });
        });
      },
      requestReversal: async (_who: AuthenticatedPerson, r: ReversalRequest) => {
        asked.push(r);
        return { ok: false, reason: 'same_person' };
      },
    },
    people: () => [],
    terminalId: 'K1',
    printReceipt: async (layout: unknown) => {
      printed.push(layout);
      return true;
    },
    clock: () => NOW,
  } as unknown as ReceiptScreenPorts;
  const printed: unknown[] = [];
  return {
    screens: new ReceiptScreens(ports),
    asked,
    resumed,
    printed,
    answer: (v: ReversalView) => answer(v),
  };
}

async function findAndChoose(screens: ReceiptScreens): Promise<void> {
  for (const key of ['3', '4', '5', '6'] as const)
    await screens.typed('reversal', { type: 'STAFF_KEY', key }, WANG);
  await screens.typed('reversal', { type: 'STAFF_SUBMIT' }, WANG);
  await screens.handle(
    { type: 'STAFF_REVERSAL', action: 'choose', agentSerial: 'K1-20251205-000001' },
    WANG,
  );
}

const REVERSED: ReversalView = {
  agentSerial: 'K1-20251205-000001',
  outcome: 'reversed',
  amount: 1_000,
  refundItemId: 7,
  slip: {
    layout: { kind: 'reversalSlip' } as unknown as ReceiptLayout,
    paperLines: [],
    screenLines: [],
  },
  message: null,
};

describe('the reversal screen', () => {
  it('takes a presented card as the approver and keeps the PIN out of the view', async () => {
    const { screens, asked } = rig();
    for (const key of ['3', '4', '5', '6'] as const)
      await screens.typed('reversal', { type: 'STAFF_KEY', key }, WANG);
    await screens.typed('reversal', { type: 'STAFF_SUBMIT' }, WANG);
    await screens.handle(
      { type: 'STAFF_REVERSAL', action: 'choose', agentSerial: 'K1-20251205-000001' },
      WANG,
    );
    await screens.handle(
      { type: 'STAFF_REVERSAL', action: 'reason', reason: 'wrong_account' },
      WANG,
    );
    expect(screens.awaitsApprover('reversal')).toBe(true);
    screens.approverCard('04C0FFEE000002');
    for (const key of ['4', '8', '2', '9', '1'] as const)
      await screens.typed('reversal', { type: 'STAFF_KEY', key }, WANG);
    expect(JSON.stringify(screens.view('reversal'))).not.toContain('48291');
    await screens.typed('reversal', { type: 'STAFF_KEY', key: '3' }, WANG);
    expect(asked).toEqual([
      {
        agentSerial: 'K1-20251205-000001',
        reason: 'wrong_account',
        approver: { card: '04C0FFEE000002' },
        approverPin: '482913',
      },
    ]);
    const view = screens.view('reversal');
    expect(view).toMatchObject({ step: 'approve', approver: null });
    expect(JSON.stringify(view)).not.toContain('482913');
    expect(view).toMatchObject({ lastResult: { ok: false, reason: 'same_person' } });
  });

  it('a payment whose reversal is not known yet is asked again, once, without a new approval', async () => {
    const { screens, asked, resumed, printed, answer } = rig({ reversalOpen: true });
    await findAndChoose(screens);
    // Chosen again after the screen was left: the outcome is unknown, the choice is to ask.
    expect(screens.view('reversal')).toMatchObject({
      step: 'done',
      reason: null,
      approver: null,
      outcome: { outcome: 'unknown', amount: 1_000, slipPrinted: null },
    });
    expect(screens.awaitsApprover('reversal')).toBe(false);
    // Tapped twice: one question while it is out, and the screen says it is asking.
    const first = screens.handle({ type: 'STAFF_REVERSAL', action: 'askAgain' }, WANG);
    const second = screens.handle({ type: 'STAFF_REVERSAL', action: 'askAgain' }, WANG);
    expect(screens.view('reversal')).toMatchObject({ step: 'checking', lastResult: null });
    answer(REVERSED);
    await Promise.all([first, second]);
    await screens.handle({ type: 'STAFF_REVERSAL', action: 'askAgain' }, WANG);
    expect(resumed).toEqual(['K1-20251205-000001']);
    expect(asked).toEqual([]);
    expect(printed).toHaveLength(1);
    expect(screens.view('reversal')).toMatchObject({
      step: 'done',
      outcome: { outcome: 'reversed', amount: 1_000, slipPrinted: true },
      lastResult: { ok: true, reason: null },
    });
  });

  it('a payment with no reversal under way is chosen for a new one: its reason comes next', async () => {
    const { screens } = rig();
    await findAndChoose(screens);
    expect(screens.view('reversal')).toMatchObject({ step: 'reason', outcome: null });
  });
});
