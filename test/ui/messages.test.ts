// Both languages say the same things: same keys, no empty message, same placeholders.
import { describe, expect, it } from 'vitest';
import { MESSAGES, translator } from '../../ui/i18n/messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('ui/i18n/messages', () => {
  const zh = MESSAGES['zh-CN'];
  const en = MESSAGES.en;

  it('has the same keys in zh-CN and en', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it('has no empty message', () => {
    for (const table of [zh, en]) {
      for (const [key, text] of Object.entries(table)) expect(text.trim(), key).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it('fills placeholders and lists the way each language does', () => {
    expect(translator('zh-CN')('yuan', { amount: '186.50' })).toBe('186.50 元');
    expect(translator('en')('yuan', { amount: '186.50' })).toBe('186.50 yuan');
    expect(translator('zh-CN').list(['电费', '水费'])).toBe('电费、水费');
    expect(translator('en').list(['Gas', 'Water'])).toBe('Gas, Water');
  });
});
