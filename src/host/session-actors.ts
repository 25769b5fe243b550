// The session machine's effects, wired to the host's services: the gateway, the journal,
// the sync worker and the bill acceptor. Every money step journals before it acts.
import { fromCallback, fromPromise, type EventObject } from 'xstate';
import type { BillAcceptor } from '../../drivers/bill-acceptor';
import type { CashBox } from '../../offline-queue/cash-box';
import { refundPartialCash } from '../../offline-queue/compensation';
import type { JournalDb } from '../../offline-queue/open-journal';
import type { PaymentJournal } from '../../offline-queue/payment-journal';
import type { QrAttempts } from '../../offline-queue/qr-attempts';
import type { StaffItems } from '../../offline-queue/staff-items';
import type { SyncWorker } from '../../offline-queue/sync-worker';
import type { ProblemCode } from '../api/kiosk-api';
import type { GatewayClient, GatewayReply } from '../gateway/client';
import { PaymentResult, Quote, type Biller } from '../gateway/contract';
import type { sessionMachine } from '../flows/session-machine';
import type {
  BillerChoice,
  LookupResult,
  QuoteChoice,
  ReceiptInput,
  ScanLookupResult,
  StartResult,
  InfoContent,
  ReceiptOutcome,
  RefundSlipInput,
  RefundSlipOutcome,
  SessionEvent,
} from '../flows/session-types';
import { paymentReceipt } from '../receipts/receipt-text';
import { refundSlip } from '../receipts/refund-slip';
import { verificationPayload } from '../receipts/verification';
import { receiptLanguage } from '../receipts/words';
import type { ReceiptService } from './receipt-service';
import { loadInfoContent } from '../info/info-content';
import { classifyScan } from '../scanning/classify-scan';
import { scanForLog } from '../scanning/scan-log';
import { compileScanPatterns } from '../scanning/scan-patterns';
import type { MonotonicClock } from '../time/monotonic';
import { businessDay } from '../time/shanghai';
import { cashInActor } from './cash-in-actor';
import { capturedPaymentRequest } from './payment-request';
import { qrPayActor } from './qr-pay-actor';

export interface SessionServices {
  terminalId: string;
  gateway: GatewayClient;
  db: JournalDb;
  journal: PaymentJournal;
  qr: QrAttempts;
  staff: StaffItems;
  cashBox: CashBox;
  syncWorker: SyncWorker;
  acceptor: BillAcceptor;
  receipts: ReceiptService;
  /** The information centre's content folder (content/info). */
  infoDir: string;
  /** Where receipt QR codes link (config receipts.verifyBaseUrl). */
  verifyBaseUrl: string;
  /** Why new payments to a biller are paused (a queue cap is reached), or null. */
  pausedBy(billerId: string): string | null;
  /** Wallet polling of a QR payment (config session.qrPollMs, qrGiveUpMs). */
  qrTiming?: { pollMs: number; giveUpMs: number };
  /** The wall clock: business days, quote expiry, timestamps. */
  clock: () => number;
  /** For durations (the QR give-up time). */
  monotonic: MonotonicClock;
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

/** "^\d{10}$" → 10, so the keypad can show how many digits are expected. */
export function accountLength(pattern: string): number | null {
  const m = /^\^\\d\{(\d+)\}\$$/.exec(pattern);
  return m ? Number(m[1]) : null;
}

function toChoice(b: Biller, paused: boolean): BillerChoice {
  return {
    paused,
    id: b.id,
    kind: b.kind,
    name: b.name,
    accountLength: accountLength(b.accountPattern),
    acceptsOverpayment: b.acceptsOverpayment,
    allowsPartial: b.allowsPartial,
    accountPattern: b.accountPattern,
  };
}

const LOOKUP_PROBLEMS: Record<string, ProblemCode> = {
  account_not_found: 'account_not_found',
  invalid_account: 'invalid_account',
  account_locked: 'account_locked',
  unrecognised_scan: 'unrecognised_scan',
};

function toLookup(s: SessionServices, reply: GatewayReply<Quote>): LookupResult {
  if (!reply.ok) {
    const problem = reply.kind === 'error' ? LOOKUP_PROBLEMS[reply.code] : undefined;
    if (!problem) s.log.warn({ reply }, 'bill query failed');
    return { ok: false, problem: problem ?? 'gateway_unavailable' };
  }
  const q = reply.body;
  return {
    ok: true,
    quote: {
      quoteId: q.quoteId,
      billerId: q.billerId,
      expiresAt: q.expiresAt,
      account: q.account,
      holder: q.holder,
      address: q.address,
      bills: q.bills.map(({ billId, period, principal, lateFee, dueDate, daysOverdue }) => ({
        billId,
        period,
        principal,
        lateFee,
        dueDate,
        daysOverdue,
      })),
      totalDue: q.totalDue,
      quotedAt: q.quotedAt,
      raw: JSON.stringify(q),
    },
  };
}

/** The bills of an account named by a scan or a card, with its biller (paused or not). */
async function lookUpAccount(
  s: SessionServices,
  billers: readonly Biller[],
  billerId: string,
  account: string,
): Promise<ScanLookupResult> {
  const biller = billers.find((b) => b.id === billerId);
  if (!biller) return { ok: false, problem: 'unrecognised_scan' };
  const found = toLookup(s, await s.gateway.queryBills({ billerId, account }));
  if (!found.ok) return found;
  const paused = s.pausedBy(biller.id) !== null;
  if (paused) return { ok: false, problem: 'biller_paused' };
  return { ok: true, biller: toChoice(biller, paused), quote: found.quote };
}

/** The biller list and the bill query: the payments' and the service point's VAT invoice's. */
export function billLookups(s: SessionServices) {
  return {
    loadBillers: fromPromise<BillerChoice[]>(async () => {
      const reply = await s.gateway.billers();
      if (!reply.ok) throw new Error(`billers unavailable: ${reply.kind}`);
      return reply.body.billers.map((b) => toChoice(b, s.pausedBy(b.id) !== null));
    }),

    lookUpBills: fromPromise<LookupResult, { billerId: string; account: string }>(
      async ({ input }) =>
        toLookup(
          s,
          await s.gateway.queryBills({ billerId: input.billerId, account: input.account }),
        ),
    ),
  };
}

export function sessionActors(
  s: SessionServices,
): Parameters<typeof sessionMachine.provide>[0]['actors'] {
  return {
    ...billLookups(s),

    lookUpScan: fromPromise<ScanLookupResult, { text: string }>(async ({ input }) => {
      const billers = await s.gateway.billers();
      if (!billers.ok) return { ok: false, problem: 'gateway_unavailable' };
      // Classified here first: a wallet payment code or junk never goes to the gateway as a
      // bill query, and is never logged in full.
      const patterns = compileScanPatterns(billers.body.billers);
      if (patterns.rejected.length > 0)
        s.log.warn({ rejected: patterns.rejected }, 'gateway scan patterns skipped');
      const scan = classifyScan(input.text, patterns);
      s.log.info({ scan: scanForLog(scan) }, 'scanned');
      if (scan.kind === 'paymentCode') return { ok: false, problem: 'payment_code_scanned' };
      if (scan.kind === 'junk') return { ok: false, problem: 'unrecognised_scan' };
      return lookUpAccount(s, billers.body.billers, scan.billerId, scan.account);
    }),

    lookUpAccount: fromPromise<ScanLookupResult, { billerId: string; account: string }>(
      async ({ input }) => {
        const billers = await s.gateway.billers();
        if (!billers.ok) return { ok: false, problem: 'gateway_unavailable' };
        return lookUpAccount(s, billers.body.billers, input.billerId, input.account);
      },
    ),

    startPayment: fromPromise<
      StartResult,
      { biller: BillerChoice; quote: QuoteChoice; method: 'cash' | 'qr'; amountDue: number }
    >(async ({ input }) => {
      // A quote from before midnight (or otherwise expired) is asked again, never paid.
      if (s.clock() >= Date.parse(input.quote.expiresAt)) {
        return { ok: false, problem: 'quote_expired' };
      }
      const pause = s.pausedBy(input.biller.id);
      if (pause) {
        s.log.warn({ billerId: input.biller.id, cap: pause }, 'payments paused: queue cap reached');
        return { ok: false, problem: 'biller_paused' };
      }
      const row = s.journal.create({
        terminalId: s.terminalId,
        businessDay: businessDay(s.clock()),
        billerId: input.biller.id,
        account: input.quote.account,
        quoteId: input.quote.quoteId,
        quoteJson: input.quote.raw,
        // The whole quote, or its overdue bills where she chose to pay only those.
        amountDue: input.amountDue,
        acceptsOverpayment: input.biller.acceptsOverpayment,
        method: input.method,
      });
      s.journal.startCollecting(row.id);
      s.log.info({ paymentId: row.id, agentSerial: row.agentSerial }, 'payment started');
      return { ok: true, paymentId: row.id };
    }),

    loadInfo: fromPromise<InfoContent[]>(async () => {
      const { topics, skipped } = loadInfoContent(s.infoDir);
      if (skipped.length > 0) s.log.warn({ skipped }, 'information centre files skipped');
      return topics;
    }),

    cashIn: cashInActor(s),

    qrPay: qrPayActor({ ...s, ...(s.qrTiming ? { timing: s.qrTiming } : {}) }),

    captureFunds: fromPromise<undefined, { paymentId: number }>(async ({ input }) => {
      const p = s.journal.get(input.paymentId);
      s.journal.captureFunds(p.id, capturedPaymentRequest(s.journal, s.qr, p, s.clock()));
      s.syncWorker.kick();
      return undefined;
    }),

    watchWriteOff: fromCallback<EventObject, { paymentId: number }>(({ input, sendBack }) => {
      const settledNow = s.journal.get(input.paymentId).state;
      if (settledNow === 'WRITTEN_OFF' || settledNow === 'REFUND_REQUIRED') {
        sendBack({ type: 'WRITE_OFF_SETTLED', state: settledNow } satisfies SessionEvent);
      }
      const listener = (e: { paymentId: number; state: 'WRITTEN_OFF' | 'REFUND_REQUIRED' }) => {
        if (e.paymentId === input.paymentId)
          sendBack({ type: 'WRITE_OFF_SETTLED', state: e.state });
      };
      s.syncWorker.on('settled', listener);
      return () => s.syncWorker.off('settled', listener);
    }),

    receipt: fromPromise<ReceiptOutcome, ReceiptInput>(async ({ input }) => {
      const p = s.journal.get(input.paymentId);
      const quote = Quote.parse(JSON.parse(p.quoteJson));
      const result = p.resultJson ? PaymentResult.parse(JSON.parse(p.resultJson)) : null;
      const layout = paymentReceipt({
        terminalId: s.terminalId,
        billerName: input.billerName['zh-CN'],
        billerNameEn: input.billerName.en,
        agentSerial: p.agentSerial,
        quote,
        collected: p.collected,
        amountDue: p.amountDue,
        at: p.collectedAt ?? p.updatedAt,
        method: p.method,
        result,
        verifyBase: s.verifyBaseUrl,
        lang: receiptLanguage(input.locale),
      });
      const issued = await s.receipts.issue(layout);
      if (issued.printed && layout.kind === 'paid' && s.journal.get(p.id).state === 'WRITTEN_OFF')
        s.journal.markReceipted(p.id);
      s.log.info({ paymentId: p.id, kind: layout.kind, printed: issued.printed }, 'receipt issued');
      return {
        prepaidCredited: result?.prepaidCredited ?? 0,
        receiptLines: issued.lines,
        printed: issued.printed,
        eReceiptUrl: verificationPayload(
          p.agentSerial,
          result?.billerTxnId ?? null,
          s.verifyBaseUrl,
        ),
      };
    }),

    abandonPayment: fromPromise<undefined, { paymentId: number }>(async ({ input }) => {
      s.journal.abandon(input.paymentId, 'customer_cancelled');
      return undefined;
    }),

    refundPartial: fromPromise<RefundSlipOutcome, RefundSlipInput>(async ({ input }) => {
      refundPartialCash(s.db, s.journal, s.staff, input.paymentId, s.clock());
      const p = s.journal.get(input.paymentId);
      const issued = await s.receipts.issue(
        refundSlip({
          terminalId: s.terminalId,
          agentSerial: p.agentSerial,
          billerName: input.billerName['zh-CN'],
          billerNameEn: input.billerName.en,
          account: p.account,
          amount: p.collected,
          reason: p.rejectCode ?? 'partial_payment_not_allowed',
          notes: s.journal.stackedNotes(p.id),
          at: s.clock(),
          lang: receiptLanguage(input.locale),
        }),
      );
      s.log.info(
        { paymentId: p.id, amount: p.collected, printed: issued.printed },
        'partial cash: refund slip issued',
      );
      return { amount: p.collected, slipLines: issued.lines, printed: issued.printed };
    }),
  };
}
