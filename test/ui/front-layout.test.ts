// The terminal's front is drawn from the config's layout: each part where the layout puts it,
// in its order, never overlapping the screen or another part, and named in words by side.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FRONT_PANEL, type FrontPanel } from '../../src/api/kiosk-api';
import { frontLayout, whereIs, type Box } from '../../ui/design/front-layout';
import { STEP_OF_SCREEN } from '../../ui/design/steps';
import { translator } from '../../ui/i18n/messages';

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Box, b: Box) =>
  a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

const LAYOUTS: FrontPanel[] = [
  DEFAULT_FRONT_PANEL,
  { left: ['receipt'], right: ['scanner'], below: ['notes'] },
  { left: ['notes', 'scanner', 'receipt'], right: [], below: [] },
  { left: [], right: [], below: ['scanner', 'notes', 'receipt'] },
];

describe("the terminal's front", () => {
  it.each(LAYOUTS.map((l) => [JSON.stringify(l), l] as const))('%s', (_, panel) => {
    const layout = frontLayout(panel);
    const { screen, cabinet } = layout;
    expect(inside(screen, cabinet)).toBe(true);
    for (const p of layout.parts) {
      expect(inside(p, cabinet), p.part).toBe(true);
      expect(overlaps(p, screen), p.part).toBe(false);
      // Left of, right of, or below the screen, as configured.
      if (p.side === 'left') expect(p.x + p.w).toBeLessThanOrEqual(screen.x);
      if (p.side === 'right') expect(p.x).toBeGreaterThanOrEqual(screen.x + screen.w);
      if (p.side === 'below') expect(p.y).toBeGreaterThanOrEqual(screen.y + screen.h);
      for (const q of layout.parts) if (q !== p) expect(overlaps(p, q)).toBe(false);
    }
    // In the configured order: top to bottom beside the screen, left to right below it.
    for (const side of ['left', 'right', 'below'] as const) {
      const drawn = layout.parts.filter((p) => p.side === side);
      expect(drawn.map((p) => p.part)).toEqual(panel[side]);
      const along = drawn.map((p) => (side === 'below' ? p.x : p.y));
      expect(along).toEqual([...along].sort((a, b) => a - b));
    }
    // An empty side takes no room.
    if (panel.left.length === 0) expect(screen.x).toBeLessThan(30);
  });

  it('says where each part is, and which one when a side has two', () => {
    const zh = translator('zh-CN');
    const en = translator('en');
    const parts = frontLayout(DEFAULT_FRONT_PANEL).parts;
    const of = (part: string) => {
      const found = parts.find((p) => p.part === part);
      if (!found) throw new Error(`${part} not drawn`);
      return found;
    };
    expect(whereIs(zh, of('notes'))).toBe('纸币口在屏幕右边，上面一个');
    expect(whereIs(zh, of('receipt'))).toBe('凭证出口在屏幕右边，下面一个');
    expect(whereIs(zh, of('scanner'))).toBe('扫码口在屏幕下方');
    expect(whereIs(en, of('scanner'))).toBe('The scanner window is below the screen');
    const below = frontLayout({
      left: [],
      right: [],
      below: ['scanner', 'notes', 'receipt'],
    }).parts;
    expect(below.map((p) => whereIs(zh, p))).toEqual([
      '扫码口在屏幕下方，左边一个',
      '纸币口在屏幕下方，中间一个',
      '凭证出口在屏幕下方，右边一个',
    ]);
  });
});

describe('the step indicator', () => {
  it('counts up along the paying path and is off it elsewhere', () => {
    const path = [
      'chooseBiller',
      'enterAccount',
      'lookingUp',
      'bills',
      'confirm',
      'insertCash',
    ] as const;
    const steps = path.map((s) => STEP_OF_SCREEN[s]);
    expect(steps).toEqual([1, 2, 2, 3, 3, 4]);
    for (const off of ['attract', 'paid', 'problem', 'staffHelp', 'info'] as const) {
      expect(STEP_OF_SCREEN[off]).toBeNull();
    }
  });
});
