// One signed request to the collection gateway, shared by every client of its server (the
// payments client, client.ts, and the community services client, src/community/): the
// contract's HMAC headers over the path as sent (a baseUrl prefix included), a timeout, the
// TLS dispatcher, and the reply checked against a schema. It classifies the outcome; it never
// retries (the workers decide, query first).
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { ErrorBody } from './contract';
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

export interface SignedRequest<S extends z.ZodType> {
  method: 'GET' | 'POST';
  pathWithQuery: string;
  /** The exact text sent (and hashed into the signature); undefined: no body. */
  body?: string | undefined;
  schema: S;
  /** Why a valid reply does not answer this request, or null when it does. */
  answers?: (reply: z.infer<S>) => string | null;
  /** More headers, outside the signature (the contract signs method, path, time, nonce, body). */
  headers?: Readonly<Record<string, string>>;
  /** This request's own timeout (an upload of megabytes), instead of the client's. */
  timeoutMs?: number;
}

/** Sends one signed request and classifies its reply. */
export class SignedRequester {
  private readonly fetch: FetchFn;

  constructor(private readonly o: GatewayClientOptions) {
    this.fetch = o.fetch ?? fetch;
  }

  get terminalId(): string {
    return this.o.terminalId;
  }

  async request<S extends z.ZodType>(r: SignedRequest<S>): Promise<GatewayReply<z.infer<S>>> {
    const { method, body } = r;
    const url = gatewayUrl(this.o.baseUrl, r.pathWithQuery);
    const now = (this.o.clock ?? Date.now)();
    // The signature covers the path as sent, prefix included: what the gateway receives.
    const headers: Record<string, string> = {
      ...r.headers,
      ...authHeaders(
        this.o.terminalId,
        this.o.secret,
        { method, pathWithQuery: `${url.pathname}${url.search}`, body: body ?? '' },
        now,
      ),
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    let text: string;
    try {
      res = await this.fetch(url, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(r.timeoutMs ?? this.o.timeoutMs),
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
    const parsed = r.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        kind: 'bad_reply',
        status: res.status,
        reason: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
      };
    }
    const wrong = r.answers?.(parsed.data) ?? null;
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
