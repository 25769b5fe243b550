// Receipts as data, rendered as text: exact lines for a fixed payment on 80 and 58 mm paper,
// and the compact lines the screen shows.
import { describe, expect, it } from 'vitest';
import { textWidth } from '../../drivers/printer/columns';
import { COPY_MARK } from '../../src/receipts/layout';
import { paymentReceipt, receiptLines } from '../../src/receipts/receipt-text';
import { refundSlip } from '../../src/receipts/refund-slip';
import { paperLines, screenLines } from '../../src/receipts/render-text';
import { paidInput, pendingInput, refundInput, result, SERIAL, TXN } from './fixtures';

const VERIFY = `https://verify.example/r?s=${SERIAL}&t=${TXN}`;

describe('the paid receipt (缴费凭证)', () => {
  it('lays out on 80 mm paper exactly so', () => {
    expect(paperLines(paymentReceipt(paidInput), 80)).toEqual([
      '缴费凭证',
      '终端编号                           SH-XH-WK-0007',
      '交易时间                     2026-11-26 14:05:40',
      '收费单位                      国网上海市电力公司',
      '户号                                  3100****56',
      '户名                                       张*明',
      '-'.repeat(48),
      '账期 2026-09 逾期42天',
      '  本金                                  120.00元',
      '  违约金                                  3.60元',
      '账期 2026-10',
      '  本金                                   80.50元',
      '-'.repeat(48),
      '本金合计                                200.50元',
      '违约金合计                                3.60元',
      '转入预存                                 95.90元',
      '实收金额                                300.00元',
      '支付方式                                    现金',
      '-'.repeat(48),
      '代收流水号         SH-XH-WK-0007-20261126-000123',
      '销账编号                    SGCC-20261126-000042',
      '扫码核验缴费记录',
      `[QR] ${VERIFY}`,
      '请妥善保管本凭证。如有疑问，请联系社区工作人员。',
    ]);
  });

  it('lays out on 58 mm paper, a long value below its label', () => {
    const lines = paperLines(paymentReceipt(paidInput), 58);
    expect(lines.slice(0, 6)).toEqual([
      '缴费凭证',
      '终端编号           SH-XH-WK-0007',
      '交易时间     2026-11-26 14:05:40',
      '收费单位      国网上海市电力公司',
      '户号                  3100****56',
      '户名                       张*明',
    ]);
    expect(lines.slice(18, 22)).toEqual([
      '-'.repeat(32),
      '代收流水号',
      '   SH-XH-WK-0007-20261126-000123',
      '销账编号    SGCC-20261126-000042',
    ]);
    expect(lines.slice(-2)).toEqual(['请妥善保管本凭证。如有疑问，请联', '系社区工作人员。']);
  });

  it('never runs past the paper edge', () => {
    for (const paper of [58, 80] as const) {
      const lines = paperLines(paymentReceipt(paidInput), paper).filter((l) => !l.startsWith('['));
      expect(Math.max(...lines.map(textWidth))).toBeLessThanOrEqual(paper === 80 ? 48 : 32);
    }
  });

  it('lists only the bills the write-off applied to', () => {
    const one = { ...paidInput, result: { ...result, appliedToBills: ['B-2026-10'] } };
    const lines = paperLines(paymentReceipt(one), 80);
    expect(lines).toContain('账期 2026-10');
    expect(lines).not.toContain('账期 2026-09 逾期42天');
  });

  it('marks a reprint as a copy, on paper and on screen', () => {
    const copy = paymentReceipt(paidInput, true);
    expect(paperLines(copy, 80)[0]).toBe(COPY_MARK);
    expect(paperLines(copy, 80).slice(1)).toEqual(paperLines(paymentReceipt(paidInput), 80));
    expect(screenLines(copy)[0]).toBe('重印 / 副本 COPY');
  });
});

describe('the provisional receipt (受理凭证)', () => {
  it('says in plain words that the write-off is pending, with no biller transaction id', () => {
    const lines = paperLines(paymentReceipt(pendingInput), 80);
    expect(lines.slice(0, 2)).toEqual(['受理凭证', '销账处理中']);
    expect(lines.slice(14)).toEqual([
      '应缴金额                                204.10元',
      '实收金额                                300.00元',
      '支付方式                                    现金',
      '-'.repeat(48),
      '代收流水号         SH-XH-WK-0007-20261126-000123',
      '款项已收妥，正在向收费单位销账，完成后将自动入',
      '账，无需再次缴费。本凭证不是缴费凭证，入账后可凭',
      '代收流水号补打缴费凭证。',
      '扫码查询入账进度',
      `[QR] https://verify.example/r?s=${SERIAL}`,
    ]);
    expect(lines.join('\n')).not.toContain(TXN);
    expect(lines.join('\n')).not.toContain('销账编号');
  });
});

describe('the refund slip for staff', () => {
  it('lists the notes by denomination, the amount, the reason and a line to sign', () => {
    expect(paperLines(refundSlip(refundInput), 58)).toEqual([
      '退款审核单',
      '工作人员核对后退款',
      '终端编号           SH-XH-WK-0007',
      '时间         2026-11-26 14:05:40',
      '收费单位      国网上海市电力公司',
      '户号                  3100****56',
      '代收流水号',
      '   SH-XH-WK-0007-20261126-000123',
      '-'.repeat(32),
      '纸币 100元 × 2         200.00元',
      '纸币 50元 × 1           50.00元',
      '纸币 20元 × 2           40.00元',
      '纸币 10元 × 1           10.00元',
      '应退金额                300.00元',
      '原因',
      '  账单金额已变化，这笔钱没有缴入',
      '-'.repeat(32),
      `[CODE128] ${SERIAL}`,
      '',
      '',
      '工作人员签字：__________________',
      '',
      '',
      '日期：__________________________',
      '本单仅供退款审核，不作缴费凭证。',
    ]);
  });

  it("says the reason in the resident's words, never as a code", () => {
    const partial = screenLines(
      refundSlip({ ...refundInput, reason: 'partial_payment_not_allowed' }),
    );
    expect(partial).toContain('原因：这项缴费需要一次缴足');
    const unknown = screenLines(refundSlip({ ...refundInput, reason: 'biller_down' }));
    expect(unknown).toContain('原因：收费单位没有接受这笔缴费');
    for (const lines of [partial, unknown]) expect(lines.join('\n')).not.toMatch(/[a-z]+_[a-z]+/);
  });
});

describe('the screen lines', () => {
  it('keep the label：value form the success screen and its tests read', () => {
    const lines = receiptLines(paidInput);
    expect(lines).toEqual([
      '缴费凭证',
      '终端编号：SH-XH-WK-0007',
      '交易时间：2026-11-26 14:05:40',
      '收费单位：国网上海市电力公司',
      '户号：3100****56',
      '户名：张*明',
      '2026-09  本金 120.00元  违约金 3.60元（逾期42天）',
      '2026-10  本金 80.50元',
      '本金合计：200.50元',
      '违约金合计：3.60元',
      '转入预存：95.90元',
      '实收金额：300.00元',
      '支付方式：现金',
      `代收流水号：${SERIAL}`,
      `销账编号：${TXN}`,
      '请妥善保管本凭证。如有疑问，请联系社区工作人员。',
    ]);
  });

  it('show the provisional receipt while the write-off is pending', () => {
    const lines = receiptLines(pendingInput);
    expect(lines[0]).toBe('受理凭证');
    expect(lines).toContain(`代收流水号：${SERIAL}`);
    expect(lines).toContain('实收金额：300.00元');
  });

  it('never show ¥', () => {
    for (const input of [paidInput, pendingInput]) {
      expect(receiptLines(input).join('')).not.toContain('¥');
      expect(paperLines(paymentReceipt(input), 80).join('')).not.toContain('¥');
    }
  });
});

describe('bilingual receipts (a resident who chose English)', () => {
  const en = { lang: 'zh+en' as const, billerNameEn: 'State Grid Shanghai' };

  it('gives every label its English beside the Chinese, and every sentence an English line', () => {
    const lines = paperLines(paymentReceipt({ ...paidInput, ...en }), 80);
    expect(lines.slice(0, 4)).toEqual([
      '缴费凭证',
      'Payment receipt',
      '终端编号 Terminal                  SH-XH-WK-0007',
      '交易时间 Time                2026-11-26 14:05:40',
    ]);
    expect(lines).toContain('          国网上海市电力公司 State Grid Shanghai');
    expect(lines).toContain('Period 2026-09, 42 days overdue');
    expect(lines).toContain('  违约金 Late fee                         3.60元');
    expect(lines).toContain('转入预存 Kept on account                 95.90元');
    expect(lines).toContain('实收金额 Received                       300.00元');
    expect(lines.slice(-3)).toEqual([
      '请妥善保管本凭证。如有疑问，请联系社区工作人员。',
      'Please keep this receipt. If anything is',
      'unclear, ask the committee staff.',
    ]);
  });

  it('fits both papers, cuts no English word, and stays in GBK (no ¥)', () => {
    const layouts = [
      paymentReceipt({ ...paidInput, ...en }),
      paymentReceipt({ ...pendingInput, ...en }),
      refundSlip({ ...refundInput, ...en, reason: 'partial_payment_not_allowed' }),
    ];
    for (const layout of layouts) {
      for (const paper of [58, 80] as const) {
        const lines = paperLines(layout, paper).filter((l) => !l.startsWith('['));
        expect(Math.max(...lines.map(textWidth))).toBeLessThanOrEqual(paper === 80 ? 48 : 32);
        const words = new Set(lines.join(' ').split(/[^A-Za-z]+/));
        for (const cut of ['Shangh', 'rece', 'overd', 'payme']) expect(words.has(cut)).toBe(false);
        expect(lines.join('')).not.toContain('¥');
      }
    }
  });

  it('the refund slip says why in both languages, with no code', () => {
    const lines = screenLines(
      refundSlip({ ...refundInput, ...en, reason: 'partial_payment_not_allowed' }),
    );
    expect(lines.slice(0, 4)).toEqual([
      '退款审核单',
      'Refund slip',
      '工作人员核对后退款',
      'Staff check it and give the money back',
    ]);
    expect(lines).toContain('原因 Reason: 这项缴费需要一次缴足');
    expect(lines).toContain('This bill must be paid in full at once');
    expect(lines).toContain('应退金额 To give back: 300.00元');
    expect(lines.join('\n')).not.toContain('partial_payment_not_allowed');
  });

  it('the screen copy is bilingual too; Chinese stays Chinese', () => {
    const lines = receiptLines({ ...paidInput, ...en });
    expect(lines).toContain('收费单位 Paid to: 国网上海市电力公司 State Grid Shanghai');
    expect(lines).toContain(
      '2026-09  本金 Amount 120.00元  违约金 Late fee 3.60元(逾期42天 42 days overdue)',
    );
    expect(receiptLines({ ...paidInput, billerNameEn: 'State Grid Shanghai' })).toEqual(
      receiptLines(paidInput),
    );
  });

  it('a provisional receipt of the overdue bill only lists that bill and its amount', () => {
    const lines = screenLines(paymentReceipt({ ...pendingInput, amountDue: 12_360 }));
    expect(lines).toContain('2026-09  本金 120.00元  违约金 3.60元（逾期42天）');
    expect(lines.some((l) => l.startsWith('2026-10'))).toBe(false);
    expect(lines).toContain('应缴金额：123.60元');
  });
});
