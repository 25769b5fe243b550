// The billers' bill QR/barcode patterns (collection-gateway.md: `scanPatterns`, group 1 = the
// account), compiled once per billers list. They come from the gateway, so a pattern that does
// not compile, or has no group 1, is skipped and reported rather than thrown.
import type { Biller } from '../gateway/contract';

export interface ScanPattern {
  billerId: string;
  regex: RegExp;
}

export interface RejectedScanPattern {
  billerId: string;
  pattern: string;
  reason: string;
}

export interface ScanPatterns {
  /** In the gateway's order: billers first to last, each biller's patterns in order. */
  patterns: readonly ScanPattern[];
  rejected: readonly RejectedScanPattern[];
}

// A pattern this long is not a bill format; it would only make matching slower.
const MAX_PATTERN_LENGTH = 1_000;

export function compileScanPatterns(
  billers: readonly Pick<Biller, 'id' | 'scanPatterns'>[],
): ScanPatterns {
  const patterns: ScanPattern[] = [];
  const rejected: RejectedScanPattern[] = [];
  for (const biller of billers) {
    for (const pattern of biller.scanPatterns) {
      const compiled = compile(pattern);
      if (compiled instanceof RegExp) patterns.push({ billerId: biller.id, regex: compiled });
      else rejected.push({ billerId: biller.id, pattern, reason: compiled });
    }
  }
  return { patterns, rejected };
}

function compile(pattern: string): RegExp | string {
  if (pattern.length > MAX_PATTERN_LENGTH) return `longer than ${MAX_PATTERN_LENGTH} characters`;
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch (err) {
    return `does not compile: ${(err as Error).message}`;
  }
  // `|` makes the pattern match the empty string, so the match lists every group it has.
  const groups = (new RegExp(`${pattern}|`).exec('')?.length ?? 1) - 1;
  if (groups < 1) return 'has no capturing group for the account';
  return regex;
}
