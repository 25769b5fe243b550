// A host restart (crash, update) gives a new per-launch token; the open kiosk page must find
// its way back by itself, with no one at the keyboard.
import { describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { startTestKiosk } from '../support/kiosk-fixture';

describe('after the host restarts', () => {
  it('the kiosk page reconnects and works again', async () => {
    const first = await startTestKiosk();
    const port = Number(new URL(first.kioskUrl).port);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(first.kioskUrl);
      await page.getByRole('button', { name: '开始缴费' }).click();
      await page.getByRole('heading', { name: '请选择缴费项目' }).waitFor();
      await first.stop();

      const second = await startTestKiosk({ server: { host: '127.0.0.1', port } });
      try {
        expect(second.host.token).not.toBe(first.host.token);
        // The new host starts at attract; the page shows it once it has reconnected.
        await page.getByRole('button', { name: '开始缴费' }).waitFor({ timeout: 15_000 });
        await page.getByRole('button', { name: '开始缴费' }).click();
        await page.getByRole('heading', { name: '请选择缴费项目' }).waitFor();
      } finally {
        await second.stop();
      }
    } finally {
      await browser.close();
    }
  });
});
