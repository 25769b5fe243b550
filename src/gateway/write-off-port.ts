// Adapts the gateway client to the sync worker's WriteOffPort: which replies are a
// write-off, a definitive rejection, "never committed" (404 on query) or an unknown outcome.
import type { QueryOutcome, WriteOffOutcome, WriteOffPort } from '../../offline-queue/sync-worker';
import { isDefinitiveRejection, type GatewayClient, type GatewayReply } from './client';
import type { PaymentResult } from './contract';
import { businessDate } from '../time/shanghai';

function classify(reply: GatewayReply<PaymentResult>): WriteOffOutcome {
  if (reply.ok) {
    if (reply.body.status === 'written_off') {
      return {
        kind: 'written_off',
        billerTxnId: reply.body.billerTxnId,
        resultJson: JSON.stringify(reply.body),
        writtenOffDay: businessDate(Date.parse(reply.body.writtenOffAt)),
      };
    }
    return {
      kind: 'rejected',
      code: 'reversed',
      message: 'the gateway reports this payment reversed',
    };
  }
  if (reply.kind === 'error' && reply.status < 500 && isDefinitiveRejection(reply.code)) {
    return { kind: 'rejected', code: reply.code, message: reply.message };
  }
  const reason =
    reply.kind === 'unreachable'
      ? reply.reason
      : reply.kind === 'error'
        ? reply.code
        : reply.reason;
  return {
    kind: 'unknown',
    reason,
    ...(reply.kind === 'error' && reply.retryAfterMs ? { retryAfterMs: reply.retryAfterMs } : {}),
  };
}

export function gatewayWriteOffPort(client: GatewayClient): WriteOffPort {
  return {
    async submit(_agentSerial, requestJson) {
      return classify(await client.submitPayment(requestJson));
    },
    async query(agentSerial): Promise<QueryOutcome> {
      const reply = await client.queryPayment(agentSerial);
      if (!reply.ok && reply.kind === 'error' && reply.status === 404) return { kind: 'not_found' };
      return classify(reply);
    },
  };
}
