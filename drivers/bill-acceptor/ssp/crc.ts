// CRC-16 as SSP uses it: poly 0x8005, init 0xFFFF, MSB first, no reflection, no final xor
// (the catalogue's CRC-16/CMS, check value 0xAEE7 for "123456789"). Sent low byte first.

const TABLE = buildTable();

function buildTable(): Uint16Array {
  const table = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n << 8;
    for (let bit = 0; bit < 8; bit++)
      c = c & 0x8000 ? ((c << 1) ^ 0x8005) & 0xffff : (c << 1) & 0xffff;
    table[n] = c;
  }
  return table;
}

export function crc16Ssp(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffff;
  for (let i = start; i < end; i++) {
    crc = ((crc << 8) & 0xffff) ^ (TABLE[((crc >>> 8) ^ (bytes[i] ?? 0)) & 0xff] ?? 0);
  }
  return crc;
}
