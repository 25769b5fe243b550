// R3: every colour pair the renderer uses, read from ui/styles.css, meets WCAG's enhanced
// contrast: 7:1 for text, 4.5:1 for icons and control borders.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(path.resolve(import.meta.dirname, '../../ui/styles.css'), 'utf8');
const colours = new Map(
  [...css.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1], m[2]]),
);

function colour(name: string): string {
  const hex = colours.get(name);
  if (!hex) throw new Error(`--${name} is not a #rrggbb colour in ui/styles.css`);
  return hex;
}

/** WCAG 2 relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

/** [foreground, background, where]: the pairs styles.css puts together. */
const TEXT: [string, string, string][] = [
  ['ink', 'paper', 'body text'],
  ['ink', 'band', 'frame header and footer'],
  ['ink', 'alert-bg', 'error messages'],
  ['ink', 'disabled-bg', 'disabled buttons'],
  ['accent', 'paper', 'secondary buttons'],
  ['accent-ink', 'accent', 'primary buttons'],
  ['alert', 'paper', 'late fee'],
];
const NON_TEXT: [string, string, string][] = [
  ['alert', 'alert-bg', 'error icon and edge'],
  ['accent', 'band', 'button border in the frame'],
  ['disabled-edge', 'paper', 'disabled button border'],
  ['disabled-edge', 'band', 'disabled button border in the frame'],
];

describe('ui/styles.css contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  for (const [fg, bg, where] of TEXT) {
    it(`text ${fg} on ${bg} (${where}) is at least 7:1`, () => {
      expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(7);
    });
  }
  for (const [fg, bg, where] of NON_TEXT) {
    it(`${fg} on ${bg} (${where}) is at least 4.5:1`, () => {
      expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(4.5);
    });
  }

  it('uses no colour literal outside the named palette (besides the QR and the backdrop)', () => {
    const body = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/--[\w-]+:\s*#[0-9a-f]{6}\s*;/gi, '');
    expect(body.match(/#[0-9a-f]{3,8}\b/gi) ?? []).toEqual([]);
  });
});
