// Staff taps are told from the customer's by their schemas alone: every staff event schema is a
// staff event, no customer event is one (so a new staff event can never reach her visit).
import { describe, expect, it } from 'vitest';
import { STAFF_EVENT_SCHEMAS, UserEvent, isStaffEvent } from '../../src/api/kiosk-api';

const typeOf = (schema: { shape: { type: { def: { values: readonly unknown[] } } } }) =>
  String(schema.shape.type.def.values[0]);

describe('staff events', () => {
  it('are exactly the staff schemas', () => {
    const staff = STAFF_EVENT_SCHEMAS.map(typeOf);
    expect(staff.length).toBeGreaterThan(10);
    for (const type of staff) expect(isStaffEvent({ type }), type).toBe(true);
    const customer = UserEvent.def.options.map(typeOf).filter((t) => !staff.includes(t));
    expect(customer).toContain('CALL_STAFF');
    for (const type of customer) expect(isStaffEvent({ type }), type).toBe(false);
  });
});
