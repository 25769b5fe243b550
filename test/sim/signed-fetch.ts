// Signed HTTP calls to the gateway simulator for the tests, using the kiosk's own signing code.
import { authHeaders } from '../../src/gateway/signature';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';

export const TERMINAL = 'SH-XH-WK-0007';

export interface SignedOptions {
  terminalId?: string;
  /** Default: the terminal's demo secret. */
  secret?: string;
  /** X-Timestamp in ms; default Date.now(). */
  at?: number;
  /** Send exactly these auth headers instead of fresh ones (replays, tampering). */
  headers?: Record<string, string>;
  /** Send this text as the body instead of JSON.stringify(body). */
  rawBody?: string;
  /** Sign this path instead of the one requested (signature mismatch tests). */
  signedPath?: string;
}

export interface SimResponse {
  status: number;
  /** Parsed JSON body (undefined when empty). */
  body: unknown;
  headers: Headers;
  /** The auth headers that were sent, for replaying them. */
  sent: Record<string, string>;
}

export async function signedFetch(
  baseUrl: string,
  method: 'GET' | 'POST',
  pathWithQuery: string,
  body?: unknown,
  opts: SignedOptions = {},
): Promise<SimResponse> {
  const text = opts.rawBody ?? (body === undefined ? '' : JSON.stringify(body));
  const terminalId = opts.terminalId ?? TERMINAL;
  const secret = opts.secret ?? DEMO_TERMINALS[terminalId] ?? 'no-secret';
  const signed = { method, pathWithQuery: opts.signedPath ?? pathWithQuery, body: text };
  const sent = opts.headers ?? authHeaders(terminalId, secret, signed, opts.at ?? Date.now());
  const res = await fetch(baseUrl + pathWithQuery, {
    method,
    headers: method === 'POST' ? { ...sent, 'content-type': 'application/json' } : sent,
    body: method === 'POST' ? text : undefined,
  });
  const raw = await res.text();
  return {
    status: res.status,
    body: raw ? (JSON.parse(raw) as unknown) : undefined,
    headers: res.headers,
    sent,
  };
}
