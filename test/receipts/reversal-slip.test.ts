// The reversal slip (冲正退款单): what the paper shows, and the same as a copy (重印 / 副本 COPY).
import { describe, expect, it } from 'vitest';
import { textWidth } from '../../drivers/printer/columns';
import { COPY_MARK } from '../../src/receipts/layout';
import { reasonWords } from '../../src/receipts/refund-slip';
import { paperLines, screenLines } from '../../src/receipts/render-text';
import { reversalSlip, type ReversalSlipInput } from '../../src/receipts/reversal-slip';
import { AT, SERIAL, TXN } from './fixtures';

const input: ReversalSlipInput = {
  terminalId: 'SH-XH-WK-0007',
  agentSerial: SERIAL,
  billerName: '国网上海市电力公司',
  account: '3100123456',
  billerTxnId: TXN,
  amount: 30_000,
  reason: '户号错误',
  requestedBy: '1001',
  approvedBy: '9001',
  at: AT,
};

describe('the reversal slip (冲正退款单)', () => {
  it('names the payment, the write-off undone, both staff, the amount; the account masked', () => {
    const lines = paperLines(reversalSlip(input), 80);
    expect(lines[0]).toBe('冲正退款单');
    expect(lines).toContain('户号                                  3100****56');
    expect(lines).toContain(`原销账编号                  ${TXN}`);
    expect(lines).toContain('经办人工号                                  1001');
    expect(lines).toContain('复核人工号                                  9001');
    expect(lines).toContain('应退金额                                300.00元');
    expect(lines).toContain(`[CODE128] ${SERIAL}`);
    expect(lines.join('\n')).not.toContain('3100123456');
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(48);
  });

  it('as a copy, says so on top, on paper and on the screen', () => {
    const copy = reversalSlip({ ...input, copy: true });
    expect(paperLines(copy, 58)[0]).toBe(COPY_MARK);
    expect(screenLines(copy)[0]).toBe(COPY_MARK);
  });

  it('the refund slip names a reversal in words', () => {
    expect(reasonWords('reversed')).toEqual({ zh: '当日冲正', en: 'Reversed the same day' });
  });
});
