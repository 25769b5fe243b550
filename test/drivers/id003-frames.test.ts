import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { crc16Kermit } from '../../drivers/bill-acceptor/id003/crc';
import { FrameParser, encodeFrame } from '../../drivers/bill-acceptor/id003/frame';
import type { Frame } from '../../drivers/bill-acceptor/id003/frame';
import { parseCurrencyAssign, disableMask } from '../../drivers/bill-acceptor/id003/denominations';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** protocols.md §1.1, [C] frames. */
const GOLDEN: { name: string; cmd: number; data: number[]; bytes: string }[] = [
  { name: 'STATUS REQ', cmd: 0x11, data: [], bytes: 'FC 05 11 27 56' },
  { name: 'ACK', cmd: 0x50, data: [], bytes: 'FC 05 50 AA 05' },
  { name: 'RESET', cmd: 0x40, data: [], bytes: 'FC 05 40 2B 15' },
  { name: 'STACK-1', cmd: 0x41, data: [], bytes: 'FC 05 41 A2 04' },
  { name: 'RETURN', cmd: 0x43, data: [], bytes: 'FC 05 43 B0 27' },
  { name: 'CURRENCY-ASSIGN', cmd: 0x8a, data: [], bytes: 'FC 05 8A 7D 7C' },
  { name: 'INHIBIT off', cmd: 0xc3, data: [0x00], bytes: 'FC 06 C3 00 04 D6' },
  { name: 'ESCROW 0x63', cmd: 0x13, data: [0x63], bytes: 'FC 06 13 63 A2 D8' },
  { name: 'VEND VALID', cmd: 0x15, data: [], bytes: 'FC 05 15 03 10' },
];

const parseAll = (...chunks: Buffer[]): { frames: Frame[]; parser: FrameParser } => {
  const parser = new FrameParser();
  const frames = chunks.flatMap((c) => parser.push(c));
  return { frames, parser };
};

describe('CRC-16/KERMIT', () => {
  it('has the standard check value', () => {
    expect(crc16Kermit(Buffer.from('123456789', 'ascii'))).toBe(0x2189);
  });
});

describe('ID-003 golden frames', () => {
  for (const g of GOLDEN) {
    it(`encodes ${g.name}`, () => {
      expect(encodeFrame(g.cmd, Buffer.from(g.data)).toString('hex')).toBe(
        hex(g.bytes).toString('hex'),
      );
    });
    it(`parses ${g.name}`, () => {
      const { frames, parser } = parseAll(hex(g.bytes));
      expect(frames).toEqual([{ cmd: g.cmd, data: Buffer.from(g.data) }]);
      expect(parser.stats).toEqual({ frames: 1, droppedBytes: 0, crcErrors: 0 });
    });
  }
});

describe('FrameParser', () => {
  const escrow = hex('FC 06 13 63 A2 D8');
  const vend = hex('FC 05 15 03 10');

  it('joins a frame split byte by byte', () => {
    const { frames } = parseAll(...[...escrow].map((b) => Buffer.from([b])));
    expect(frames).toEqual([{ cmd: 0x13, data: Buffer.from([0x63]) }]);
  });

  it('separates merged frames', () => {
    const { frames } = parseAll(Buffer.concat([escrow, vend, escrow]));
    expect(frames.map((f) => f.cmd)).toEqual([0x13, 0x15, 0x13]);
  });

  it('skips leading garbage and counts it', () => {
    const { frames, parser } = parseAll(Buffer.concat([hex('00 13 FF 55'), vend]));
    expect(frames.map((f) => f.cmd)).toEqual([0x15]);
    expect(parser.stats.droppedBytes).toBe(4);
  });

  it('drops a frame with a bad CRC and resyncs on the next one', () => {
    const bad = Buffer.from(escrow);
    bad[4] = (bad[4] ?? 0) ^ 0x01;
    const { frames, parser } = parseAll(bad.subarray(0, 3), Buffer.concat([bad.subarray(3), vend]));
    expect(frames.map((f) => f.cmd)).toEqual([0x15]);
    expect(parser.stats.crcErrors).toBe(1);
    expect(parser.stats.droppedBytes).toBe(bad.length);
  });

  it('resyncs after a false sync with an impossible length', () => {
    const { frames } = parseAll(Buffer.concat([hex('FC 02 FC 00'), vend]));
    expect(frames.map((f) => f.cmd)).toEqual([0x15]);
  });

  it('waits for the rest of a frame and reset() discards it', () => {
    const parser = new FrameParser();
    expect(parser.push(escrow.subarray(0, 4))).toEqual([]);
    expect(parser.pending).toBe(4);
    parser.reset();
    expect(parser.pending).toBe(0);
    expect(parser.push(vend).map((f) => f.cmd)).toEqual([0x15]);
  });

  it('refuses to encode a frame longer than 255 bytes', () => {
    expect(() => encodeFrame(0x8a, Buffer.alloc(251))).toThrow(RangeError);
    expect(encodeFrame(0x8a, Buffer.alloc(250))).toHaveLength(255);
  });
});

describe('FrameParser properties', () => {
  const frameArb = fc
    .record({ cmd: fc.integer({ min: 0, max: 255 }), data: fc.uint8Array({ maxLength: 24 }) })
    .map(({ cmd, data }) => ({ cmd, data: Buffer.from(data) }));
  const noSyncGarbage = fc
    .uint8Array({ maxLength: 16 })
    .map((a) => Buffer.from(a.filter((b) => b !== 0xfc)));
  const anyGarbage = fc.uint8Array({ maxLength: 16 }).map((a) => Buffer.from(a));
  /** Cuts a buffer at arbitrary points, as a UART driver would. */
  const chunked = (bytes: Buffer, cuts: number[]): Buffer[] => {
    const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
    const out: Buffer[] = [];
    let from = 0;
    for (const p of [...points, bytes.length]) {
      out.push(bytes.subarray(from, p));
      from = p;
    }
    return out;
  };
  const cutsArb = fc.array(fc.nat(), { maxLength: 12 });

  it('recovers every frame, in order, from garbage that holds no sync byte', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(noSyncGarbage, frameArb)),
        noSyncGarbage,
        cutsArb,
        (pairs, tail, cuts) => {
          const stream = Buffer.concat([
            ...pairs.flatMap(([g, f]) => [g, encodeFrame(f.cmd, f.data)]),
            tail,
          ]);
          const { frames, parser } = parseAll(...chunked(stream, cuts));
          expect(frames).toEqual(pairs.map(([, f]) => f));
          const garbage = pairs.reduce((n, [g]) => n + g.length, tail.length);
          expect(parser.stats).toEqual({
            frames: pairs.length,
            droppedBytes: garbage,
            crcErrors: 0,
          });
        },
      ),
    );
  });

  it('never throws on any bytes, ignores chunking, accounts for every byte', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            anyGarbage,
            frameArb.map((f) => encodeFrame(f.cmd, f.data)),
          ),
        ),
        cutsArb,
        (parts, cuts) => {
          const stream = Buffer.concat(parts);
          const whole = parseAll(stream);
          const pieces = parseAll(...chunked(stream, cuts));
          expect(pieces.frames).toEqual(whole.frames);
          const framed = whole.frames.reduce((n, f) => n + 5 + f.data.length, 0);
          expect(framed + whole.parser.stats.droppedBytes + whole.parser.pending).toBe(
            stream.length,
          );
          // Whatever it emits really was on the line, byte for byte.
          for (const f of whole.frames)
            expect(stream.includes(encodeFrame(f.cmd, f.data))).toBe(true);
        },
      ),
    );
  });
});

describe('FrameParser on damaged frames', () => {
  const frameArb = fc
    .record({ cmd: fc.integer({ min: 0, max: 255 }), data: fc.uint8Array({ maxLength: 24 }) })
    .map(({ cmd, data }) => encodeFrame(cmd, data));
  /** What a line does to a frame: cuts it short, flips bits, loses, repeats or adds a byte. */
  const damage = fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({
      kind: fc.constant('flip' as const),
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), {
        minLength: 1,
        maxLength: 3,
      }),
    }),
    fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('repeat' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), byte: fc.nat(255) }),
  );
  type Damage = typeof damage extends fc.Arbitrary<infer D> ? D : never;

  function apply(frame: Buffer, d: Damage): Buffer {
    const bytes = [...frame];
    if (d.kind === 'truncate') return Buffer.from(bytes.slice(0, d.at % frame.length));
    if (d.kind === 'flip') {
      for (const [at, bit] of d.flips) {
        const i = at % bytes.length;
        bytes[i] = (bytes[i] ?? 0) ^ (1 << bit);
      }
    } else if (d.kind === 'drop') {
      bytes.splice(d.at % bytes.length, 1);
    } else if (d.kind === 'repeat') {
      const i = d.at % bytes.length;
      bytes.splice(i, 0, bytes[i] ?? 0);
    } else {
      bytes.splice(d.at % (bytes.length + 1), 0, d.byte);
    }
    return Buffer.from(bytes);
  }

  /** Every frame a parser yields must have been on the line intact, CRC and all. */
  const intact = (stream: Buffer, frames: Frame[]): boolean =>
    frames.every((f) => stream.includes(encodeFrame(f.cmd, f.data)));

  it('never throws, never yields a frame with a bad CRC, and finds the next good one', () => {
    fc.assert(
      fc.property(frameArb, damage, frameArb, (victim, d, next) => {
        const damaged = apply(victim, d);
        // Zero padding lets a corrupt length byte run out and fail its CRC.
        const stream = Buffer.concat([damaged, next, Buffer.alloc(255)]);
        const { frames } = parseAll(stream);
        expect(intact(stream, frames)).toBe(true);
        // The next frame comes out, unless the damage left a valid frame that runs into it
        // (a truncated frame whose missing byte happens to equal the next one's sync).
        const isNext = (f: Frame): boolean => encodeFrame(f.cmd, f.data).equals(next);
        const swallowed = frames.some((f) => !isNext(f) && f.data.length + 5 > damaged.length);
        if (!swallowed) expect(frames.some(isNext)).toBe(true);
        // Alone, too, it yields only what the line really holds intact.
        const lone = Buffer.concat([damaged, Buffer.alloc(255)]);
        expect(intact(lone, parseAll(lone).frames)).toBe(true);
      }),
      { numRuns: Number(process.env.ID003_FRAME_RUNS ?? 500) },
    );
  });

  it('rejects every single-bit error in CMD, DATA or CRC', () => {
    fc.assert(
      fc.property(frameArb, fc.nat(), fc.integer({ min: 0, max: 7 }), (frame, at, bit) => {
        // LNG is left alone so that the frame is checked at its own length.
        const i = 2 + (at % (frame.length - 2));
        const bad = Buffer.from(frame);
        bad[i] = (bad[i] ?? 0) ^ (1 << bit);
        const parser = new FrameParser();
        const frames = parser.push(bad);
        expect(parser.stats.crcErrors).toBeGreaterThanOrEqual(1);
        // Only the frame at the first sync can have this length: it must not come out.
        expect(frames.filter((f) => f.data.length === frame.length - 5)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('CURRENCY ASSIGN table', () => {
  it('turns value × 10^exponent into fen and skips empty slots', () => {
    const table = parseCurrencyAssign(hex('61 A0 01 00  62 A0 05 01  63 00 00 00  64 A0 01 02'));
    expect(table).toEqual([
      { code: 0x61, country: 0xa0, valueFen: 100 },
      { code: 0x62, country: 0xa0, valueFen: 5000 },
      { code: 0x64, country: 0xa0, valueFen: 10000 },
    ]);
  });

  it('sets a disable bit for every denomination not enabled', () => {
    const table = parseCurrencyAssign(hex('61 A0 01 00  62 A0 05 00  66 A0 01 02'));
    expect([...disableMask(table, [500])]).toEqual([0b0010_0001, 0]);
    expect([...disableMask(table, [])]).toEqual([0b0010_0011, 0]);
  });
});
