// What a receipt reveals of the customer, and what its QR code carries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Quote } from '../../src/gateway/contract';
import { maskAccount, maskAddress, maskName } from '../../src/receipts/mask';
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

describe('masking what the gateway sends', () => {
  it('hides house and room numbers of an address, keeping the street', () => {
    expect(maskAddress('武康路100弄5号')).toBe('武康路***弄*号');
    expect(maskAddress('长乐路１２号')).toBe('长乐路**号');
    expect(maskAddress('武康路**弄**号')).toBe('武康路**弄**号');
  });

  it('masking a masked value again changes nothing (the receipt masks what the host masked)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        for (const mask of [maskName, maskAddress, maskAccount]) {
          expect(mask(mask(text))).toBe(mask(text));
        }
      }),
    );
  });

  it('a quote is parsed with its holder and address masked, whole or already masked', () => {
    const quote = {
      quoteId: 'q_1',
      billerId: 'sh-power',
      account: '3100123456',
      holder: '张三明',
      address: '武康路100弄5号',
      bills: [],
      totalDue: 0,
      prepaidBalance: 0,
      quotedAt: '2026-11-26T14:03:11+08:00',
      expiresAt: '2026-11-26T14:13:11+08:00',
    };
    expect(Quote.parse(quote)).toMatchObject({ holder: '张*明', address: '武康路***弄*号' });
    expect(Quote.parse({ ...quote, holder: '张*明', address: '武康路**弄**号' })).toMatchObject({
      holder: '张*明',
      address: '武康路**弄**号',
    });
    // The account stays whole: the kiosk pays it and the receipt masks it.
    expect(Quote.parse(quote).account).toBe('3100123456');
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
