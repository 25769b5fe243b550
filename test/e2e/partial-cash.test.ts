// End to end in headless Chromium: a resident stops short of the amount due. The notes already
// in the box are never dropped: the screen says plainly what happens to them, and at a biller
// that takes no part payment a refund slip is issued for staff, who see it as an open item.
import { describe, expect, it } from 'vitest';
import { useKioskInChromium } from '../support/e2e-fixture';
import { insertNote, seeCollected } from '../support/insert-note';

const env = useKioskInChromium();

describe('partial cash', () => {
  it('stopping after one note explains, then issues a refund slip staff can act on', async () => {
    const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(env.kiosk().launchUrl());
    await page.getByRole('button', { name: '开始缴费' }).click();
    await page.getByRole('button', { name: /电费/ }).click();
    for (const digit of '3100123456')
      await page.getByRole('button', { name: digit, exact: true }).click();
    await page.getByRole('button', { name: '确认' }).click();
    await page.getByText('应缴合计').waitFor();
    await page.getByRole('button', { name: '现金缴费' }).click();
    await page.getByRole('button', { name: '确认支付' }).click();
    await page.getByRole('heading', { name: '请放入纸币' }).waitFor();

    await insertNote(env.kiosk(), 10_000);
    await seeCollected(page, 10_000);

    // With money in, the way out is "stop inserting", never a plain cancel.
    await page.getByRole('button', { name: '不再放入' }).click();
    await page.getByRole('heading', { name: '您已放入 100.00 元' }).waitFor();
    await page.getByText(/打印退款凭证，拿凭证找工作人员退还 100\.00 元/).waitFor();
    // Going on comes first; the slip only when she asks; a person is one tap away here too.
    // (The action bar: the primary action in its place, the others smaller beside it.)
    expect(await page.locator('.action-bar .action-primary').allTextContents()).toEqual([
      '继续放入',
    ]);
    expect(await page.locator('.action-bar .action-secondary button').allTextContents()).toEqual([
      '打印退款凭证',
      '呼叫工作人员',
    ]);

    // Going on is still possible; then stopping again comes back here.
    await page.getByRole('button', { name: '继续放入' }).click();
    await page.getByRole('heading', { name: '请放入纸币' }).waitFor();
    await page.getByRole('button', { name: '不再放入' }).click();
    await page.getByRole('button', { name: '打印退款凭证' }).click();

    await page.getByRole('status').filter({ hasText: '请凭退款凭证找工作人员退款' }).waitFor();
    const slip = (await page.getByRole('figure', { name: '凭证' }).textContent()) ?? '';
    expect(slip).toContain('应退金额：100.00元');
    expect(slip).toContain('3100****56');
    await page.getByText('待处理 1 项').waitFor();

    const journal = env.kiosk().host.journal;
    const refunds = journal.inStates(['MANUAL_REFUND']);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({
      collected: 10_000,
      rejectCode: 'partial_payment_not_allowed',
    });
    expect(env.kiosk().host.money.cashBox.contents().total).toBe(10_000);
    await page.close();
  });
});
