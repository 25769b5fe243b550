// The state → screen mapping covers the customer region exactly: every state of the machine
// has a screen (the typecheck insists; this proves the machine and the map agree at run time),
// and a screen is drawn for each state from any context without throwing.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createActor } from 'xstate';
import { sessionMachine } from '../../src/flows/session-machine';
import { screenOf, type CustomerState } from '../../src/flows/session-view';
import { helpCallOf } from '../../src/service/staff-view';
import { POWER, QUOTE } from './session-fixtures';

const TIMING = { writeOffWaitMs: 1, doneScreenMs: 1, partialCashWaitMs: 1 };
const customerStates = Object.keys(sessionMachine.root.states.customer?.states ?? {});

describe('the state → screen mapping', () => {
  it('names a closed set of customer states (a string is not one)', () => {
    expectTypeOf<'attract'>().toExtend<CustomerState>();
    expectTypeOf<string>().not.toExtend<CustomerState>();
    expect(customerStates.length).toBeGreaterThan(20);
  });

  it.each(customerStates)('%s has a screen, with and without a bill chosen', (state) => {
    const initial = createActor(sessionMachine, { input: TIMING }).getSnapshot();
    for (const extra of [{}, { biller: POWER, quote: QUOTE, paymentId: 7 }]) {
      const s = sessionMachine.resolveState({
        value: { customer: state, help: 'idle', prompt: 'none' },
        context: { ...initial.context, ...extra },
      });
      expect(s.value.customer).toBe(state);
      expect(screenOf(s).name).toMatch(/^[a-zA-Z]+$/);
    }
  });

  it('a call for staff shows the help screen over any state; dismissed, the state shows again', () => {
    const initial = createActor(sessionMachine, { input: TIMING }).getSnapshot();
    const context = { ...initial.context, biller: POWER, quote: QUOTE, paymentId: 7 };
    const shown = sessionMachine.resolveState({
      value: { customer: 'bills', help: { called: 'shown' }, prompt: 'none' },
      context,
    });
    expect(screenOf(shown)).toEqual({
      name: 'staffHelp',
      reason: 'customer',
      moneyInFlight: false,
      canLeave: true,
    });
    const dismissed = sessionMachine.resolveState({
      value: { customer: 'bills', help: { called: 'dismissed' }, prompt: 'none' },
      context,
    });
    expect(screenOf(dismissed).name).toBe('bills');
  });

  it('a call for a printed copy: staff see why, the account tail to find it by, and that it is paid', () => {
    const initial = createActor(sessionMachine, { input: TIMING }).getSnapshot();
    const s = sessionMachine.resolveState({
      value: { customer: 'paidCopyAsked', help: { called: 'shown' }, prompt: 'none' },
      context: {
        ...initial.context,
        biller: POWER,
        quote: QUOTE,
        paymentId: 7,
        collected: 20_000,
        helpReason: 'printedCopy',
        outcome: { prepaidCredited: 0, receiptLines: [], printed: false, eReceiptUrl: 'u' },
      },
    });
    // Paid and done: no "your money is safe" on her help screen, and she may go back to it.
    expect(screenOf(s)).toEqual({
      name: 'staffHelp',
      reason: 'printedCopy',
      moneyInFlight: false,
      canLeave: true,
    });
    expect(helpCallOf(s)).toMatchObject({
      reason: 'printedCopy',
      customerScreen: 'paid',
      accountTail: '3456',
      wayForward: 'paid',
      canCancel: false,
    });
  });
});
