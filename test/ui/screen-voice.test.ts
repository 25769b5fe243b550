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

  it('says each QR step, and the refusal', () => {
    const qr = SCREENS.qrPay;
    expect(say(qr)).toContain('付款码');
    expect(say({ ...qr, kioskCodeUrl: 'https://pay.example/x' })).toContain('扫描下面的二维码');
    expect(say({ ...qr, step: 'paying' })).toBe(
      '正在支付，请在手机上确认。 应付 一百八十六元五角。 您可以点：取消支付。',
    );
    expect(say({ ...qr, refused: true })).toContain('没有成功');
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

  it('reassures about money only when it is in flight', () => {
    expect(say(SCREENS.staffHelp)).toContain('您的钱不会丢失');
    expect(say({ ...SCREENS.staffHelp, moneyInFlight: false })).not.toContain('您的钱不会丢失');
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
