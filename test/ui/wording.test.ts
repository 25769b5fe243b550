// Chinese text reads as Chinese: full-width punctuation between Chinese words (「：」「，」「；」
// 「（）」, never ASCII), and no character typed twice by mistake (请凭凭证), except the words
// that are doubled on purpose (谢谢, 常常). Over every zh-CN table of the renderer and the
// information centre's texts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { receiptLines } from '../../src/receipts/receipt-text';
import { everyText } from '../../ui/i18n/messages';
import { paidInput, pendingInput } from '../receipts/fixtures';

const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
/** ASCII punctuation next to a Chinese character (spaces between them do not excuse it). */
const ASCII_BESIDE_HAN = new RegExp(
  `[${HAN}][ \\t]*[,.:;!?()\\[\\]"]|[,.:;!?()\\[\\]"][ \\t]*[${HAN}]`,
  'u',
);
const DOUBLED = new RegExp(`([${HAN}])\\1`, 'gu');
/** Words that are doubled on purpose. */
const DOUBLED_ON_PURPOSE: ReadonlySet<string> = new Set([
  '谢谢',
  '常常',
  '稍稍',
  '慢慢',
  '刚刚',
  '看看',
  '试试',
  '天天',
  '渐渐',
]);

/** What is wrong with a Chinese text, in words; empty when nothing. */
function wordingProblems(text: string): string[] {
  const problems: string[] = [];
  const ascii = ASCII_BESIDE_HAN.exec(text);
  if (ascii) problems.push(`ASCII punctuation in Chinese: "${ascii[0]}"`);
  for (const m of text.matchAll(DOUBLED)) {
    if (!DOUBLED_ON_PURPOSE.has(m[0])) problems.push(`doubled character: "${m[0]}"`);
  }
  return problems;
}

const INFO_DIR = path.join(import.meta.dirname, '../../content/info/zh-CN');

describe('Chinese wording', () => {
  it('finds what it is meant to find, and lets the rest be', () => {
    expect(wordingProblems('可收纸币: 1、5 元')).toHaveLength(1);
    expect(wordingProblems('请凭凭证找工作人员')).toEqual(['doubled character: "凭凭"']);
    expect(wordingProblems('余额(预存)')).toHaveLength(1);
    expect(wordingProblems('已输入 {count} 位, 请确认')).toHaveLength(1);
    expect(wordingProblems('谢谢，常常来')).toEqual([]);
    expect(wordingProblems('可收纸币：{notes} 元')).toEqual([]);
    expect(wordingProblems('校验值 SHA-256：{sha256}（{size} KB）')).toEqual([]);
    expect(wordingProblems('Notes accepted: {notes} yuan')).toEqual([]);
  });

  it('every zh-CN message has full-width punctuation and no character typed twice', () => {
    const found = everyText('zh-CN').flatMap(([key, text]) =>
      wordingProblems(text).map((p) => `${key}: ${p}`),
    );
    expect(found).toEqual([]);
  });

  it('so do the receipts as the screen shows them', () => {
    for (const input of [paidInput, pendingInput]) {
      const found = receiptLines(input).flatMap((line) =>
        wordingProblems(line).map((p) => `${line}: ${p}`),
      );
      expect(found).toEqual([]);
    }
  });

  it('so do the information centre texts', () => {
    const files = readdirSync(INFO_DIR).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(0);
    const found = files.flatMap((f) =>
      wordingProblems(readFileSync(path.join(INFO_DIR, f), 'utf8')).map((p) => `${f}: ${p}`),
    );
    expect(found).toEqual([]);
  });
});
