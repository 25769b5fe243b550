// Cards from config: UIDs normalised, duplicates and malformed entries refused at load.
import { describe, expect, it } from 'vitest';
import { CardDirectory, CardDirectoryConfig } from '../../src/service/card-directory';

describe('CardDirectory', () => {
  const cards = CardDirectoryConfig.parse([
    { uid: '04:a1:b2:c3:d4:e5:f6', kind: 'account', billerId: 'sh-power', account: '3100123456' },
    { uid: 'DEADBEEF', kind: 'staff', name: '王老师' },
    { uid: 'cafe-f00d', kind: 'technician', name: 'Li' },
  ]);
  const directory = new CardDirectory(cards);

  it('maps a UID to an account or a person, whatever the spelling of the UID', () => {
    expect(directory.lookup('04A1B2C3D4E5F6')).toEqual({
      kind: 'account',
      billerId: 'sh-power',
      account: '3100123456',
    });
    expect(directory.lookup('de ad be ef')).toEqual({ kind: 'staff', name: '王老师' });
    expect(directory.lookup('CAFEF00D')).toEqual({ kind: 'technician', name: 'Li' });
    expect(directory.lookup('01020304')).toBeNull();
  });

  it('defaults to no cards', () => {
    expect(CardDirectoryConfig.parse(undefined)).toEqual([]);
  });

  it('refuses duplicates, bad UIDs, unknown kinds and stray keys, naming the entry', () => {
    const bad = (cards: unknown) => CardDirectoryConfig.safeParse(cards).error?.issues[0];
    expect(
      bad([
        { uid: 'DEADBEEF', kind: 'staff', name: 'A' },
        { uid: 'de:ad:be:ef', kind: 'staff', name: 'B' },
      ]),
    ).toMatchObject({ path: [1, 'uid'], message: 'card DEADBEEF listed twice' });
    expect(bad([{ uid: 'XYZ12345', kind: 'staff', name: 'A' }])?.path).toEqual([0, 'uid']);
    expect(bad([{ uid: '010203', kind: 'staff', name: 'A' }])?.path).toEqual([0, 'uid']);
    expect(bad([{ uid: '01020304', kind: 'admin', name: 'A' }])).toBeDefined();
    expect(bad([{ uid: '01020304', kind: 'staff', name: 'A', pin: '1234' }])).toBeDefined();
    expect(bad([{ uid: '01020304', kind: 'account', billerId: 'sh-power' }])).toBeDefined();
  });
});
