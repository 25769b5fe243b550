import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  channelValue,
  inhibitMask,
  parseSetup,
  tableValues,
} from '../../drivers/bill-acceptor/ssp/channels';
import { encodeCounters, parseCounters } from '../../drivers/bill-acceptor/ssp/counters';
import { parseEvents } from '../../drivers/bill-acceptor/ssp/events';
import { CNY_DATASET, setupReply } from '../../sim/devices/ssp-table';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** A protocol-6 SETUP REQUEST reply written out by hand: EUR 5, 10, 20 (value multiplier 1). */
const EUR_SETUP = hex(
  [
    '00', // validator
    '30 33 35 30', // firmware "0350"
    '45 55 52', // EUR
    '00 00 01', // value multiplier
    '03', // channels
    '05 0A 14', // values
    '02 02 02', // security
    '00 00 64', // real value multiplier 100
    '06', // protocol 6
    '45 55 52 45 55 52 45 55 52', // EUR ×3
    '05 00 00 00 0A 00 00 00 14 00 00 00', // expanded values, little-endian
  ].join(''),
);

describe('SETUP REQUEST channel table', () => {
  it('reads channel values from the reply, in the minor unit', () => {
    const table = parseSetup(EUR_SETUP);
    expect(table).toMatchObject({
      unitType: 0,
      firmware: '0350',
      country: 'EUR',
      protocolVersion: 6,
    });
    expect(table?.channels).toEqual([
      { channel: 1, valueFen: 500, country: 'EUR' },
      { channel: 2, valueFen: 1000, country: 'EUR' },
      { channel: 3, valueFen: 2000, country: 'EUR' },
    ]);
  });

  it('reads the emulator’s CNY table in both layouts (protocol 4 and 6)', () => {
    for (const version of [4, 6, 7]) {
      const table = parseSetup(setupReply(CNY_DATASET, version));
      expect(table && tableValues(table)).toEqual([100, 500, 1000, 2000, 5000, 10000]);
      expect(table?.protocolVersion).toBe(version);
    }
  });

  it('prefers the expanded values from protocol 6 on', () => {
    const reply = Buffer.from(EUR_SETUP);
    reply[12] = 0x63; // the 1-byte value of channel 1 disagrees with its expanded value
    expect(parseSetup(reply)?.channels[0]?.valueFen).toBe(500);
  });

  it('scales 1-byte values by the value multiplier before protocol 6', () => {
    const reply = Buffer.from(EUR_SETUP.subarray(0, 12 + 2 * 3 + 4));
    reply[10] = 2; // value multiplier 2
    reply[12 + 2 * 3 + 3] = 4; // protocol 4
    expect(parseSetup(reply)?.channels.map((c) => c.valueFen)).toEqual([1000, 2000, 4000]);
  });

  it('rejects a reply shorter than its channel count says, and drops zero-value channels', () => {
    expect(parseSetup(EUR_SETUP.subarray(0, 16))).toBeNull();
    expect(parseSetup(Buffer.alloc(0))).toBeNull();
    const noMultiplier = Buffer.from(EUR_SETUP);
    noMultiplier[12 + 6 + 2] = 0; // real value multiplier 0: values unknown
    expect(parseSetup(noMultiplier)?.channels).toEqual([]);
  });

  it('never throws on arbitrary replies', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (bytes) => {
        const table = parseSetup(Buffer.from(bytes));
        for (const c of table?.channels ?? []) {
          expect(Number.isSafeInteger(c.valueFen) && c.valueFen > 0).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('builds the SET INHIBITS mask from values: a set bit enables that channel', () => {
    const table = parseSetup(setupReply(CNY_DATASET, 6));
    if (!table) throw new Error('no table');
    expect(inhibitMask(table, [1000, 5000])).toEqual(hex('14 00')); // channels 3 and 5
    expect(inhibitMask(table, [100, 500, 1000, 2000, 5000, 10000])).toEqual(hex('3F 00'));
    expect(inhibitMask(table, [])).toEqual(hex('00 00'));
    expect(inhibitMask(table, [700])).toEqual(hex('00 00')); // not a note the device knows
    expect(channelValue(table, 6)).toBe(10000);
    expect(channelValue(table, 0)).toBeNull();
    expect(channelValue(table, 9)).toBeNull();
  });
});

describe('POLL events', () => {
  it('splits events, with the channel byte where there is one', () => {
    expect(parseEvents(hex('F1 E1 03 E8'))).toEqual([
      { code: 0xf1, channel: null },
      { code: 0xe1, channel: 3 },
      { code: 0xe8, channel: null },
    ]);
    expect(parseEvents(hex('EE 06 CC'))).toEqual([
      { code: 0xee, channel: 6 },
      { code: 0xcc, channel: null },
    ]);
  });

  it('a channel byte cut off reads as channel 0 (unknown)', () => {
    expect(parseEvents(hex('EF'))).toEqual([{ code: 0xef, channel: 0 }]);
  });
});

describe('GET COUNTERS', () => {
  it('reads five little-endian counters after the count byte', () => {
    const reply = hex('05 07000000 00000000 00000000 00000000 02010000');
    expect(parseCounters(reply)).toEqual({
      stacked: 7,
      stored: 0,
      dispensed: 0,
      transferred: 0,
      rejected: 258,
    });
    expect(parseCounters(reply.subarray(0, 20))).toBeNull();
    expect(parseCounters(hex('04'))).toBeNull();
  });

  it('encodes what it parses', () => {
    const c = { stacked: 70000, stored: 1, dispensed: 2, transferred: 3, rejected: 4 };
    expect(parseCounters(encodeCounters(c))).toEqual(c);
  });
});
