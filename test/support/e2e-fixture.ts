// One simulated kiosk and one headless Chromium per e2e file, started before its tests and
// stopped after them.
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import { startTestKiosk } from './kiosk-fixture';

export type TestKiosk = Awaited<ReturnType<typeof startTestKiosk>>;

export function useKioskInChromium(...args: Parameters<typeof startTestKiosk>): {
  kiosk(): TestKiosk;
  browser(): Browser;
} {
  let kiosk: TestKiosk | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    kiosk = await startTestKiosk(...args);
    browser = await launchChromium(kiosk.camera ? { cameraFile: kiosk.camera.file } : {});
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
  });
  const must = <T>(v: T | undefined, what: string): T => {
    if (!v) throw new Error(`${what} is not started`);
    return v;
  };
  return { kiosk: () => must(kiosk, 'kiosk'), browser: () => must(browser, 'browser') };
}
