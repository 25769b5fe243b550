// What a receipt reveals of the customer, and what its QR code carries.
import { describe, expect, it } from 'vitest';
import { maskAccount, maskName } from '../../src/receipts/mask';
import { noteValue, yuan } from '../../src/receipts/amounts';
import { verificationPayload } from '../../src/receipts/verification';

describe('masking', () => {
  it('keeps the first four and last two digits of an account', () => {
    expect(maskAccount('3100123456')).toBe('3100****56');
    expect(maskAccount('880012345678')).toBe('8800******78');
    expect(maskAccount('123456')).toBe('123456');
  });

  it('masks names, keeping the first and last character', () => {
    expect(maskName('张三明')).toBe('张*明');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('王')).toBe('王');
    expect(maskName('  ')).toBe('');
  });

  it('masks a kept character the printer font lacks (outside GBK)', () => {
    expect(maskName('𠀀三明')).toBe('**明');
    expect(maskName('张三𠀾')).toBe('张**');
  });
});

describe('amounts', () => {
  it('are yuan with 元, from integer fen', () => {
    expect(yuan(18_650)).toBe('186.50元');
    expect(yuan(5)).toBe('0.05元');
    expect(noteValue(10_000)).toBe('100元');
    expect(noteValue(50)).toBe('0.50元');
    expect(() => yuan(1.5)).toThrow();
  });
});

describe('the verification payload', () => {
  it('carries the agent serial, and the biller transaction id once written off', () => {
    expect(verificationPayload('SH-1', 'T 1')).toBe('https://verify.example/r?s=SH-1&t=T+1');
    expect(verificationPayload('SH-1', null, 'https://v.example/x')).toBe(
      'https://v.example/x?s=SH-1',
    );
  });
});
