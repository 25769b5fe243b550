// Request signing of the gateway contract: HMAC-SHA256 over
// METHOD \n PATH?QUERY \n TIMESTAMP \n NONCE \n SHA256HEX(BODY).
// Choice left open by the contract: with no query string the line is the bare path (no "?").
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface SignatureInput {
  method: string;
  pathWithQuery: string;
  timestamp: string;
  nonce: string;
  body: string;
}

export function sha256Hex(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

export function signingString(input: SignatureInput): string {
  return [
    input.method.toUpperCase(),
    input.pathWithQuery,
    input.timestamp,
    input.nonce,
    sha256Hex(input.body),
  ].join('\n');
}

export function sign(secret: string, input: SignatureInput): string {
  return createHmac('sha256', secret).update(signingString(input)).digest('hex');
}

/** Constant-time comparison of a presented hex signature with the expected one. */
export function signatureMatches(
  secret: string,
  input: SignatureInput,
  presented: string,
): boolean {
  const expected = Buffer.from(sign(secret, input), 'hex');
  const given = Buffer.from(presented, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

/** The four auth headers for one request. */
export function authHeaders(
  terminalId: string,
  secret: string,
  req: { method: string; pathWithQuery: string; body: string },
  now: number = Date.now(),
): Record<string, string> {
  const timestamp = String(now);
  const nonce = newNonce();
  return {
    'X-Terminal-Id': terminalId,
    'X-Timestamp': timestamp,
    'X-Nonce': nonce,
    'X-Signature': sign(secret, { ...req, timestamp, nonce }),
  };
}
