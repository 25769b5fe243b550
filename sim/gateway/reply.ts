// What a handler answers: an HTTP status and a JSON body. Errors are always {code, message}.
import type { ErrorBody } from '../../src/gateway/contract';

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function ok(body: unknown): Reply {
  return { status: 200, body };
}

export function fail(status: number, code: string, message: string): Reply & { body: ErrorBody } {
  return { status, body: { code, message } };
}
