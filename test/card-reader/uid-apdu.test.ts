// The UID a card reader answers to GET DATA (FF CA 00 00 00): 4 to 10 bytes, then SW 90 00.
import { describe, expect, it } from 'vitest';
import { parseUidResponse } from '../../drivers/card-reader/uid-apdu';

describe('parseUidResponse', () => {
  it('takes 4 to 10 UID bytes before SW 90 00', () => {
    expect(parseUidResponse(Buffer.from('04A1B2C3D4E5F69000', 'hex'))).toEqual({
      ok: true,
      uid: '04A1B2C3D4E5F6',
    });
    expect(parseUidResponse(Buffer.from('0102030405060708090A9000', 'hex'))).toMatchObject({
      ok: true,
    });
  });
  it('refuses error status words, odd lengths and empty answers', () => {
    expect(parseUidResponse(Buffer.from('6A81', 'hex'))).toEqual({
      ok: false,
      reason: 'card answered SW 6A81',
    });
    expect(parseUidResponse(Buffer.alloc(0))).toEqual({
      ok: false,
      reason: 'no status word (0 bytes)',
    });
    expect(parseUidResponse(Buffer.from('9000', 'hex'))).toMatchObject({
      reason: 'UID of 0 bytes',
    });
    expect(parseUidResponse(Buffer.from('0102030405060708090A0B9000', 'hex'))).toMatchObject({
      reason: 'UID of 11 bytes',
    });
  });
});
