// End to end through the developer panel (the kiosk framed beside its controls), by scanning a
// bill's code, and with the network pulled: money taken offline reaches the gateway once the
// network returns.
import { describe, expect, it } from 'vitest';
import { useKioskInChromium } from '../support/e2e-fixture';
import { insertNote } from '../support/insert-note';
import { signedFetch } from '../sim/signed-fetch';
import { controlInit } from '../support/control-call';

const env = useKioskInChromium();

const serialIn = (receipt: string) => /代收流水号：(SH-XH-WK-0007-\d{8}-\d{6})/.exec(receipt)?.[1];

describe('the developer panel', () => {
  it('pays a gas bill found by scanning, with notes inserted from the panel', async () => {
    const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(env.kiosk().panelUrl ?? '');
    const screen = page.frameLocator('iframe[title="Kiosk"]');
    await screen.getByRole('button', { name: '开始缴费' }).waitFor();

    await page.getByLabel('Text to scan').fill('SHGAS:50012345');
    await page.getByRole('button', { name: 'Scan', exact: true }).click();
    await screen.getByText('应缴合计').waitFor();
    await expect(screen.getByRole('heading').textContent()).resolves.toContain('5001 2345');
    await screen.getByRole('button', { name: '现金缴费' }).click();
    await screen.getByRole('button', { name: '确认支付' }).click();
    await screen.getByRole('heading', { name: '请放入纸币' }).waitFor();

    for (let i = 0; i < 50; i++) {
      if (await screen.getByRole('status').filter({ hasText: '缴费成功' }).isVisible()) break;
      const insert = page.getByRole('button', { name: 'Insert 100 yuan' });
      if ((await env.kiosk().acceptor.state) === 'idling') await insert.click();
      await page.waitForTimeout(300);
    }
    await screen.getByRole('status').filter({ hasText: '缴费成功' }).waitFor();
    const receipt = (await screen.getByRole('figure', { name: '凭证' }).textContent()) ?? '';
    const res = await signedFetch(
      env.kiosk().gateway?.url ?? '',
      'GET',
      `/v1/payments/${serialIn(receipt)}`,
    );
    expect(res.body).toMatchObject({
      status: 'written_off',
      billerTxnId: expect.stringMatching(/^SHGAS-/),
    });
    await screen.getByRole('button', { name: '完成' }).click();
    await screen.getByRole('button', { name: '开始缴费' }).waitFor();
    await page.close();
  });

  it('explains a scan that is not a bill', async () => {
    const page = await env.browser().newPage();
    await page.goto(env.kiosk().launchUrl());
    await page.getByRole('button', { name: '开始缴费' }).waitFor();
    env.kiosk().scanner.scan('https://example.com/not-a-bill');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('这个码不是缴费账单');
    await page.getByRole('button', { name: '返回首页' }).click();
    await page.getByRole('button', { name: '开始缴费' }).waitFor();
    await page.close();
  });
});

describe('with the network pulled', () => {
  it('takes the money, reassures the customer, and writes it off when the network returns', async () => {
    const page = await env.browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(env.kiosk().launchUrl());
    await page.getByRole('button', { name: '开始缴费' }).waitFor();
    env.kiosk().scanner.scan('SHWATER:210012345', 3);
    const total = (await page.getByTestId('total-due').textContent()) ?? '';
    const yuanDue = Math.ceil(Number(/(\d+\.\d{2})/.exec(total)?.[1]));
    await page.getByRole('button', { name: '现金缴费' }).click();
    await page.getByRole('button', { name: '确认支付' }).click();
    await page.getByRole('heading', { name: '请放入纸币' }).waitFor();

    const pulled = await fetch(
      new URL('control/network', env.kiosk().panelUrl ?? ''),
      controlInit(env.kiosk().controlToken ?? '', { online: false }),
    );
    expect(await pulled.json()).toMatchObject({ ok: true });

    for (let paid = 0; paid < yuanDue; paid += 100) await insertNote(env.kiosk(), 10_000);
    await page.getByRole('status').filter({ hasText: '款项已收妥' }).waitFor({ timeout: 15_000 });
    const receipt = (await page.getByRole('figure', { name: '凭证' }).textContent()) ?? '';
    expect(receipt).toContain('受理凭证');
    expect(receipt).toContain('无需再次缴费');
    await expect(page.getByTestId('pending-sync').textContent()).resolves.toBe('待入账 1 笔');
    const serial = serialIn(receipt);
    const gw = env.kiosk().gateway?.url ?? '';
    expect((await signedFetch(gw, 'GET', `/v1/payments/${serial}`)).status).toBe(404);

    env.kiosk().network.online = true;
    env.kiosk().host.syncWorker.retryNow();
    await expect
      .poll(async () => (await signedFetch(gw, 'GET', `/v1/payments/${serial}`)).body, {
        timeout: 15_000,
      })
      .toMatchObject({ status: 'written_off', agentSerial: serial });
    await page.getByTestId('pending-sync').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '完成' }).click();
    await page.close();
  });
});
