// Account numbers as a person reads them off a bill: in groups, a mobile number 3-4-4.
import { describe, expect, it } from 'vitest';
import { accountGroups } from '../../ui/screens/account-groups';

describe('account number groups', () => {
  it('groups digits in fours from the left', () => {
    expect(accountGroups('3100123456')).toEqual(['3100', '1234', '56']);
    expect(accountGroups('210012345')).toEqual(['2100', '1234', '5']);
    expect(accountGroups('880012345678')).toEqual(['8800', '1234', '5678']);
    expect(accountGroups('31001')).toEqual(['3100', '1']); // as she types
    expect(accountGroups('3')).toEqual(['3']);
    expect(accountGroups('')).toEqual([]);
  });

  it('reads a mobile number the way phone numbers are said', () => {
    expect(accountGroups('13301234567')).toEqual(['133', '0123', '4567']);
  });

  it('never loses or adds a digit', () => {
    for (const n of ['1', '12345678901234567890', '13301234567', '50012345']) {
      expect(accountGroups(n).join('')).toBe(n);
    }
  });
});
