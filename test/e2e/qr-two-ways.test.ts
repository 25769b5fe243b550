// End to end in headless Chromium through the real host, by visible text in both languages: the
// two ways to pay by phone have names of their own ("出示手机付款码" / "用手机扫屏幕上的码"), the
// screen says where this terminal's scanner window is (config frontPanel), either way
// switches to the other, and once her phone has scanned the kiosk's code the screen says to
// confirm on the phone while the wallet waits (the gateway's user_paying). The result says she
// paid by phone, not that she put money in, and the receipt names the payment method.
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/api/kiosk-api';
import { useKioskInChromium } from '../support/e2e-fixture';
import { attractIn } from '../support/kiosk-locale';
import { testConfig } from '../support/kiosk-fixture';

const defaults = testConfig('/tmp/unused');
const env = useKioskInChromium({ session: { ...defaults.session, qrPollMs: 500 } });

/** A bill per language, each paid once. */
const BILL: Record<Locale, string> = { 'zh-CN': 'SGCC:3100123456', en: 'SHWATER:210012345' };

/** The wallet customer of the gateway simulator: scans the kiosk's code, or pays. */
async function customer(action: 'scan' | 'pay', qrPaymentId: string): Promise<void> {
  const url = new URL(`/__sim/qr/${qrPaymentId}/${action}`, env.kiosk().gateway?.url);
  const res = await fetch(url, { method: 'POST', body: '{"wallet":"alipay"}' });
  expect(res.status).toBe(200);
}

describe.each<Locale>(['zh-CN', 'en'])('paying by phone (%s)', (locale) => {
  it("two ways named apart, where the scanner is, 'confirm on your phone', paid by phone", async () => {
    const kiosk = env.kiosk();
    const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(kiosk.launchUrl());
    const t = await attractIn(page, kiosk, locale);
    const button = (name: string) => page.getByRole('button', { name, exact: true });
    const heading = (name: string) => page.getByRole('heading', { name, exact: true });
    kiosk.scanner.scan(BILL[locale]);
    await page.getByText(t('totalDue')).first().waitFor({ timeout: 10_000 });
    await button(t('payQr')).click();
    await button(t('confirmPay')).click();

    // Her own payment code, and where to hold it on this terminal.
    await heading(t('qrShowYourCode')).waitFor({ timeout: 10_000 });
    const where = t('qrShowHow', { place: t('scannerBelowScreen') });
    await page.getByText(where, { exact: true }).waitFor();
    // The other way has its own name: not the words she tapped to get here.
    expect(t('qrUseKioskCode')).not.toBe(t('payQr'));
    await button(t('qrUseKioskCode')).click();
    await heading(t('qrScanKioskCode')).waitFor({ timeout: 10_000 });
    await page.getByRole('img', { name: t('qrKioskCode') }).waitFor();
    await page.getByText(t('qrScanHow'), { exact: true }).waitFor();

    // And back: the kiosk's code is closed at the wallet first.
    const [first] = kiosk.host.money.qr.allOpen();
    await button(t('qrUsePaymentCode')).click();
    await heading(t('qrShowYourCode')).waitFor({ timeout: 10_000 });
    await expect
      .poll(() => kiosk.host.money.qr.get(first?.qrPaymentId ?? '').state)
      .toBe('cancelled');
    expect(await page.getByRole('img', { name: t('qrKioskCode') }).count()).toBe(0);

    // The kiosk's code again; her phone scans it: the screen says to confirm on the phone.
    await button(t('qrUseKioskCode')).click();
    await page.getByRole('img', { name: t('qrKioskCode') }).waitFor({ timeout: 10_000 });
    const [second] = kiosk.host.money.qr.allOpen();
    await customer('scan', second?.qrPaymentId ?? '');
    await page
      .getByRole('status')
      .filter({ hasText: t('qrConfirming') })
      .waitFor({ timeout: 10_000 });
    await page.getByText(t('qrConfirmingLead')).waitFor();
    expect(kiosk.host.latest().screen).toMatchObject({ name: 'qrPay', step: 'confirming' });

    // Paid on her phone: the result says so, and the receipt names the method.
    await customer('pay', second?.qrPaymentId ?? '');
    await page
      .getByRole('status')
      .filter({ hasText: t('paid') })
      .waitFor({ timeout: 20_000 });
    await page.getByText(t('paidByPhone')).waitFor();
    expect(await page.getByText(t('collected')).count()).toBe(0); // not "inserted"

    // (A resident who chose English gets a bilingual receipt.)
    const method = {
      'zh-CN': '支付方式：扫码（微信·支付宝）',
      en: '支付方式 Paid by: 扫码（微信·支付宝） QR (WeChat, Alipay)',
    }[locale];
    await page.getByRole('figure').getByText(method).waitFor();
    const printed = kiosk.printer.receipts.at(-1)?.lines.join('\n') ?? '';
    expect(printed).toMatch(/支付方式[^\n]*\n?[^\n]*扫码（微信·支付宝）/);
    const [paid] = kiosk.host.journal.inStates(['WRITTEN_OFF', 'RECEIPTED']).slice(-1);
    expect(paid).toMatchObject({ method: 'qr' });
    await button(t('done')).click();
    await page.locator('[data-screen="attract"]').waitFor();
    await page.close();
  }, 90_000);
});
