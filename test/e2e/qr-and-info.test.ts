// End to end in headless Chromium through the real host: a resident pays by showing their
// WeChat payment code to the kiosk's scanner; another gives up on a payment code the wallet
// refuses; the information centre's topics take turns on the idle screen and open in Chinese
// and in English.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Locale } from '../../src/api/kiosk-api';
import { useKioskInChromium } from '../support/e2e-fixture';
import { attractIn } from '../support/kiosk-locale';

const env = useKioskInChromium();

async function open(): Promise<Page> {
  const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(env.kiosk().launchUrl());
  await page.getByRole('button', { name: '开始缴费' }).waitFor();
  return page;
}

describe('QR payment', () => {
  it('scan the bill, choose QR, confirm, show the payment code: paid and written off', async () => {
    const kiosk = env.kiosk();
    const page = await open();
    kiosk.scanner.scan('SHGAS:50012345');
    await page.getByText('应缴合计').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: '扫码支付' }).click();
    await page.getByRole('button', { name: '确认支付' }).click();
    await page.getByRole('heading', { name: '请出示手机付款码' }).waitFor({ timeout: 10_000 });
    await page.getByText('打开微信或支付宝的付款码，对准屏幕下方的扫码窗口').waitFor();
    kiosk.scanner.scan('134567890123456780'); // WeChat, pays at once
    await page.getByRole('status').filter({ hasText: '缴费成功' }).waitFor({ timeout: 20_000 });
    await page.getByText('已用手机付款').waitFor();
    const [paid] = kiosk.host.journal.inStates(['WRITTEN_OFF', 'RECEIPTED']);
    expect(paid).toMatchObject({ method: 'qr', account: '50012345' });
    expect(kiosk.host.money.qr.latestFor(paid?.id ?? 0)?.state).toBe('success');
    await page.getByRole('button', { name: '完成' }).click();
    await page.close();
  }, 60_000);

  it('a refused payment code is said plainly; cancelling ends the attempt and the payment', async () => {
    const kiosk = env.kiosk();
    const page = await open();
    kiosk.scanner.scan('CTSH:13301234567');
    await page.getByText('应缴合计').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: '扫码支付' }).click();
    await page.getByRole('button', { name: '确认支付' }).click();
    await page.getByRole('heading', { name: /付款码/ }).waitFor({ timeout: 10_000 });
    kiosk.scanner.scan('6277777777777777773'); // UnionPay, insufficient funds
    await page.getByRole('alert').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: '取消' }).click();
    await page.getByRole('button', { name: '开始缴费' }).waitFor({ timeout: 10_000 });
    const qrPayments = kiosk.host.journal.inStates(['ABANDONED']).filter((p) => p.method === 'qr');
    expect(qrPayments.map((p) => p.account)).toContain('13301234567');
    await page.close();
  }, 60_000);
});

describe('information centre', () => {
  it('while idle, the topics take turns on the attract screen; one tap reads the whole topic', async () => {
    const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.clock.install();
    await page.goto(env.kiosk().launchUrl());
    const highlight = page.getByRole('complementary', { name: '政策信息' });
    await highlight.getByText('阶梯电价', { exact: true }).waitFor();
    await highlight.getByText(/三档/).waitFor(); // the topic's first paragraph
    await page.clock.runFor(20_000);
    await highlight.getByText('节约用电', { exact: true }).waitFor();
    await page.clock.runFor(5 * 20_000);
    await highlight.getByText('阶梯电价', { exact: true }).waitFor(); // six topics: round again
    await page.clock.runFor(20_000);
    await highlight.getByRole('button', { name: '了解更多' }).click();
    await page.getByRole('heading', { name: '节约用电' }).waitFor();
    // Opened from the idle screen: back goes back there, not to the list.
    await page.getByRole('button', { name: '返回' }).click();
    await page.getByRole('button', { name: '开始缴费' }).waitFor();
    await page.close();
  }, 60_000);

  it.each<Locale>(['zh-CN', 'en'])(
    'all six topics on one page; back goes where she came from (%s)',
    async (locale) => {
      const kiosk = env.kiosk();
      const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(kiosk.launchUrl());
      const t = await attractIn(page, kiosk, locale);
      const button = (name: string) => page.getByRole('button', { name, exact: true });
      const screen = kiosk.host.latest().screen;
      const titles = screen.name === 'attract' ? screen.highlights.map((h) => h.title) : [];
      expect(titles).toHaveLength(6);

      // A topic read from the idle screen: back to the idle screen (which, as ever, greets the
      // next person in Chinese).
      await button(t('readMore')).click();
      await page.getByRole('heading', { name: titles[0] }).waitFor();
      await button(t('back')).click();
      await attractIn(page, kiosk, locale);

      // From a topic opened there, every topic: on one page, no "next page"; a topic read from
      // the list: back to the list.
      await button(t('readMore')).click();
      await button(t('allTopics')).click();
      await page.getByText(t('infoChoose'), { exact: true }).waitFor();
      for (const title of titles) await button(title).waitFor();
      expect(await button(t('moreTopics')).count()).toBe(0);
      await button(titles[5] ?? '').click();
      await page.getByRole('heading', { name: titles[5] }).waitFor();
      await button(t('back')).click();
      await button(titles[0] ?? '').waitFor();
      await button(t('back')).click();
      await page.locator('[data-screen="attract"]').waitFor();
      await page.close();
    },
    60_000,
  );

  it('opens a topic and goes back, in Chinese and in English', async () => {
    const page = await open();
    await page.getByRole('button', { name: '了解更多' }).click();
    await page.getByRole('button', { name: '全部政策信息' }).click();
    await page.getByRole('button', { name: '阶梯电价' }).click();
    await page.getByText(/峰谷电价/).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Tiered electricity prices' }).waitFor();
    await page.getByText(/Peak and off-peak/).waitFor();
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.getByRole('button', { name: 'Smart meters', exact: true }).waitFor();
    await page.close();
  }, 60_000);
});
