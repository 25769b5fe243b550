// Formatting of integer fen for people. Browser-safe: shared by the host and the renderer.

/** 18650 → "186.50". Integer arithmetic only. */
export function formatYuan(fen: number): string {
  if (!Number.isInteger(fen)) throw new Error(`amount must be integer fen, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
