// Paper widths and column arithmetic. A receipt printer's font A cell is 12×24 dots for ASCII
// and 24×24 for a GB character, so a CJK character takes two columns: 80 mm paper (576 dots)
// holds 48 ASCII or 24 CJK characters a line, 58 mm (384 dots) 32 or 16.

export type PaperWidth = 58 | 80;

export const PAPER: Readonly<Record<PaperWidth, { dots: number; columns: number }>> = {
  58: { dots: 384, columns: 32 },
  80: { dots: 576, columns: 48 },
};

/** Dots per ASCII column (font A). */
export const COLUMN_DOTS = 12;

/** 1 for ASCII (a single GB18030 byte), 2 for anything else (a two-byte GB character). */
export function charWidth(ch: string): 1 | 2 {
  return (ch.codePointAt(0) ?? 0) < 0x80 ? 1 : 2;
}

export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

/** Columns of a line for a paper width, halved for double-size characters. */
export function columnsFor(paper: PaperWidth, double = false): number {
  return double ? PAPER[paper].columns / 2 : PAPER[paper].columns;
}

/** Punctuation that may not open a line (Chinese typesetting): it takes a character along. */
const NO_LINE_START = new Set([...'，。、；：！？）》」』】,.;:!?)']);

/**
 * Breaks text into lines of at most `columns`, character by character as the printer does (a
 * CJK character that would straddle the edge starts the next line). Closing punctuation never
 * opens a line; continuation lines lose their leading spaces.
 */
export function wrap(text: string, columns: number): string[] {
  const lines: string[] = [];
  let line: string[] = [];
  let width = 0;
  for (const ch of text) {
    const w = charWidth(ch);
    if (width + w > columns && line.length > 0) {
      const carried = NO_LINE_START.has(ch) && line.length > 1 ? line.splice(-1) : [];
      lines.push(line.join(''));
      line = carried;
      width = textWidth(carried.join(''));
    }
    if (line.length === 0 && lines.length > 0 && ch === ' ') continue;
    line.push(ch);
    width += w;
  }
  if (line.length > 0 || lines.length === 0) lines.push(line.join(''));
  return lines;
}

/** `left` and `right` on one line of `columns`, spaced apart; null when they do not fit. */
export function spread(left: string, right: string, columns: number): string | null {
  const gap = columns - textWidth(left) - textWidth(right);
  return gap >= 1 ? left + ' '.repeat(gap) + right : null;
}

/** Right-aligns text in `columns` (no change when it is already as wide). */
export function alignRight(text: string, columns: number): string {
  return ' '.repeat(Math.max(0, columns - textWidth(text))) + text;
}
