// HTTP client of the collection gateway's payment routes. Every request is signed, bounded by a
// timeout and its reply checked against the contract's schemas by signed-request.ts (shared with
// the community services client); a QR reply is also checked against the request it answers.
// It classifies outcomes; it never decides to retry (the sync worker does, query first).
import type { z } from 'zod';
import {
  BillersResponse,
  HeartbeatReply,
  QrCancelReply,
  QrMicropayReply,
  QrOrderReply,
  QrStatusReply,
  ReversalReply,
  ReconciliationResponse,
  DEFINITIVE_PAYMENT_REJECTIONS,
  PaymentResult,
  Quote,
  type BillQueryRequest,
  type Heartbeat,
  type QrMicropayRequest,
  type QrOrderRequest,
} from './contract';
import { SignedRequester, type GatewayClientOptions, type GatewayReply } from './signed-request';

export type { FetchFn, GatewayClientOptions, GatewayReply } from './signed-request';

export class GatewayClient {
  private readonly signed: SignedRequester;

  constructor(private readonly o: GatewayClientOptions) {
    this.signed = new SignedRequester(o);
  }

  billers() {
    return this.request('GET', '/v1/billers', undefined, BillersResponse);
  }

  queryBills(req: BillQueryRequest) {
    return this.request('POST', '/v1/bills/query', JSON.stringify(req), Quote);
  }

  /** Sends the exact stored body: retries must be byte-identical. */
  submitPayment(requestJson: string) {
    return this.request('POST', '/v1/payments', requestJson, PaymentResult);
  }

  // A QR reply that speaks of another attempt or another amount is bad_reply: the caller treats
  // it as unknown and asks again, so a stray or replayed success is never taken as paid.

  qrMicropay(req: QrMicropayRequest) {
    return this.request('POST', '/v1/qr/micropay', JSON.stringify(req), QrMicropayReply, (r) =>
      mismatch(r, { qrPaymentId: req.qrPaymentId }),
    );
  }

  qrOrder(req: QrOrderRequest) {
    return this.request('POST', '/v1/qr/orders', JSON.stringify(req), QrOrderReply, (r) =>
      mismatch(r, { qrPaymentId: req.qrPaymentId }),
    );
  }

  /** The attempt's state; `amount` is what the attempt was opened for, which the reply must say. */
  qrStatus(qrPaymentId: string, amount: number) {
    return this.request(
      'GET',
      `/v1/qr/${encodeURIComponent(qrPaymentId)}`,
      undefined,
      QrStatusReply,
      (r) => mismatch(r, { qrPaymentId, amount }),
    );
  }

  /** 撤销/关单: cancelled when unpaid, refunded when paid; 409 user_paying while confirming. */
  qrCancel(qrPaymentId: string) {
    return this.request(
      'POST',
      `/v1/qr/${encodeURIComponent(qrPaymentId)}/cancel`,
      '{}',
      QrCancelReply,
      // The contract's cancel reply names no attempt; one that does must name this one.
      (r) => (r.qrPaymentId === undefined ? null : mismatch(r, { qrPaymentId })),
    );
  }

  /** 冲正: undo a write-off before the day cut (staff decide when). */
  reversePayment(agentSerial: string, reason: string) {
    const path = `/v1/payments/${encodeURIComponent(agentSerial)}/reversal`;
    return this.request('POST', path, JSON.stringify({ reason }), ReversalReply);
  }

  reconciliation(day: string) {
    return this.request(
      'GET',
      `/v1/reconciliation/${encodeURIComponent(day)}`,
      undefined,
      ReconciliationResponse,
    );
  }

  heartbeat(body: Heartbeat) {
    const path = `/v1/terminals/${encodeURIComponent(this.o.terminalId)}/heartbeat`;
    return this.request('POST', path, JSON.stringify(body), HeartbeatReply);
  }

  queryPayment(agentSerial: string) {
    return this.request(
      'GET',
      `/v1/payments/${encodeURIComponent(agentSerial)}`,
      undefined,
      PaymentResult,
    );
  }

  private request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    pathWithQuery: string,
    body: string | undefined,
    schema: S,
    /** Why a valid reply does not answer this request, or null when it does. */
    answers?: (reply: z.infer<S>) => string | null,
  ): Promise<GatewayReply<z.infer<S>>> {
    return this.signed.request({
      method,
      pathWithQuery,
      body,
      schema,
      ...(answers ? { answers } : {}),
    });
  }
}

/** The first field of `expected` the reply contradicts, as "field: …", or null. */
function mismatch(
  reply: Record<string, unknown>,
  expected: Record<string, unknown>,
): string | null {
  for (const [field, value] of Object.entries(expected)) {
    if (reply[field] !== value)
      return `${field}: the reply is not for the request (${String(value)})`;
  }
  return null;
}

/** True for the rejections the contract calls definitive (never re-sent with the same body). */
export function isDefinitiveRejection(code: string): boolean {
  return (DEFINITIVE_PAYMENT_REJECTIONS as readonly string[]).includes(code);
}
