// Fault injection: the schema of a fault, and the table that decides which fault (if any) the
// next request on a route suffers. What each fault does to the request is fault-effects.ts.
import { z } from 'zod';
import { ROUTE_KEYS } from './routes';

/** A route key of routes.ts, e.g. "GET /v1/payments/:serial", or "*" for every /v1 route. */
const RouteKey = z.string().refine((key) => key === '*' || ROUTE_KEYS.includes(key), {
  message: `unknown route: expected "*" or one of ${ROUTE_KEYS.join(', ')}`,
});

/** Apply to the next N matching requests; omitted: until the faults are cleared. */
const Times = z.number().int().positive().optional();

/** Whether the request is performed (e.g. the payment committed) before the fault strikes. */
const When = z.enum(['before_commit', 'after_commit']).default('before_commit');

/** Seconds for the Retry-After header. */
const RetryAfter = z.number().int().nonnegative().max(86_400).default(1);

/** The error body: the contract's JSON, or the HTML page a proxy in front of the gateway sends. */
const ErrorBodyKind = z.enum(['json', 'html']).default('json');

const common = { route: RouteKey, times: Times };

export const FaultSpec = z.discriminatedUnion('kind', [
  z
    .object({
      ...common,
      kind: z.literal('503'),
      retryAfter: RetryAfter,
      when: When,
      body: ErrorBodyKind,
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('429'),
      retryAfter: RetryAfter,
      when: When,
      body: ErrorBodyKind,
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('slow'),
      delayMs: z.number().int().nonnegative().max(600_000),
      when: When,
    })
    .strict(),
  z.object({ ...common, kind: z.literal('timeout'), when: When }).strict(),
  z.object({ ...common, kind: z.literal('drop_before_commit') }).strict(),
  z.object({ ...common, kind: z.literal('drop_after_commit') }).strict(),
  z.object({ ...common, kind: z.literal('duplicate') }).strict(),
  z.object({ ...common, kind: z.literal('malformed_json') }).strict(),
  z.object({ ...common, kind: z.literal('bad_schema') }).strict(),
]);

export const FaultList = z.array(FaultSpec);

/** A fault as given (defaults may be omitted). */
export type FaultInput = z.input<typeof FaultSpec>;
/** A fault with its defaults filled in. */
export type Fault = z.output<typeof FaultSpec>;
export type FaultKind = Fault['kind'];
/** A fault in the table: `remaining` is null when it applies until cleared. */
export type FaultState = Fault & { remaining: number | null };

/**
 * The active faults, in the order given. A request suffers at most one fault: the first entry
 * whose route is its route or "*". Each use counts down `times`; at 0 the entry is gone.
 */
export class FaultTable {
  private entries: FaultState[] = [];

  set(faults: readonly Fault[]): void {
    this.entries = faults.map((f) => ({ ...f, remaining: f.times ?? null }));
  }

  clear(): void {
    this.entries = [];
  }

  list(): FaultState[] {
    return this.entries.map((e) => ({ ...e }));
  }

  /** The fault the next request on this route suffers, counted as used. */
  take(routeKey: string): Fault | undefined {
    const i = this.entries.findIndex((e) => e.route === '*' || e.route === routeKey);
    const entry = this.entries[i];
    if (!entry) return undefined;
    if (entry.remaining !== null) {
      entry.remaining -= 1;
      if (entry.remaining <= 0) this.entries.splice(i, 1);
    }
    const { remaining: _remaining, ...fault } = entry;
    return fault;
  }
}
