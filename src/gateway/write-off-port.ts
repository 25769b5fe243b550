// Adapts the gateway client to the sync worker's WriteOffPort: which replies are a
// write-off, a definitive rejection, "never committed" (404 on query) or an unknown outcome.
// Definitive: the contract's list, and any 400 or 422 (the same body can never succeed, so
// re-sending it for ever would only hide the money from staff). Everything else — 401, 403,
// 404 on a POST, 408, 429, 5xx, timeouts, bad replies, a reply about another serial — is
// unknown: query first, then retry.
import type { QueryOutcome, WriteOffOutcome, WriteOffPort } from '../../offline-queue/sync-worker';
import { isDefinitiveRejection, type GatewayClient, type GatewayReply } from './client';
import { unknownOutcome } from './signed-request';
import type { PaymentResult } from './contract';
import { businessDate } from '../time/shanghai';

function classify(reply: GatewayReply<PaymentResult>, agentSerial: string): WriteOffOutcome {
  if (reply.ok && reply.body.agentSerial !== agentSerial) {
    return { kind: 'unknown', reason: `reply names serial ${reply.body.agentSerial}` };
  }
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
  if (
    reply.kind === 'error' &&
    reply.status < 500 &&
    (isDefinitiveRejection(reply.code) || [400, 422].includes(reply.status))
  ) {
    return { kind: 'rejected', code: reply.code, message: reply.message };
  }
  return unknownOutcome(reply);
}

export function gatewayWriteOffPort(client: GatewayClient): WriteOffPort {
  return {
    async submit(agentSerial, requestJson) {
      return classify(await client.submitPayment(requestJson), agentSerial);
    },
    async query(agentSerial): Promise<QueryOutcome> {
      const reply = await client.queryPayment(agentSerial);
      if (!reply.ok && reply.kind === 'error' && reply.status === 404) return { kind: 'not_found' };
      return classify(reply, agentSerial);
    },
  };
}
