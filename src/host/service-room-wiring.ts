// The service room wired to the running host: the staff desk over the customer's session, the
// journal's staff services and the cash-box exchange, and the tools the service screens use
// (diagnoses, test page, gateway check, bundle, service state). Kept out of startHost so that
// the staff side grows here, not in the composition root.
import type { BillAcceptor } from '../../drivers/bill-acceptor';
import type { CardReader } from '../../drivers/card-reader';
import type { ReceiptPrinter } from '../../drivers/printer';
import type { Scanner } from '../../drivers/scanner';
import type { KioskConfig } from '../config/schema';
import type { SessionEvent } from '../flows/session-types';
import type { SessionSnapshot } from '../flows/session-view';
import { settlementSlip } from '../receipts/settlement-slip';
import { readJournalFigures } from '../service/bundle-journal';
import { writeDiagnosticBundle } from '../service/diagnostic-bundle';
import { openServiceRoom, type ServiceRoom } from '../service/open-service-room';
import type { MonotonicClock } from '../time/monotonic';
import { diagnosticTools, kioskTools } from './kiosk-tools';
import type { Logger } from './logger';
import type { MoneyServices } from './money-services';
import type { ReceiptService } from './receipt-service';

export function startServiceRoom(
  config: KioskConfig,
  o: {
    db: MoneyServices['db'];
    money: MoneyServices;
    session: { getSnapshot(): SessionSnapshot; send(event: SessionEvent): void };
    devices: {
      acceptor: BillAcceptor;
      printer: ReceiptPrinter | null;
      scanner: Scanner | null;
      cardReader: CardReader | null;
    };
    receipts: ReceiptService;
    clock: () => number;
    monotonic: MonotonicClock;
    log: Logger;
  },
): ServiceRoom {
  const { money, session, receipts, clock, monotonic, log } = o;
  const { acceptor, printer, scanner, cardReader } = o.devices;
  const terminalId = config.terminal.id;
  const diagnoses = () =>
    [acceptor, printer, scanner, cardReader].flatMap((d) => (d ? [d.diagnose()] : []));
  return openServiceRoom({
    db: o.db,
    money,
    people: config.people,
    terminalId,
    billerName: (billerId) =>
      session.getSnapshot().context.billers.find((b) => b.id === billerId)?.name['zh-CN'] ??
      billerId,
    exchangePorts: {
      deviceStacked: async () => (await acceptor.readCounters())?.stacked ?? null,
      printSettlement: async (settlement) =>
        (await receipts.issue(settlementSlip({ terminalId, settlement }))).printed,
    },
    // Reprints (副本) and reversal slips, through the same receipts as the resident's.
    printReceipt: async (layout) => (await receipts.issue(layout)).printed,
    clock,
    monotonic,
    session: { snapshot: () => session.getSnapshot(), send: (event) => session.send(event) },
    tools: kioskTools({
      terminalId,
      devices: diagnoses,
      gateway: money.gateway,
      receipts,
      clock,
      monotonic,
      service: () => {
        const c = session.getSnapshot().context;
        return { inService: c.inService, reason: c.outOfServiceReason };
      },
      setService: (inService, reason) => {
        log.warn({ inService, reason }, 'service state changed at the kiosk');
        session.send({ type: 'SERVICE_MODE', inService, reason });
      },
      writeBundle: () =>
        writeDiagnosticBundle({
          config,
          devices: diagnoses(),
          journal: readJournalFigures({
            db: o.db,
            journal: money.journal,
            cashBox: money.cashBox,
            staffItems: money.staff,
          }),
        }),
      // Diagnostics tests: the acceptor's test mode, the scan classifier.
      diagnostics: diagnosticTools({ acceptor, gateway: money.gateway }),
    }),
    log: log.child({ room: 'service' }),
  });
}
