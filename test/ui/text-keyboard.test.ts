// The text keyboard's typing (ui/keyboard/typing.ts): pinyin spelled on the keys offers its
// characters from simple-keyboard-layouts' Chinese lists, choosing one types it, and nothing
// goes past the field's length. The component itself is tapped in Chromium
// (test/e2e/text-keyboard.test.ts).
import { describe, expect, it } from 'vitest';
import { ROWS } from '../../ui/keyboard/layouts';
import {
  BACKSPACE,
  CANDIDATES_PER_PAGE,
  DONE,
  SPACE,
  candidatePage,
  candidatesFor,
  choose,
  press,
  type KeyboardLayout,
  type Typing,
} from '../../ui/keyboard/typing';

const EMPTY: Typing = { value: '', pinyin: '' };
const type = (keys: string[], layout: KeyboardLayout = 'chinese', max = 10, from = EMPTY) =>
  keys.reduce((t, k) => press(t, k, layout, max), from);

describe('pinyin', () => {
  it('spells pinyin on the letter keys and offers its characters', () => {
    const typing = type(['w', 'a', 'n', 'g']);
    expect(typing).toEqual({ value: '', pinyin: 'wang' });
    const { syllable, chars } = candidatesFor(typing.pinyin);
    expect(syllable).toBe('wang');
    expect(chars.slice(0, 3)).toEqual(['王', '望', '往']);
  });

  it('types the character chosen and takes its syllable out of the pinyin', () => {
    const typing = choose(type(['w', 'a', 'n', 'g']), '王', 10);
    expect(typing).toEqual({ value: '王', pinyin: '' });
  });

  it('offers the first syllable of several and leaves the rest for the next choice', () => {
    const typing = type([...'zhangsan']);
    expect(candidatesFor(typing.pinyin).syllable).toBe('zhang');
    const next = choose(typing, '张', 10);
    expect(next).toEqual({ value: '张', pinyin: 'san' });
    expect(candidatesFor(next.pinyin).chars).toContain('三');
  });

  it('takes the first character on space, and back a pinyin letter before a character', () => {
    expect(type([...'li', SPACE])).toEqual({ value: '理', pinyin: '' });
    expect(type([...'li', SPACE, ...'x', BACKSPACE])).toEqual({ value: '理', pinyin: '' });
    expect(type([...'li', SPACE, BACKSPACE])).toEqual(EMPTY);
  });

  it('offers nothing for letters that spell no syllable', () => {
    expect(candidatesFor('v').chars).toEqual([]);
    expect(candidatesFor('').chars).toEqual([]);
  });

  it('pages the candidates, wrapping round', () => {
    const { chars } = candidatesFor('yi');
    expect(chars.length).toBeGreaterThan(CANDIDATES_PER_PAGE * 2);
    expect(candidatePage(chars, 0)).toEqual(chars.slice(0, CANDIDATES_PER_PAGE));
    expect(candidatePage(chars, 1)[0]).toBe(chars[CANDIDATES_PER_PAGE]);
    const pages = Math.ceil(chars.length / CANDIDATES_PER_PAGE);
    expect(candidatePage(chars, pages)).toEqual(candidatePage(chars, 0));
  });

  it('types digits as they are', () => {
    expect(type([...'3', ...'hao'])).toEqual({ value: '3', pinyin: 'hao' });
  });
});

describe('the field', () => {
  it('types nothing past maxLength, counting characters', () => {
    const full = { value: '王小明', pinyin: '' };
    expect(type(['l', 'i'], 'chinese', 3, full)).toEqual(full);
    expect(choose({ value: '王小明', pinyin: 'li' }, '李', 3).value).toBe('王小明');
    expect(type(['A', '1'], 'latin', 3, { value: 'AB', pinyin: '' }).value).toBe('ABA');
    // A character outside the BMP counts once, and is deleted whole.
    expect(type([BACKSPACE], 'latin', 3, { value: 'A𠀀', pinyin: '' }).value).toBe('A');
  });

  it('leaves the text alone on done', () => {
    const typing = { value: 'A1', pinyin: '' };
    expect(press(typing, DONE, 'latin', 8)).toBe(typing);
  });
});

describe('the layouts', () => {
  const keys = (layout: KeyboardLayout) => ROWS[layout].flatMap((r) => r.split(' '));

  it('keeps every row to ten keys, so each is ≥ 80 px on a tall screen', () => {
    for (const layout of ['chinese', 'latin', 'email'] as const) {
      for (const row of ROWS[layout]) expect(row.split(' ').length).toBeLessThanOrEqual(10);
      expect(keys(layout)).toContain(BACKSPACE);
      expect(keys(layout)).toContain(DONE);
    }
  });

  it('has capitals and digits only for codes, and the marks of an address for e-mail', () => {
    expect(keys('latin').filter((k) => /^[a-z]$/.test(k))).toEqual([]);
    expect(keys('latin')).toEqual(expect.arrayContaining(['Q', 'Z', '0', '9']));
    expect(keys('email')).toEqual(expect.arrayContaining(['@', '.', '-', '_', 'q', '0']));
    expect(type([...'wang', '@'], 'email', 20).value).toBe('wang@');
  });
});
