// The reversal screen's approval: a card presented while it waits is the approver's credential,
// the PIN goes to the call and never into a view.
import { describe, expect, it } from 'vitest';
import type { AuthenticatedPerson } from '../../src/service/authenticator';
import { ReceiptScreens, type ReceiptScreenPorts } from '../../src/service/receipt-screens';
import type { ReversalRequest } from '../../src/service/staff-services';

const WANG = { staffNumber: '1001', name: '王芳', role: 'staff' } as unknown as AuthenticatedPerson;
const NOW = Date.UTC(2025, 11, 5, 4);

function rig() {
  const asked: ReversalRequest[] = [];
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
          },
        ],
      }),
      requestReversal: async (_who: AuthenticatedPerson, r: ReversalRequest) => {
        asked.push(r);
        return { ok: false, reason: 'same_person' };
      },
    },
    people: () => [],
    terminalId: 'K1',
    printReceipt: async () => true,
    clock: () => NOW,
  } as unknown as ReceiptScreenPorts;
  return { screens: new ReceiptScreens(ports), asked };
}

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
});
