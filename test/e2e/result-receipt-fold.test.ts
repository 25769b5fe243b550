// The result screens (a payment's, an application's) on a wide display at large text, in the built gallery: the copy of the
// receipt waits behind "Show the receipt", and both ways — folded and opened by a tap — every
// block holds its content (R12) and the e-receipt's QR is whole, at its full size, on screen.
// A tall display keeps the copy in view. (The UX suite sees only the folded state: it taps
// nothing.)
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { serveGallery } from '../support/gallery-server';
import { checkOverflow, formatViolations } from '../support/ux-checks';

let server: Server;
let origin = '';
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ server, origin } = await serveGallery());
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

async function show(id: string, locale: 'zh-CN' | 'en', scale: number): Promise<void> {
  await page.goto(`${origin}/index.html?screen=${id}&locale=${locale}&scale=${scale}`);
  await page.locator('[data-screen]').first().waitFor();
}

/** The QR's box, which must be whole, 300 px wide and inside the viewport. */
async function qrBox() {
  const box = await page.getByRole('img', { name: 'E-receipt QR code' }).boundingBox();
  expect(box).not.toBeNull();
  return box ?? { x: 0, y: 0, width: 0, height: 0 };
}

describe('the copy of the receipt on a wide display at large text', () => {
  it.each(['paid', 'paid-e-receipt', 'pending-sync', 'apply-receipt', 'apply-receipt-pending'])(
    '%s: folded, then opened, everything fits',
    { timeout: 60_000 },
    async (id) => {
      await page.setViewportSize({ width: 1920, height: 1080 });
      await show(id, 'en', 1.5);
      const receipt = page.getByRole('figure', { name: 'Receipt' });
      expect(await receipt.count()).toBe(0);
      expect(formatViolations(await checkOverflow(page))).toBe('');
      await page.getByRole('button', { name: 'Show the receipt' }).click();
      await receipt.waitFor();
      if (!id.startsWith('apply')) expect(await receipt.textContent()).toContain('3100****56');
      expect(formatViolations(await checkOverflow(page))).toBe('');
      await page.getByRole('button', { name: 'Hide the receipt' }).click();
      await receipt.waitFor({ state: 'detached' });
    },
  );

  it(
    'keeps the e-receipt QR whole and at its size, folded and opened',
    { timeout: 60_000 },
    async () => {
      await page.setViewportSize({ width: 1920, height: 1080 });
      await show('paid-e-receipt', 'en', 1.5);
      for (const step of ['folded', 'opened']) {
        if (step === 'opened') await page.getByRole('button', { name: 'Show the receipt' }).click();
        const box = await qrBox();
        expect(box.width, step).toBe(300);
        expect(box.y + box.height, step).toBeLessThanOrEqual(1080);
      }
    },
  );

  it('shows the copy at once on a tall display and at ×1, with no action for it', async () => {
    for (const [viewport, scale] of [
      [{ width: 1080, height: 1920 }, 1.5],
      [{ width: 1920, height: 1080 }, 1],
    ] as const) {
      await page.setViewportSize(viewport);
      await show('paid', 'zh-CN', scale);
      await page.getByRole('figure', { name: '凭证' }).waitFor();
      expect(await page.getByRole('button', { name: '查看凭证' }).count()).toBe(0);
    }
  });
});
