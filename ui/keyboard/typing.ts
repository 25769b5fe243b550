// What the text keyboard does with a tap, as pure functions of the text typed so far: the
// component (KeyboardPanel.tsx) keeps the state, these decide it (test/ui/text-keyboard.test.ts).
import chinese from 'simple-keyboard-layouts/build/layouts/chinese';
import * as z from 'zod/mini';

export type KeyboardLayout = 'chinese' | 'latin' | 'email';

/** The field's text and, in Chinese, the pinyin typed but not yet made a character. */
export interface Typing {
  value: string;
  pinyin: string;
}

/** Longer than any syllable, so two or three syllables can be typed before choosing. */
export const PINYIN_MAX = 12;
/** Characters offered at once: each a large key in one row, with "more" beside them. */
export const CANDIDATES_PER_PAGE = 7;

/** The layout file's candidate lists (pinyin → characters, most used first), checked once. */
const LayoutCandidates = z.object({ layoutCandidates: z.record(z.string(), z.string()) });
const CANDIDATES: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(LayoutCandidates.parse(chinese).layoutCandidates).map(([pinyin, chars]) => [
    pinyin,
    chars.split(/\s+/).filter(Boolean),
  ]),
);

/** Characters, not UTF-16 units: a field's maxLength counts what she sees. */
export const length = (text: string) => Array.from(text).length;

/**
 * The characters for the pinyin typed: those of its longest start that is a syllable, so
 * "zhangsan" offers 张 first and, once one is chosen, "san" is left for the next.
 */
export function candidatesFor(pinyin: string): { syllable: string; chars: readonly string[] } {
  for (let n = pinyin.length; n > 0; n--) {
    const syllable = pinyin.slice(0, n);
    const chars = CANDIDATES.get(syllable);
    if (chars) return { syllable, chars };
  }
  return { syllable: '', chars: [] };
}

/** One page of candidates; pages wrap around, so "more" never leads nowhere. */
export function candidatePage(chars: readonly string[], page: number): readonly string[] {
  const pages = Math.max(1, Math.ceil(chars.length / CANDIDATES_PER_PAGE));
  const start = (((page % pages) + pages) % pages) * CANDIDATES_PER_PAGE;
  return chars.slice(start, start + CANDIDATES_PER_PAGE);
}

/** A key of the layouts (`layouts.ts`): a character, or one of these. */
export const BACKSPACE = '{bksp}';
export const SPACE = '{space}';
export const DONE = '{done}';

/**
 * A tap on a key. In the Chinese layout letters spell pinyin; everything else is typed as it
 * is. Nothing is added beyond `maxLength`; backspace takes back a pinyin letter first.
 */
export function press(
  typing: Typing,
  key: string,
  layout: KeyboardLayout,
  maxLength: number,
): Typing {
  const { value, pinyin } = typing;
  if (key === BACKSPACE) {
    if (pinyin) return { value, pinyin: pinyin.slice(0, -1) };
    return { value: Array.from(value).slice(0, -1).join(''), pinyin };
  }
  if (key === DONE) return typing;
  const full = length(value) >= maxLength;
  if (key === SPACE) {
    // With pinyin waiting, space takes the first character, as every pinyin keyboard does.
    const first = candidatesFor(pinyin).chars[0];
    if (pinyin && first) return choose(typing, first, maxLength);
    return full || pinyin ? typing : { value: value + ' ', pinyin };
  }
  if (layout === 'chinese' && /^[a-z]$/.test(key)) {
    return full || pinyin.length >= PINYIN_MAX ? typing : { value, pinyin: pinyin + key };
  }
  return full ? typing : { value: value + key, pinyin };
}

/** A candidate chosen: the character is typed and its syllable leaves the pinyin. */
export function choose(typing: Typing, char: string, maxLength: number): Typing {
  if (length(typing.value) >= maxLength) return typing;
  const { syllable } = candidatesFor(typing.pinyin);
  return { value: typing.value + char, pinyin: typing.pinyin.slice(syllable.length) };
}
