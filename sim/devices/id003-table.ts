// The emulated acceptor's denomination table, as it answers CURRENCY ASSIGN (0x8A): 4 bytes
// per note, escrow code, country, value, exponent (worth value × 10^exponent major units).
export interface EmulatedNote {
  code: number;
  country: number;
  value: number;
  exponent: number;
}

/** The emulator's own CNY table; the country byte is a placeholder, not a JCM-assigned code. */
export const CNY_TABLE: readonly EmulatedNote[] = [
  { code: 0x61, country: 0xa0, value: 1, exponent: 0 },
  { code: 0x62, country: 0xa0, value: 5, exponent: 0 },
  { code: 0x63, country: 0xa0, value: 1, exponent: 1 },
  { code: 0x64, country: 0xa0, value: 2, exponent: 1 },
  { code: 0x65, country: 0xa0, value: 5, exponent: 1 },
  { code: 0x66, country: 0xa0, value: 1, exponent: 2 },
];

export const noteFen = (n: EmulatedNote): number => n.value * 10 ** (n.exponent + 2);

export function tableBytes(table: readonly EmulatedNote[]): Buffer {
  return Buffer.from(table.flatMap((n) => [n.code, n.country, n.value, n.exponent]));
}
