// The service point in E2E tests: a page on the kiosk at its screen size in the run's language,
// and typing on the kiosk's own keypad (digits, and Latin capitals in pages of nine).
import type { Browser, Page } from 'playwright-core';
import type { TestKiosk } from './e2e-fixture';
import { attractIn } from './kiosk-locale';

export async function openKiosk(
  browser: Browser,
  kiosk: TestKiosk,
  locale: 'zh-CN' | 'en',
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(kiosk.launchUrl());
  await attractIn(page, kiosk, locale);
  return page;
}

/** Types on the kiosk's keypad, turning to the page (0–9, A–I, J–R, S–Z) a character is on. */
export async function typeOnKeypad(page: Page, text: string): Promise<void> {
  const pages = ['0123456789', 'ABCDEFGHI', 'JKLMNOPQR', 'STUVWXYZ'];
  const labels = ['0–9', 'A–I', 'J–R', 'S–Z'];
  for (const key of text) {
    const button = page.getByRole('button', { name: key, exact: true });
    if ((await button.count()) === 0) {
      const label = labels[pages.findIndex((p) => p.includes(key))] ?? '';
      await page.getByRole('button', { name: label, exact: true }).click();
    }
    await button.click();
  }
}
