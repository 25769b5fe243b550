// The information centre's files: both languages per topic, ordered, a bad file skipped and
// reported (never fatal); the shipped content loads whole.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_INFO_DIR } from '../../src/host/start-host';
import { loadInfoContent } from '../../src/info/info-content';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'info-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('information centre content', () => {
  it('pairs the languages by file name, in NN order, paragraphs by blank lines', () => {
    const dir = folder({
      'zh-CN/02-b.md': '# 乙\n\n第一段\n续行\n\n第二段\n',
      'en/02-b.md': '# B\n\nOne\n\nTwo\n',
      'zh-CN/01-a.md': '# 甲\n\n内容\n',
      'en/01-a.md': '# A\n\nText\n',
    });
    const { topics, skipped } = loadInfoContent(dir);
    expect(skipped).toEqual([]);
    expect(topics.map((t) => t.id)).toEqual(['a', 'b']);
    expect(topics[1]).toEqual({
      id: 'b',
      title: { 'zh-CN': '乙', en: 'B' },
      paragraphs: { 'zh-CN': ['第一段 续行', '第二段'], en: ['One', 'Two'] },
    });
  });

  it('skips and reports a file without a title, a bad name, and a topic in one language', () => {
    const dir = folder({
      'zh-CN/01-a.md': 'no title\n',
      'en/01-a.md': '# A\n\nText\n',
      'zh-CN/notes.txt': 'x',
      'zh-CN/02-only-zh.md': '# 只有中文\n\n内容\n',
    });
    const { topics, skipped } = loadInfoContent(dir);
    expect(topics).toEqual([]);
    expect(skipped.map((s) => s.reason)).toEqual(
      expect.arrayContaining([
        'no "# Title" line or no text',
        'name is not NN-topic-id.md',
        'missing in zh-CN',
        'missing in en',
      ]),
    );
  });

  it('the shipped content has all six topics in both languages', () => {
    const { topics, skipped } = loadInfoContent(DEFAULT_INFO_DIR);
    expect(skipped).toEqual([]);
    expect(topics.map((t) => t.id)).toEqual([
      'tiered-pricing',
      'saving-electricity',
      'service-commitments',
      'smart-meters',
      'procedures',
      'electrical-safety',
    ]);
  });
});
