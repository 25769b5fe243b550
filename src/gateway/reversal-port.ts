// Adapts the gateway client to what a same-day reversal (冲正) needs: the reversal itself and the
// query that settles an unknown outcome. Which replies are final: 200 reversed; 409 too_late
// (past the day cut); 404 not_found; any other 400/403/409/422 refused. Everything else — a
// timeout, a dropped connection, 5xx, 401, 408, 429, a reply that does not parse — is unknown:
// the gateway may have reversed it, so it is queried before anything is sent again.
import type { GatewayClient } from './client';
import { failureReason } from './signed-request';

export type ReversalAnswer =
  | { kind: 'reversed' }
  | { kind: 'too_late'; message: string }
  | { kind: 'not_found'; message: string }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'unknown'; reason: string };

/** What the gateway says of the payment now: reversed, still written off, never committed. */
export type ReversalQueryAnswer =
  | { kind: 'reversed' }
  | { kind: 'written_off' }
  | { kind: 'not_found' }
  | { kind: 'unknown'; reason: string };

export interface ReversalPort {
  reverse(agentSerial: string, reason: string): Promise<ReversalAnswer>;
  query(agentSerial: string): Promise<ReversalQueryAnswer>;
}

/** Transient whatever the status: the same request may yet succeed. */
const TRANSIENT = [401, 408, 429];

export function gatewayReversalPort(client: GatewayClient): ReversalPort {
  return {
    async reverse(agentSerial, reason) {
      const reply = await client.reversePayment(agentSerial, reason);
      if (reply.ok) return { kind: 'reversed' };
      if (reply.kind === 'error' && reply.status < 500 && !TRANSIENT.includes(reply.status)) {
        if (reply.status === 409 && reply.code === 'too_late')
          return { kind: 'too_late', message: reply.message };
        if (reply.status === 404) return { kind: 'not_found', message: reply.message };
        return { kind: 'refused', code: reply.code, message: reply.message };
      }
      return { kind: 'unknown', reason: failureReason(reply) };
    },
    async query(agentSerial) {
      const reply = await client.queryPayment(agentSerial);
      if (reply.ok) {
        if (reply.body.agentSerial !== agentSerial)
          return { kind: 'unknown', reason: `reply names serial ${reply.body.agentSerial}` };
        return { kind: reply.body.status };
      }
      if (reply.kind === 'error' && reply.status === 404) return { kind: 'not_found' };
      return { kind: 'unknown', reason: failureReason(reply) };
    },
  };
}
