// A host restart (crash, update) must not lose the kiosk's screen: the open page finds its way
// back by itself, with no one at the keyboard, because its pass outlives the host process.
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
      await page.goto(first.launchUrl());
      await page.getByRole('button', { name: '开始缴费' }).click();
      await page.getByRole('heading', { name: '请选择缴费项目' }).waitFor();
      await first.close(); // the state folder stays, as on a terminal

      const second = await startTestKiosk(
        { server: { host: '127.0.0.1', port } },
        { dir: first.dir },
      );
      try {
        // The new host starts at attract; the page shows it once it has reconnected.
        await page.getByRole('button', { name: '开始缴费' }).waitFor({ timeout: 15_000 });
        await page.getByRole('button', { name: '开始缴费' }).click();
        await page.getByRole('heading', { name: '请选择缴费项目' }).waitFor();
        // The pass is the page's alone: a client without it still gets no kiosk.
        expect((await fetch(second.kioskUrl)).status).toBe(403);
      } finally {
        await second.stop();
      }
    } finally {
      await browser.close();
    }
  });
});
