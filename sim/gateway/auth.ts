// HMAC request authentication of the contract: terminal id, timestamp (ms) within 300 s of the
// gateway clock, a nonce of 16+ bytes hex not seen in the last 10 minutes, and the signature over
// METHOD \n PATH?QUERY \n TIMESTAMP \n NONCE \n SHA256HEX(BODY) with the raw path as sent.
import type { IncomingHttpHeaders } from 'node:http';
import { signatureMatches } from '../../src/gateway/signature';
import type { GatewayStore } from './store';

export const MAX_SKEW_MS = 300_000;

export type AuthResult = { ok: true; terminalId: string } | { ok: false; message: string };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

export function authenticate(
  store: GatewayStore,
  terminals: Record<string, string>,
  req: { method: string; url: string; headers: IncomingHttpHeaders },
  body: Buffer,
  now: Date,
): AuthResult {
  const terminalId = header(req.headers, 'x-terminal-id');
  const timestamp = header(req.headers, 'x-timestamp');
  const nonce = header(req.headers, 'x-nonce');
  const signature = header(req.headers, 'x-signature');
  if (!terminalId || !timestamp || !nonce || !signature) {
    return {
      ok: false,
      message: 'missing header: X-Terminal-Id, X-Timestamp, X-Nonce and X-Signature are required',
    };
  }
  const secret = Object.hasOwn(terminals, terminalId) ? terminals[terminalId] : undefined;
  if (secret === undefined) return { ok: false, message: `unknown terminal ${terminalId}` };
  if (!/^\d{1,16}$/.test(timestamp))
    return { ok: false, message: 'malformed X-Timestamp: Unix ms expected' };
  if (Math.abs(Number(timestamp) - now.getTime()) > MAX_SKEW_MS) {
    return { ok: false, message: 'clock skew over 300 s' };
  }
  // 16+ random bytes as hex; the upper bound only keeps the nonce table small.
  if (!/^(?:[0-9a-fA-F]{2}){16,64}$/.test(nonce)) {
    return { ok: false, message: 'malformed X-Nonce: 16 to 64 bytes of hex expected' };
  }
  const input = {
    method: req.method,
    pathWithQuery: req.url,
    timestamp,
    nonce,
    body: body.toString('utf8'),
  };
  if (!/^[0-9a-fA-F]{64}$/.test(signature) || !signatureMatches(secret, input, signature)) {
    return { ok: false, message: 'wrong signature' };
  }
  // Only a correctly signed request consumes its nonce, so forgeries cannot burn nonces.
  if (!store.rememberNonce(terminalId, nonce.toLowerCase(), now.getTime())) {
    return { ok: false, message: 'replayed nonce' };
  }
  return { ok: true, terminalId };
}
