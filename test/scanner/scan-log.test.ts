// Payment codes never reach a log whole: the mask, and scanForLog over anything a scan can be.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyScan } from '../../src/scanning/classify-scan';
import { maskPaymentCode } from '../../src/scanning/payment-codes';
import { scanForLog } from '../../src/scanning/scan-log';
import { compileScanPatterns } from '../../src/scanning/scan-patterns';

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** Valid codes of each wallet. */
const paymentCode = fc
  .oneof(
    fc.tuple(fc.constantFrom('10', '11', '12', '13', '14', '15'), digits(16, 16)),
    fc.tuple(fc.constantFrom('25', '26', '27', '28', '29', '30'), digits(14, 22)),
    fc.tuple(fc.constant('62'), digits(17, 17)),
  )
  .map(([prefix, rest]) => prefix + rest);

describe('maskPaymentCode', () => {
  it('keeps 4 digits at each end of a payment code', () => {
    expect(maskPaymentCode('134567890123456780')).toBe('1345**********6780');
    expect(maskPaymentCode('6277777777777777773')).toBe('6277***********7773');
  });
  it('hides at least half of any input', () => {
    expect(maskPaymentCode('1234567')).toBe('1*****7');
    expect(maskPaymentCode('123')).toBe('***');
    expect(maskPaymentCode('')).toBe('');
    fc.assert(
      fc.property(fc.string(), (s) => {
        const masked = maskPaymentCode(s);
        expect(masked.length).toBe(s.length);
        expect([...masked].filter((c) => c === '*').length * 2).toBeGreaterThanOrEqual(s.length);
      }),
    );
  });
});

describe('scanForLog', () => {
  it('shows the wallet and a masked code, the biller and account, the junk reason', () => {
    const table = compileScanPatterns([{ id: 'sh-power', scanPatterns: ['^SGCC:(\\d{10})$'] }]);
    expect(scanForLog(classifyScan('134567890123456780', table))).toEqual({
      kind: 'paymentCode',
      wallet: 'wechat',
      code: '1345**********6780',
    });
    expect(scanForLog(classifyScan('SGCC:3100123456', table))).toEqual({
      kind: 'bill',
      billerId: 'sh-power',
      account: '3100123456',
    });
    expect(scanForLog(classifyScan('134567890123456780x', table))).toEqual({
      kind: 'junk',
      reason: 'unknown',
      length: 19,
    });
  });

  it('never contains a full payment code, whatever surrounds it and whatever the billers (property)', () => {
    // Billers whose patterns may capture the code itself, part of it, or nothing.
    const pattern = fc.constantFrom(
      '^(.*)$',
      '^PAY:(\\d+)$',
      '(\\d{18})',
      '^(\\d+)x$',
      '^SGCC:(\\d{10})$',
      '(',
      '^(\\d{4})',
    );
    const billers = fc.array(
      fc.record({
        id: fc.string({ unit: fc.constantFrom(...'abcdefgh-'), minLength: 1, maxLength: 8 }),
        scanPatterns: fc.array(pattern, { maxLength: 3 }),
      }),
      { maxLength: 3 },
    );
    const affix = fc.oneof(fc.constant(''), fc.string({ maxLength: 12 }), digits(0, 20));
    fc.assert(
      fc.property(paymentCode, affix, affix, billers, (code, before, after, bs) => {
        const result = classifyScan(`${before}${code}${after}`, compileScanPatterns(bs));
        expect(JSON.stringify(scanForLog(result))).not.toContain(code);
      }),
      { numRuns: 2000 },
    );
  });
});
