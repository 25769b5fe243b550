// HTTP client of the collection gateway: signs every request, bounds it with a timeout and
// validates every reply against the contract's schemas, and a QR reply against the request it
// answers. It classifies outcomes; it never decides to retry (the sync worker does, query first).
import type { Dispatcher } from 'undici';
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
import { gatewayUrl } from './gateway-url';
import { DEFAULT_MAX_RETRY_AFTER_MS, retryAfterMs } from './retry-after';
import { authHeaders } from './signature';

export type FetchFn = typeof fetch;

export interface GatewayClientOptions {
  /** Requests go under its path: https://h/collect/ + /v1/billers → https://h/collect/v1/billers. */
  baseUrl: string;
  terminalId: string;
  secret: string;
  timeoutMs: number;
  fetch?: FetchFn;
  /** TLS of the gateway connection (tls-transport.ts), handed to fetch with every request. */
  dispatcher?: Dispatcher;
  /** The host's clock, for the request timestamp and Retry-After dates (default: the system's). */
  clock?: () => number;
  /** The longest Retry-After the client passes on (default 15 minutes). */
  maxRetryAfterMs?: number;
}

/** A reply the kiosk can act on, or the reason it cannot. */
export type GatewayReply<T> =
  /** `serverDateMs`: the reply's Date header, where it had one (the clock check of diagnostics). */
  | { ok: true; status: number; body: T; serverDateMs?: number }
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

  private async request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    pathWithQuery: string,
    body: string | undefined,
    schema: S,
    /** Why a valid reply does not answer this request, or null when it does. */
    answers?: (reply: z.infer<S>) => string | null,
  ): Promise<GatewayReply<z.infer<S>>> {
    const url = gatewayUrl(this.o.baseUrl, pathWithQuery);
    const now = (this.o.clock ?? Date.now)();
    // The signature covers the path as sent, prefix included: what the gateway receives.
    const headers: Record<string, string> = authHeaders(
      this.o.terminalId,
      this.o.secret,
      { method, pathWithQuery: `${url.pathname}${url.search}`, body: body ?? '' },
      now,
    );
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    let text: string;
    try {
      res = await this.fetch(url, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(this.o.timeoutMs),
        ...(this.o.dispatcher ? { dispatcher: this.o.dispatcher } : {}),
      });
      text = await res.text();
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      return { ok: false, kind: 'unreachable', reason: e.cause?.code ?? e.name ?? e.message };
    }
    const maxRetryAfterMs = this.o.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // An error page from a proxy is still an error, and its Retry-After still counts.
      if (!res.ok) return errorReply(res, null, text, now, maxRetryAfterMs);
      return { ok: false, kind: 'bad_reply', status: res.status, reason: 'reply is not JSON' };
    }
    if (!res.ok) return errorReply(res, json, text, now, maxRetryAfterMs);
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
    const wrong = answers?.(parsed.data) ?? null;
    if (wrong) return { ok: false, kind: 'bad_reply', status: res.status, reason: wrong };
    const date = Date.parse(res.headers.get('date') ?? '');
    return {
      ok: true,
      status: res.status,
      body: parsed.data,
      ...(Number.isFinite(date) ? { serverDateMs: date } : {}),
    };
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

function errorReply(
  res: Response,
  json: unknown,
  text: string,
  now: number,
  maxRetryAfterMs: number,
): GatewayReply<never> {
  const err = ErrorBody.safeParse(json);
  const retryAfter = retryAfterMs(res.headers.get('retry-after'), now, maxRetryAfterMs);
  return {
    ok: false,
    kind: 'error',
    status: res.status,
    code: err.success ? err.data.code : `http_${res.status}`,
    message: err.success ? err.data.message : text.slice(0, 200),
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
  };
}

/** True for the rejections the contract calls definitive (never re-sent with the same body). */
export function isDefinitiveRejection(code: string): boolean {
  return (DEFINITIVE_PAYMENT_REJECTIONS as readonly string[]).includes(code);
}
