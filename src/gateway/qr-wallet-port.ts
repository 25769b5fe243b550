// Adapts the gateway client to the QR resolver's wallet port: what the gateway says of an
// attempt, or 'unknown' whenever it could not be asked or answered about another attempt or
// amount (then the resolver tries again later).
import type { QrWalletPort } from '../../offline-queue/qr-resolver';
import type { GatewayClient } from './client';

export function gatewayQrWalletPort(client: GatewayClient): QrWalletPort {
  return {
    async status(qrPaymentId, amount) {
      const reply = await client.qrStatus(qrPaymentId, amount);
      if (reply.ok) return reply.body.status;
      if (reply.kind === 'error' && reply.status === 404) return 'not_found';
      return 'unknown';
    },
    async cancel(qrPaymentId) {
      const reply = await client.qrCancel(qrPaymentId);
      if (reply.ok) return reply.body.status;
      if (reply.kind === 'error' && reply.code === 'user_paying') return 'user_paying';
      return 'unknown';
    },
  };
}
