// Roles (src/service/roles.ts): a technician may take every action staff may, and more; staff
// never a technician's action.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  actionsOf,
  can,
  isAction,
  isRole,
  leastRoleFor,
  ROLES,
} from '../../src/service/roles';

describe('roles', () => {
  it('technician ⊇ staff, strictly', () => {
    const staff = actionsOf('staff');
    const technician = actionsOf('technician');
    for (const action of staff) expect(technician).toContain(action);
    expect(technician.length).toBeGreaterThan(staff.length);
    expect(technician).toEqual(ACTIONS);
  });

  it('staff answer help calls, work the open items, reprint, sync, approve reversals, see the day', () => {
    for (const action of [
      'help_call.answer',
      'open_items.view',
      'open_items.resolve',
      'receipt.reprint',
      'sync.view',
      'sync.try_now',
      'reversal.request',
      'reversal.approve',
      'day_summary.view',
      'pin.change_own',
    ] as const) {
      expect(can('staff', action), action).toBe(true);
    }
  });

  it("staff cannot open a technician's action", () => {
    for (const action of [
      'diagnostics.view',
      'diagnostics.test',
      'cash_box.exchange',
      'paper.replaced',
      'service.out_of_service',
      'service.in_service',
      'bundle.write',
      'pin.set',
    ] as const) {
      expect(can('staff', action), action).toBe(false);
      expect(can('technician', action), action).toBe(true);
      expect(leastRoleFor(action)).toBe('technician');
    }
  });

  it('for any action, what staff may, a technician may', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ACTIONS), (action) => {
        expect(!can('staff', action) || can('technician', action)).toBe(true);
        expect(can(leastRoleFor(action), action)).toBe(true);
      }),
    );
  });

  it('guards for values from outside', () => {
    expect(ROLES.every(isRole)).toBe(true);
    expect(isRole('admin')).toBe(false);
    expect(ACTIONS.every(isAction)).toBe(true);
    expect(isAction('toString')).toBe(false);
    expect(isAction('pin.reset_everyone')).toBe(false);
  });
});
