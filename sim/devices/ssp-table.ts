// The emulated validator's dataset: CNY ¥1, 5, 10, 20, 50 and 100 on channels 1–6, and the
// SETUP REQUEST reply describing it in the protocol-6 layout the driver parses (channels.ts).
// Firmware and unit type are plausible placeholders, not copied from a device.

export interface SspDataset {
  country: string;
  /** Whole units per channel, channel 1 first. */
  values: readonly number[];
  /** Minor units per whole unit (100 fen per yuan). */
  realValueMultiplier: number;
}

export const CNY_DATASET: SspDataset = {
  country: 'CNY',
  values: [1, 5, 10, 20, 50, 100],
  realValueMultiplier: 100,
};

export const channelFen = (d: SspDataset, channel: number): number | null => {
  const value = d.values[channel - 1];
  return value === undefined ? null : value * d.realValueMultiplier;
};

const u24 = (n: number): number[] => [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];

/** SETUP REQUEST data after the OK byte. */
export function setupReply(d: SspDataset, protocolVersion: number): Buffer {
  const n = d.values.length;
  const country = [...Buffer.from(d.country, 'latin1')];
  const bytes = [
    0x00, // unit type: banknote validator
    ...Buffer.from('0420', 'latin1'), // firmware 4.20
    ...country,
    ...u24(1), // value multiplier
    n,
    ...d.values.map((v) => (v <= 0xff ? v : 0)),
    ...d.values.map(() => 0x02), // channel security: standard
    ...u24(d.realValueMultiplier),
    protocolVersion,
  ];
  if (protocolVersion >= 6) {
    for (let i = 0; i < n; i++) bytes.push(...country);
    for (const v of d.values) {
      const le = Buffer.alloc(4);
      le.writeUInt32LE(v);
      bytes.push(...le);
    }
  }
  return Buffer.from(bytes);
}
