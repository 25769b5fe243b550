// The service room as the host starts it: the people of config, their PINs and lockouts and
// the audit in the journal's database, the staff services and the cash-box exchange over the
// money side, and the staff desk over the customer's session.
import { CashExchange, type Settlement } from '../../offline-queue/cash-exchange';
import type { JournalDb } from '../../offline-queue/open-journal';
import type { MoneyServices } from '../host/money-services';
import { settlementSlipText } from '../receipts/settlement-slip';
import type { MonotonicClock } from '../time/monotonic';
import { AssistedScreens } from './assisted-screens';
import type { ReceiptLayout } from '../receipts/layout';
import { ReceiptScreens } from './receipt-screens';
import { AuditLog } from './audit-log';
import { CareScreen } from './care-screen';
import { NoticesScreen } from './notices-screen';
import { ServiceAuth } from './authenticator';
import { openStaffServices } from './open-staff-services';
import { People, type PeopleConfig } from './people';
import { startStaffDesk, type StaffDesk, type StaffDeskOptions } from './staff-desk';
import type { StaffServices } from './staff-services';

export interface ServiceRoom {
  auth: ServiceAuth;
  audit: AuditLog;
  desk: StaffDesk;
  services: StaffServices;
  exchange: CashExchange;
  /** The care screen: the host attaches the community room's care part once it is open. */
  care: CareScreen;
  notices: NoticesScreen;
}

export function openServiceRoom(o: {
  db: JournalDb;
  money: Pick<MoneyServices, 'db' | 'journal' | 'staff' | 'syncWorker' | 'compensate' | 'gateway'>;
  people: PeopleConfig;
  terminalId: string;
  billerName(billerId: string): string;
  clock: () => number;
  monotonic: MonotonicClock;
  session: StaffDeskOptions['session'];
  tools: StaffDeskOptions['tools'];
  /** The cash-box exchange's effects outside the journal. */
  exchangePorts: {
    deviceStacked(): Promise<number | null>;
    printSettlement(settlement: Settlement): Promise<boolean>;
  };
  /** Prints a copy or a reversal slip through the host's receipts; whether it printed. */
  printReceipt(layout: ReceiptLayout): Promise<boolean>;
  log: StaffDeskOptions['log'];
}): ServiceRoom {
  const audit = new AuditLog(o.db, o.clock);
  const people = new People(o.people);
  const auth = new ServiceAuth({
    db: o.db,
    people,
    audit,
    clock: o.clock,
  });
  const services = openStaffServices({
    money: o.money,
    room: { audit, auth },
    terminalId: o.terminalId,
    billerName: o.billerName,
    clock: o.clock,
  });
  const exchange = new CashExchange({
    db: o.db,
    journal: o.money.journal,
    staff: o.money.staff,
    slipText: settlementSlipText(o.terminalId),
    clock: o.clock,
  });
  // The box is out: residents are told, and no cash is taken until it is back.
  let outForExchange = false;
  const assisted = new AssistedScreens({
    services,
    exchange,
    terminalId: o.terminalId,
    deviceStacked: o.exchangePorts.deviceStacked,
    printSettlement: o.exchangePorts.printSettlement,
    setExchangeService: (boxOut) => {
      const now = o.tools.service();
      if (boxOut && now.inService) {
        outForExchange = true;
        o.tools.setService(false, 'cashBoxExchange');
      } else if (!boxOut && outForExchange) {
        outForExchange = false;
        o.tools.setService(true, null);
      }
    },
    audit: (entry) => audit.append(entry),
  });
  const receipts = new ReceiptScreens({
    services,
    auth,
    people: () => people.all(),
    terminalId: o.terminalId,
    printReceipt: o.printReceipt,
    clock: o.clock,
  });
  const care = new CareScreen();
  const notices = new NoticesScreen();
  const desk = startStaffDesk({
    receipts,
    care,
    notices,
    authenticate: (credential, pin) => auth.authenticate(credential, pin),
    audit,
    tools: o.tools,
    assisted,
    session: o.session,
    monotonic: o.monotonic,
    log: o.log,
  });
  return { auth, audit, desk, services, exchange, care, notices };
}
