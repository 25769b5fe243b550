// The checks the screens need: GB 32100 check characters against codes published in the
// national register (and every single-character corruption of them), mobile numbers and their
// last four, tracking codes as typed, and the application receipt's QR.
import { describe, expect, it } from 'vitest';
import {
  applicationQrText,
  applicationSerialOfScan,
  isMobile,
  isPhoneLast4,
  isTaxId,
  isTrackingCode,
  maskMobile,
  normalizeTaxId,
  normalizeTrackingCode,
  phoneLast4,
  TAX_ID_ALPHABET,
  taxIdCheckCharacter,
  taxIdProblem,
} from '../../src/community/checks';

/** Unified social credit codes as published (GB 32100's own example, and listed companies). */
const KNOWN_VALID = [
  '91350100M000100Y43', // the standard's worked example
  '914403001922038216', // Huawei Technologies Co., Ltd.
  '9144030071526726XG', // Shenzhen Tencent Computer Systems Co., Ltd.
  '91330100799655058B', // Alibaba (China) Co., Ltd.
  '91110000100006485K', // China Petroleum & Chemical Corporation
];

describe('GB 32100 unified social credit codes', () => {
  it.each(KNOWN_VALID)('%s is valid', (code) => {
    expect(taxIdProblem(code)).toBeNull();
    expect(isTaxId(code)).toBe(true);
    expect(taxIdCheckCharacter(code.slice(0, 17))).toBe(code.charAt(17));
  });

  it('every single-character change of a valid code is refused', () => {
    let tried = 0;
    for (const code of KNOWN_VALID) {
      for (let i = 0; i < 18; i++) {
        for (const ch of TAX_ID_ALPHABET) {
          if (ch === code.charAt(i)) continue;
          const corrupted = code.slice(0, i) + ch + code.slice(i + 1);
          tried++;
          expect(isTaxId(corrupted), `${corrupted} (position ${i + 1})`).toBe(false);
        }
      }
    }
    expect(tried).toBe(KNOWN_VALID.length * 18 * 30);
  });

  it('swapping two different neighbours is refused too', () => {
    for (const code of KNOWN_VALID) {
      for (let i = 0; i < 17; i++) {
        const [a, b] = [code.charAt(i), code.charAt(i + 1)];
        if (a === b) continue;
        const swapped = code.slice(0, i) + b + a + code.slice(i + 2);
        expect(isTaxId(swapped), swapped).toBe(false);
      }
    }
  });

  it('names what is wrong', () => {
    expect(taxIdProblem('91350100M000100Y4')).toBe('length');
    expect(taxIdProblem('91350100M000100Y431')).toBe('length');
    expect(taxIdProblem('91350100I000100Y43')).toBe('character'); // I is not in the alphabet
    expect(taxIdProblem('91350100m000100Y43')).toBe('character'); // not normalized
    expect(taxIdProblem('9135A100M000100Y43')).toBe('division');
    expect(taxIdProblem('91350100M000100Y44')).toBe('check_character');
  });

  it('a typed code is normalized before it is checked', () => {
    expect(normalizeTaxId(' 9144 0300 7152 6726 xg ')).toBe('9144030071526726XG');
    expect(isTaxId(normalizeTaxId('9144030071526726xg'))).toBe(true);
  });

  it('the alphabet has 31 characters and none of I, O, Z, S, V', () => {
    expect(TAX_ID_ALPHABET).toHaveLength(31);
    for (const ch of 'IOZSV') expect(TAX_ID_ALPHABET).not.toContain(ch);
    expect(taxIdCheckCharacter('91350100M000100Y')).toBeNull();
    expect(taxIdCheckCharacter('91350100M000100YO')).toBeNull();
  });
});

describe('phones', () => {
  it('mainland mobiles: 11 digits, 1 then 3–9', () => {
    expect(isMobile('13800138000')).toBe(true);
    expect(isMobile('19912345678')).toBe(true);
    expect(isMobile('12800138000')).toBe(false);
    expect(isMobile('1380013800')).toBe(false);
    expect(isMobile('138001380001')).toBe(false);
    expect(isMobile('1380013800a')).toBe(false);
  });

  it('the last four, and the mask the gateway uses', () => {
    expect(phoneLast4('13800138000')).toBe('8000');
    expect(isPhoneLast4('8000')).toBe(true);
    expect(isPhoneLast4('800')).toBe(false);
    expect(isPhoneLast4('80a0')).toBe(false);
    expect(maskMobile('13800138000')).toBe('138****8000');
    expect(maskMobile('138****8000')).toBe('138****8000');
  });
});

describe('tracking codes and the receipt QR', () => {
  it('typed codes get capitals and their dash', () => {
    expect(normalizeTrackingCode('k7qh2m9d')).toBe('K7QH-2M9D');
    expect(normalizeTrackingCode('K7QH - 2M9D')).toBe('K7QH-2M9D');
    expect(isTrackingCode('K7QH-2M9D')).toBe(true);
    expect(isTrackingCode('K7QH2M9D')).toBe(false);
    expect(isTrackingCode(normalizeTrackingCode('K7QH2M9'))).toBe(false);
  });

  it("the receipt's QR names its application serial, and nothing else is taken for one", () => {
    const serial = 'SH-XH-WK-0007-20261206-000042';
    expect(applicationSerialOfScan(applicationQrText(serial))).toBe(serial);
    expect(applicationSerialOfScan(`${applicationQrText(serial)}\r\n`)).toBe(serial);
    expect(applicationSerialOfScan('SGCC:3100123456')).toBeNull();
    expect(applicationSerialOfScan('KIOSK-APP:../../etc')).toBeNull();
    expect(applicationSerialOfScan('KIOSK-APP:')).toBeNull();
  });
});
