// The channel table from SETUP REQUEST (0x05) and the SET INHIBITS (0x02) mask built from it.
// Values come from the device, never from a table of ours. Reply layout after the OK byte
// (validator): unit type, firmware (4 ASCII), country (3 ASCII), value multiplier (3, big-endian),
// n, n channel values, n security bytes, real value multiplier (3, big-endian), protocol
// version; from protocol 6 on, n country codes (3 ASCII each) and n expanded values (4,
// little-endian). The minor-unit value of a channel is its expanded value (or its 1-byte value
// times the value multiplier) times the real value multiplier, as host code for the NV200
// computes it [U: not checked on hardware].

export interface Channel {
  /** 1-based, as the device numbers them in events and inhibits. */
  channel: number;
  /** In the currency's minor unit: fen for CNY. */
  valueFen: number;
  country: string;
}

export interface ChannelTable {
  unitType: number;
  firmware: string;
  country: string;
  protocolVersion: number;
  /** Channels with a usable value, by channel number. */
  channels: Channel[];
}

const ascii = (b: Buffer, start: number, length: number): string =>
  b.subarray(start, start + length).toString('latin1');

/** Null when the reply is too short for the channel count it claims. */
export function parseSetup(data: Buffer): ChannelTable | null {
  if (data.length < 12) return null;
  const n = data[11] ?? 0;
  const tail = 12 + 2 * n;
  if (data.length < tail + 4) return null;
  const valueMultiplier = data.readUIntBE(8, 3);
  const realMultiplier = data.readUIntBE(tail, 3);
  const protocolVersion = data[tail + 3] ?? 0;
  const country = ascii(data, 5, 3);
  const expanded = protocolVersion >= 6 && data.length >= tail + 4 + 7 * n;
  const channels: Channel[] = [];
  for (let i = 0; i < n; i++) {
    const base = expanded
      ? data.readUInt32LE(tail + 4 + 3 * n + 4 * i)
      : (data[12 + i] ?? 0) * valueMultiplier;
    const valueFen = base * realMultiplier;
    if (valueFen <= 0 || !Number.isSafeInteger(valueFen)) continue;
    const channelCountry = expanded ? ascii(data, tail + 4 + 3 * i, 3) : country;
    channels.push({ channel: i + 1, valueFen, country: channelCountry });
  }
  return {
    unitType: data[0] ?? 0,
    firmware: ascii(data, 1, 4),
    country,
    protocolVersion,
    channels,
  };
}

export function channelValue(table: ChannelTable | null, channel: number | null): number | null {
  if (!table || !channel) return null;
  return table.channels.find((c) => c.channel === channel)?.valueFen ?? null;
}

/** Distinct values, ascending: what the status reports as denominations. */
export function tableValues(table: ChannelTable): number[] {
  return [...new Set(table.channels.map((c) => c.valueFen))].sort((a, b) => a - b);
}

/** SET INHIBITS data: a set bit ENABLES that channel (bit 0 = channel 1); at least 2 bytes. */
export function inhibitMask(table: ChannelTable, enabledValues: readonly number[]): Buffer {
  const highest = table.channels.reduce((max, c) => Math.max(max, c.channel), 0);
  const mask = Buffer.alloc(Math.max(2, Math.ceil(highest / 8)));
  for (const c of table.channels) {
    if (!enabledValues.includes(c.valueFen)) continue;
    const byte = Math.floor((c.channel - 1) / 8);
    mask[byte] = (mask[byte] ?? 0) | (1 << ((c.channel - 1) % 8));
  }
  return mask;
}
