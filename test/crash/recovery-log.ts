// What recovery did at each start, from the hosts' own logs ("journal recovered" lines): shows
// which kinds of interrupted payment the kills actually produced. A figure, not a check: a host
// killed just after recovery committed may not have written its line yet.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface RecoveryTotals {
  starts: number;
  abandoned: number;
  captured: number;
  notesForReview: number;
  compensated: number;
  resumed: number;
}

const KEYS = ['abandoned', 'captured', 'notesForReview', 'compensated', 'resumed'] as const;

export function recoveryTotals(logDir: string): RecoveryTotals {
  const totals: RecoveryTotals = {
    starts: 0,
    abandoned: 0,
    captured: 0,
    notesForReview: 0,
    compensated: 0,
    resumed: 0,
  };
  if (!existsSync(logDir)) return totals;
  const files = readdirSync(logDir).filter((f) => f.includes('kiosk.log'));
  for (const file of files) {
    for (const line of readFileSync(path.join(logDir, file), 'utf8').split('\n')) {
      if (!line.includes('"journal recovered"')) continue;
      let entry: { recovery?: Partial<Record<(typeof KEYS)[number], unknown[]>> };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        continue; // the last line of a killed host may be cut short
      }
      totals.starts++;
      for (const k of KEYS) totals[k] += entry.recovery?.[k]?.length ?? 0;
    }
  }
  return totals;
}
