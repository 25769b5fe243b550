// The acceptor's own denomination table (reply to CURRENCY ASSIGN 0x8A): 4 bytes per entry,
// escrow code, country code, value, exponent; the note is worth value × 10^exponent units.
// The driver knows codes only through this table: no currency is hard-coded.
import { FIRST_ESCROW_CODE, LAST_ESCROW_CODE } from './codes';

export interface Denomination {
  code: number;
  country: number;
  /** Value in fen (1/100 of the major unit). */
  valueFen: number;
}

/** Exponents beyond this would mean notes above ¥1e8: a corrupt or foreign table. */
const MAX_EXPONENT = 6;

export function parseCurrencyAssign(data: Uint8Array): Denomination[] {
  const table: Denomination[] = [];
  for (let offset = 0; offset + 4 <= data.length; offset += 4) {
    const code = data[offset] ?? 0;
    const country = data[offset + 1] ?? 0;
    const value = data[offset + 2] ?? 0;
    const exponent = data[offset + 3] ?? 0;
    if (value === 0 || exponent > MAX_EXPONENT) continue; // an empty slot
    table.push({ code, country, valueFen: value * 10 ** (exponent + 2) });
  }
  return table;
}

/**
 * ENABLE (C0) data for accepting only `enabledFen`: a set bit disables its escrow code.
 * Byte 1 is reserved and stays 0.
 */
export function disableMask(table: readonly Denomination[], enabledFen: readonly number[]): Buffer {
  let bits = 0;
  for (const d of table) {
    if (d.code < FIRST_ESCROW_CODE || d.code > LAST_ESCROW_CODE) continue;
    if (!enabledFen.includes(d.valueFen)) bits |= 1 << (d.code - FIRST_ESCROW_CODE);
  }
  return Buffer.from([bits, 0x00]);
}

/** Sorted, de-duplicated values (fen) the table offers. */
export function tableValues(table: readonly Denomination[]): number[] {
  return [...new Set(table.map((d) => d.valueFen))].sort((a, b) => a - b);
}
