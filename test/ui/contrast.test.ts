// R3: every colour pair the renderer uses, from the design tokens (ui/design/tokens.ts, which
// tokens.css mirrors), meets WCAG's enhanced contrast: 7:1 for text, 4.5:1 for icons and
// control borders.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLOURS, type Colour } from '../../ui/design/tokens';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The stylesheets that may use colours: by token only. */
const SHEETS = ['ui/styles.css', 'ui/design/design.css', 'ui/keyboard/keyboard.css'];

function colour(name: Colour): string {
  return COLOURS[name];
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

/** [foreground, background, where]: the pairs the stylesheets put together. */
const TEXT: [Colour, Colour, string][] = [
  ['ink', 'paper', 'body text'],
  ['ink', 'band', 'frame header and footer'],
  ['ink', 'alert-bg', 'error messages'],
  ['ink', 'disabled-bg', 'disabled buttons'],
  ['accent', 'paper', 'secondary buttons'],
  ['accent-ink', 'accent', 'primary buttons'],
  ['alert', 'paper', 'late fee'],
  ['ink', 'surface', 'tiles, cards, the receipt picture'],
  ['accent', 'surface', "the topic card's heading on the idle screen"],
  ['ink', 'info-bg', 'an information notice, the help title'],
  ['accent', 'info-bg', 'the help and waiting titles'],
  ['ink', 'warning-bg', 'a warning notice, a refund-slip title'],
  ['warning', 'warning-bg', 'the refund-slip title'],
  ['ink', 'success-bg', 'a success notice'],
  ['success', 'success-bg', 'the paid title'],
  ['alert', 'alert-bg', 'the problem title'],
  ['accent', 'paper', 'the step indicator'],
];
const NON_TEXT: [Colour, Colour, string][] = [
  ['alert', 'alert-bg', 'error icon and edge'],
  ['accent', 'band', 'button border in the frame'],
  ['disabled-edge', 'paper', 'disabled button border'],
  ['disabled-edge', 'band', 'disabled button border in the frame'],
  ['accent', 'surface', "tile icons and edges; the terminal's marked part on its cabinet"],
  ['ink', 'disabled-bg', "a paused tile's icon"],
  ['warning', 'warning-bg', 'warning icon and edge'],
  ['success', 'success-bg', 'success pictogram and edge'],
  ['accent', 'info-bg', 'information icon and edge'],
  ['ink', 'surface', "the terminal's outline and a part's icon"],
  ['ink', 'band', "the terminal's screen outline"],
  ['accent-ink', 'accent', "the marked part's icon and opening"],
  ['accent', 'band', 'the arrow on the terminal screen'],
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

  it('uses no colour literal outside the tokens (besides the QR and the backdrop)', () => {
    for (const sheet of SHEETS) {
      const css = readFileSync(path.join(ROOT, sheet), 'utf8');
      const body = css.replace(/\/\*[\s\S]*?\*\//g, '');
      expect(body.match(/#[0-9a-f]{3,8}\b/gi) ?? [], sheet).toEqual([]);
    }
  });
});
