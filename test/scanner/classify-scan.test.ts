// Scan classification: the gateway's bill patterns first, then wallet payment-code prefixes,
// else junk with a reason. Patterns from the gateway that are broken are skipped and reported.
import { describe, expect, it } from 'vitest';
import { classifyScan } from '../../src/scanning/classify-scan';
import { compileScanPatterns } from '../../src/scanning/scan-patterns';

const BILLERS = [
  { id: 'sh-power', scanPatterns: ['^SGCC:(\\d{10})$'] },
  {
    id: 'sh-water',
    scanPatterns: ['^SHWATER:(\\d{9})$', '^https://water\\.example/b\\?a=(\\d{9})$'],
  },
  // A telecom bill barcode that is a bare 18-digit number starting 13: the shape of a WeChat code.
  { id: 'sh-telecom', scanPatterns: ['^TEL(13\\d{16})$'] },
];
const table = compileScanPatterns(BILLERS);

describe('classifyScan', () => {
  it("finds the biller and account with the gateway's patterns", () => {
    expect(classifyScan('SGCC:3100123456', table)).toEqual({
      kind: 'bill',
      billerId: 'sh-power',
      account: '3100123456',
    });
    expect(classifyScan('https://water.example/b?a=210012345', table)).toEqual({
      kind: 'bill',
      billerId: 'sh-water',
      account: '210012345',
    });
  });

  it('trims what scanners add at the ends', () => {
    expect(classifyScan('\r\n SGCC:3100123456\r\n', table)).toMatchObject({ kind: 'bill' });
  });

  it('recognises the three wallets by prefix and length', () => {
    const cases = [
      ['134567890123456780', 'wechat'],
      ['104567890123456780', 'wechat'],
      ['2877777777777777', 'alipay'], // 16 digits, the shortest
      ['300000000000000000000000', 'alipay'], // 24 digits, the longest
      ['6277777777777777773', 'unionpay'],
    ] as const;
    for (const [code, wallet] of cases)
      expect(classifyScan(code, table)).toEqual({ kind: 'paymentCode', wallet, code });
  });

  it('does not take near misses for payment codes', () => {
    for (const text of [
      '164567890123456780', // WeChat is 10–15
      '13456789012345678', // 17 digits
      '1345678901234567801', // 19 digits
      '2477777777777777', // Alipay is 25–30
      '287777777777777', // 15 digits
      '3000000000000000000000000', // 25 digits
      '627777777777777777', // UnionPay 62 + 16
      '１３４５６７８９０１２３４５６７８０', // full-width digits
    ])
      expect(classifyScan(text, table)).toEqual({
        kind: 'junk',
        reason: 'unknown',
        length: text.length,
      });
  });

  it('tries bill patterns before payment codes', () => {
    const code = '134567890123456780';
    expect(classifyScan(`TEL${code}`, table)).toMatchObject({ kind: 'bill', account: code });
    const greedy = compileScanPatterns([{ id: 'sh-gas', scanPatterns: ['^(\\d{18})$'] }]);
    expect(classifyScan(code, greedy)).toEqual({ kind: 'bill', billerId: 'sh-gas', account: code });
  });

  it('calls empty, over-long and control-character reads junk', () => {
    expect(classifyScan('  \r\n', table)).toEqual({ kind: 'junk', reason: 'empty', length: 0 });
    expect(classifyScan('9'.repeat(513), table)).toMatchObject({ reason: 'tooLong' });
    expect(classifyScan(`SGCC:${'1'.repeat(10)}`, table, 12)).toMatchObject({ reason: 'tooLong' });
    expect(classifyScan('SGCC:31001\u000023456', table)).toMatchObject({
      reason: 'controlCharacters',
    });
    expect(classifyScan('SGCC:3100\u001b[2J123456', table)).toMatchObject({
      reason: 'controlCharacters',
    });
    expect(classifyScan('SGCC:3100123456\u0085', table)).toMatchObject({
      reason: 'controlCharacters',
    });
  });

  it('does not accept a pattern match with an empty account', () => {
    const optional = compileScanPatterns([{ id: 'x', scanPatterns: ['^ACC:(\\d*)$'] }]);
    expect(classifyScan('ACC:', optional)).toMatchObject({ kind: 'junk', reason: 'unknown' });
  });
});

describe('compileScanPatterns', () => {
  it('skips and reports patterns that do not compile or have no account group', () => {
    const table = compileScanPatterns([
      { id: 'a', scanPatterns: ['^A:(\\d+', '^A:\\d+$', '^A:(?:\\d+)$', '^A:(\\d+)$'] },
      { id: 'b', scanPatterns: ['x'.repeat(1001)] },
    ]);
    expect(table.patterns.map((p) => p.regex.source)).toEqual(['^A:(\\d+)$']);
    expect(table.rejected.map((r) => [r.billerId, r.reason.split(':')[0]])).toEqual([
      ['a', 'does not compile'],
      ['a', 'has no capturing group for the account'],
      ['a', 'has no capturing group for the account'],
      ['b', 'longer than 1000 characters'],
    ]);
    expect(classifyScan('A:42', table)).toEqual({ kind: 'bill', billerId: 'a', account: '42' });
  });

  it('keeps the gateway order, so the first biller whose pattern matches wins', () => {
    const table = compileScanPatterns([
      { id: 'first', scanPatterns: ['^X(\\d+)$'] },
      { id: 'second', scanPatterns: ['^X(\\d+)$'] },
    ]);
    expect(classifyScan('X1', table)).toMatchObject({ billerId: 'first' });
  });
});
