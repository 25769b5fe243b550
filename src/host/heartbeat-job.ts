// The fleet heartbeat: device status, cash box and pending write-offs to the gateway every
// minute; the gateway may answer with commands (out of service, in service, reload config).
// Each device's part comes from its driver's diagnose(); the body is the contract's
// (collection-gateway.md, "Terminal heartbeat"), nothing more.
import type { BillAcceptor } from '../../drivers/bill-acceptor';
import type { CashBox, CashBoxAudit } from '../../offline-queue/cash-box';
import type { ReceiptPrinter } from '../../drivers/printer';
import type { CardReader } from '../../drivers/card-reader';
import type { Scanner } from '../../drivers/scanner';
import packageJson from '../../package.json' with { type: 'json' };
import type { Heartbeat, HeartbeatCommand } from '../gateway/contract';
import { shanghaiIso } from '../time/shanghai';
import type { Logger } from './logger';
import type { MoneyServices } from './money-services';

export function heartbeatBody(o: {
  money: {
    journal: Pick<MoneyServices['journal'], 'pendingSync'>;
    cashBox: Pick<CashBox, 'contents'>;
  };
  acceptor: Pick<BillAcceptor, 'diagnose'>;
  scanner: Pick<Scanner, 'diagnose'> | null;
  printer: Pick<ReceiptPrinter, 'diagnose'> | null;
  cardReader: Pick<CardReader, 'diagnose'> | null;
  inService: boolean;
  now: number;
  /** The cash box ledger against the acceptor's counters, when it was read. */
  audit?: CashBoxAudit;
}): Heartbeat {
  const audit = o.audit;
  const pending = o.money.journal.pendingSync();
  const acceptor = o.acceptor.diagnose();
  const printer = o.printer?.diagnose();
  return {
    at: shanghaiIso(o.now),
    version: packageJson.version,
    mode: o.inService ? 'in_service' : 'out_of_service',
    devices: {
      billAcceptor: {
        status: acceptor.status,
        stacker: acceptor.stacker,
        ...(audit && {
          cashBoxCounters:
            audit.deviceCount === null ? 'none' : audit.matches ? 'match' : 'mismatch',
        }),
      },
      scanner: { status: o.scanner?.diagnose().status ?? 'noDevice' },
      printer: printer ? { status: printer.status, paper: printer.paper } : { status: 'noDevice' },
      cardReader: { status: o.cardReader?.diagnose().status ?? 'noDevice' },
    },
    cashBox: o.money.cashBox.contents(),
    pendingSync: {
      count: pending.count,
      total: pending.total,
      oldestAt: pending.oldestAt === null ? null : shanghaiIso(pending.oldestAt),
    },
  };
}

/**
 * Reads the acceptor's counters and compares them with the ledger; a difference is logged for
 * the technician (the counters are evidence, the journal stays the truth).
 */
export async function auditCashBox(
  cashBox: CashBox,
  acceptor: Pick<BillAcceptor, 'readCounters'>,
  log: Pick<Logger, 'warn'>,
): Promise<CashBoxAudit> {
  const counters = await acceptor.readCounters();
  const audit = cashBox.audit(counters?.stacked ?? null);
  if (!audit.matches) {
    log.warn({ audit, counters }, 'cash box ledger and acceptor counters differ');
  }
  return audit;
}

export async function sendHeartbeat(
  money: MoneyServices,
  body: Heartbeat,
  log: Logger,
): Promise<HeartbeatCommand[]> {
  const reply = await money.gateway.heartbeat(body);
  if (!reply.ok) {
    log.warn({ reply }, 'heartbeat not delivered');
    return [];
  }
  return reply.body.commands;
}
