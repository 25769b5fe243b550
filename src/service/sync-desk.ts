// Payments waiting to sync: every captured payment the gateway has not settled yet, with its
// age, its attempts and the last error, and "try now" — a request to the sync worker
// (SyncWorker.retryNow), never a POST of its own. The worker keeps its rules: a Retry-After the
// gateway gave still holds (the answer says until when), and after an unknown outcome its first
// call is a query, never a re-send.
import { Outbox } from '../../offline-queue/outbox';
import { PENDING_SYNC_STATES, type PaymentState } from '../../offline-queue/payment-states';
import { maskAccount } from '../receipts/mask';
import type { AuthenticatedPerson } from './authenticator';
import type { PaymentRequests } from './open-item-kinds';
import {
  done,
  isRefusal,
  paymentSubject,
  type StaffContext,
  type StaffResult,
} from './staff-results';

export interface WaitingPaymentView {
  agentSerial: string;
  billerName: string;
  /** Masked (3100****56). */
  account: string;
  method: 'cash' | 'qr' | 'card';
  /** Fen. */
  amount: number;
  state: PaymentState;
  /** When the money was taken (wall ms), and how long ago. */
  since: number;
  ageMs: number;
  attempts: number;
  lastError: string | null;
  /** When the worker will try next (wall ms), or null when nothing is scheduled. */
  nextAttemptAt: number | null;
  /** The gateway asked the kiosk to wait until then (Retry-After); null when it did not. */
  retryAfterUntil: number | null;
}

export interface TryNowView {
  /** Payments whose next attempt was made due now. */
  requested: string[];
  /** Payments the gateway asked to wait for (Retry-After): tried then, not sooner. */
  waiting: { agentSerial: string; until: number }[];
}

export class SyncDesk {
  private readonly outbox: Outbox;

  constructor(
    private readonly c: StaffContext,
    private readonly requests: PaymentRequests,
  ) {
    this.outbox = new Outbox(c.db);
  }

  list(actor: AuthenticatedPerson): StaffResult<{ payments: WaitingPaymentView[] }> {
    const who = this.c.guard.check(actor, 'sync.view', null);
    if (isRefusal(who)) return who;
    const payments = this.waiting();
    this.c.audit.append({
      actor: who,
      action: 'sync.view',
      amountBefore: payments.reduce((s, p) => s + p.amount, 0),
      detail: { count: payments.length },
    });
    return done({ payments });
  }

  /** Every payment waiting for the gateway, oldest first (unaudited). */
  waiting(): WaitingPaymentView[] {
    const now = this.c.clock();
    const rows = new Map(this.outbox.openRows().map((r) => [r.paymentId, r]));
    return this.c.journal.inStates(PENDING_SYNC_STATES).map((p) => {
      const row = rows.get(p.id);
      const since = p.collectedAt ?? p.createdAt;
      return {
        agentSerial: p.agentSerial,
        billerName: this.c.billerName(p.billerId),
        account: maskAccount(p.account),
        method: p.method,
        amount: p.collected,
        state: p.state,
        since,
        ageMs: Math.max(0, now - since),
        attempts: row?.attempts ?? 0,
        lastError: row?.lastError ?? null,
        nextAttemptAt: row?.nextAttemptAt ?? null,
        retryAfterUntil: row && row.notBefore > now ? row.notBefore : null,
      };
    });
  }

  /** Asks the sync worker to try one payment (or all) now, within its rules. */
  tryNow(actor: AuthenticatedPerson, agentSerial?: string): StaffResult<TryNowView> {
    const subject = agentSerial === undefined ? null : paymentSubject(agentSerial);
    const who = this.c.guard.check(actor, 'sync.try_now', subject);
    if (isRefusal(who)) return who;
    let paymentId: number | undefined;
    if (agentSerial !== undefined) {
      const p = this.c.journal.bySerial(agentSerial);
      if (!p) return this.c.guard.refuse(who, 'sync.try_now', subject, 'no_such_payment');
      if (!PENDING_SYNC_STATES.includes(p.state) || !this.outbox.openRowFor(p.id))
        return this.c.guard.refuse(who, 'sync.try_now', subject, 'not_waiting', p.state);
      paymentId = p.id;
    }
    const now = this.c.clock();
    const waiting: TryNowView['waiting'] = [];
    const requested: string[] = [];
    for (const p of this.waiting()) {
      if (agentSerial !== undefined && p.agentSerial !== agentSerial) continue;
      if (p.retryAfterUntil !== null && p.retryAfterUntil > now)
        waiting.push({ agentSerial: p.agentSerial, until: p.retryAfterUntil });
      else requested.push(p.agentSerial);
    }
    this.c.audit.append({
      actor: who,
      action: 'sync.try_now',
      subject,
      detail: { requested: requested.length, waitingRetryAfter: waiting.length },
    });
    this.requests.retryNow(paymentId);
    return done({ requested, waiting });
  }
}
