// Headless Debian Chromium for P6, with each page's CPU slowed down as a kiosk's modest
// processor would be (Emulation.setCPUThrottlingRate: 4 = four times slower).
import { chromium, type Browser, type Page } from 'playwright-core';

export const CPU_THROTTLING = 4;
export const KIOSK_VIEWPORT = { width: 1920, height: 1080 };

export function launchBenchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}

export async function throttledPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: KIOSK_VIEWPORT });
  // tsx (esbuild keepNames) wraps named functions in __name(); functions sent to the page call it.
  await page.addInitScript('globalThis.__name = (f) => f;');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLING });
  return page;
}

/** Resolves at the page's next animation frame: what changed before it is about to be painted. */
export function nextFrame(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        (
          globalThis as unknown as { requestAnimationFrame(cb: () => void): void }
        ).requestAnimationFrame(() => resolve()),
      ),
  );
}
