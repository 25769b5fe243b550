// HTTP client of the collection gateway: signs every request, bounds it with a timeout and
// validates every reply against the contract's schemas. It classifies outcomes; it never
// decides to retry (the sync worker does, query first).
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
  ErrorBody,
  PaymentResult,
  Quote,
  type BillQueryRequest,
  type Heartbeat,
  type QrMicropayRequest,
  type QrOrderRequest,
} from './contract';
import { authHeaders } from './signature';

export type FetchFn = typeof fetch;

export interface GatewayClientOptions {
  baseUrl: string;
  terminalId: string;
  secret: string;
  timeoutMs: number;
  fetch?: FetchFn;
  /** The host's clock, for the request timestamp (default: the system's). */
  clock?: () => number;
}

/** A reply the kiosk can act on, or the reason it cannot. */
export type GatewayReply<T> =
  | { ok: true; status: number; body: T }
  | {
      ok: false;
      kind: 'error';
      status: number;
      code: string;
      message: string;
      retryAfterMs?: number;
    }
  | { ok: false; kind: 'unreachable'; reason: string }
  | { ok: false; kind: 'bad_reply'; status: number; reason: string };

export class GatewayClient {
  private readonly fetch: FetchFn;

  constructor(private readonly o: GatewayClientOptions) {
    this.fetch = o.fetch ?? fetch;
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

  qrMicropay(req: QrMicropayRequest) {
    return this.request('POST', '/v1/qr/micropay', JSON.stringify(req), QrMicropayReply);
  }

  qrOrder(req: QrOrderRequest) {
    return this.request('POST', '/v1/qr/orders', JSON.stringify(req), QrOrderReply);
  }

  qrStatus(qrPaymentId: string) {
    return this.request(
      'GET',
      `/v1/qr/${encodeURIComponent(qrPaymentId)}`,
      undefined,
      QrStatusReply,
    );
  }

  /** 撤销/关单: cancelled when unpaid, refunded when paid; 409 user_paying while confirming. */
  qrCancel(qrPaymentId: string) {
    return this.request(
      'POST',
      `/v1/qr/${encodeURIComponent(qrPaymentId)}/cancel`,
      '{}',
      QrCancelReply,
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

  private async request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    pathWithQuery: string,
    body: string | undefined,
    schema: S,
  ): Promise<GatewayReply<z.infer<S>>> {
    const headers: Record<string, string> = authHeaders(
      this.o.terminalId,
      this.o.secret,
      { method, pathWithQuery, body: body ?? '' },
      (this.o.clock ?? Date.now)(),
    );
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    let text: string;
    try {
      res = await this.fetch(new URL(pathWithQuery, this.o.baseUrl), {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      return { ok: false, kind: 'unreachable', reason: e.cause?.code ?? e.name ?? e.message };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // An error page from a proxy is still an error, and its Retry-After still counts.
      if (!res.ok) return errorReply(res, null, text);
      return { ok: false, kind: 'bad_reply', status: res.status, reason: 'reply is not JSON' };
    }
    if (!res.ok) return errorReply(res, json, text);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        kind: 'bad_reply',
        status: res.status,
        reason: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
      };
    }
    return { ok: true, status: res.status, body: parsed.data };
  }
}

function errorReply(res: Response, json: unknown, text: string): GatewayReply<never> {
  const err = ErrorBody.safeParse(json);
  const retryAfter = Number(res.headers.get('retry-after'));
  return {
    ok: false,
    kind: 'error',
    status: res.status,
    code: err.success ? err.data.code : `http_${res.status}`,
    message: err.success ? err.data.message : text.slice(0, 200),
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
  };
}

/** True for the rejections the contract calls definitive (never re-sent with the same body). */
export function isDefinitiveRejection(code: string): boolean {
  return (DEFINITIVE_PAYMENT_REJECTIONS as readonly string[]).includes(code);
}
