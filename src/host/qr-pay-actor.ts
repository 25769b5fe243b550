// The QR effect of the session. The kiosk prefers the customer's payment code (付款码, scanned
// by the kiosk); on request it shows a code for the customer's phone instead (Native). Every
// attempt is journalled before the wallet call, polled to an end, and cancelled when the
// customer gives up, so it ends in success, cancelled or refunded (payments.md §4). An attempt
// whose end cannot be learnt is left to the QR resolver (PAYMENT_UNKNOWN, queried first).
import { fromCallback, type EventObject } from 'xstate';
import type { PaymentJournal } from '../../offline-queue/payment-journal';
import type { QrAttempts, QrAttemptState } from '../../offline-queue/qr-attempts';
import type { QrPayInput, SessionEvent } from '../flows/session-types';
import type { GatewayClient } from '../gateway/client';
import { walletOfPaymentCode } from '../scanning/payment-codes';

export interface QrPayServices {
  gateway: GatewayClient;
  journal: PaymentJournal;
  qr: QrAttempts;
  /** Measures the give-up time (a wall clock step must not stretch or cut it). */
  monotonic: () => number;
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  /** Wallet polling: every pollMs while the customer confirms, for at most giveUpMs. */
  timing?: { pollMs: number; giveUpMs: number };
}

const DEFAULT_TIMING = { pollMs: 3_000, giveUpMs: 60_000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function qrPayActor(s: QrPayServices) {
  const timing = s.timing ?? DEFAULT_TIMING;
  return fromCallback<EventObject, QrPayInput>(({ input, sendBack, receive }) => {
    const send = (e: SessionEvent) => sendBack(e);
    let busy = false;
    let stopping = false;
    let stopped = false;
    let seq = 0; // a session's payment is new, so its attempts number from 1
    const serial = s.journal.get(input.paymentId).agentSerial;
    const nextId = () => `${serial}-Q${++seq}`;

    /** Polls an open attempt until it ends or the give-up time; returns its last state. */
    const settle = async (qrPaymentId: string, first: QrAttemptState | 'unknown') => {
      const deadline = s.monotonic() + timing.giveUpMs;
      let state = first;
      while ((state === 'pending' || state === 'user_paying' || state === 'unknown') && !stopping) {
        if (s.monotonic() >= deadline) break;
        await sleep(timing.pollMs);
        const reply = await s.gateway.qrStatus(qrPaymentId, input.amountDue);
        state = reply.ok ? reply.body.status : 'unknown';
        if (state !== 'unknown') s.qr.update(qrPaymentId, state);
      }
      return state;
    };

    const paid = (qrPaymentId: string) => {
      s.qr.update(qrPaymentId, 'success');
      s.journal.recordQrPaid(input.paymentId, input.amountDue);
      s.log.info({ paymentId: input.paymentId, qrPaymentId }, 'QR payment succeeded');
      send({ type: 'QR_PAID', qrPaymentId });
    };

    /** Cancels the open attempt at the wallet (撤销/关单): true when it is over for sure. */
    const cancelOpen = async (): Promise<boolean> => {
      const open = s.qr.openFor(input.paymentId);
      if (!open) return true;
      for (let i = 0; i < 5; i++) {
        const reply = await s.gateway.qrCancel(open.qrPaymentId);
        if (reply.ok) {
          s.qr.update(open.qrPaymentId, reply.body.status);
          return true;
        }
        await sleep(timing.pollMs); // user_paying or the network: try again shortly
      }
      return false;
    };

    const attempt = async (kind: 'micropay' | 'native', authCode?: string) => {
      busy = true;
      const qrPaymentId = nextId();
      s.qr.begin({ paymentId: input.paymentId, qrPaymentId, kind, amount: input.amountDue });
      const body = { qrPaymentId, amount: input.amountDue, description: input.description };
      let first: QrAttemptState | 'unknown';
      if (kind === 'micropay' && authCode) {
        send({ type: 'QR_STEP', step: 'paying', kioskCodeUrl: null, refused: false });
        const reply = await s.gateway.qrMicropay({ ...body, authCode });
        first = reply.ok ? reply.body.status : 'unknown';
      } else {
        const reply = await s.gateway.qrOrder(body);
        first = reply.ok ? reply.body.status : 'unknown';
        if (reply.ok) {
          send({
            type: 'QR_STEP',
            step: 'showYourCode',
            kioskCodeUrl: reply.body.codeUrl,
            refused: false,
          });
        }
      }
      if (first !== 'unknown') s.qr.update(qrPaymentId, first);
      const last = await settle(qrPaymentId, first);
      busy = false;
      if (stopping) return finishStop();
      if (last === 'success') return paid(qrPaymentId);
      // Refused, or the customer did not confirm in time: end this attempt, offer another.
      if (last !== 'failed' && !(await cancelOpen())) return unknownEnd();
      send({ type: 'QR_STEP', step: 'showYourCode', kioskCodeUrl: null, refused: true });
    };

    const unknownEnd = () => {
      s.journal.markPaymentUnknown(input.paymentId, 'qr_attempt_unresolved');
      s.log.warn({ paymentId: input.paymentId }, 'QR attempt unresolved: left to the resolver');
      send({ type: 'QR_UNKNOWN' });
    };

    const finishStop = async () => {
      if (stopped) return;
      stopped = true;
      const latest = s.qr.latestFor(input.paymentId);
      if (latest?.state === 'success') return paid(latest.qrPaymentId);
      if (!(await cancelOpen())) return unknownEnd();
      send({ type: 'QR_CANCELLED' });
    };

    const run = (p: Promise<void>) =>
      p.catch((err: unknown) => {
        s.log.warn({ err, paymentId: input.paymentId }, 'QR payment step failed');
        busy = false;
        unknownEnd();
      });

    receive((event) => {
      if (stopped) return;
      if (event.type === 'STOP') {
        stopping = true;
        send({ type: 'QR_STEP', step: 'cancelling', kioskCodeUrl: null, refused: false });
        if (!busy) void run(finishStop());
        return;
      }
      if (busy || stopping) return; // one attempt at a time
      if (event.type === 'SCANNED' && 'text' in event && typeof event.text === 'string') {
        const code = event.text.trim();
        if (walletOfPaymentCode(code)) void run(attempt('micropay', code));
      } else if (event.type === 'SHOW_KIOSK_CODE') {
        void run(attempt('native'));
      }
    });

    return () => {
      stopping = true;
    };
  });
}
