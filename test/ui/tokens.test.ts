// ui/design/tokens.css is generated from ui/design/tokens.ts: the stylesheets and the TS module
// can never disagree. UPDATE_TOKENS=1 rewrites the CSS from the module.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLOURS, TYPE, tokensCss, typePx } from '../../ui/design/tokens';

const CSS = path.resolve(import.meta.dirname, '../../ui/design/tokens.css');

describe('design tokens', () => {
  it('tokens.css is tokens.ts, as CSS custom properties', () => {
    if (process.env.UPDATE_TOKENS) writeFileSync(CSS, tokensCss());
    expect(readFileSync(CSS, 'utf8')).toBe(tokensCss());
  });

  it('names every colour as #rrggbb and keeps type at the rule sizes at every text size (R1)', () => {
    for (const [name, hex] of Object.entries(COLOURS)) expect(hex, name).toMatch(/^#[0-9a-f]{6}$/);
    for (const scale of [1, 1.25, 1.5]) {
      expect(typePx(TYPE.chrome, scale)).toBeGreaterThanOrEqual(24);
      expect(typePx(TYPE.control, scale)).toBeGreaterThanOrEqual(28);
      expect(typePx(TYPE.body, scale)).toBeGreaterThanOrEqual(28);
      for (const key of ['title', 'banner', 'amount', 'amount-large', 'amount-huge'] as const) {
        expect(typePx(TYPE[key], scale), key).toBeGreaterThanOrEqual(40);
        // Large text stays larger than body text at every size.
        expect(typePx(TYPE[key], scale), key).toBeGreaterThan(typePx(TYPE.body, scale));
      }
    }
  });

  it('every var(--x) the stylesheets use is a token or defined there', () => {
    const files = ['ui/styles.css', 'ui/design/design.css', 'ui/keyboard/keyboard.css'].map((f) =>
      readFileSync(path.resolve(import.meta.dirname, '../..', f), 'utf8'),
    );
    const defined = new Set(
      [readFileSync(CSS, 'utf8'), ...files].flatMap((css) =>
        [...css.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]),
      ),
    );
    const used = new Set(
      files.flatMap((css) => [...css.matchAll(/var\((--[\w-]+)/g)].map((m) => m[1])),
    );
    expect([...used].filter((v) => !defined.has(v))).toEqual([]);
  });
});
