// The committee's people for tests that sign staff in: a technician and a member of staff with
// PINs set as on a terminal (the technician's at the console, the other's by the technician).
import type { PeopleConfig } from '../../src/service/people';
import type { TestKiosk } from './e2e-fixture';

export const TECH = { staffNumber: '2001', name: '李工', pin: '482913' } as const;
export const STAFF = { staffNumber: '1001', name: '王芳', pin: '731604' } as const;

export const PEOPLE: PeopleConfig = [
  { staffNumber: TECH.staffNumber, name: TECH.name, role: 'technician' },
  { staffNumber: STAFF.staffNumber, name: STAFF.name, role: 'staff' },
];

export async function setPeoplePins(kiosk: TestKiosk): Promise<void> {
  const { auth } = kiosk.host.service;
  const setup = await auth.setupPinAtConsole(TECH.staffNumber, TECH.pin);
  if (!setup.ok) throw new Error(`the technician's PIN was not set (${setup.reason})`);
  const tech = await auth.authenticate({ staffNumber: TECH.staffNumber }, TECH.pin);
  if (!tech.ok) throw new Error('the technician could not sign in');
  const set = await auth.setPin(tech.person, STAFF.staffNumber, STAFF.pin);
  if (!set.ok) throw new Error(`the staff PIN was not set (${set.reason})`);
}
