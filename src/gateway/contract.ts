// Schemas of the collection gateway API v1 (../shared/contracts/collection-gateway.md).
// Shared by the kiosk's client (src/gateway/client.ts) and the simulator (sim/gateway/).
// Choices the contract leaves open are noted beside the schema that makes them.
import { z } from 'zod';
import { maskAddress, maskName } from '../receipts/mask';

const Fen = z.number().int().nonnegative();
/** ISO 8601 with an offset, e.g. 2026-11-26T14:03:11+08:00. */
const Timestamp = z.iso.datetime({ offset: true });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const BillerKind = z.enum(['electricity', 'water', 'gas', 'telecom', 'cabletv']);

export const Biller = z.object({
  id: z.string().min(1),
  kind: BillerKind,
  name: z.object({ 'zh-CN': z.string(), en: z.string() }),
  accountPattern: z.string(),
  acceptsOverpayment: z.boolean(),
  allowsPartial: z.boolean(),
  scanPatterns: z.array(z.string()),
});
export type Biller = z.infer<typeof Biller>;

export const BillersResponse = z.object({ billers: z.array(Biller) });

export const BillQueryRequest = z.union([
  z.object({ billerId: z.string().min(1), account: z.string().min(1).max(64) }).strict(),
  z.object({ scan: z.string().min(1).max(512) }).strict(),
]);
export type BillQueryRequest = z.infer<typeof BillQueryRequest>;

export const Bill = z.object({
  billId: z.string(),
  period: z.string(),
  principal: Fen,
  lateFee: Fen,
  dueDate: Day,
  daysOverdue: z.number().int().nonnegative(),
});
export type Bill = z.infer<typeof Bill>;

// The gateway masks holder and address (contract: 张*明, 武康路**弄**号); the kiosk masks them
// again as they are parsed, so a gateway that sends them whole never puts them on the screen, in
// the journal, on a receipt or in a log. Both masks leave a masked value as it is.
export const Quote = z.object({
  quoteId: z.string(),
  billerId: z.string(),
  account: z.string(),
  holder: z.string().transform(maskName),
  address: z.string().transform(maskAddress),
  bills: z.array(Bill),
  totalDue: Fen,
  prepaidBalance: Fen,
  quotedAt: Timestamp,
  expiresAt: Timestamp,
});
export type Quote = z.infer<typeof Quote>;

const NoteCount = z.object({
  value: z.number().int().positive(),
  count: z.number().int().positive(),
});

export const Tender = z.union([
  z.object({ notes: z.array(NoteCount), coins: z.array(NoteCount).optional() }).strict(),
  z.object({ qrPaymentId: z.string().min(1) }).strict(),
  z.object({ cardRef: z.string().min(1) }).strict(),
]);

export const PaymentRequest = z
  .object({
    agentSerial: z.string().min(1).max(64),
    quoteId: z.string().min(1),
    billerId: z.string().min(1),
    account: z.string().min(1),
    amount: z.number().int().positive(),
    method: z.enum(['cash', 'qr', 'card']),
    tender: Tender,
    collectedAt: Timestamp,
  })
  .strict();
export type PaymentRequest = z.infer<typeof PaymentRequest>;

export const PaymentResult = z.object({
  agentSerial: z.string(),
  status: z.enum(['written_off', 'reversed']),
  billerTxnId: z.string(),
  writtenOffAt: Timestamp,
  appliedToBills: z.array(z.string()),
  principalCharged: Fen,
  lateFeeCharged: Fen,
  prepaidCredited: Fen,
});
export type PaymentResult = z.infer<typeof PaymentResult>;

export const ReversalRequest = z.object({ reason: z.string().min(1).max(200) }).strict();
export const ReversalReply = z.object({ status: z.literal('reversed') });

export const ErrorBody = z.object({ code: z.string(), message: z.string() });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const ReconciliationResponse = z.object({
  date: Day,
  count: z.number().int().nonnegative(),
  total: Fen,
  records: z.array(
    z.object({
      agentSerial: z.string(),
      amount: Fen,
      status: z.enum(['written_off', 'reversed']),
      writtenOffAt: Timestamp,
    }),
  ),
});

export const Heartbeat = z.object({
  at: Timestamp,
  version: z.string(),
  mode: z.enum(['in_service', 'out_of_service', 'maintenance']),
  devices: z.record(z.string(), z.record(z.string(), z.string())),
  cashBox: z.object({ notes: z.record(z.string(), z.number().int()), total: Fen }),
  pendingSync: z.object({
    count: z.number().int().nonnegative(),
    total: Fen,
    oldestAt: Timestamp.nullable(),
  }),
});

export type Heartbeat = z.infer<typeof Heartbeat>;

export const HeartbeatCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('reloadConfig') }),
  z.object({ type: z.literal('outOfService'), reason: z.string() }),
  z.object({ type: z.literal('inService') }),
]);
export type HeartbeatCommand = z.infer<typeof HeartbeatCommand>;

export const HeartbeatReply = z.object({
  serverTime: Timestamp,
  commands: z.array(HeartbeatCommand),
});

/** Definitive rejections of a payment: never re-sent with the same body. */
export const DEFINITIVE_PAYMENT_REJECTIONS = [
  'quote_expired',
  'amount_below_due',
  'overpayment_not_allowed',
  'account_locked',
  'serial_conflict',
] as const;

// QR payments (wallets). Choices the contract leaves open are the simulator's, written down in
// sim/gateway/README.md ("QR payments"); the shapes below are the contract's.

/**
 * The kiosk-generated id of one wallet attempt (idempotent, like agentSerial). Path-safe, as it
 * appears in GET /v1/qr/{qrPaymentId}: 1 to 64 of A–Z a–z 0–9 _ -.
 */
export const QrPaymentId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected 1 to 64 of A-Z a-z 0-9 _ -');

/** Which wallet took the money; for 付款码 the gateway derives it from the auth code's prefix. */
export const QrWallet = z.enum(['wechat', 'alipay', 'unionpay']);
export type QrWallet = z.infer<typeof QrWallet>;

/**
 * An attempt's state. pending: a Native order nobody has paid yet; user_paying: the customer
 * is confirming in the wallet (keep polling; a cancel is 409 user_paying); success: paid;
 * failed: the wallet refused (still cancel it to end it); cancelled: closed unpaid (撤销/关单);
 * refunded: paid, then cancelled (the wallet gave the money back).
 */
export const QrStatus = z.enum([
  'pending',
  'user_paying',
  'success',
  'failed',
  'cancelled',
  'refunded',
]);
export type QrStatus = z.infer<typeof QrStatus>;

const QrAmount = z.number().int().positive();
/** Shown to the customer in the wallet (WeChat's `body`); at most 128 characters. */
const QrDescription = z.string().min(1).max(128);

/** 付款码: the kiosk scanned the customer's payment code (authCode, digits as scanned). */
export const QrMicropayRequest = z
  .object({
    qrPaymentId: QrPaymentId,
    authCode: z.string().min(1).max(64),
    amount: QrAmount,
    description: QrDescription,
  })
  .strict();
export type QrMicropayRequest = z.infer<typeof QrMicropayRequest>;

/**
 * The first answer's status is success, user_paying or failed; the same request sent again
 * answers the attempt's current status, which may by then be any QrStatus.
 */
export const QrMicropayReply = z.object({
  qrPaymentId: QrPaymentId,
  status: QrStatus,
  wallet: QrWallet,
});
export type QrMicropayReply = z.infer<typeof QrMicropayReply>;

/** Native: the customer scans a code the kiosk shows. */
export const QrOrderRequest = z
  .object({ qrPaymentId: QrPaymentId, amount: QrAmount, description: QrDescription })
  .strict();
export type QrOrderRequest = z.infer<typeof QrOrderRequest>;

/**
 * codeUrl is rendered as a QR code; after expiresAt the customer can no longer pay, but the
 * order stays open until cancelled. The first answer's status is pending; the same request sent
 * again answers the current status.
 */
export const QrOrderReply = z.object({
  qrPaymentId: QrPaymentId,
  codeUrl: z.string().min(1),
  expiresAt: Timestamp,
  status: QrStatus,
});
export type QrOrderReply = z.infer<typeof QrOrderReply>;

/** GET /v1/qr/{qrPaymentId}; wallet is absent while nobody has scanned a Native order. */
export const QrStatusReply = z.object({
  qrPaymentId: QrPaymentId,
  status: QrStatus,
  wallet: QrWallet.optional(),
  amount: Fen,
});
export type QrStatusReply = z.infer<typeof QrStatusReply>;

/**
 * POST /v1/qr/{qrPaymentId}/cancel (撤销/关单): cancelled when unpaid, refunded when paid. The
 * contract's reply names no attempt; a gateway that adds qrPaymentId must name the one cancelled.
 */
export const QrCancelReply = z.object({
  status: z.enum(['cancelled', 'refunded']),
  qrPaymentId: QrPaymentId.optional(),
});
export type QrCancelReply = z.infer<typeof QrCancelReply>;
