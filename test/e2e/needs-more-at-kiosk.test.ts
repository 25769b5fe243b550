// End to end in headless Chromium with the fake document camera (sim/fake-camera/): the seeded
// application a reviewer sent back (N3ED-5MR8, mobile 13912345678, asking for the property
// certificate or lease) answered at the kiosk by visible text: 现在补交材料 on its progress, the
// document photographed (a blurred photo refused and retaken), reviewed, added, the receipt,
// and the progress again — in review. In English first: the offer and the camera, then back.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CameraShot } from '../../sim/control/protocol';
import { DEMO_COMMUNITY } from '../../sim/gateway/community-seed';
import { useKioskInChromium } from '../support/e2e-fixture';
import { openKiosk, typeOnKeypad } from '../support/service-keypad';

const env = useKioskInChromium(
  { community: { id: DEMO_COMMUNITY, uploadTimeoutMs: 60_000, answerWaitMs: 3_000 } },
  { fakeCamera: true },
);

const show = (shot: CameraShot) => env.kiosk().camera?.show(shot);

const open = (locale: 'zh-CN' | 'en') => openKiosk(env.browser(), env.kiosk(), locale);

/** The progress of N3ED-5MR8, by its code and the mobile's last four. */
async function progress(
  page: Page,
  w: { services: string; check: string; next: string; confirm: string },
) {
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  await button(w.services).click();
  // A tile's name is its label and the line under it.
  await page.getByRole('button', { name: w.check }).click();
  await typeOnKeypad(page, 'N3ED5MR8');
  await button(w.next).click();
  await page.getByRole('button', { name: '5', exact: true }).waitFor();
  await typeOnKeypad(page, '5678');
  await button(w.confirm).click();
}

/** Taps 拍照 once the camera is live again, having set what it shows at its next start. */
async function take(page: Page, button: string, next: CameraShot): Promise<void> {
  const b = page.getByRole('button', { name: button, exact: true });
  await expect.poll(() => b.isEnabled(), { timeout: 15_000 }).toBe(true);
  show(next);
  await b.click();
}

describe('"needs more" answered at the kiosk', () => {
  it('in English: the progress offers to add the documents now; the camera names the document', async () => {
    const page = await open('en');
    await progress(page, {
      services: 'Community services',
      check: 'Check progress',
      next: 'Next',
      confirm: 'Confirm',
    });
    await page.getByRole('alert').filter({ hasText: 'You can photograph them here' }).waitFor({
      timeout: 10_000,
    });
    show('property-certificate');
    await page.getByRole('button', { name: 'Add the documents now' }).click();
    await page.getByRole('heading', { name: 'Property certificate or lease' }).waitFor();
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.getByRole('heading', { name: 'Progress of your application' }).waitFor();
    await page.getByRole('button', { name: 'Done', exact: true }).click();
    await page.getByRole('button', { name: '开始缴费' }).waitFor({ timeout: 10_000 });
    await page.close();
  }, 90_000);

  it('in Chinese: photographed (a blurred photo refused, retaken), added, and in review again', async () => {
    const page = await open('zh-CN');
    await progress(page, {
      services: '社区服务',
      check: '查进度',
      next: '下一步',
      confirm: '确认',
    });
    await page.getByRole('heading', { name: '办理进度' }).waitFor({ timeout: 10_000 });
    show('property-certificate');
    await page.getByRole('button', { name: '现在补交材料' }).click();
    await page.getByRole('heading', { name: '房产证或租赁合同' }).waitFor();
    await take(page, '拍照', 'blurred');
    await page.getByText('已拍好 1 页').waitFor({ timeout: 15_000 });
    // A second page, blurred: refused in plain words, then taken again.
    await take(page, '再拍一页', 'property-certificate');
    await page.getByRole('alert').filter({ hasText: '照片拍糊了' }).waitFor({ timeout: 15_000 });
    await take(page, '再拍一页', 'property-certificate');
    await page.getByText('已拍好 2 页').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: '拍好了，下一步' }).click();
    await page.getByRole('heading', { name: '请核对要补交的材料' }).waitFor();
    await page.getByText('2 页').waitFor();
    await page.getByRole('button', { name: '提交材料' }).click();
    await page.getByRole('heading', { name: '材料已补交' }).waitFor({ timeout: 15_000 });
    await page.getByText('受理编号 N3ED-5MR8').waitFor();
    await page.getByRole('button', { name: '查看进度' }).click();
    await page.getByRole('heading', { name: '办理进度' }).waitFor({ timeout: 10_000 });
    await page.getByText('审核中').first().waitFor();
    expect(env.kiosk().host.latest().screen).toMatchObject({ name: 'progress', addNow: false });
    await page.getByRole('button', { name: '完成' }).click();
    await page.getByRole('button', { name: '开始缴费' }).waitFor({ timeout: 10_000 });
    await page.close();
  }, 120_000);
});
