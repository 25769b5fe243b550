// The settlement slip (清机结算单) of a cash-box exchange, laid out exactly on 80 and 58 mm paper:
// the box, times, who, expected and counted notes by denomination, the difference as 短款 or
// 长款 with its staff item, notes of unknown value apart, the signatures; and a plain slip when
// the count matched.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Settlement } from '../../offline-queue/cash-exchange';
import { COPY_MARK } from '../../src/receipts/layout';
import { paperLines, screenLines } from '../../src/receipts/render-text';
import { settlementSlip, settlementSlipText } from '../../src/receipts/settlement-slip';

const T0 = Date.parse('2026-11-26T14:03:11+08:00');
const TERMINAL = 'SH-XH-WK-0007';

const short: Settlement = {
  exchangeId: 7,
  boxId: 'CB-0042',
  seal: 'S20261126',
  begunBy: '9001',
  begunAt: T0,
  by: '9001',
  at: T0 + 15 * 60_000,
  lines: [
    { value: 10000, expected: 12, counted: 11, discrepancy: 1 },
    { value: 5000, expected: 3, counted: 3, discrepancy: 0 },
    { value: 1000, expected: 0, counted: 2, discrepancy: -2 },
  ],
  expected: { byValue: { 10000: 12, 5000: 3 }, total: 135000, unknownValue: 1 },
  counted: { byValue: { 10000: 11, 5000: 3, 1000: 2 }, total: 127000 },
  discrepancy: 8000,
  outcome: 'short',
  discrepancyItemId: 12,
  deviceStacked: 1234,
  collectionId: 3,
  newBox: { boxId: 'CB-0043', seal: 'S20261127' },
};

const match: Settlement = {
  ...short,
  begunBy: '9001',
  by: '9002',
  lines: [{ value: 10000, expected: 2, counted: 2, discrepancy: 0 }],
  expected: { byValue: { 10000: 2 }, total: 20000, unknownValue: 0 },
  counted: { byValue: { 10000: 2 }, total: 20000 },
  discrepancy: 0,
  outcome: 'match',
  discrepancyItemId: null,
  deviceStacked: null,
  newBox: null,
};

describe('the settlement slip (清机结算单)', () => {
  it('lays out a short count on 80 mm paper exactly so', () => {
    expect(paperLines(settlementSlip({ terminalId: TERMINAL, settlement: short }), 80)).toEqual([
      '清机结算单',
      '清点有差异，已转工作人员',
      '终端编号                           SH-XH-WK-0007',
      '结算单号                 SH-XH-WK-0007-QJ-000007',
      '开始时间                     2026-11-26 14:03:11',
      '结算时间                     2026-11-26 14:18:11',
      '取出钱箱                                 CB-0042',
      '封条号                                 S20261126',
      '换入钱箱                                 CB-0043',
      '新封条号                               S20261127',
      '清机人工号                                  9001',
      '识别器计数                                  1234',
      '-'.repeat(48),
      '100元 应12张 实11张                      短 1 张',
      '50元 应3张 实3张                            相符',
      '10元 应0张 实2张                         长 2 张',
      '-'.repeat(48),
      '应有金额                               1350.00元',
      '实点金额                               1270.00元',
      '差额                                短款 80.00元',
      '面额未知纸币                  1 张（未计入应有）',
      '差异待办                                     #12',
      '-'.repeat(48),
      '[CODE128] SH-XH-WK-0007-QJ-000007',
      '',
      '',
      `清机人签字：${'_'.repeat(36)}`,
      '',
      '',
      `复核人签字：${'_'.repeat(36)}`,
      '本单为钱箱清点结算记录，不作缴费凭证。',
    ]);
  });

  it('fits 58 mm paper', () => {
    const lines = paperLines(settlementSlip({ terminalId: TERMINAL, settlement: short }), 58);
    expect(lines.slice(12, 16)).toEqual([
      '-'.repeat(32),
      '100元 应12张 实11张      短 1 张',
      '50元 应3张 实3张            相符',
      '10元 应0张 实2张         长 2 张',
    ]);
    expect(lines).toContain('差额                短款 80.00元');
  });

  it('says so plainly when the count matched, with both technicians and no counter', () => {
    const lines = screenLines(settlementSlip({ terminalId: TERMINAL, settlement: match }));
    expect(lines).not.toContain('清点有差异，已转工作人员');
    expect(lines).toEqual(
      expect.arrayContaining([
        '清机人工号：9001（开始）/ 9002（结算）',
        '识别器计数：无',
        '100元 应2张 实2张：相符',
        '差额：无',
      ]),
    );
    expect(lines.some((l) => l.startsWith('换入钱箱') || l.startsWith('差异待办'))).toBe(false);
  });

  it('names 长款 and a mixed count in words', () => {
    const text = settlementSlipText(TERMINAL);
    expect(text({ ...match, discrepancy: -5000, outcome: 'long' })).toContain('差额：长款 50.00元');
    expect(text({ ...match, outcome: 'mixed' })).toContain('差额：金额相符，面额不符');
  });

  it('is journalled as its screen lines, and reprints as a copy', () => {
    const layout = settlementSlip({ terminalId: TERMINAL, settlement: short, copy: true });
    expect(screenLines(layout)[0]).toBe(COPY_MARK);
    expect(settlementSlipText(TERMINAL)(short)).toEqual(screenLines({ ...layout, copy: false }));
  });

  it('prints in GBK: every character has a code in the printer font', () => {
    for (const line of paperLines(settlementSlip({ terminalId: TERMINAL, settlement: short }), 80))
      expect(iconv.decode(iconv.encode(line, 'gbk'), 'gbk')).toBe(line);
  });
});
