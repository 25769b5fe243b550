// The demo's PINs (`npm start` only, never a real kiosk): each person of the demo config gets a
// known PIN at the first start, set as on a real terminal — the first technician's at the
// console, everyone else's by that technician — so the staff screens can be tried at once.
import type { ServiceRoom } from '../src/service/open-service-room';
import type { PeopleConfig } from '../src/service/people';

export const DEMO_PINS = { technician: '603917', staff: '274095' } as const;

/** Sets the demo PINs still missing; returns the sign-ins to print. */
export async function setDemoPins(room: ServiceRoom, people: PeopleConfig): Promise<string[]> {
  const technician = people.find((p) => p.role === 'technician');
  if (!technician) return [];
  if (room.auth.techniciansWithPin().length === 0) {
    const setup = await room.auth.setupPinAtConsole(technician.staffNumber, DEMO_PINS.technician);
    if (!setup.ok) return [`the demo PINs could not be set (${setup.reason})`];
  }
  const tech = await room.auth.authenticate(
    { staffNumber: technician.staffNumber },
    DEMO_PINS.technician,
  );
  // A PIN someone changed in the demo: left alone.
  if (!tech.ok) return [`technician ${technician.staffNumber}: the demo PIN was changed`];
  for (const p of people) {
    if (!room.auth.hasPin(p.staffNumber)) {
      await room.auth.setPin(tech.person, p.staffNumber, DEMO_PINS[p.role]);
    }
  }
  return people.map((p) => `${p.role} ${p.staffNumber} (${p.name}): PIN ${DEMO_PINS[p.role]}`);
}
