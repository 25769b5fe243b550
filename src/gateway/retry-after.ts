// Retry-After (RFC 9110 §10.2.3): delta-seconds or an HTTP-date. The gateway's word on when to
// come back is bounded by the kiosk: a reply saying "in a year" must not park a write-off for a
// year, so the delay is capped (gateway.maxRetryAfterMs).

export const DEFAULT_MAX_RETRY_AFTER_MS = 15 * 60_000;

/** The delay in ms (at most maxMs), or undefined when the header gives none. */
export function retryAfterMs(
  header: string | null,
  now: number,
  maxMs: number = DEFAULT_MAX_RETRY_AFTER_MS,
): number | undefined {
  const value = header?.trim() ?? '';
  let delay: number;
  if (/^\d+$/.test(value)) delay = Number(value) * 1000;
  else if (/^[A-Za-z]{3}, /.test(value) && Number.isFinite(Date.parse(value)))
    delay = Date.parse(value) - now;
  else return undefined;
  return delay > 0 ? Math.min(delay, maxMs) : undefined;
}
