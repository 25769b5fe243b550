// Every screen of the built gallery (dist/gallery: the real renderer fed fixture snapshots) against
// the age-friendly rules and the layout rules of the elder look, in both languages, at every
// text size (1, 1.25, 1.5), landscape and portrait (axe at 1 and at 1.5 landscape, where colours
// and names cannot differ from the other sizes), and still (L4) at 1280 × 720 as well; then, per
// language, size and orientation, the frame's header and the primary action held to one place
// across all screens (L3). A screenshot
// of each (zh-CN, scale 1) goes into docs/screenshots/<id>-<orientation>.png.
// UX_VIOLATIONS_FILE=path also writes every violation found there as JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Locale } from '../../src/api/kiosk-api';
import { FIXTURES, type Fixture } from '../../sim/gallery/fixtures';
import { launchChromium } from '../support/browser';
import { AXE_PATH, serveGallery } from '../support/gallery-server';
import {
  AXE_SOURCE,
  checkStill,
  compareLayouts,
  formatViolations,
  layoutOf,
  runUxChecks,
  type Layout,
  type UxViolation,
} from '../support/ux-checks';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHOTS = path.join(ROOT, 'docs/screenshots');
/** Pages checked at once: one loads while the other is checked (the machine has two cores). */
const PAGES = 2;

const LANDSCAPE = { name: 'landscape', width: 1920, height: 1080 } as const;
const PORTRAIT = { name: 'portrait', width: 1080, height: 1920 } as const;
/**
 * A size no terminal has (a desktop browser's default): only L4 is held there, that every
 * screen keeps still — the screens are laid out for the two terminal sizes.
 */
const SHORT = { name: 'short', width: 1280, height: 720 } as const;
type Viewport = typeof LANDSCAPE | typeof PORTRAIT | typeof SHORT;

interface Variant {
  locale: Locale;
  scale: 1 | 1.25 | 1.5;
  viewport: Viewport;
  screenshot: boolean;
  /** axe (R3) too: colours and names are the same at every size, so twice is enough. */
  axe: boolean;
}

const VARIANTS: Variant[] = (['zh-CN', 'en'] as const).flatMap((locale) =>
  ([1, 1.25, 1.5] as const).flatMap((scale) =>
    [LANDSCAPE, PORTRAIT].map((viewport) => ({
      locale,
      scale,
      viewport,
      screenshot: locale === 'zh-CN' && scale === 1,
      axe: scale === 1 || (scale === 1.5 && viewport === LANDSCAPE),
    })),
  ),
);
/** L4 at the third size: in Chinese at ×1, in English at ×1.5. */
const STILL_VARIANTS: Variant[] = [
  { locale: 'zh-CN', scale: 1, viewport: SHORT, screenshot: false, axe: false },
  { locale: 'en', scale: 1.5, viewport: SHORT, screenshot: false, axe: false },
];
const variantKey = (v: Variant) => `${v.locale} ×${v.scale} ${v.viewport.name}`;
/** L3's figures: variant → fixture id → layout. */
const layouts = new Map<string, Map<string, Layout>>();

let server: Server;
let origin = '';
let browser: Browser;
const idle: Page[] = [];
const waiting: ((p: Page) => void)[] = [];
const found: Record<string, string[]> = {};

async function withPage<T>(use: (page: Page) => Promise<T>): Promise<T> {
  const page = idle.pop() ?? (await new Promise<Page>((r) => waiting.push(r)));
  try {
    return await use(page);
  } finally {
    const next = waiting.shift();
    if (next) next(page);
    else idle.push(page);
  }
}

/** Loads one fixture variant; throws with the gallery's message if it could not show it. */
async function show(page: Page, f: Fixture, v: Variant): Promise<void> {
  await page.setViewportSize({ width: v.viewport.width, height: v.viewport.height });
  await page.goto(`${origin}/index.html?screen=${f.id}&locale=${v.locale}&scale=${v.scale}`);
  const shown = page.locator('[data-screen], pre[role=alert]').first();
  await shown.waitFor({ timeout: 10_000 });
  if ((await shown.getAttribute('role')) === 'alert') throw new Error(await shown.innerText());
  // A part loaded on first use (the text keyboard) is checked once it is there.
  await page.locator('[data-loading]').first().waitFor({ state: 'detached', timeout: 10_000 });
  await page.evaluate(
    () =>
      (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts
        .ready,
  );
}

async function check(f: Fixture, v: Variant): Promise<UxViolation[]> {
  return withPage(async (page) => {
    await show(page, f, v);
    const snapshot = f.snapshot(v.locale);
    const vs = await runUxChecks(page, {
      promptShown: snapshot.prompt !== null,
      muted: snapshot.prefs.muted,
      axeUrl: `${origin}${AXE_PATH}`,
      axe: v.axe,
    });
    const layout = await layoutOf(page);
    if (layout) {
      const key = variantKey(v);
      if (!layouts.has(key)) layouts.set(key, new Map());
      layouts.get(key)?.set(f.id, layout);
    }
    if (v.screenshot) {
      await page.screenshot({ path: path.join(SHOTS, `${f.id}-${v.viewport.name}.png`) });
    }
    return vs;
  });
}

/** L4 alone, at a size the screens are not laid out for: still, even where they do not fit. */
function checkStillOnly(f: Fixture, v: Variant): Promise<UxViolation[]> {
  return withPage(async (page) => {
    await show(page, f, v);
    return checkStill(page);
  });
}

beforeAll(async () => {
  ({ server, origin } = await serveGallery({ [AXE_PATH]: AXE_SOURCE }));
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: LANDSCAPE, deviceScaleFactor: 1 });
  for (let i = 0; i < PAGES; i++) idle.push(await context.newPage());
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  const out = process.env.UX_VIOLATIONS_FILE;
  if (out) writeFileSync(out, JSON.stringify(found, null, 2) + '\n');
});

describe.concurrent('every screen meets the age-friendly rules', () => {
  it.each(FIXTURES.map((f) => [f.id, f] as const))('%s', { timeout: 240_000 }, async (id, f) => {
    const lines: string[] = [];
    for (const v of [...VARIANTS, ...STILL_VARIANTS]) {
      const where = `[${variantKey(v)}]`;
      const vs = v.viewport === SHORT ? await checkStillOnly(f, v) : await check(f, v);
      if (vs.length)
        lines.push(
          ...formatViolations(vs)
            .split('\n')
            .map((l) => `${where} ${l}`),
        );
    }
    if (lines.length) found[id] = lines;
    expect(lines.join('\n'), `${id}: ${lines.length} violations`).toBe('');
  });
});

describe('the layout of the elder look', () => {
  it("keeps the frame's header and the primary action in one place on every screen (L3)", () => {
    expect(layouts.size).toBeGreaterThan(0);
    const lines: string[] = [];
    for (const v of VARIANTS) {
      const key = variantKey(v);
      // In the order of FIXTURES, so the reference is always the attract screen.
      const byId = layouts.get(key) ?? new Map<string, Layout>();
      const ordered = new Map(
        FIXTURES.flatMap((f) => (byId.has(f.id) ? [[f.id, byId.get(f.id) as Layout]] : [])),
      );
      for (const violation of compareLayouts(ordered))
        lines.push(`[${key}] ${formatViolations([violation])}`);
    }
    if (lines.length) found['L3'] = lines;
    expect(lines.join('\n'), `${lines.length} screens moved the header or the primary action`).toBe(
      '',
    );
  });
});

describe('the gallery', () => {
  it('records what a tap sends instead of sending it', async () => {
    const events = await withPage(async (page) => {
      await page.goto(`${origin}/index.html?screen=attract`);
      await page.getByRole('button', { name: '开始缴费' }).click();
      return page.evaluate(
        () => (globalThis as unknown as { __galleryEvents: unknown[] }).__galleryEvents,
      );
    });
    expect(events).toEqual([{ type: 'START' }]);
  });

  it('says why it cannot show a screen', async () => {
    const text = await withPage(async (page) => {
      await page.goto(`${origin}/index.html?screen=no-such-screen`);
      return page.getByRole('alert').innerText();
    });
    expect(text).toBe('no fixture "no-such-screen"');
  });
});
