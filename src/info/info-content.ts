// The information centre's content: Markdown-like files an operator can replace without a
// rebuild, one per topic and language: `<dir>/<locale>/<NN-id>.md`, the first line `# Title`,
// paragraphs separated by blank lines. A topic needs both languages; a bad file is skipped and
// reported, never fatal (the kiosk still takes payments).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { InfoContent } from '../flows/session-types';

const LOCALES = ['zh-CN', 'en'] as const;
const FILE = /^(\d{2})-([a-z0-9-]{1,40})\.md$/;
const MAX_BYTES = 64 * 1024;

export interface InfoLoad {
  topics: InfoContent[];
  /** Files that could not be used, with why. */
  skipped: { file: string; reason: string }[];
}

function parse(text: string): { title: string; paragraphs: string[] } | null {
  const [first = '', ...rest] = text.replace(/\r\n/g, '\n').split('\n');
  const title = /^#\s+(.+)$/.exec(first.trim())?.[1]?.trim();
  if (!title) return null;
  const paragraphs = rest
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p.length > 0);
  return paragraphs.length > 0 ? { title, paragraphs } : null;
}

export function loadInfoContent(dir: string): InfoLoad {
  const skipped: InfoLoad['skipped'] = [];
  const byId = new Map<
    string,
    { order: string; parts: Partial<Record<string, ReturnType<typeof parse>>> }
  >();
  for (const locale of LOCALES) {
    let files: string[];
    try {
      files = readdirSync(path.join(dir, locale));
    } catch {
      skipped.push({ file: path.join(dir, locale), reason: 'no such folder' });
      continue;
    }
    for (const file of files.sort()) {
      const m = FILE.exec(file);
      if (!m) {
        skipped.push({ file: `${locale}/${file}`, reason: 'name is not NN-topic-id.md' });
        continue;
      }
      const text = readFileSync(path.join(dir, locale, file), 'utf8');
      const parsed = text.length <= MAX_BYTES ? parse(text) : null;
      if (!parsed) {
        skipped.push({ file: `${locale}/${file}`, reason: 'no "# Title" line or no text' });
        continue;
      }
      const id = m[2] ?? '';
      const entry = byId.get(id) ?? { order: m[1] ?? '', parts: {} };
      entry.parts[locale] = parsed;
      byId.set(id, entry);
    }
  }
  const topics: InfoContent[] = [];
  for (const [id, { parts }] of [...byId].sort((a, b) => a[1].order.localeCompare(b[1].order))) {
    const zh = parts['zh-CN'];
    const en = parts.en;
    if (!zh || !en) {
      skipped.push({ file: id, reason: `missing in ${zh ? 'en' : 'zh-CN'}` });
      continue;
    }
    topics.push({
      id,
      title: { 'zh-CN': zh.title, en: en.title },
      paragraphs: { 'zh-CN': zh.paragraphs, en: en.paragraphs },
    });
  }
  return { topics, skipped };
}
