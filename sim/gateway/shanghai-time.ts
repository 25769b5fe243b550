// Asia/Shanghai business-day arithmetic for the simulator.
// Shanghai has been a fixed UTC+08:00 with no daylight saving since 1991, so a constant offset
// is exact here and avoids depending on the host's time-zone database.

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** Shift so that the UTC getters read Shanghai wall-clock time. */
function wall(at: Date): Date {
  return new Date(at.getTime() + OFFSET_MS);
}

/** The Asia/Shanghai business date (YYYY-MM-DD) that contains `at`. */
export function businessDate(at: Date): string {
  return wall(at).toISOString().slice(0, 10);
}

/** ISO 8601 with the +08:00 offset and milliseconds, e.g. 2026-11-26T14:03:11.120+08:00. */
export function isoShanghai(at: Date): string {
  return wall(at).toISOString().replace('Z', '+08:00');
}

/** The instant a business date starts (its 00:00 in Shanghai). */
export function dayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - OFFSET_MS);
}

/** The next Shanghai midnight strictly after `at`: the day cut (日切) of at's business day. */
export function nextMidnight(at: Date): Date {
  return new Date(dayStart(businessDate(at)).getTime() + DAY_MS);
}

/** Whole calendar days from day `from` to day `to` (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** `day` moved by `n` calendar days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** True when `day` is a real calendar date in YYYY-MM-DD form. */
export function isCalendarDate(day: string): boolean {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(ms) && addDays(day, 0) === day;
}
