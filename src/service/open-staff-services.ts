// Assisted mode's services as the host would open them: over the money side (the journal, the
// sync worker, the compensation job, the gateway client) and the service room (the audit and
// ServiceAuth). The host wires the staff screens to the returned facade.
import type { PaperWidth } from '../../drivers/printer';
import { gatewayReversalPort } from '../gateway/reversal-port';
import type { MoneyServices } from '../host/money-services';
import type { AuditLog } from './audit-log';
import type { ServiceAuth } from './authenticator';
import { StaffServices } from './staff-services';

export function openStaffServices(o: {
  money: Pick<MoneyServices, 'db' | 'journal' | 'staff' | 'syncWorker' | 'compensate' | 'gateway'>;
  room: { audit: AuditLog; auth: ServiceAuth };
  terminalId: string;
  /** A biller's name as receipts show it (zh-CN), e.g. from the gateway's biller list. */
  billerName(billerId: string): string;
  paper?: PaperWidth;
  verifyBase?: string;
  clock: () => number;
}): StaffServices {
  const { money } = o;
  return new StaffServices({
    db: money.db,
    journal: money.journal,
    staff: money.staff,
    audit: o.room.audit,
    auth: o.room.auth,
    requests: {
      retryNow: (paymentId) => money.syncWorker.retryNow(paymentId),
      kick: () => money.syncWorker.kick(),
      compensate: () => money.compensate(),
    },
    reversals: gatewayReversalPort(money.gateway),
    terminalId: o.terminalId,
    billerName: o.billerName,
    clock: o.clock,
    ...(o.paper ? { paper: o.paper } : {}),
    ...(o.verifyBase ? { verifyBase: o.verifyBase } : {}),
  });
}
