// The paths the crash-equivalence tests walk, and the stand-ins they walk them with. Every
// stand-in writes to a REAL journal as src/host/session-actors.ts would; the QR effect is the
// host's own qrPayActor against an in-memory wallet. A step ends only when the kiosk is idle
// (waiting for a timer or a reply), so a crash after it lands between two commits.
import { createActor, fromCallback, fromPromise, waitFor, type EventObject } from 'xstate';
import { refundPartialCash } from '../../offline-queue/compensation';
import { QrAttempts } from '../../offline-queue/qr-attempts';
import type { QrWalletPort } from '../../offline-queue/qr-resolver';
import { StaffItems } from '../../offline-queue/staff-items';
import type { WriteOffPort } from '../../offline-queue/sync-worker';
import type { PaymentMethod } from '../../src/api/kiosk-api';
import type { GatewayClient, GatewayReply } from '../../src/gateway/client';
import type {
  QrCancelReply,
  QrMicropayReply,
  QrMicropayRequest,
  QrStatus,
  QrStatusReply,
} from '../../src/gateway/contract';
import { gatewayQrWalletPort } from '../../src/gateway/qr-wallet-port';
import { sessionMachine } from '../../src/flows/session-machine';
import type {
  BillerChoice,
  CashInInput,
  LookupResult,
  QuoteChoice,
  ReceiptInput,
  ReceiptOutcome,
  RefundSlipInput,
  RefundSlipOutcome,
  SessionEvent,
  StartResult,
} from '../../src/flows/session-types';
import { capturedPaymentRequest } from '../../src/host/payment-request';
import { qrPayActor } from '../../src/host/qr-pay-actor';
import {
  newPayment,
  RecordingPort,
  workerPass,
  writtenOffOutcome,
  type TestJournal,
} from '../offline-queue/journal-fixture';
import { MODEL_BILLER, MODEL_QUOTE, NOTE, TIMING } from './session-model-graph';

/** A WeChat payment code (付款码) as the scanner reads it. */
const PAYMENT_CODE = '134567890123456780';

export type WalletStates = Record<string, { status: QrStatus; amount: number }>;

/**
 * The wallet side of the gateway, deterministic: a payment code leaves the customer confirming
 * (user_paying) until `confirm()`; the reply to the code is held until `answer()`, so a crash
 * can land while the call is out. Outlives a crash of the kiosk: a new one is made from
 * `states()` for recovery.
 */
export class WalletStandIn {
  /** What the kiosk asked, in order ("micropay <id>", "status <id>", "cancel <id>"). */
  readonly calls: string[] = [];
  private readonly attempts: Map<string, { status: QrStatus; amount: number }>;
  private held: (() => void)[] = [];
  private cut = false;

  constructor(states: WalletStates = {}) {
    this.attempts = new Map(Object.entries(states).map(([id, a]) => [id, { ...a }]));
  }

  states(): WalletStates {
    return Object.fromEntries([...this.attempts].map(([id, a]) => [id, { ...a }]));
  }

  holding(): number {
    return this.held.length;
  }

  /** The held replies go back to the kiosk. */
  answer(): void {
    for (const reply of this.held.splice(0)) reply();
  }

  /** The customer confirms in the wallet app. */
  confirm(): void {
    for (const a of this.attempts.values()) if (a.status === 'user_paying') a.status = 'success';
  }

  /** Nobody confirmed: the code lapses unpaid, and a cancel (撤销) closes it. */
  lapse(): void {
    for (const a of this.attempts.values()) if (a.status === 'user_paying') a.status = 'pending';
  }

  /** The kiosk died: whatever its old process still sends is never answered. */
  cutOff(): void {
    this.cut = true;
  }

  /** The QR calls qrPayActor makes, answered as the gateway simulator would. */
  readonly gateway = {
    qrMicropay: (req: QrMicropayRequest): Promise<GatewayReply<QrMicropayReply>> =>
      this.call('micropay', req.qrPaymentId, () => {
        const a = { status: 'user_paying' as QrStatus, amount: req.amount };
        this.attempts.set(req.qrPaymentId, a);
        const reply = () =>
          ok({ qrPaymentId: req.qrPaymentId, status: a.status, wallet: 'wechat' as const });
        return new Promise((resolve) => this.held.push(() => resolve(reply())));
      }),
    qrOrder: (): Promise<GatewayReply<never>> =>
      Promise.resolve({ ok: false, kind: 'unreachable', reason: 'no Native orders here' }),
    qrStatus: (id: string): Promise<GatewayReply<QrStatusReply>> =>
      this.call('status', id, () => {
        const a = this.attempts.get(id);
        if (!a) return failed(404, 'not_found');
        return ok({ qrPaymentId: id, status: a.status, amount: a.amount });
      }),
    qrCancel: (id: string): Promise<GatewayReply<QrCancelReply>> =>
      this.call('cancel', id, () => {
        const a = this.attempts.get(id);
        if (!a) return failed(404, 'not_found');
        if (a.status === 'user_paying') return failed(409, 'user_paying'); // still confirming
        a.status = a.status === 'success' || a.status === 'refunded' ? 'refunded' : 'cancelled';
        return ok({ status: a.status });
      }),
  };

  /** The host's own adapter over the same calls, for the QR resolver. */
  port(): QrWalletPort {
    return gatewayQrWalletPort(this.client());
  }

  /** qrPayActor and the adapter call only the four QR methods above. */
  client(): GatewayClient {
    return this.gateway as unknown as GatewayClient;
  }

  /** Logs a call and answers it, unless the kiosk that sent it is dead. */
  private call<T>(op: string, id: string, answer: () => T | Promise<T>): Promise<T> {
    if (this.cut) return new Promise<T>(() => undefined);
    this.calls.push(`${op} ${id}`);
    return Promise.resolve(answer());
  }
}

const ok = <T>(body: T): GatewayReply<T> => ({ ok: true, status: 200, body });
const failed = <T>(status: number, code: string): GatewayReply<T> => ({
  ok: false,
  kind: 'error',
  status,
  code,
  message: code,
});

export interface SessionPath {
  name: string;
  steps: readonly Step[];
  /**
   * The gateway refuses a write-off short of the amount due (amount_below_due), as the
   * simulator does for a biller without part payment. The cash path keeps the gateway that
   * commits whatever it is sent, which its expectations were written against.
   */
  refusesShortWriteOffs: boolean;
}

/** One kiosk process: its journal, its services, and what the stand-ins learnt on the way. */
export interface World {
  t: TestJournal;
  staff: StaffItems;
  qr: QrAttempts;
  wallet: WalletStandIn;
  path: SessionPath;
  paymentId: number | null;
  escrowed: number | null;
  cash?: (e: SessionEvent) => void;
  settle?: (e: SessionEvent) => void;
}

export function newWorld(t: TestJournal, path: SessionPath): World {
  const staff = new StaffItems(t.db, t.clock);
  const qr = new QrAttempts(t.db, t.clock);
  return { t, staff, qr, wallet: new WalletStandIn(), path, paymentId: null, escrowed: null };
}

/** The write-off side of the gateway as `path` has it. */
export function writeOffPort(t: TestJournal, path: SessionPath): WriteOffPort {
  const port = new RecordingPort();
  if (!path.refusesShortWriteOffs) return port;
  port.onSubmit = (serial, body) => {
    const due = t.journal.bySerial(serial)?.amountDue ?? 0;
    const { amount } = JSON.parse(body) as { amount: number };
    if (amount >= due) return writtenOffOutcome(serial);
    return { kind: 'rejected', code: 'amount_below_due', message: `${amount} < ${due}` };
  };
  return port;
}

/** A session in world `w` whose every effect is journalled by a stand-in or the host's actor. */
export function startSession(w: World) {
  const { t } = w;
  const machine = sessionMachine.provide({
    actors: {
      loadBillers: fromPromise(async () => [MODEL_BILLER]),
      lookUpBills: fromPromise<LookupResult, { billerId: string; account: string }>(async () => ({
        ok: true,
        quote: MODEL_QUOTE,
      })),
      startPayment: fromPromise<
        StartResult,
        { biller: BillerChoice; quote: QuoteChoice; method: PaymentMethod; amountDue: number }
      >(async ({ input }) => {
        const p = t.journal.create(
          newPayment({
            quoteId: MODEL_QUOTE.quoteId,
            quoteJson: MODEL_QUOTE.raw,
            amountDue: MODEL_QUOTE.totalDue,
            method: input.method,
          }),
        );
        t.journal.startCollecting(p.id);
        w.paymentId = p.id;
        return { ok: true, paymentId: p.id };
      }),
      cashIn: fromCallback<EventObject, CashInInput>(({ sendBack }) => {
        w.cash = sendBack;
        return () => (w.cash = undefined);
      }),
      qrPay: qrPayActor({
        gateway: w.wallet.client(),
        journal: t.journal,
        qr: w.qr,
        monotonic: t.clock, // the model never lets the give-up time pass
        log: { warn: () => undefined, info: () => undefined },
        timing: { pollMs: 5, giveUpMs: 60_000 },
      }),
      // The host's body: a QR payment with its successful attempt, cash with its notes.
      captureFunds: fromPromise(async ({ input }: { input: { paymentId: number } }) => {
        const p = t.journal.get(input.paymentId);
        t.journal.captureFunds(p.id, capturedPaymentRequest(t.journal, w.qr, p, t.clock()));
        return undefined;
      }),
      watchWriteOff: fromCallback<EventObject, { paymentId: number }>(({ sendBack }) => {
        w.settle = sendBack;
        return () => (w.settle = undefined);
      }),
      receipt: fromPromise<ReceiptOutcome, ReceiptInput>(async ({ input }) => {
        t.journal.markReceipted(input.paymentId);
        return { prepaidCredited: 0, receiptLines: ['缴费凭证'], printed: true, eReceiptUrl: null };
      }),
      refundPartial: fromPromise<RefundSlipOutcome, RefundSlipInput>(async ({ input }) => {
        refundPartialCash(t.db, t.journal, w.staff, input.paymentId, t.clock());
        const p = t.journal.get(input.paymentId);
        return { amount: p.collected, slipLines: ['退款凭证'], printed: true };
      }),
    },
  });
  return createActor(machine, { input: TIMING }).start();
}

export type SessionActor = ReturnType<typeof startSession>;

export interface Step {
  name: string;
  run(actor: SessionActor, w: World): Promise<void>;
}

const reach = (actor: SessionActor, value: string) =>
  waitFor(actor, (s) => s.value.customer === value, { timeout: 2000 }).then(() => undefined);

/** Waits (a timer turn at a time, so the kiosk's own work runs) until `done()` holds. */
async function until(done: () => boolean, what: string): Promise<void> {
  for (const end = Date.now() + 2000; !done();) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

const send = (name: string, event: SessionEvent, then: string): Step => ({
  name,
  run: async (actor) => {
    actor.send(event);
    await reach(actor, then);
  },
});

/** attract → … → confirm, paying by `method`, then CONFIRM. */
const toPayment = (method: 'PAY_CASH' | 'PAY_QR', paying: string): Step[] => [
  send('START', { type: 'START' }, 'chooseBiller'),
  send('CHOOSE_BILLER', { type: 'CHOOSE_BILLER', billerId: MODEL_BILLER.id }, 'enterAccount'),
  {
    name: 'KEY ×10',
    run: async (actor) => {
      for (const key of MODEL_QUOTE.account) actor.send({ type: 'KEY', key: key as '0' });
      await reach(actor, 'enterAccount');
    },
  },
  send('SUBMIT_ACCOUNT', { type: 'SUBMIT_ACCOUNT' }, 'bills'),
  send(method, { type: method }, 'confirm'),
  send('CONFIRM', { type: 'CONFIRM' }, paying),
];

const escrow: Step = {
  name: 'note escrowed',
  run: async (actor, w) => {
    w.escrowed = w.t.journal.recordEscrow(w.paymentId as number, NOTE);
    w.cash?.({ type: 'NOTE_ESCROWED' });
    await reach(actor, 'insertCash');
  },
};

const stack = (then: string): Step => ({
  name: 'note stacked',
  run: async (actor, w) => {
    const p = w.t.journal.recordStacked(w.paymentId as number, w.escrowed as number);
    w.escrowed = null;
    w.cash?.({ type: 'NOTE_STACKED', collected: p.collected });
    await reach(actor, then);
  },
});

const writeOffSettled: Step = {
  name: 'write-off settled',
  run: async (actor, w) => {
    await workerPass(w.t, writeOffPort(w.t, w.path));
    const state = w.t.journal.get(w.paymentId as number).state;
    w.settle?.({
      type: 'WRITE_OFF_SETTLED',
      state: state === 'WRITTEN_OFF' ? 'WRITTEN_OFF' : 'REFUND_REQUIRED',
    });
    await reach(actor, 'paid');
  },
};

const done = send('DONE', { type: 'DONE' }, 'attract');

/** attract → … → insertCash → two notes → capturing → writingOff → paid → attract. */
export const CASH_PATH: SessionPath = {
  name: 'cash',
  refusesShortWriteOffs: false,
  steps: [
    ...toPayment('PAY_CASH', 'insertCash'),
    escrow,
    stack('insertCash'),
    escrow,
    stack('writingOff'),
    writeOffSettled,
    done,
  ],
};

/**
 * attract → … → insertCash → one note → the customer stops (CANCEL with no note in escrow:
 * `stopped`) → partialCash → CONFIRM → refundingPartial (the biller takes no part payment) →
 * refundSlip → attract. MODEL_BILLER takes no part payment (were it to, CONFIRM would capture
 * instead, and the step would never reach refundSlip).
 */
export const PARTIAL_REFUND_PATH: SessionPath = {
  name: 'partial cash → refund slip',
  refusesShortWriteOffs: true,
  steps: [
    ...toPayment('PAY_CASH', 'insertCash'),
    escrow,
    stack('insertCash'),
    send('CANCEL (stop paying)', { type: 'CANCEL' }, 'partialCash'),
    send('CONFIRM (refund slip)', { type: 'CONFIRM' }, 'refundSlip'),
    done,
  ],
};

/**
 * attract → … → PAY_QR → confirm → qrPay → the payment code is scanned (the call is out) → the
 * wallet answers "confirming" → the customer confirms in the wallet (the kiosk does not know
 * yet) → the kiosk's poll learns it → capturing → writingOff → paid → attract.
 */
export const QR_PATH: SessionPath = {
  name: 'QR',
  refusesShortWriteOffs: true,
  steps: [
    ...toPayment('PAY_QR', 'qrPay'),
    {
      name: 'payment code scanned',
      run: async (actor, w) => {
        actor.send({ type: 'SCANNED', text: PAYMENT_CODE });
        await until(() => w.wallet.holding() > 0, 'the wallet to get the code');
      },
    },
    {
      name: 'wallet answers: confirming',
      run: async (_actor, w) => {
        w.wallet.answer();
        const open = () => w.qr.latestFor(w.paymentId as number)?.state === 'user_paying';
        await until(open, 'the attempt to be journalled user_paying');
      },
    },
    {
      name: 'customer confirms in the wallet',
      // No wait: the crash (or the snapshot) comes before the kiosk's next poll.
      run: async (_actor, w) => w.wallet.confirm(),
    },
    {
      name: 'kiosk polls: paid',
      run: (actor) => reach(actor, 'writingOff'),
    },
    writeOffSettled,
    done,
  ],
};
