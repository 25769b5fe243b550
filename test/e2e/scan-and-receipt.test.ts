// End to end in headless Chromium: a resident scans the QR printed on an electricity bill
// (emulated scanner), pays in cash, and takes a printed receipt. The receipt is read back from
// the printer emulator's bytes: its Chinese text and amounts must be the payment's, and zbarimg
// must read the verification link from the emulator's picture of the paper.
import { describe, expect, it } from 'vitest';
import { PaymentResult, Quote } from '../../src/gateway/contract';
import { paymentReceipt } from '../../src/receipts/receipt-text';
import { paperLines } from '../../src/receipts/render-text';
import { verificationPayload } from '../../src/receipts/verification';
import { zbarRead } from '../printer/qr-decoders';
import { signedFetch } from '../sim/signed-fetch';
import { useKioskInChromium } from '../support/e2e-fixture';

const env = useKioskInChromium();

describe('scan a bill, pay, take the printed receipt', () => {
  it('the receipt decoded from the printer bytes and its QR match the payment', async () => {
    const kiosk = env.kiosk();
    const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(kiosk.launchUrl());
    await page.getByRole('button', { name: '开始缴费' }).waitFor();

    kiosk.scanner.scan('SGCC:3100123456');
    await page.getByText('应缴合计').waitFor({ timeout: 10_000 });
    // The printer is ready: no e-receipt notice before taking money.
    expect(await page.getByRole('note').count()).toBe(0);
    const total = (await page.getByTestId('total-due').textContent()) ?? '';
    const [, whole = '0', cents = '0'] = /(\d+)\.(\d{2})/.exec(total) ?? [];
    const due = Number(whole) * 100 + Number(cents);

    await page.getByRole('button', { name: '现金缴费' }).click();

    await page.getByRole('button', { name: '确认支付' }).click();
    let inserted = 0;
    while (inserted < due) {
      await expect.poll(() => kiosk.acceptor.insertNote(10_000), { timeout: 10_000 }).toBe(true);
      inserted += 10_000;
      await expect
        .poll(() => kiosk.host.journal.inStates(['COLLECTING'])[0]?.collected ?? inserted, {
          timeout: 10_000,
        })
        .toBe(inserted);
    }
    await page.getByRole('status').filter({ hasText: '缴费成功' }).waitFor({ timeout: 20_000 });
    await page.getByText('请取走打印的凭证').waitFor({ timeout: 20_000 });

    // The payment as the journal and the gateway know it.
    const [paid] = kiosk.host.journal.inStates(['WRITTEN_OFF', 'RECEIPTED']);
    if (!paid) throw new Error('no written-off payment');
    const res = await signedFetch(
      kiosk.gateway?.url ?? '',
      'GET',
      `/v1/payments/${paid.agentSerial}`,
    );
    const result = PaymentResult.parse(res.body);
    expect(result.principalCharged + result.lateFeeCharged + result.prepaidCredited).toBe(inserted);

    // One receipt came out, whole, and reads exactly as the payment's receipt should.
    expect(kiosk.printer.receipts).toHaveLength(1);
    const printed = kiosk.printer.receipts[0];
    if (!printed) throw new Error('nothing printed');
    expect(printed.complete).toBe(true);
    const expected = paymentReceipt({
      terminalId: 'SH-XH-WK-0007',
      billerName: '国网上海市电力公司',
      agentSerial: paid.agentSerial,
      quote: Quote.parse(JSON.parse(paid.quoteJson)),
      collected: paid.collected,
      at: paid.collectedAt ?? paid.updatedAt,
      method: paid.method,
      result,
    });
    expect(printed.lines).toEqual(paperLines(expected, 80));
    const text = printed.lines.join('\n');
    expect(text).toContain('缴费凭证');
    expect(text).toMatch(/支付方式 +现金/);
    expect(text).toContain('3100****56');
    expect(text).toContain(`${(inserted / 100).toFixed(2)}元`);
    expect(text).toContain(`${(result.lateFeeCharged / 100).toFixed(2)}元`);
    expect(text).toContain(paid.agentSerial);
    expect(text).toContain(result.billerTxnId);
    expect(text).not.toContain('¥');

    // zbarimg, independently, reads the verification link off the paper.
    const payload = await zbarRead(printed.png());
    expect(payload).toBe(verificationPayload(paid.agentSerial, result.billerTxnId));
    await page.close();
  }, 60_000);
});
