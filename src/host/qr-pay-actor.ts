// The QR effect of the session. The kiosk prefers the customer's payment code (付款码, scanned
// by the kiosk); on request it shows a code for the customer's phone instead (Native), and back
// again (the shown code is closed at the wallet first; a payment code held to the scanner while
// the kiosk's code is up does the same). Every attempt is journalled before the wallet call,
// polled to an end, and cancelled when the customer gives up, so it ends in success, cancelled
// or refunded (payments.md §4). While the wallet waits for her to confirm (the gateway's
// user_paying: her phone scanned the kiosk's code, or her payment code needs her password), the
// screen says so. An attempt whose end cannot be learnt is left to the QR resolver
// (PAYMENT_UNKNOWN, queried first).
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
const OPEN: readonly (QrAttemptState | 'unknown')[] = ['pending', 'user_paying', 'unknown'];

export function qrPayActor(s: QrPayServices) {
  const timing = s.timing ?? DEFAULT_TIMING;
  return fromCallback<EventObject, QrPayInput>(({ input, sendBack, receive }) => {
    const send = (e: SessionEvent) => sendBack(e);
    let busy = false;
    let stopping = false;
    let stopped = false;
    /** The session is gone (the host stops): an open attempt is left to recovery, untouched. */
    let disposed = false;
    /** She would rather show her own payment code than scan the kiosk's (a code, if scanned). */
    let switching: { authCode: string | null } | null = null;
    /** Ends the wait between two polls at once (she stopped, or switched). */
    let wake: (() => void) | null = null;
    let seq = 0; // a session's payment is new, so its attempts number from 1
    const serial = s.journal.get(input.paymentId).agentSerial;
    const nextId = () => `${serial}-Q${++seq}`;

    const nap = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      }).finally(() => (wake = null));

    /** The wallet waits for her to confirm on her phone: the screen says so. */
    const confirming = () =>
      send({ type: 'QR_STEP', step: 'confirming', kioskCodeUrl: null, refused: false });

    /**
     * Polls an open attempt until it ends, the give-up time, or she stops or switches; returns
     * its last state.
     */
    const settle = async (qrPaymentId: string, first: QrAttemptState | 'unknown') => {
      const deadline = s.monotonic() + timing.giveUpMs;
      let state = first;
      while (OPEN.includes(state) && !stopping && !switching) {
        if (s.monotonic() >= deadline) break;
        await nap(timing.pollMs);
        if (stopping || switching) break;
        const reply = await s.gateway.qrStatus(qrPaymentId, input.amountDue);
        const was = state;
        state = reply.ok ? reply.body.status : 'unknown';
        if (state !== 'unknown') s.qr.update(qrPaymentId, state);
        if (state === 'user_paying' && was !== 'user_paying') confirming();
      }
      return state;
    };

    /**
     * She asked to show her own code while the kiosk's is up: the kiosk's is closed at the
     * wallet first (one attempt at a time). True when it is closed; false when she had already
     * scanned it (the wallet is confirming, or paid): then that attempt goes on.
     */
    const closeForSwitch = async (qrPaymentId: string): Promise<boolean> => {
      const status = await s.gateway.qrStatus(qrPaymentId, input.amountDue);
      if (!status.ok || status.body.status !== 'pending') return false;
      const reply = await s.gateway.qrCancel(qrPaymentId);
      if (!reply.ok) return false;
      s.qr.update(qrPaymentId, reply.body.status);
      return reply.body.status === 'cancelled';
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

    const attempt = async (kind: 'micropay' | 'native', authCode?: string): Promise<void> => {
      busy = true;
      switching = null;
      const qrPaymentId = nextId();
      s.qr.begin({ paymentId: input.paymentId, qrPaymentId, kind, amount: input.amountDue });
      const body = { qrPaymentId, amount: input.amountDue, description: input.description };
      let first: QrAttemptState | 'unknown';
      if (kind === 'micropay' && authCode) {
        send({ type: 'QR_STEP', step: 'paying', kioskCodeUrl: null, refused: false });
        const reply = await s.gateway.qrMicropay({ ...body, authCode });
        first = reply.ok ? reply.body.status : 'unknown';
        if (first === 'user_paying') confirming();
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
      let last = await settle(qrPaymentId, first);
      if (disposed) return;
      // She would rather show her own code: the kiosk's is closed first, unless she had
      // already scanned it (then it goes on, and the screen follows the wallet).
      while (switching && !stopping && OPEN.includes(last)) {
        const { authCode: code } = switching;
        switching = null;
        if (await closeForSwitch(qrPaymentId)) {
          busy = false;
          if (code) return attempt('micropay', code);
          send({ type: 'QR_STEP', step: 'showYourCode', kioskCodeUrl: null, refused: false });
          return;
        }
        last = await settle(qrPaymentId, 'unknown');
        if (disposed) return;
      }
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
        if (!disposed) unknownEnd();
      });

    receive((event) => {
      if (stopped) return;
      if (event.type === 'STOP') {
        stopping = true;
        send({ type: 'QR_STEP', step: 'cancelling', kioskCodeUrl: null, refused: false });
        wake?.();
        if (!busy) void run(finishStop());
        return;
      }
      if (stopping) return;
      const scanned =
        event.type === 'SCANNED' && 'text' in event && typeof event.text === 'string'
          ? event.text.trim()
          : null;
      const paymentCode = scanned !== null && walletOfPaymentCode(scanned) ? scanned : null;
      // The kiosk's code is up and she shows her own instead (or asks to): close it first.
      const native = s.qr.openFor(input.paymentId)?.kind === 'native';
      if (busy && native && (paymentCode || event.type === 'USE_PAYMENT_CODE')) {
        switching = { authCode: paymentCode };
        wake?.();
        return;
      }
      if (busy) return; // one attempt at a time
      if (paymentCode) void run(attempt('micropay', paymentCode));
      else if (event.type === 'SHOW_KIOSK_CODE') void run(attempt('native'));
    });

    return () => {
      disposed = true;
      stopping = true;
      wake?.();
    };
  });
}
