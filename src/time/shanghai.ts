// Business time is Asia/Shanghai (UTC+8, no daylight saving), as the gateway contract says.
const OFFSET_MS = 8 * 3600 * 1000;

/** ISO 8601 with +08:00, e.g. 2026-11-26T14:05:40.120+08:00. */
export function shanghaiIso(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().replace('Z', '+08:00');
}

/** The business day as YYYYMMDD. */
export function businessDay(ms: number): string {
  return businessDate(ms).replaceAll('-', '');
}

/** "2026-11-26 14:05:40" for receipts and screens. */
export function shanghaiLocal(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The business day as YYYY-MM-DD (the gateway's reconciliation key). */
export function businessDate(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}
