import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { crc16Ssp } from '../../drivers/bill-acceptor/ssp/crc';
import { SspFrameParser, encodeFrame, frameBody } from '../../drivers/bill-acceptor/ssp/frame';
import type { SspFrame } from '../../drivers/bill-acceptor/ssp/frame';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** reference/protocols.md §1.2, [C] frames. */
const GOLDEN: { name: string; seq: number; data: string; bytes: string }[] = [
  { name: 'SYNC', seq: 0x80, data: '11', bytes: '7F 80 01 11 65 82' },
  { name: 'ENABLE', seq: 0x80, data: '0A', bytes: '7F 80 01 0A 3F 82' },
  { name: 'POLL', seq: 0x00, data: '07', bytes: '7F 00 01 07 11 88' },
  { name: 'HOLD', seq: 0x00, data: '18', bytes: '7F 00 01 18 50 08' },
  { name: 'REJECT', seq: 0x80, data: '08', bytes: '7F 80 01 08 30 02' },
  { name: 'SET INHIBITS ch1–7', seq: 0x00, data: '02 7F 00', bytes: '7F 00 03 02 7F 7F 00 2D 9A' },
  { name: 'OK + READ NOTE ch3', seq: 0x80, data: 'F0 EF 03', bytes: '7F 80 03 F0 EF 03 C5 CA' },
];

function parseAll(...chunks: Uint8Array[]): { frames: SspFrame[]; parser: SspFrameParser } {
  const parser = new SspFrameParser();
  return { frames: chunks.flatMap((c) => parser.push(c)), parser };
}

const frameArb = fc.record({
  seq: fc.constantFrom(0x00, 0x80),
  data: fc.uint8Array({ minLength: 1, maxLength: 40 }).map((a) => Buffer.from(a)),
});
/** Data rich in 0x7F, so stuffing is exercised on most frames. */
const stuffyFrameArb = fc.record({
  seq: fc.constantFrom(0x00, 0x80),
  data: fc
    .array(fc.oneof(fc.constant(0x7f), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 40,
    })
    .map((a) => Buffer.from(a)),
});
const asFrame = (f: { seq: number; data: Buffer }): SspFrame => ({ seq: f.seq, data: f.data });

/** A yielded frame is genuine only if its exact encoding (right CRC included) was received. */
function receivedVerbatim(input: Buffer, frame: SspFrame): boolean {
  return input.includes(encodeFrame(frame.seq, frame.data));
}

describe('SSP CRC (poly 0x8005, init 0xFFFF, MSB first)', () => {
  it('has the check value 0xAEE7 for "123456789" (CRC-16/CMS)', () => {
    expect(crc16Ssp(Buffer.from('123456789', 'ascii'))).toBe(0xaee7);
  });

  it('is not one of the neighbouring variants', () => {
    const check = crc16Ssp(Buffer.from('123456789', 'ascii'));
    // CRC-16/BUYPASS (init 0) and CRC-16/MODBUS (reflected, init FFFF) share the polynomial.
    expect(check).not.toBe(0xfee8);
    expect(check).not.toBe(0x4b37);
  });

  it('covers a sub-range', () => {
    const body = hex('7F 80 01 11');
    expect(crc16Ssp(body, 1)).toBe(0x8265);
  });
});

describe('SSP golden frames', () => {
  for (const g of GOLDEN) {
    it(`encodes ${g.name}`, () => {
      expect(encodeFrame(g.seq, hex(g.data)).toString('hex')).toBe(hex(g.bytes).toString('hex'));
    });
    it(`parses ${g.name}`, () => {
      const { frames, parser } = parseAll(hex(g.bytes));
      expect(frames).toEqual([{ seq: g.seq, data: hex(g.data) }]);
      expect(parser.stats).toEqual({ frames: 1, crcErrors: 0, droppedBytes: 0 });
    });
  }

  it('stuffs a 7F that lands in the CRC too', () => {
    // Find a one-byte command whose CRC contains 7F, and check it is doubled on the wire.
    const data = [...Array(256).keys()]
      .map((b) => Buffer.from([b]))
      .find((d) => frameBody(0x80, d).subarray(3).includes(0x7f));
    expect(data).toBeDefined();
    const wire = encodeFrame(0x80, data ?? Buffer.alloc(1));
    expect(wire.length).toBe(7);
    expect(parseAll(wire).frames).toEqual([{ seq: 0x80, data }]);
  });
});

describe('SspFrameParser', () => {
  const poll = hex('7F 00 01 07 11 88');
  const inhibits = hex('7F 00 03 02 7F 7F 00 2D 9A');
  const reply = hex('7F 80 03 F0 EF 03 C5 CA');

  it('joins a frame split byte by byte, even between the two bytes of a stuffed 7F', () => {
    const { frames } = parseAll(...[...inhibits].map((b) => Buffer.from([b])));
    expect(frames).toEqual([{ seq: 0x00, data: hex('02 7F 00') }]);
  });

  it('separates merged frames', () => {
    const { frames } = parseAll(Buffer.concat([reply, inhibits, poll]));
    expect(frames.map((f) => f.data[0])).toEqual([0xf0, 0x02, 0x07]);
  });

  it('skips leading garbage and counts it', () => {
    const { frames, parser } = parseAll(Buffer.concat([hex('00 13 FF 55'), poll]));
    expect(frames).toHaveLength(1);
    expect(parser.stats.droppedBytes).toBe(4);
  });

  it('drops a frame with a bad CRC and keeps the next one', () => {
    const bad = Buffer.from(reply);
    bad[6] = (bad[6] ?? 0) ^ 0x01;
    const { frames, parser } = parseAll(bad, poll);
    expect(frames.map((f) => f.data[0])).toEqual([0x07]);
    expect(parser.stats.crcErrors).toBe(1);
  });

  it('resynchronises on a lone 7F: a truncated frame costs only itself', () => {
    const { frames, parser } = parseAll(reply.subarray(0, 5), reply);
    expect(frames).toEqual([{ seq: 0x80, data: hex('F0 EF 03') }]);
    expect(parser.stats.droppedBytes).toBe(5);
  });

  it('treats broken stuffing (a single 7F inside the data) as a new start', () => {
    const broken = hex('7F 00 03 02 7F 00 2D 9A'); // the data 7F not doubled
    const { frames } = parseAll(broken, poll);
    expect(frames.map((f) => f.data[0])).toEqual([0x07]);
  });

  it('reset() forgets a partial frame, even one ending in half a stuffed pair', () => {
    const parser = new SspFrameParser();
    expect(parser.push(inhibits.subarray(0, 5))).toEqual([]); // …02 7F: escape pending
    parser.reset();
    expect(parser.push(poll)).toEqual([{ seq: 0x00, data: hex('07') }]);
  });
});

describe('SspFrameParser under fuzzing', () => {
  it('never throws on random bytes, and every frame it yields was received verbatim', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat({ max: 20 }), (bytes, cut) => {
        const input = Buffer.from(bytes);
        const { frames } = parseAll(input.subarray(0, cut), input.subarray(cut));
        for (const f of frames) expect(receivedVerbatim(input, f)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('random bytes rich in 7F and valid-looking headers yield no corrupt frame', () => {
    const noisy = fc
      .array(fc.oneof(fc.constant(0x7f), fc.constantFrom(0x00, 0x80, 0x01, 0x03), fc.nat(255)), {
        maxLength: 300,
      })
      .map((a) => Buffer.from(a));
    fc.assert(
      fc.property(noisy, (input) => {
        for (const f of parseAll(input).frames) expect(receivedVerbatim(input, f)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('yields exactly the frames sent, however the stream is chunked', () => {
    fc.assert(
      fc.property(
        fc.array(stuffyFrameArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (sent, cuts) => {
          const stream = Buffer.concat(sent.map((f) => encodeFrame(f.seq, f.data)));
          const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort(
            (a, b) => a - b,
          );
          const chunks = [0, ...points, stream.length]
            .slice(1)
            .map((end, i, ends) => stream.subarray(i === 0 ? 0 : (ends[i - 1] ?? 0), end));
          expect(parseAll(...chunks).frames).toEqual(sent.map(asFrame));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a truncated stream yields exactly the frames wholly inside it', () => {
    fc.assert(
      fc.property(fc.array(frameArb, { minLength: 1, maxLength: 6 }), fc.nat(), (sent, n) => {
        const wires = sent.map((f) => encodeFrame(f.seq, f.data));
        const stream = Buffer.concat(wires);
        const cut = n % (stream.length + 1);
        let end = 0;
        const whole = sent.filter((_, i) => (end += wires[i]?.length ?? 0) <= cut);
        expect(parseAll(stream.subarray(0, cut)).frames).toEqual(whole.map(asFrame));
      }),
      { numRuns: 300 },
    );
  });

  it('corrupted streams (flips, lost and extra bytes, broken stuffing) yield only received frames', () => {
    const edit = fc.record({
      at: fc.nat(),
      kind: fc.constantFrom('flip', 'drop', 'insert7F', 'dropAll7F'),
      bits: fc.integer({ min: 1, max: 255 }),
    });
    fc.assert(
      fc.property(
        fc.array(stuffyFrameArb, { minLength: 1, maxLength: 6 }),
        fc.array(edit, { minLength: 1, maxLength: 5 }),
        (sent, edits) => {
          let bytes = [...Buffer.concat(sent.map((f) => encodeFrame(f.seq, f.data)))];
          for (const e of edits) {
            const i = e.at % Math.max(1, bytes.length);
            if (e.kind === 'flip') bytes[i] = (bytes[i] ?? 0) ^ e.bits;
            else if (e.kind === 'drop') bytes.splice(i, 1);
            else if (e.kind === 'insert7F') bytes.splice(i, 0, 0x7f);
            else bytes = bytes.filter((b, j) => !(b === 0x7f && bytes[j - 1] === 0x7f));
          }
          const input = Buffer.from(bytes);
          const parser = new SspFrameParser();
          for (const f of parser.push(input)) expect(receivedVerbatim(input, f)).toBe(true);
          // Whatever state the damage left behind, a reset and a clean frame get through.
          parser.reset();
          expect(parser.push(encodeFrame(0x80, hex('F0 EE 02')))).toEqual([
            { seq: 0x80, data: hex('F0 EE 02') },
          ]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('garbage without 7F in front of frames costs nothing', () => {
    const garbage = fc
      .uint8Array({ maxLength: 50 })
      .map((a) => Buffer.from(a.filter((b) => b !== 0x7f)));
    fc.assert(
      fc.property(garbage, fc.array(stuffyFrameArb, { minLength: 1, maxLength: 5 }), (g, sent) => {
        const stream = Buffer.concat([g, ...sent.map((f) => encodeFrame(f.seq, f.data))]);
        expect(parseAll(stream).frames).toEqual(sent.map(asFrame));
      }),
      { numRuns: 300 },
    );
  });
});
