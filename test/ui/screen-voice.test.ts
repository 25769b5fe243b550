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

  it('reads the amount, payee, account digit by digit and method on the confirm screen', () => {
    const line = say(SCREENS.confirm);
    expect(line).toContain('186.50');
    expect(line).toContain('国网上海市电力公司');
    expect(line).toContain('3 1 0 0 1 2 3 4 5 6');
    expect(line).toContain('现金');
    expect(spellDigits('310')).toBe('3 1 0');
  });

  it('mentions the late fee, the requote and an on-screen receipt on the bills screen', () => {
    const line = screenVoice({ ...SCREENS.bills, requoted: true }, translator('zh-CN'), 'screen');
    expect(line).toContain('违约金 6.50 元');
    expect(line).toContain('重新查询');
    expect(line).toContain('电子凭证');
  });

  it('says each QR step, where the scanner window is, the other way, and the refusal', () => {
    const qr = SCREENS.qrPay;
    expect(say(qr)).toContain('请出示手机付款码');
    expect(say(qr)).toContain('对准屏幕下方的扫码窗口');
    expect(say(qr)).toContain('也可以点用手机扫屏幕上的码');
    expect(say({ ...qr, scannerWindow: 'left' })).toContain('对准屏幕左边的扫码窗口');
    expect(say({ ...qr, scannerWindow: null })).toContain('对准扫码窗口');
    const kiosk = say({ ...qr, kioskCodeUrl: 'https://pay.example/x' });
    expect(kiosk).toContain('请用手机扫屏幕上的码');
    expect(kiosk).toContain('也可以点出示手机付款码');
    expect(say({ ...qr, step: 'paying' })).toBe('正在付款，请稍候');
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

  it('says a wallet payment was paid by phone, not put in', () => {
    expect(say(SCREENS.paid)).toContain('已放入');
    expect(say({ ...SCREENS.paid, method: 'qr' })).toContain('已用手机付款');
    expect(say({ ...SCREENS.paid, method: 'qr' })).not.toContain('已放入');
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
    expect(locked).toContain('营业厅：徐汇供电营业厅');
    expect(locked).toContain('地址：漕溪北路 201 号');
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
    expect(say(SCREENS.info)).toContain('阶梯电价、节约用电');
    const topic = { id: 'tiers', title: '阶梯电价', paragraphs: ['第一档', '第二档'] };
    expect(say({ ...SCREENS.info, topic })).toBe('阶梯电价。 第一档。 第二档。');
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
