// Text for the printer: GBK only (never a four-byte GB18030 sequence), stand-ins for ¥ and •,
// no control characters, and column widths that count a CJK character as two.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spread, textWidth, wrap, alignRight, columnsFor } from '../../drivers/printer/columns';
import { decodeGb, encodeGbk, isGbk } from '../../drivers/printer/escpos/gb18030';

/** Walks GB18030 bytes; throws on a four-byte sequence or a malformed one. */
function assertOneOrTwoByte(bytes: Buffer): void {
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const trail = bytes[i + 1] ?? -1;
    expect(lead, `lead byte at ${i}`).toBeGreaterThanOrEqual(0x81);
    expect(lead).toBeLessThanOrEqual(0xfe);
    // A four-byte sequence has 0x30–0x39 as its second byte; GBK trail bytes are 0x40–0xFE.
    expect(trail, `trail byte at ${i + 1}`).toBeGreaterThanOrEqual(0x40);
    expect(trail).not.toBe(0x7f);
    i += 2;
  }
}

describe('GBK text encoding', () => {
  it('prints ¥ as ￥ (A3 A4), never as the four-byte 81 30 84 36', () => {
    const { bytes, replaced } = encodeGbk('¥12.00');
    expect(bytes.toString('hex')).toBe('a3a431322e3030');
    expect(replaced).toEqual([]);
    expect(decodeGb(bytes)).toBe('￥12.00');
  });

  it('prints • as · (A1 A4)', () => {
    expect(encodeGbk('a•b').bytes.toString('hex')).toBe('61a1a462');
  });

  it('replaces characters outside GBK with ? and names them', () => {
    const { bytes, replaced } = encodeGbk('张𠀀明😀');
    expect(decodeGb(bytes)).toBe('张?明?');
    expect(replaced).toEqual(['𠀀', '😀']);
  });

  it('refuses them in strict mode', () => {
    expect(() => encodeGbk('张𠀀明', true)).toThrow(/U\+20000/);
  });

  it('turns control characters into spaces, so text can never carry a command', () => {
    expect(encodeGbk('a\x10\x04\x01b\n\x1b@').bytes.toString('hex')).toBe('6120202062202040');
  });

  it('keeps Chinese, full-width punctuation and 䶮 (two bytes) as they are', () => {
    const text = '国网上海市电力公司：缴费凭证，￥１０。䶮';
    const { bytes, replaced } = encodeGbk(text);
    expect(replaced).toEqual([]);
    expect(decodeGb(bytes)).toBe(text);
    expect(isGbk('䶮')).toBe(true);
    expect(isGbk('¥')).toBe(false);
  });

  it('never emits a four-byte sequence, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        assertOneOrTwoByte(encodeGbk(text).bytes);
      }),
      { numRuns: 500 },
    );
  });
});

describe('columns', () => {
  it('counts ASCII as one column and CJK as two', () => {
    expect(textWidth('户号 3100')).toBe(9);
    expect(textWidth('￥')).toBe(2);
    expect(columnsFor(80)).toBe(48);
    expect(columnsFor(58)).toBe(32);
    expect(columnsFor(80, true)).toBe(24);
    expect(columnsFor(58, true)).toBe(16);
  });

  it('holds 24 CJK or 48 ASCII characters on 80 mm, 16 or 32 on 58 mm', () => {
    expect(wrap('电'.repeat(25), 48)).toEqual(['电'.repeat(24), '电']);
    expect(wrap('x'.repeat(49), 48)).toEqual(['x'.repeat(48), 'x']);
    expect(wrap('电'.repeat(17), 32)).toEqual(['电'.repeat(16), '电']);
  });

  it('moves a CJK character that would straddle the edge to the next line', () => {
    expect(wrap('abc电费', 4)).toEqual(['abc', '电费']);
  });

  it('never opens a line with closing punctuation', () => {
    expect(wrap('一二三，四', 6)).toEqual(['一二', '三，四']);
  });

  it('drops leading spaces of continuation lines, keeps an empty line', () => {
    expect(wrap('ab cd', 2)).toEqual(['ab', 'cd']);
    expect(wrap('', 10)).toEqual(['']);
  });

  it('spreads a label and a value over the width, or says it cannot', () => {
    expect(spread('户号', '3100****56', 16)).toBe('户号  3100****56');
    expect(spread('户号', '3100****56', 14)).toBeNull();
    expect(textWidth(spread('实收金额', '300.00元', 48) ?? '')).toBe(48);
    expect(alignRight('元', 4)).toBe('  元');
  });
});
