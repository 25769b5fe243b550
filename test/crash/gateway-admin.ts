// The gateway simulator's own admin endpoint (/__sim/, unauthenticated, loopback), when the
// simulator has one: faults for the next write-off, and its request log, which shows what the
// kiosk did after each crash (a query that found the write-off committed, or a re-send).
import { z } from 'zod';
import type { FaultInput } from '../../sim/gateway/faults';

const RequestLog = z.object({
  requests: z.array(
    z.object({
      seq: z.number(),
      route: z.string().nullable(),
      serial: z.string().nullable(),
      handlerStatus: z.number().nullable(),
    }),
  ),
});

export interface PaymentTraffic {
  /** GET /v1/payments/{serial} that found the write-off committed (the kiosk had lost the answer). */
  queriesFound: number;
  /** … that found nothing committed (the body is then re-sent). */
  queriesNotFound: number;
  /** POST /v1/payments received. */
  posts: number;
}

export class GatewayAdmin {
  private readonly seen = new Map<number, { route: string; status: number | null }>();

  private constructor(private readonly baseUrl: string) {}

  /** The admin endpoint of this simulator, or null when it has none. */
  static async probe(baseUrl: string): Promise<GatewayAdmin | null> {
    const res = await fetch(new URL('/__sim/faults', baseUrl)).catch(() => null);
    return res?.status === 200 ? new GatewayAdmin(baseUrl) : null;
  }

  private async call(method: 'GET' | 'PUT' | 'DELETE', route: string, body?: unknown) {
    const res = await fetch(new URL(route, this.baseUrl), {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${method} ${route}: HTTP ${res.status} ${text}`);
    return JSON.parse(text) as unknown;
  }

  async setFaults(faults: FaultInput[]): Promise<void> {
    await this.call(
      faults.length === 0 ? 'DELETE' : 'PUT',
      '/__sim/faults',
      faults.length ? faults : undefined,
    );
  }

  /** Reads the payment routes' part of the request log (the simulator keeps the last 10 000). */
  async collect(): Promise<void> {
    for (const route of ['GET /v1/payments/:serial', 'POST /v1/payments']) {
      const log = RequestLog.parse(
        await this.call('GET', `/__sim/requests?route=${encodeURIComponent(route)}`),
      );
      for (const r of log.requests) this.seen.set(r.seq, { route, status: r.handlerStatus });
    }
  }

  traffic(): PaymentTraffic {
    const t: PaymentTraffic = { queriesFound: 0, queriesNotFound: 0, posts: 0 };
    for (const r of this.seen.values()) {
      if (r.route === 'POST /v1/payments') t.posts++;
      else if (r.status === 200) t.queriesFound++;
      else if (r.status === 404) t.queriesNotFound++;
    }
    return t;
  }
}
