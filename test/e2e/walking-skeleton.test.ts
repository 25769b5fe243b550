// End to end in headless Chromium: a resident pays an overdue electricity bill in cash.
// Driven by visible labels and roles; notes go in through the emulated acceptor; the result is
// checked at the gateway simulator over signed HTTP.
import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { useKioskInChromium } from '../support/e2e-fixture';
import { insertNote, seeCollected } from '../support/insert-note';
import { signedFetch } from '../sim/signed-fetch';

const env = useKioskInChromium();

const ACCOUNT = '3100123456';

/** Attract → electricity → account → bills; returns the total due shown, in fen. */
async function reachBills(ui: Page | Frame): Promise<number> {
  await ui.getByRole('button', { name: '开始缴费' }).click();
  await ui.getByRole('button', { name: /电费/ }).click();
  await ui.getByRole('heading', { name: /请输入户号/ }).waitFor();
  for (const digit of ACCOUNT) await ui.getByRole('button', { name: digit, exact: true }).click();
  // Echoed in groups, as on the bill.
  await expect.poll(() => ui.getByLabel('已输入的户号').textContent()).toBe('3100 1234 56');
  await ui.getByRole('button', { name: '确认' }).click();
  await ui.getByText('应缴合计').waitFor();
  await expect(
    ui
      .getByText(/违约金/)
      .first()
      .isVisible(),
  ).resolves.toBe(true);
  await expect(
    ui
      .getByText(/逾期 \d+ 天/)
      .first()
      .isVisible(),
  ).resolves.toBe(true);
  const total = (await ui.getByTestId('total-due').textContent()) ?? '';
  const m = /(\d+)\.(\d{2})/.exec(total);
  if (!m) throw new Error(`no total in "${total}"`);
  return Number(m[1]) * 100 + Number(m[2]);
}

describe('walking skeleton: cash payment of an overdue electricity bill', () => {
  it('takes notes through the emulator, writes the payment off, and the simulator agrees', async () => {
    const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(env.kiosk().launchUrl());
    const due = await reachBills(page);
    expect(due).toBeGreaterThan(40_000);

    await page.getByRole('button', { name: '现金缴费' }).click();

    await page.getByRole('button', { name: '确认支付' }).click();
    await page.getByRole('heading', { name: '请放入纸币' }).waitFor();

    let inserted = 0;
    while (inserted < due) {
      await insertNote(env.kiosk(), 10_000);
      inserted += 10_000;
      if (inserted < due) await seeCollected(page, inserted);
    }

    await page.getByRole('status').filter({ hasText: '缴费成功' }).waitFor({ timeout: 15_000 });
    const receipt = (await page.getByRole('figure', { name: '凭证' }).textContent()) ?? '';
    const serial = /代收流水号：(SH-XH-WK-0007-\d{8}-\d{6})/.exec(receipt)?.[1];
    expect(serial).toBeDefined();
    expect(receipt).toContain('3100****56');
    expect(receipt).toContain(`实收金额：${inserted / 100}.00元`);

    const gw = env.kiosk().gateway?.url ?? '';
    const res = await signedFetch(gw, 'GET', `/v1/payments/${serial}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ agentSerial: serial, status: 'written_off' });
    const body = res.body as {
      principalCharged: number;
      lateFeeCharged: number;
      prepaidCredited: number;
    };
    expect(body.principalCharged + body.lateFeeCharged + body.prepaidCredited).toBe(inserted);
    expect(body.lateFeeCharged).toBeGreaterThan(0);
    const day = /-(\d{4})(\d{2})(\d{2})-/
      .exec(serial ?? '')
      ?.slice(1)
      .join('-');
    const recon = await signedFetch(gw, 'GET', `/v1/reconciliation/${day}`);
    expect((recon.body as { records: unknown[] }).records).toContainEqual(
      expect.objectContaining({ agentSerial: serial, amount: inserted, status: 'written_off' }),
    );
    expect(env.kiosk().host.money.cashBox.contents().total).toBe(inserted);

    await page.getByRole('button', { name: '完成' }).click();
    await page.getByRole('button', { name: '开始缴费' }).waitFor();
    await page.close();
  });
});
