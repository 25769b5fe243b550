// End to end in headless Chromium: the receipt printer fails before a job and in the middle of
// one. The customer is told before any money is taken, gets an e-receipt QR on screen instead,
// the payment is written off all the same, staff see the printer, and a failed job is never
// printed again on its own.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { verificationPayload } from '../../src/receipts/verification';
import { useKioskInChromium } from '../support/e2e-fixture';

const env = useKioskInChromium();

/** Scans a bill, pays it in 100-yuan notes; resolves on the paid screen. */
async function payByScan(page: Page, code: string): Promise<void> {
  const kiosk = env.kiosk();
  kiosk.scanner.scan(code);
  await page.getByText('应缴合计').waitFor({ timeout: 10_000 });
  await page.getByRole('button', { name: '现金缴费' }).click();
  await page.getByRole('button', { name: '确认支付' }).click();
  await page.getByRole('heading', { name: '请放入纸币' }).waitFor();
  const paid = page.getByRole('status').filter({ hasText: '缴费成功' });
  while (!(await paid.isVisible())) {
    if (kiosk.acceptor.insertNote(10_000)) await page.waitForTimeout(300);
    else await page.waitForTimeout(50);
  }
}

async function openKiosk(): Promise<Page> {
  const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(env.kiosk().launchUrl());
  await page.getByRole('button', { name: '开始缴费' }).waitFor();
  return page;
}

describe('receipt printer faults', () => {
  it('out of paper before the customer pays: told first, e-receipt QR after, money written off', async () => {
    const kiosk = env.kiosk();
    const page = await openKiosk();
    kiosk.printer.inject('paperOut');
    await page.getByTestId('printer-warning').filter({ hasText: '打印机暂停服务' }).waitFor({
      timeout: 10_000,
    });

    kiosk.scanner.scan('SGCC:3100123456');
    await page.getByText('应缴合计').waitFor({ timeout: 10_000 });
    await page.getByRole('note').filter({ hasText: '电子凭证二维码' }).waitFor();
    await page.getByRole('button', { name: '现金缴费' }).click();
    await page.getByRole('button', { name: '确认支付' }).click();
    const paid = page.getByRole('status').filter({ hasText: '缴费成功' });
    while (!(await paid.isVisible())) {
      if (kiosk.acceptor.insertNote(10_000)) await page.waitForTimeout(300);
      else await page.waitForTimeout(50);
    }

    const qr = page.getByRole('img', { name: '电子凭证二维码' });
    await qr.waitFor();
    const [payment] = kiosk.host.journal.inStates(['WRITTEN_OFF']);
    if (!payment) throw new Error('the payment was not written off');
    const result = JSON.parse(payment.resultJson ?? '{}') as { billerTxnId: string };
    expect(await qr.getAttribute('data-url')).toBe(
      verificationPayload(payment.agentSerial, result.billerTxnId),
    );
    expect(kiosk.printer.receipts).toHaveLength(0); // nothing was sent to a printer without paper
    await page.getByRole('button', { name: '完成' }).click();
    kiosk.printer.repair();
    await expect
      .poll(() => page.getByTestId('printer-warning').count(), { timeout: 10_000 })
      .toBe(0);
    await page.close();
  }, 60_000);

  it('paper out in the middle of the receipt: e-receipt on screen, the job never printed again', async () => {
    const kiosk = env.kiosk();
    const page = await openKiosk();
    const before = kiosk.printer.receipts.length;
    kiosk.printer.injectAfterRows(4, 'paperOut');
    await payByScan(page, 'CTSH:13301234567');

    await page.getByRole('img', { name: '电子凭证二维码' }).waitFor({ timeout: 20_000 });
    await page.getByText('打印机暂时不能打印，请用手机扫描二维码保存电子凭证').waitFor();
    const torn = kiosk.printer.receipts.slice(before);
    expect(torn).toHaveLength(1);
    expect(torn[0]?.complete).toBe(false);
    const written = kiosk.host.journal.inStates(['WRITTEN_OFF', 'RECEIPTED']);
    expect(written.map((p) => p.account)).toContain('13301234567');
    expect(written.find((p) => p.account === '13301234567')?.state).toBe('WRITTEN_OFF');

    // A new roll: nothing comes out by itself.
    kiosk.printer.repair();
    await page.waitForTimeout(2_500);
    expect(kiosk.printer.receipts.length).toBe(before + 1);
    await page.getByRole('button', { name: '完成' }).click();
    await page.close();
  }, 60_000);

  it('paper near its end: staff are warned, the receipt still prints', async () => {
    const kiosk = env.kiosk();
    const page = await openKiosk();
    kiosk.printer.inject('nearEnd');
    await page.getByTestId('printer-warning').filter({ hasText: '凭证纸将用完' }).waitFor({
      timeout: 10_000,
    });
    const before = kiosk.printer.receipts.length;
    await payByScan(page, 'SHWATER:210012345');
    await page.getByText('请取走打印的凭证').waitFor({ timeout: 20_000 });
    expect(kiosk.printer.receipts.length).toBe(before + 1);
    expect(kiosk.printer.receipts.at(-1)?.complete).toBe(true);
    await page.close();
  }, 60_000);
});
