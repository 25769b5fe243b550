// What the simulator saw, for tests and the admin endpoint: a log of /v1 requests (with the
// fault each suffered and what the client got), request counts per route, and per agentSerial
// how often POST /v1/payments committed, rejected, replayed or refused it.
import type { CommunityEvent } from './community';
import type { Delivery } from './fault-effects';
import type { FaultKind } from './faults';
import type { PaymentEvent } from './payments';
import type { PaymentRow } from './store';

export interface RequestRecord {
  /** Arrival order, from 1 since the simulator started (not reset by reset()). */
  seq: number;
  /** Arrival time on the simulator clock (ISO, UTC). */
  at: string;
  method: string;
  path: string;
  /** The route key, e.g. "GET /v1/payments/:serial"; null when no route matched. */
  route: string | null;
  /**
   * The agentSerial a payment request is about, or the qrPaymentId a QR request is about (path,
   * or the POST body), else null.
   */
  serial: string | null;
  fault: FaultKind | null;
  /** How often the route handler ran: 0 (not performed), 1, or 2 (duplicate delivery). */
  performed: number;
  /** The status the handler answered (its last run), whatever the client was sent. */
  handlerStatus: number | null;
  /** What the client got; 'pending' while a slow request is still being delayed. */
  delivery: Delivery['kind'] | 'pending';
  /** The status the client was sent, or null when it got no answer. */
  status: number | null;
}

export interface SerialStats {
  commits: number;
  rejections: number;
  replays: number;
  conflicts: number;
  /** The stored payment: written_off, reversed, rejected; null when none is stored. */
  stored: PaymentRow['outcome'] | null;
  /** The stored payment's amount in fen, or null. */
  amount: number | null;
}

/** What the idempotent community POSTs did to one serial (or an upload's hash). */
export interface CommunityCounts {
  commits: number;
  replays: number;
  conflicts: number;
  /** 4xx answers (nothing committed). */
  rejections: number;
}

export interface StatsReport {
  requests: { total: number; byRoute: Record<string, number> };
  payments: Record<string, SerialStats>;
  /** By `kind:serial` (application, documents, invoice, notice) or `upload:<sha256>`. */
  community: Record<string, CommunityCounts>;
  /** Stored payments whose outcome is written_off: how many, and their amounts in fen. */
  committed: { count: number; total: number };
}

/** Most recent requests kept in the log. */
const LOG_LIMIT = 10_000;

const EVENT_FIELD = {
  commit: 'commits',
  reject: 'rejections',
  replay: 'replays',
  conflict: 'conflicts',
} as const satisfies Record<PaymentEvent, keyof SerialStats>;

type Counts = Pick<SerialStats, 'commits' | 'rejections' | 'replays' | 'conflicts'>;

/** Routes whose POST body names what the request is about, and the field that does. */
const BODY_KEYS: Readonly<Record<string, string>> = {
  'POST /v1/payments': 'agentSerial',
  'POST /v1/qr/micropay': 'qrPaymentId',
  'POST /v1/qr/orders': 'qrPaymentId',
  'POST /v1/uploads': 'sha256',
  'POST /v1/applications': 'applicationSerial',
  'POST /v1/invoices': 'requestSerial',
  'POST /v1/notices': 'noticeSerial',
};

/** The agentSerial of a request on a payment route (qrPaymentId on a QR route), best effort. */
export function serialOf(routeKey: string, params: string[], body: Buffer): string | null {
  if (routeKey.includes(':serial') || routeKey.includes('/v1/qr/:id')) return params[0] ?? null;
  const field = Object.hasOwn(BODY_KEYS, routeKey) ? BODY_KEYS[routeKey] : undefined;
  if (field === undefined) return null;
  try {
    const json: unknown = JSON.parse(body.toString('utf8'));
    if (json !== null && typeof json === 'object' && field in json) {
      const value: unknown = (json as Record<string, unknown>)[field];
      return typeof value === 'string' ? value : null;
    }
  } catch {
    // A malformed body names nothing; the route answers 400.
  }
  return null;
}

export class SimStats {
  private seq = 0;
  private log: RequestRecord[] = [];
  private total = 0;
  private byRoute: Record<string, number> = {};
  private counts = new Map<string, Counts>();
  private community = new Map<string, CommunityCounts>();

  /** A new /v1 request, logged on arrival. */
  arrive(method: string, path: string, at: Date): RequestRecord {
    const record: RequestRecord = {
      seq: ++this.seq,
      at: at.toISOString(),
      method,
      path,
      route: null,
      serial: null,
      fault: null,
      performed: 0,
      handlerStatus: null,
      delivery: 'pending',
      status: null,
    };
    this.total += 1;
    this.log.push(record);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
    return record;
  }

  /** The request matched a route. */
  routed(record: RequestRecord, routeKey: string, serial: string | null): void {
    record.route = routeKey;
    record.serial = serial;
    this.byRoute[routeKey] = (this.byRoute[routeKey] ?? 0) + 1;
  }

  /** How the request ended. */
  finish(record: RequestRecord, delivery: Delivery): void {
    record.delivery = delivery.kind;
    record.status = delivery.kind === 'replied' ? delivery.status : null;
  }

  /** The payment observer of routes.ts. */
  readonly observe = (serial: string, event: PaymentEvent): void => {
    const counts = this.counts.get(serial) ?? {
      commits: 0,
      rejections: 0,
      replays: 0,
      conflicts: 0,
    };
    counts[EVENT_FIELD[event]] += 1;
    this.counts.set(serial, counts);
  };

  /** The community observer of routes.ts. */
  readonly observeCommunity = (key: string, event: CommunityEvent): void => {
    const counts = this.community.get(key) ?? {
      commits: 0,
      replays: 0,
      conflicts: 0,
      rejections: 0,
    };
    const field = {
      commit: 'commits',
      replay: 'replays',
      conflict: 'conflicts',
      reject: 'rejections',
    } as const;
    counts[field[event]] += 1;
    this.community.set(key, counts);
  };

  requests(filter: { serial?: string; route?: string } = {}): RequestRecord[] {
    return this.log
      .filter(
        (r) =>
          (filter.serial === undefined || r.serial === filter.serial) &&
          (filter.route === undefined || r.route === filter.route),
      )
      .map((r) => ({ ...r }));
  }

  /** Counters since the start (or the last reset), joined with the store's payments. */
  report(stored: Pick<PaymentRow, 'agentSerial' | 'outcome' | 'amount'>[]): StatsReport {
    const payments: Record<string, SerialStats> = {};
    const zero: Counts = { commits: 0, rejections: 0, replays: 0, conflicts: 0 };
    for (const [serial, counts] of this.counts) {
      payments[serial] = { ...counts, stored: null, amount: null };
    }
    let count = 0;
    let total = 0;
    for (const row of stored) {
      payments[row.agentSerial] = {
        ...(this.counts.get(row.agentSerial) ?? zero),
        stored: row.outcome,
        amount: row.amount,
      };
      if (row.outcome === 'written_off') {
        count += 1;
        total += row.amount;
      }
    }
    return {
      requests: { total: this.total, byRoute: { ...this.byRoute } },
      payments,
      community: Object.fromEntries([...this.community].map(([k, v]) => [k, { ...v }])),
      committed: { count, total },
    };
  }

  /** Forgets the counters and the request log (the store keeps its payments). */
  reset(): void {
    this.log = [];
    this.total = 0;
    this.byRoute = {};
    this.counts = new Map();
    this.community = new Map();
  }
}
