// The service room as the host starts it: the people of config, their PINs and lockouts and
// the audit in the journal's database, and the staff desk over the customer's session.
import type { JournalDb } from '../../offline-queue/open-journal';
import type { MonotonicClock } from '../time/monotonic';
import { AuditLog } from './audit-log';
import { ServiceAuth } from './authenticator';
import { People, type PeopleConfig } from './people';
import { startStaffDesk, type StaffDesk, type StaffDeskOptions } from './staff-desk';

export interface ServiceRoom {
  auth: ServiceAuth;
  audit: AuditLog;
  desk: StaffDesk;
}

export function openServiceRoom(o: {
  db: JournalDb;
  people: PeopleConfig;
  clock: () => number;
  monotonic: MonotonicClock;
  session: StaffDeskOptions['session'];
  tools: StaffDeskOptions['tools'];
  log: StaffDeskOptions['log'];
}): ServiceRoom {
  const audit = new AuditLog(o.db, o.clock);
  const auth = new ServiceAuth({
    db: o.db,
    people: new People(o.people),
    audit,
    clock: o.clock,
  });
  const desk = startStaffDesk({
    authenticate: (credential, pin) => auth.authenticate(credential, pin),
    audit,
    tools: o.tools,
    session: o.session,
    monotonic: o.monotonic,
    log: o.log,
  });
  return { auth, audit, desk };
}
