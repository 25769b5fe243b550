// An amount of money as a person says it, for the voice (never shown). Every amount the resident's
// and the staff's voice say goes through spokenAmount, so no line reads "407.73" as "four hundred
// seven point seven three". The spoken form carries its own unit: a message's "{amount} 元",
// "{amount} yuan" or "¥{amount}" is said as the amount alone (sayWithAmounts).
//
// zh-CN — 元, 角, 分 as a cashier says them (integer fen in, no floating point):
//   407.73 → 四百零七元七角三分   100.00 → 一百元 (not "一百元整": 整 is for written cheques and
//   大写 forms; the common spoken form, and the one payment apps announce, is plain 元)
//   0.50 → 五角 (no 零元)   0.03 → 三分   10.05 → 十元零五分 (a missing 角 before 分 is 零)
//   1005.00 → 一千零五元   100010.00 → 十万零一十元   0 → 零元
//   10–19 at the head of the number drop the 一 (十元, 十五万); inside it they keep it (一百一十).
//   二 or 两: a number's digits are read with 二 (十二, 二十, 一千二百, 零点二 never occurs here),
//   except where 2 is a count before a unit word: the leading digit before 百, 千, 万 or 亿
//   (两百, 两千, 两万二千二百, 两亿) and a lone 2 before 元, 角 or 分 (两元, 两角, 两分, 两元五角).
//   That is the usual rule ("带量词（包括百、千、万、亿）用两…连续的数字，大的位数用两，小的位数
//   用二，如两万二千二百"); 二百 is also correct, but 两百 is what most speakers say.
// en — words, British "and", both units named so a listener never has to guess what "seventy-
//   three" counts: 407.73 → "four hundred and seven yuan seventy-three fen", 100.00 → "one hundred
//   yuan", 0.50 → "fifty fen", 1005.00 → "one thousand and five yuan", 0 → "zero yuan". Words
//   rather than digits because an en-US voice reads "407.73" as "four hundred seven point seven
//   three", and "fen" rather than "cents" because it is the unit on the receipt.
import type { Locale } from '../../src/api/kiosk-api';
import { MESSAGES, type MessageKey, type Translator } from '../i18n/messages';

const ZH_DIGIT = '零一二三四五六七八九';
const ZH_PLACE = ['', '十', '百', '千'] as const;
/** Each group of four digits, from the lowest: 万 = 10^4, 亿 = 10^8, 万亿 = 10^12. */
const ZH_GROUP = ['', '万', '亿', '万亿'] as const;

/** 0–9999 in Chinese, without leading zeros; `head` when it is the number's first group. */
function zhGroup(n: number, head: boolean): string {
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const place = 3 - i;
    if (d === 0) {
      zero = out.length > 0;
      return;
    }
    if (zero) out += '零';
    zero = false;
    // 十 at the very head of the number: 十五, not 一十五.
    if (head && out.length === 0 && place === 1 && d === 1) out += '十';
    else out += ZH_DIGIT.charAt(d) + (ZH_PLACE[place] ?? '');
  });
  return out;
}

/** A whole number in Chinese (二 throughout; the caller decides on 两). */
function zhInteger(n: number): string {
  if (n === 0) return '零';
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
  let out = '';
  let zeroPending = false;
  for (let g = groups.length - 1; g >= 0; g -= 1) {
    const value = groups[g] ?? 0;
    if (value === 0) {
      zeroPending = out.length > 0;
      continue;
    }
    // A lower group under 1000 after a higher one is joined by 零: 一万零五, 十万零五百.
    if (out.length > 0 && (zeroPending || value < 1000)) out += '零';
    zeroPending = false;
    out += zhGroup(value, out.length === 0) + ZH_GROUP[g];
  }
  return out;
}

/** 两 for the leading 2 before a unit word (两百, 两千, 两万, 两亿) and for a lone 2 before 元. */
function zhCount(n: number): string {
  const words = zhInteger(n);
  if (n === 2) return '两';
  return words.startsWith('二') && !words.startsWith('二十') ? '两' + words.slice(1) : words;
}

function zhAmount(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor((fen % 100) / 10);
  const cents = fen % 10;
  if (fen === 0) return '零元';
  let out = yuan > 0 ? zhCount(yuan) + '元' : '';
  if (jiao > 0) out += zhCount(jiao) + '角';
  if (cents > 0) out += (yuan > 0 && jiao === 0 ? '零' : '') + zhCount(cents) + '分';
  return out;
}

const EN_ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
] as const;
const EN_TENS = [
  '',
  '',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
];
const EN_SCALE = ['', 'thousand', 'million', 'billion', 'trillion'] as const;

/** 1–99: "seven", "seventy-three". */
function enTens(n: number): string {
  if (n < 20) return EN_ONES[n] ?? '';
  const ones = n % 10;
  return (EN_TENS[Math.floor(n / 10)] ?? '') + (ones > 0 ? `-${EN_ONES[ones]}` : '');
}

/** 1–999: "four hundred and seven". */
function enHundreds(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const head = hundreds > 0 ? `${EN_ONES[hundreds]} hundred` : '';
  if (rest === 0) return head;
  return head ? `${head} and ${enTens(rest)}` : enTens(rest);
}

/** A whole number in English words, British style: "one thousand and five". */
export function englishNumber(n: number): string {
  if (n === 0) return 'zero';
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000);
  const words: string[] = [];
  for (let g = groups.length - 1; g >= 0; g -= 1) {
    const value = groups[g] ?? 0;
    if (value === 0) continue;
    // The last group under 100 after a higher one takes "and": one thousand and five.
    const and = g === 0 && value < 100 && words.length > 0 ? 'and ' : '';
    words.push(and + enHundreds(value) + (EN_SCALE[g] ? ` ${EN_SCALE[g]}` : ''));
  }
  return words.join(' ');
}

function enAmount(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  if (cents === 0) return `${englishNumber(yuan)} yuan`;
  const small = `${englishNumber(cents)} fen`;
  return yuan === 0 ? small : `${englishNumber(yuan)} yuan ${small}`;
}

/** Integer fen as a person says the amount, with its unit: 40773 → 四百零七元七角三分. */
export function spokenAmount(fen: number, locale: Locale): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`amount must be integer fen, got ${fen}`);
  const abs = Math.abs(fen);
  const words = locale === 'zh-CN' ? zhAmount(abs) : enAmount(abs);
  if (fen >= 0) return words;
  return locale === 'zh-CN' ? `负${words}` : `minus ${words}`;
}

/** "{name} 元", "{name}元", "{name} yuan" or "¥{name}": the placeholder with its written unit. */
const withUnit = (name: string) => new RegExp(`¥\\{${name}\\}|\\{${name}\\}\\s?(?:元|yuan)`, 'gu');

/**
 * A message with its amounts (integer fen, by placeholder name) said as words. The message's own
 * unit next to an amount gives way to the spoken amount's: "已放入 {amount} 元" is said
 * "已放入 两百元". Other placeholders are filled from `params` as the translator fills them.
 */
export function sayWithAmounts(
  t: Translator,
  key: MessageKey,
  amounts: Readonly<Record<string, number>>,
  params: Readonly<Record<string, string | number>> = {},
): string {
  let template: string = MESSAGES[t.locale][key];
  for (const name of Object.keys(amounts)) template = template.replace(withUnit(name), `{${name}}`);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const fen = amounts[name];
    return fen === undefined ? String(params[name] ?? '') : spokenAmount(fen, t.locale);
  });
}
