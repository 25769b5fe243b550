// The text keyboard (ui/keyboard/) tapped in Chromium on the gallery's field stages, by visible
// text, in both languages: pinyin typed on the keys offers characters, a tap on one types it,
// "more" turns the page, the field stops at its length, and 完成 / Done hands the text back.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { serveGallery } from '../support/gallery-server';

let server: Server;
let origin = '';
let browser: Browser;

beforeAll(async () => {
  ({ server, origin } = await serveGallery());
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

/** Opens a field stage of the gallery on a tall screen, once its keys are there. */
async function onStage(id: string, locale: 'zh-CN' | 'en', use: (page: Page) => Promise<void>) {
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  try {
    await page.goto(`${origin}/index.html?screen=${id}&locale=${locale}`);
    await page.locator('.hg-button').first().waitFor();
    await use(page);
  } finally {
    await page.close();
  }
}

const typed = (page: Page) => page.locator('output.keyboard-text').innerText();
const tap = (page: Page, name: string) =>
  page.getByRole('button', { name, exact: true }).first().click();
const candidates = (page: Page) =>
  page.getByRole('group', { name: /候选的字|Characters to choose from/ }).getByRole('button');
/** What the stage was handed by 完成 / Done (FieldStageView.tsx). */
const doneWith = (page: Page) => page.locator('body').getAttribute('data-field-done');

describe('the pinyin keyboard', () => {
  for (const [locale, words] of [
    ['zh-CN', { del: '删除', more: '换一批', done: '完成', full: '字数已满，请按完成' }],
    ['en', { del: 'Delete', more: 'More', done: 'Done', full: 'The field is full: tap Done' }],
  ] as const) {
    it(`types 王小明 by pinyin, choosing the characters (${locale})`, async () => {
      await onStage('text-keyboard-chinese', locale, async (page) => {
        // The stage opens with 王 typed and "xiao" waiting: its characters are offered.
        expect(await typed(page)).toBe('王xiao');
        await expect.poll(() => candidates(page).allInnerTexts()).toContain('小');
        await tap(page, '小');
        expect(await typed(page)).toBe('王小');

        for (const k of 'ming') await tap(page, k);
        expect(await typed(page)).toBe('王小ming');
        const first = await candidates(page).allInnerTexts();
        expect(first[0]).toBe('明');
        // Another page of characters, then back to the first (the pages wrap round).
        await tap(page, words.more);
        expect(await candidates(page).allInnerTexts()).not.toEqual(first);
        await tap(page, words.del);
        expect(await typed(page)).toBe('王小min');
        await tap(page, 'g');
        await tap(page, '明');
        expect(await typed(page)).toBe('王小明');

        await tap(page, words.done);
        expect(await doneWith(page)).toBe('王小明');
      });
    });
  }

  it('stops at the length of the field, and says so', async () => {
    await onStage('text-keyboard-latin', 'zh-CN', async (page) => {
      expect(await typed(page)).toBe('A12');
      for (const k of ['B', 'C', 'D', 'E', 'F', 'G']) await tap(page, k);
      expect(await typed(page)).toBe('A12BCDEF');
      await expect.poll(() => page.getByText('字数已满，请按完成').count()).toBe(1);
      await tap(page, '删除');
      expect(await typed(page)).toBe('A12BCDE');
    });
  });

  it('types an e-mail address in lower case with its marks', async () => {
    await onStage('text-keyboard-email', 'en', async (page) => {
      for (const k of ['e', 'x', '.', 'c', 'n']) await tap(page, k);
      expect(await typed(page)).toBe('wang.li@ex.cn');
      await tap(page, 'Done');
      expect(await doneWith(page)).toBe('wang.li@ex.cn');
    });
  });
});
