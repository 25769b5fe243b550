// Amounts said as a person says them (ui/voice/spoken-amount.ts): the cases people hear most,
// the edges, and a property: for any amount, reading the words back with an independent parser
// gives the same fen, in both languages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { translator } from '../../ui/i18n/messages';
import { englishNumber, sayWithAmounts, spokenAmount } from '../../ui/voice/spoken-amount';

const zh = (fen: number) => spokenAmount(fen, 'zh-CN');
const en = (fen: number) => spokenAmount(fen, 'en');

/** Chinese money words back to fen, by the textbook rule (not by the code under test). */
function parseZh(text: string): number {
  const DIGIT: Record<string, number> = {
    零: 0,
    一: 1,
    二: 2,
    两: 2,
    三: 3,
    四: 4,
    五: 5,
    六: 6,
    七: 7,
    八: 8,
    九: 9,
  };
  const PLACE: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
  const BIG: Record<string, number> = { 万: 1e4, 亿: 1e8 };
  const number = (s: string): number => {
    // Split at the largest 亿 first, then 万: "一千二百三十四万五千" → 1234 × 10^4 + 5000.
    for (const big of ['亿', '万']) {
      const at = s.lastIndexOf(big);
      if (at >= 0)
        return number(s.slice(0, at) || '一') * (BIG[big] ?? 1) + number(s.slice(at + 1));
    }
    let total = 0;
    let digit = 0;
    for (const ch of s) {
      if (ch in DIGIT) digit = DIGIT[ch] ?? 0;
      else if (ch in PLACE) {
        total += (digit || 1) * (PLACE[ch] ?? 1);
        digit = 0;
      } else throw new Error(`unexpected ${ch} in ${text}`);
    }
    return total + digit;
  };
  const m = /^(?:(.+)元)?(?:零?(.)角)?(?:零?(.)分)?$/u.exec(text);
  if (!m) throw new Error(`not an amount: ${text}`);
  const [, yuan, jiao, fen] = m;
  return (yuan ? number(yuan) : 0) * 100 + (jiao ? number(jiao) : 0) * 10 + (fen ? number(fen) : 0);
}

/** English number words back to an integer. */
function parseEnNumber(text: string): number {
  const WORDS = [
    'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen',
    'fifteen sixteen seventeen eighteen nineteen',
  ]
    .join(' ')
    .split(' ');
  const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
  const SCALE: Record<string, number> = {
    thousand: 1e3,
    million: 1e6,
    billion: 1e9,
    trillion: 1e12,
  };
  let total = 0;
  let group = 0;
  for (const word of text.split(/[\s-]+/)) {
    if (word === 'and') continue;
    if (WORDS.includes(word)) group += WORDS.indexOf(word);
    else if (TENS.includes(word)) group += (TENS.indexOf(word) + 2) * 10;
    else if (word === 'hundred') group *= 100;
    else if (word in SCALE) {
      total += group * (SCALE[word] ?? 1);
      group = 0;
    } else throw new Error(`unexpected ${word} in ${text}`);
  }
  return total + group;
}

function parseEn(text: string): number {
  const m = /^(?:(.+) yuan)?\s?(?:(.+) fen)?$/.exec(text);
  if (!m) throw new Error(`not an amount: ${text}`);
  return (m[1] ? parseEnNumber(m[1]) : 0) * 100 + (m[2] ? parseEnNumber(m[2]) : 0);
}

describe('spokenAmount in Chinese', () => {
  it.each([
    [40773, '四百零七元七角三分'],
    [10000, '一百元'],
    [50, '五角'],
    [3, '三分'],
    [100500, '一千零五元'],
    [0, '零元'],
    [1, '一分'],
    [1000, '十元'],
    [1010, '十元一角'],
    [1005, '十元零五分'],
    [10000000, '十万元'],
    [1234567890, '一千二百三十四万五千六百七十八元九角'],
    [11000, '一百一十元'],
    [10001000, '十万零一十元'],
    [1500000, '一万五千元'],
    [1000500, '一万零五元'],
    [10050000, '十万零五百元'],
    [10000000500, '一亿零五元'],
    [41790, '四百一十七元九角'],
    [1310, '十三元一角'],
  ])('%i fen → %s', (fen, words) => {
    expect(zh(fen)).toBe(words);
  });

  it('says 两 for a count before a unit word and 二 inside a number', () => {
    expect(zh(200)).toBe('两元');
    expect(zh(20)).toBe('两角');
    expect(zh(2)).toBe('两分');
    expect(zh(250)).toBe('两元五角');
    expect(zh(222)).toBe('两元两角两分');
    expect(zh(1200)).toBe('十二元');
    expect(zh(2000)).toBe('二十元');
    expect(zh(2200)).toBe('二十二元');
    expect(zh(20000)).toBe('两百元');
    expect(zh(22200)).toBe('两百二十二元');
    expect(zh(200000)).toBe('两千元');
    expect(zh(2220000)).toBe('两万二千二百元');
    expect(zh(120000)).toBe('一千二百元');
    expect(zh(20000000)).toBe('二十万元');
    expect(zh(20000000000)).toBe('两亿元');
    expect(zh(1202)).toBe('十二元零两分');
  });

  it('reads back to the same fen for any amount, with 两 only where a count leads', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000_000 }), (fen) => {
        const words = zh(fen);
        expect(parseZh(words), words).toBe(fen);
        // 两 only where a count begins: the number's head, or the 角 or 分 count.
        for (const m of words.matchAll(/两/gu)) {
          expect(words.slice(0, m.index), words).toMatch(/^$|(?:元|角|元零)$/u);
        }
        expect(words).not.toMatch(/[0-9.]/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('spokenAmount in English', () => {
  it.each([
    [40773, 'four hundred and seven yuan seventy-three fen'],
    [10000, 'one hundred yuan'],
    [50, 'fifty fen'],
    [3, 'three fen'],
    [100500, 'one thousand and five yuan'],
    [0, 'zero yuan'],
    [1, 'one fen'],
    [1000, 'ten yuan'],
    [1010, 'ten yuan ten fen'],
    [10000000, 'one hundred thousand yuan'],
    [
      1234567890,
      'twelve million three hundred and forty-five thousand six hundred and seventy-eight yuan ninety fen',
    ],
    [200, 'two yuan'],
    [101, 'one yuan one fen'],
  ])('%i fen → %s', (fen, words) => {
    expect(en(fen)).toBe(words);
  });

  it('reads back to the same fen for any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000_000 }), (fen) => {
        const words = en(fen);
        expect(parseEn(words), words).toBe(fen);
        expect(words).toMatch(/^[a-z -]+$/);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes whole numbers the British way', () => {
    expect(englishNumber(1_000_100)).toBe('one million one hundred');
    expect(englishNumber(1_000_001)).toBe('one million and one');
    expect(englishNumber(115)).toBe('one hundred and fifteen');
  });
});

describe('spokenAmount at the edges', () => {
  it('says a negative amount with its sign and refuses anything but whole fen', () => {
    expect(zh(-1050)).toBe('负十元五角');
    expect(en(-1050)).toBe('minus ten yuan fifty fen');
    expect(() => zh(1.5)).toThrow();
    expect(() => en(Number.NaN)).toThrow();
  });
});

describe('sayWithAmounts', () => {
  it("puts the spoken amount in the place of the message's amount and its unit", () => {
    expect(sayWithAmounts(translator('zh-CN'), 'partialCash', { amount: 40773 })).toBe(
      '您已放入 四百零七元七角三分',
    );
    expect(sayWithAmounts(translator('en'), 'partialCash', { amount: 40773 })).toBe(
      'You have inserted four hundred and seven yuan seventy-three fen',
    );
    expect(
      sayWithAmounts(translator('zh-CN'), 'voiceCollected', { collected: 20000, remaining: 21790 }),
    ).toBe('已放入 两百元，还需放入 两百一十七元九角');
    expect(sayWithAmounts(translator('en'), 'diagTestNoteReturned', { amount: 5000 })).toBe(
      'fifty yuan, returned',
    );
    expect(
      sayWithAmounts(
        translator('zh-CN'),
        'voiceReceipt',
        { amount: 100 },
        { tail: '0 0 4 2', biller: '东方有线' },
      ),
    ).toBe('流水号尾号 0 0 4 2，东方有线，一元');
  });
});
