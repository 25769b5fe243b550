// Every screen has a voice line in both languages (R6), built from the message tables.
import { describe, expect, it } from 'vitest';
import type { Locale, Screen } from '../../src/api/kiosk-api';
import { translator } from '../../ui/i18n/messages';
import { screenKey, screenVoice, spellDigits } from '../../ui/voice/screen-voice';
import { SCREENS } from './screens.fixture';

const locales: Locale[] = ['zh-CN', 'en'];
const say = (screen: Screen, locale: Locale = 'zh-CN') =>
  screenVoice(screen, translator(locale), 'print');

describe('screenVoice', () => {
  for (const screen of Object.values(SCREENS)) {
    for (const locale of locales) {
      it(`says something for ${screen.name} in ${locale}`, () => {
        const line = say(screen, locale);
        expect(line.trim().length).toBeGreaterThan(1);
        expect(line).not.toMatch(/\{\w+\}|undefined|null|NaN/);
        // English lines carry no Chinese of the message tables (names from data may).
        if (locale === 'en' && screen.name !== 'info') expect(line).not.toMatch(/[元请的]/);
      });
    }
  }

  it('reads the amount, payee, the account tail digit by digit and method on the confirm screen', () => {
    const line = say(SCREENS.confirm);
    expect(line).toBe(
      '请核对：向 国网上海市电力公司 缴费 一百八十六元五角，户号尾号 3 4 5 6，户名 张某英，' +
        '支付方式：现金。 本机不找零；多放的钱留在您的账户里，下次缴费时自动抵扣。 ' +
        '您可以点：确认支付。 也可以点：返回修改。',
    );
    expect(line).not.toContain('3 1 0 0 1 2');
    expect(say(SCREENS.confirm, 'en')).toBe(
      'Please check: one hundred and eighty-six yuan fifty fen to State Grid Shanghai, ' +
        'account ending 3 4 5 6, holder 张*英, payment by Cash. This machine gives no change: ' +
        'any extra stays on your account for your next bill. You can tap Confirm and pay. ' +
        'You can also tap Go back and change.',
    );
    expect(spellDigits('310')).toBe('3 1 0');
  });

  it('reads each bill, its late fee, the total, the requote, an on-screen receipt and the choices', () => {
    const line = screenVoice({ ...SCREENS.bills, requoted: true }, translator('zh-CN'), 'screen');
    expect(line).toContain('2024年5月：本金 一百八十元，违约金 六元五角，已逾期 13 天');
    expect(line).toContain('应缴合计 一百八十六元五角');
    expect(line).toContain('重新查询');
    expect(line).toContain('电子凭证');
    expect(line).toMatch(/您可以选：现金缴费，或扫码支付。 也可以点：返回。$/u);
    const en = screenVoice(SCREENS.bills, translator('en'), 'print');
    expect(en).toContain(
      'May 2024: one hundred and eighty yuan, and a late fee of six yuan fifty fen, 13 days overdue.',
    );
    expect(en).toMatch(/You can choose Pay with cash or Pay by QR code. You can also tap Back.$/);
  });

  it('says nothing of the billers until they are on the screen, then each by name', () => {
    expect(say({ name: 'chooseBiller', billers: [] })).toBe('');
    expect(say(SCREENS.chooseBiller)).toBe(
      '请选择缴费项目。 您可以点：电费。 也可以点：返回。 水费暂停受理。',
    );
    expect(screenKey({ name: 'chooseBiller', billers: [] })).not.toBe(
      screenKey(SCREENS.chooseBiller),
    );
  });

  it('says each QR step, where the scanner window is, the other way, and the refusal', () => {
    const qr = SCREENS.qrPay;
    expect(say(qr)).toContain('请出示手机付款码');
    expect(say(qr)).toContain('对准屏幕下方的扫码窗口');
    expect(say(qr)).toContain('用手机扫屏幕上的码');
    expect(say({ ...qr, scannerWindow: 'left' })).toContain('对准屏幕左边的扫码窗口');
    expect(say({ ...qr, scannerWindow: null })).toContain('对准扫码窗口');
    const kiosk = say({ ...qr, kioskCodeUrl: 'https://pay.example/x' });
    expect(kiosk).toContain('请用手机扫屏幕上的码');
    expect(kiosk).toContain('扫描下面的二维码');
    expect(kiosk).toContain('出示手机付款码');
    expect(say({ ...qr, step: 'paying' })).toBe(
      '正在付款，请稍候。 应付 一百八十六元五角。 您可以点：取消支付。',
    );
    expect(say({ ...qr, step: 'confirming' })).toContain('请在手机上确认付款');
    expect(say({ ...qr, refused: true })).toContain('没有成功');
  });

  it('offers a printed copy when the receipt did not print, and says when staff are asked', () => {
    const noPaper = { ...SCREENS.paid, printed: false, eReceiptUrl: 'https://v/1' };
    expect(say(SCREENS.paid)).not.toContain('补打');
    expect(say(noPaper)).toContain('请工作人员帮您补打一张');
    expect(say({ ...noPaper, copyAsked: true })).toContain('工作人员会来为您补打凭证');
    const help = { ...SCREENS.staffHelp, reason: 'printedCopy' as const, moneyInFlight: false };
    expect(say(help)).toContain('工作人员来了会为您补打一张凭证');
  });

  it('says what was received on both result screens, never "inserted"', () => {
    expect(say(SCREENS.paid)).toBe(
      '缴费成功。 共收到 两百元。 多放的 十三元五角留在您的账户里，下次缴费时自动抵扣。 ' +
        '请取走打印的凭证。 您可以点：完成。',
    );
    expect(say(SCREENS.pendingSync)).toContain('共收到 一百八十六元五角');
    expect(say(SCREENS.paid, 'en')).not.toMatch(/insert/i);
    expect(say(SCREENS.paid)).not.toContain('放入');
  });

  it('offers the receipt where its copy waits behind an action (wide screen, large text)', () => {
    const folded = (locale: Locale) => screenVoice(SCREENS.paid, translator(locale), 'print', true);
    expect(folded('zh-CN')).toContain('您可以点：完成。 也可以点：查看凭证。');
    expect(folded('en')).toContain('Show the receipt');
    expect(say(SCREENS.paid)).not.toContain('查看凭证');
  });

  it('reassures about money only when it is in flight', () => {
    expect(say(SCREENS.staffHelp)).toContain('您的钱不会丢失');
    expect(say({ ...SCREENS.staffHelp, moneyInFlight: false })).not.toContain('您的钱不会丢失');
  });

  it('says why an account cannot be paid here, and where to go', () => {
    const hall = {
      name: { 'zh-CN': '徐汇供电营业厅', en: 'Xuhui service hall' },
      address: { 'zh-CN': '漕溪北路 201 号', en: '201 North Caoxi Road' },
      hours: null,
    };
    const locked = say({
      name: 'problem',
      problem: 'account_locked',
      account: '3100999999',
      serviceHall: hall,
      canRetype: true,
    });
    expect(locked).toContain('这个户号暂时不能在这里缴费');
    expect(locked).toContain('营业厅：徐汇供电营业厅，漕溪北路 201 号');
    expect(say(SCREENS.problem)).not.toContain('营业厅');
  });

  it('says what happens next on the help screen, and speaks both choices when she has them', () => {
    const help = SCREENS.staffHelp;
    expect(say(help)).toContain('工作人员已收到呼叫，马上过来');
    expect(say(help)).toContain('继续自己操作');
    expect(say(help)).toContain('取消呼叫');
    const staffOnly = say({ ...help, reason: 'timeout', canLeave: false });
    expect(staffOnly).toContain('请在这里稍候');
    expect(staffOnly).not.toContain('取消呼叫');
  });

  it('reads a topic, or the titles of the first page of topics', () => {
    expect(say(SCREENS.info)).toContain('阶梯电价，或节约用电');
    const topic = { id: 'tiers', title: '阶梯电价', paragraphs: ['第一档', '第二档'] };
    expect(say({ ...SCREENS.info, topic })).toBe('阶梯电价。 第一档。 第二档。 您可以点：返回。');
  });

  it('gives a new key for each appearance worth speaking again', () => {
    const qr = SCREENS.qrPay;
    expect(screenKey({ ...qr, step: 'paying' })).not.toBe(screenKey(qr));
    expect(screenKey({ ...qr, refused: true })).toBe(screenKey(qr));
    expect(screenKey({ ...SCREENS.enterAccount, digits: '3101' })).toBe(
      screenKey(SCREENS.enterAccount),
    );
  });
});
