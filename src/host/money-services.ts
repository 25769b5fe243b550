// The money side of the host: journal, outbox, staff items, gateway client and sync worker,
// with recovery run before anything else may touch a payment, and refused write-offs
// compensated as soon as they are settled.
import { capBreach, pendingForBiller, type CapBreach } from '../../offline-queue/caps';
import { CashBox } from '../../offline-queue/cash-box';
import { compensateCash, isReapplicable, reapplyCash } from '../../offline-queue/compensation';
import { openJournal, type JournalDb } from '../../offline-queue/open-journal';
import { Outbox } from '../../offline-queue/outbox';
import { PaymentJournal } from '../../offline-queue/payment-journal';
import { QrAttempts } from '../../offline-queue/qr-attempts';
import { QrResolver } from '../../offline-queue/qr-resolver';
import { recoverJournal } from '../../offline-queue/recovery';
import { StaffItems } from '../../offline-queue/staff-items';
import { SyncWorker } from '../../offline-queue/sync-worker';
import type { KioskConfig } from '../config/schema';
import { GatewayClient, type FetchFn, type GatewayClientOptions } from '../gateway/client';
import { gatewayQrWalletPort } from '../gateway/qr-wallet-port';
import { gatewayTransport } from '../gateway/tls-transport';
import { gatewayWriteOffPort } from '../gateway/write-off-port';
import { monotonicNow, type MonotonicClock } from '../time/monotonic';
import { businessDate, businessDay } from '../time/shanghai';
import type { Logger } from './logger';
import { cashPaymentRequest, qrPaymentRequest } from './payment-request';

export interface MoneyServices {
  db: JournalDb;
  journal: PaymentJournal;
  outbox: Outbox;
  staff: StaffItems;
  /** Notes for staff review, stray notes from the acceptor, collections and the audit. */
  cashBox: CashBox;
  gateway: GatewayClient;
  /** How the gateway client signs and reaches the gateway (TLS included): other clients share it. */
  gatewayOptions: GatewayClientOptions;
  syncWorker: SyncWorker;
  qr: QrAttempts;
  /**
   * Ends payments left open or refused: QR ones through the wallet (query first), refused cash
   * re-applied to a fresh quote or turned into a refund slip. Retried by a job until done.
   */
  compensate(): Promise<void>;
  /** Why new payments to this biller are paused, or null. */
  pausedBy(billerId: string): CapBreach | null;
  /** Waits for a write-off in flight to be journalled, then closes the journal. */
  close(): Promise<void>;
}

export function openMoneyServices(
  config: KioskConfig,
  o: { clock: () => number; monotonic?: MonotonicClock; fetch?: FetchFn; log: Logger },
): MoneyServices {
  const { clock, log } = o;
  const db = openJournal(config.journal.path);
  try {
    const journal = new PaymentJournal(db, clock);
    const outbox = new Outbox(db);
    const staff = new StaffItems(db, clock);
    const report = recoverJournal({
      db,
      journal,
      staff,
      buildRequest: (p, at) => cashPaymentRequest(journal, p, at),
      buildQrRequest: qrPaymentRequest,
    });
    log.info({ recovery: report }, 'journal recovered');

    // A pinned CA or a client certificate needs a transport of its own; else fetch's default.
    const { caFile, clientCertFile, clientKeyFile } = config.gateway;
    const transport =
      caFile || clientCertFile ? gatewayTransport({ caFile, clientCertFile, clientKeyFile }) : null;
    const gatewayOptions: GatewayClientOptions = {
      baseUrl: config.gateway.baseUrl,
      terminalId: config.terminal.id,
      secret: config.terminal.secret,
      timeoutMs: config.gateway.timeoutMs,
      maxRetryAfterMs: config.gateway.maxRetryAfterMs,
      clock,
      ...(o.fetch ? { fetch: o.fetch } : {}),
      ...(transport ? { dispatcher: transport.dispatcher } : {}),
    };
    const gateway = new GatewayClient(gatewayOptions);
    const syncWorker = new SyncWorker({
      db,
      journal,
      outbox,
      port: gatewayWriteOffPort(gateway),
      clock,
      // Notices steps of the wall clock, which the outbox's persisted due times are kept in.
      monotonic: o.monotonic ?? monotonicNow,
      businessDay: businessDate,
      log: (level, obj, msg) => log[level](obj, msg),
    });
    const qr = new QrAttempts(db, clock);
    const qrResolver = new QrResolver({
      db,
      journal,
      qr,
      wallet: gatewayQrWalletPort(gateway),
      buildRequest: qrPaymentRequest,
      clock,
    });
    const resolveQr = async () => {
      const done = await qrResolver.resolveAll();
      if ([...done.values()].includes('captured')) syncWorker.kick();
      if (done.size > 0) log.info({ qr: Object.fromEntries(done) }, 'QR payments resolved');
    };
    /** Refused cash: re-applied to a fresh quote where it can be, else a refund slip. */
    const compensateRefusedCash = async () => {
      for (const p of journal.inStates(['REFUND_REQUIRED'])) {
        if (p.method !== 'cash') continue;
        if (!isReapplicable(p)) {
          compensateCash(db, journal, staff, p.id);
          continue;
        }
        const quote = await gateway.queryBills({ billerId: p.billerId, account: p.account });
        if (!quote.ok) {
          // The account is gone or locked: the money goes back. Network trouble: try later.
          const final =
            quote.kind === 'error' && quote.status < 500 && ![401, 408, 429].includes(quote.status);
          if (final) compensateCash(db, journal, staff, p.id);
          continue;
        }
        if (p.collected < quote.body.totalDue) {
          compensateCash(db, journal, staff, p.id);
          continue;
        }
        const now = clock();
        const next = reapplyCash({
          db,
          journal,
          paymentId: p.id,
          terminalId: config.terminal.id,
          businessDay: businessDay(now),
          quote: {
            quoteId: quote.body.quoteId,
            quoteJson: JSON.stringify(quote.body),
            totalDue: quote.body.totalDue,
          },
          buildRequest: (row, at) => cashPaymentRequest(journal, row, at),
          at: now,
        });
        log.info(
          { paymentId: p.id, reappliedAs: next },
          'refused cash re-applied to a fresh quote',
        );
        syncWorker.kick();
      }
    };
    const compensate = async () => {
      await compensateRefusedCash();
      await resolveQr();
    };
    syncWorker.on('settled', (e) => {
      if (e.state !== 'REFUND_REQUIRED') return;
      compensate().catch((err: Error) => log.warn({ err }, 'compensation failed; will retry'));
    });
    const q = config.queue;
    const caps = {
      maxCount: q.maxPendingCount,
      maxTotal: q.maxPendingTotal,
      maxAgeMs: q.maxPendingAgeMinutes * 60_000,
    };
    return {
      db,
      journal,
      outbox,
      staff,
      cashBox: new CashBox(db, journal, staff, clock),
      gateway,
      gatewayOptions,
      syncWorker,
      qr,
      compensate,
      pausedBy: (billerId) => capBreach(pendingForBiller(db, billerId), caps, clock()),
      async close() {
        await syncWorker.stop();
        db.close();
        await transport?.close();
      },
    };
  } catch (err) {
    db.close();
    throw err;
  }
}
