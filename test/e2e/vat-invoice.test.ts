// End to end in headless Chromium through the real host and the simulated gateway: a company's
// VAT invoice (开增值税发票) from the service point, in Chinese and in English. The resident pays a
// bill first (the simulator invoices only periods paid through it), then asks for its invoice:
// the account on the keypad, the month, the kind, the tax code (a wrong check character refused
// at once; a code the register lacks said plainly), the company confirmed from the register, a
// pickup point (or an e-mail typed on the on-screen keyboard), the mobile, the review, and the
// receipt with the request's serial.
import { describe, expect, it } from 'vitest';
import { DEMO_COMMUNITY } from '../../sim/gateway/community-seed';
import { taxIdCheckCharacter } from '../../src/community/checks';
import { businessDate } from '../../sim/gateway/shanghai-time';
import { translator } from '../../ui/i18n/messages';
import { spokenPeriod } from '../../ui/voice/screen-voice';
import { useKioskInChromium } from '../support/e2e-fixture';
import { openKiosk, typeOnKeypad } from '../support/service-keypad';
import { payInFull } from '../support/pay-in-full';

const env = useKioskInChromium({
  community: { id: DEMO_COMMUNITY, uploadTimeoutMs: 60_000, answerWaitMs: 1_500 },
});

/** A well-formed code (its check character right) that no company of the register has. */
const NOT_REGISTERED = `91310104MA1FP3QW8${taxIdCheckCharacter('91310104MA1FP3QW8') ?? ''}`;

/** The simulator's period of a bill due `days` from today: the month before its due month. */
function periodDue(days: number): string {
  const due = businessDate(new Date(Date.now() + days * 86_400_000));
  const [y, m] = due.split('-').map(Number);
  const index = (y ?? 0) * 12 + (m ?? 1) - 2;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const open = (locale: 'zh-CN' | 'en') => openKiosk(env.browser(), env.kiosk(), locale);

describe('开增值税发票: a VAT invoice for a paid bill', () => {
  it('in Chinese: a bad tax code refused at once, the company from the register, a receipt', async () => {
    const page = await open('zh-CN');
    const t = translator('zh-CN');
    await payInFull(env.kiosk(), page, t, 'SGCC:3100000002');
    const button = (name: string) => page.getByRole('button', { name, exact: true });
    await button('社区服务').click();
    // A tile's name is its label and the line under it.
    await page.getByRole('button', { name: '开增值税发票' }).click();
    await page.getByRole('heading', { name: '开发票：请选择收费单位' }).waitFor();
    await page.getByRole('button', { name: /国网上海/ }).click();
    await page.getByRole('heading', { name: '请输入要开发票的户号' }).waitFor();
    await typeOnKeypad(page, '3100000002');
    await button('下一步').click();
    await page.getByRole('heading', { name: '请选择要开发票的月份' }).waitFor({ timeout: 10_000 });
    await page.getByText('户名 周*').waitFor();
    await page.getByRole('button', { name: spokenPeriod(periodDue(-5), 'zh-CN') }).click();
    await page.getByRole('button', { name: /已选/ }).waitFor();
    await button('下一步').click();
    await page.getByRole('button', { name: /增值税专用发票/ }).click();
    await page.getByRole('heading', { name: '请输入公司的统一社会信用代码' }).waitFor();
    await typeOnKeypad(page, '91310104MA1FL8XK2Y');
    await page.getByText('9131 0104 MA1F L8XK 2Y').waitFor();
    await page.getByRole('alert').filter({ hasText: '最后一位对不上' }).waitFor();
    await button('删除').click();
    await typeOnKeypad(page, 'X');
    await button('下一步').click();
    await page.getByRole('heading', { name: '请核对公司信息' }).waitFor({ timeout: 10_000 });
    await page.getByText('上海武康餐饮管理有限公司').waitFor();
    await page.getByText('中国工商银行上海市徐汇支行').waitFor();
    await button('信息正确').click();
    await page.getByRole('heading', { name: '发票到哪里领？' }).waitFor({ timeout: 10_000 });
    await page.getByText('工作日 9:00–16:30').waitFor();
    await page.getByRole('button', { name: /武康路社区居委会/ }).click();
    await page.getByRole('heading', { name: '请输入接收短信的手机号码' }).waitFor();
    await typeOnKeypad(page, '13800138000');
    await page.getByText('138 0013 8000').waitFor();
    await button('下一步').click();
    await page.getByRole('heading', { name: '请核对开票信息' }).waitFor();
    await page.getByText('增值税专用发票').waitFor();
    await button('提交申请').click();
    await page.getByRole('heading', { name: '开票申请已提交' }).waitFor({ timeout: 10_000 });
    await page.getByText(/申请编号 SH-XH-WK-0007-\d{8}-\d{6}/).waitFor();
    await page.getByRole('img', { name: '申请编号二维码' }).waitFor();
    await button('完成').click();
    await page.getByRole('heading', { name: '社区服务' }).waitFor({ timeout: 10_000 });
    await button('返回').click();
    await button('开始缴费').waitFor({ timeout: 10_000 });
    await page.close();
  }, 90_000);

  it('in English: a code the register lacks said plainly, an e-mail typed; a month not paid refused', async () => {
    const page = await open('en');
    const t = translator('en');
    await payInFull(env.kiosk(), page, t, 'SGCC:3100123456');
    const button = (name: string) => page.getByRole('button', { name, exact: true });
    await button('Community services').click();
    await page.getByRole('button', { name: 'VAT invoice' }).click();
    await page.getByRole('button', { name: /State Grid/ }).click();
    await page.getByRole('heading', { name: 'Enter the account to invoice' }).waitFor();
    await typeOnKeypad(page, '3100123456');
    await button('Next').click();
    await page.getByRole('heading', { name: 'Choose the months to invoice' }).waitFor({
      timeout: 10_000,
    });
    // Paid just now (overdue 42 days), and the month after it, which has no bill.
    const paid = periodDue(-42);
    const unpaid = periodDue(-42 + 31);
    await page.getByRole('button', { name: spokenPeriod(paid, 'en') }).click();
    await page.getByRole('button', { name: spokenPeriod(unpaid, 'en') }).click();
    await button('Next').click();
    await page.getByRole('button', { name: /Normal VAT invoice/ }).click();
    await page.getByRole('heading', { name: "Enter the company's tax code" }).waitFor();
    await typeOnKeypad(page, '91310104MA1FL8XK2');
    await typeOnKeypad(page, 'Y');
    await page.getByRole('alert').filter({ hasText: 'The last character is wrong' }).waitFor();
    await button('Clear').click();
    await typeOnKeypad(page, NOT_REGISTERED);
    await button('Next').click();
    await page.getByRole('alert').filter({ hasText: 'Not in the tax register' }).waitFor({
      timeout: 10_000,
    });
    await button('Clear').click();
    await typeOnKeypad(page, '91310104MA1FP3QW7D');
    await button('Next').click();
    await page.getByText('上海衡山路文化传播有限公司').waitFor({ timeout: 10_000 });
    await button('This is the company').click();
    // By e-mail, on the on-screen keyboard: an incomplete address refused, then completed.
    await page.getByRole('heading', { name: 'Where to get the invoice?' }).waitFor({
      timeout: 10_000,
    });
    await button('By e-mail').click();
    await page.getByRole('heading', { name: 'Enter the e-mail address' }).waitFor();
    const key = (k: string) => page.getByRole('button', { name: k, exact: true }).first().click();
    for (const k of 'caiwu@wukang') await key(k);
    await button('Next').click();
    await page.getByRole('heading', { name: 'Incomplete e-mail: please check it' }).waitFor();
    for (const k of '.cn') await key(k);
    await button('Next').click();
    await page.getByRole('heading', { name: 'Enter the mobile number for the SMS' }).waitFor();
    await typeOnKeypad(page, '13912345678');
    await button('Next').click();
    await page.getByRole('heading', { name: 'Check the invoice request' }).waitFor();
    await page.getByText('caiwu@wukang.cn').waitFor();
    await button('Send the request').click();
    await page.getByRole('heading', { name: 'Invoice request not accepted' }).waitFor({
      timeout: 10_000,
    });
    await page.getByRole('alert').filter({ hasText: 'no payment on record' }).waitFor();
    expect(env.kiosk().host.latest().screen).toMatchObject({
      name: 'invoiceReceipt',
      state: 'rejected',
      problem: 'period_not_paid',
    });
    await button('Done').click();
    await page.getByRole('heading', { name: 'Community services' }).waitFor({ timeout: 10_000 });
    await button('Back').click();
    await button('开始缴费').waitFor({ timeout: 10_000 });
    await page.close();
  }, 90_000);
});
