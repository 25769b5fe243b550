// GET COUNTERS (0x58) reply after the OK byte: a count byte (5), then five 4-byte little-endian
// counters: stacked, stored, dispensed, transferred from store to stacker, rejected. They
// survive power cycles and wrap at 2^32. Layout as parsed by kybarg/ssp [V], not yet on hardware.

export interface SspCounters {
  stacked: number;
  stored: number;
  dispensed: number;
  transferred: number;
  rejected: number;
}

const ORDER = ['stacked', 'stored', 'dispensed', 'transferred', 'rejected'] as const;

export function parseCounters(data: Buffer): SspCounters | null {
  const count = data[0] ?? 0;
  if (count < ORDER.length || data.length < 1 + 4 * ORDER.length) return null;
  const counters: SspCounters = {
    stacked: 0,
    stored: 0,
    dispensed: 0,
    transferred: 0,
    rejected: 0,
  };
  ORDER.forEach((name, i) => (counters[name] = data.readUInt32LE(1 + 4 * i)));
  return counters;
}

export function encodeCounters(c: SspCounters): Buffer {
  const out = Buffer.alloc(1 + 4 * ORDER.length);
  out[0] = ORDER.length;
  ORDER.forEach((name, i) => out.writeUInt32LE(c[name] >>> 0, 1 + 4 * i));
  return out;
}
