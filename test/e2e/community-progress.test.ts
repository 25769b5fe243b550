// End to end in headless Chromium through the real host and the simulated gateway: a resident
// opens 社区服务 from the idle screen and follows an application (查进度) by its tracking code and
// her mobile's last four, typed on the kiosk's own keypad, in Chinese and in English. The
// simulator seeds N3ED-5MR8 (mobile 13912345678), which a reviewer sent back for a document.
import { describe, it } from 'vitest';
import { DEMO_APPLICATIONS, DEMO_COMMUNITY } from '../../sim/gateway/community-seed';
import { businessDate } from '../../sim/gateway/shanghai-time';
import { useKioskInChromium } from '../support/e2e-fixture';
import { openKiosk, typeOnKeypad } from '../support/service-keypad';

const env = useKioskInChromium({
  community: { id: DEMO_COMMUNITY, uploadTimeoutMs: 60_000, answerWaitMs: 1_500 },
});

const open = (locale: 'zh-CN' | 'en') => openKiosk(env.browser(), env.kiosk(), locale);

describe('查进度: an application followed by its tracking code', () => {
  it('in Chinese: a wrong last four is said plainly; the right one shows what is still needed', async () => {
    const page = await open('zh-CN');
    await page.getByRole('button', { name: '社区服务' }).click();
    await page.getByRole('button', { name: '查进度' }).click();
    await page.getByRole('heading', { name: '请输入受理编号' }).waitFor();
    await typeOnKeypad(page, 'N3ED5MR8');
    await page.getByText('N3ED-5MR8').waitFor();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('heading', { name: '请输入手机号码后四位' }).waitFor();
    await typeOnKeypad(page, '1234');
    await page.getByRole('button', { name: '确认' }).click();
    await page.getByRole('alert').filter({ hasText: '没有查到' }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: '下一步' }).click();
    await typeOnKeypad(page, '5678');
    await page.getByRole('button', { name: '确认' }).click();
    await page.getByRole('heading', { name: '办理进度' }).waitFor({ timeout: 10_000 });
    await page.getByText('受理编号 N3ED-5MR8').waitFor();
    await page.getByRole('alert').filter({ hasText: '还需要补交' }).waitFor();
    await page.getByRole('button', { name: '完成' }).click();
    await page.getByRole('button', { name: '开始缴费' }).waitFor({ timeout: 10_000 });
    await page.close();
  }, 60_000);

  it('in English: the same application, its timeline in plain words', async () => {
    const page = await open('en');
    await page.getByRole('button', { name: 'Community services' }).click();
    await page.getByRole('button', { name: 'Check progress' }).click();
    await typeOnKeypad(page, 'N3ED5MR8');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await typeOnKeypad(page, '5678');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: 'Progress of your application' }).waitFor({
      timeout: 10_000,
    });
    await page.getByText('More documents needed', { exact: true }).first().waitFor();
    await page.getByRole('alert').filter({ hasText: 'Still needed' }).waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: '开始缴费' }).waitFor({ timeout: 10_000 });
    await page.close();
  }, 60_000);

  it("by the receipt's QR held to the scanner: a wallet code is said to be no receipt", async () => {
    const seeded = DEMO_APPLICATIONS.find((a) => a.script === 'needs_more');
    if (!seeded) throw new Error('no seeded needs_more');
    const received = new Date(Date.now() - seeded.receivedDaysAgo * 86_400_000);
    const serial = `SH-XH-WK-0007-${businessDate(received).replaceAll('-', '')}-${seeded.serialSuffix}`;
    const page = await open('zh-CN');
    await page.getByRole('button', { name: '社区服务' }).click();
    await page.getByText('也可以把受理回执上的二维码对准扫码口').waitFor();
    env.kiosk().scanner.scan('134567890123456780');
    await page.getByRole('alert').filter({ hasText: '不是受理回执' }).waitFor({ timeout: 10_000 });
    env.kiosk().scanner.scan(`KIOSK-APP:${serial}`);
    await page.getByRole('heading', { name: '办理进度' }).waitFor({ timeout: 10_000 });
    await page.getByRole('alert').filter({ hasText: '房产证或租赁合同' }).waitFor();
    await page.getByRole('button', { name: '完成' }).click();
    await page.getByRole('button', { name: '开始缴费' }).waitFor({ timeout: 10_000 });
    await page.close();
  }, 60_000);
});
