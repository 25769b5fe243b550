// The staff desk on the customer's session machine (stand-in effects): a mode opens over her
// visit, locks itself after two quiet minutes or when the opening card is taken away, and a
// tap after the lock does nothing; each lock is audited with who opened the mode.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import type { Key } from '../../src/api/kiosk-api';
import { sessionMachine } from '../../src/flows/session-machine';
import type { AuthResult, AuthenticatedPerson } from '../../src/service/authenticator';
import type { AuditEntry, AuditLog } from '../../src/service/audit-log';
import { startStaffDesk } from '../../src/service/staff-desk';
import { deskRig, NO_ASSISTED, NO_RECEIPTS, STUB_TOOLS, TIMING, WANG } from './desk-stubs';

function rig() {
  const { keys, ...rest } = deskRig();
  return { ...rest, pin: keys };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the staff desk', () => {
  it('opens by card and PIN over the visit, and locks after two quiet minutes', async () => {
    const k = rig();
    k.desk.cardPresented('04A1B2C3');
    expect(k.desk.view()).toMatchObject({ name: 'signIn', by: 'card', step: 'pin' });
    await k.pin('731604');
    expect(k.desk.view()).toMatchObject({ name: 'staffHome', who: { name: '王芳' } });
    await vi.advanceTimersByTimeAsync(119_000);
    expect(k.desk.isActive()).toBe(true);
    k.desk.handle({ type: 'STAFF_KEY', key: '1' }); // a touch: two minutes again
    await vi.advanceTimersByTimeAsync(119_000);
    expect(k.desk.isActive()).toBe(true);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(k.desk.isActive()).toBe(false);
    expect(k.desk.view()).toBeNull();
    expect(k.audited.at(-1)).toMatchObject({
      action: 'mode.locked',
      actor: { staffNumber: '1001' },
      detail: { reason: 'idle' },
    });
    k.desk.stop();
  });

  it('locks when the card that opened it is taken away', async () => {
    const k = rig();
    k.desk.cardPresented('04A1B2C3');
    await k.pin('731604');
    k.desk.cardRemoved();
    expect(k.desk.isActive()).toBe(false);
    expect(k.audited.at(-1)).toMatchObject({
      action: 'mode.locked',
      detail: { reason: 'card_removed' },
    });
    k.desk.stop();
  });

  it('a wrong PIN opens nothing, and the visit underneath is untouched', async () => {
    const k = rig();
    k.desk.cardPresented('04A1B2C3');
    await k.pin('000111');
    expect(k.desk.view()).toMatchObject({ name: 'signIn', problem: 'wrong_pin', pinLength: 0 });
    expect(k.audited.filter((e) => e.action === 'mode.opened')).toEqual([]);
    expect(k.session.getSnapshot().value.customer).toBe('attract');
    k.desk.handle({ type: 'STAFF_LOCK' });
    expect(k.desk.isActive()).toBe(false);
    k.desk.stop();
  });

  it('with no call, opening a mode answers nothing and leaves the visit as it was', async () => {
    const k = rig();
    k.desk.handle({ type: 'STAFF_SIGN_IN' });
    for (const d of '1001') k.desk.handle({ type: 'STAFF_KEY', key: d as Key });
    k.desk.handle({ type: 'STAFF_SUBMIT' });
    await k.pin('731604');
    expect(k.desk.view()).toMatchObject({ name: 'staffHome', helpCall: null });
    expect(k.audited.map((e) => e.action)).toEqual(['mode.opened']);
    k.desk.handle({ type: 'STAFF_HELP', action: 'cancel' });
    expect(k.session.getSnapshot().value.help).toBe('idle');
    expect(k.audited.map((e) => e.action)).toEqual(['mode.opened']);
    k.desk.stop();
  });

  it('a staff action that fails is logged, never thrown at the caller', async () => {
    const session = createActor(sessionMachine, { input: TIMING }).start();
    const warned: string[] = [];
    const desk = startStaffDesk({
      authenticate: async (): Promise<AuthResult> => ({
        ok: true,
        person: { ...WANG, role: 'technician' } as unknown as AuthenticatedPerson,
      }),
      audit: {
        append: (e: AuditEntry) => {
          if (e.action === 'service.out_of_service') throw new Error('audit refused');
        },
      } as unknown as AuditLog,
      assisted: NO_ASSISTED,
      receipts: NO_RECEIPTS,
      tools: {
        ...STUB_TOOLS,
        checkGateway: async () => {
          throw new Error('socket hang up');
        },
        writeBundle: async () => {
          throw new Error('no drive');
        },
      },
      session: { snapshot: () => session.getSnapshot(), send: (e) => session.send(e) },
      monotonic: () => Date.now(),
      log: { info: () => undefined, warn: (_o, m) => warned.push(m) },
    });
    desk.handle({ type: 'STAFF_SIGN_IN' });
    for (const d of '2001') desk.handle({ type: 'STAFF_KEY', key: d as Key });
    desk.handle({ type: 'STAFF_SUBMIT' });
    for (const d of '603917') desk.handle({ type: 'STAFF_KEY', key: d as Key });
    await vi.advanceTimersByTimeAsync(1);
    expect(desk.view()?.name).toBe('staffHome');
    expect(() =>
      desk.handle({ type: 'STAFF_SET_SERVICE', inService: false, reason: 'maintenance' }),
    ).not.toThrow();
    desk.handle({ type: 'STAFF_TOOL', tool: 'gateway' });
    desk.handle({ type: 'STAFF_TOOL', tool: 'bundle' });
    await vi.advanceTimersByTimeAsync(1);
    expect(warned.filter((m) => m === 'a staff action failed').length).toBe(2);
    desk.handle({ type: 'STAFF_OPEN', screen: 'diagnostics' });
    expect(desk.view()).toMatchObject({ name: 'diagnostics', lastTool: null });
    desk.stop();
  });
});
