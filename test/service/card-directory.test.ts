// Cards from config: account cards from devices.cardReader.cards, people's cards from people;
// UIDs normalised, duplicates, malformed entries and the former staff-card shape refused at load.
import { describe, expect, it } from 'vitest';
import { CardDirectory, CardDirectoryConfig } from '../../src/service/card-directory';
import { uidTail } from '../../src/service/card-uid';
import { PeopleConfig } from '../../src/service/people';

describe('CardDirectory', () => {
  const cards = CardDirectoryConfig.parse([
    { uid: '04:a1:b2:c3:d4:e5:f6', kind: 'account', billerId: 'sh-power', account: '3100123456' },
  ]);
  const people = PeopleConfig.parse([
    { staffNumber: '1001', name: '王老师', role: 'staff', cardUid: 'DEADBEEF' },
    { staffNumber: '9001', name: 'Li', role: 'technician', cardUid: 'cafe-f00d' },
    { staffNumber: '1002', name: '赵', role: 'staff' },
  ]);
  const directory = new CardDirectory(cards, people);

  it('maps a UID to an account or a person, whatever the spelling of the UID', () => {
    expect(directory.lookup('04A1B2C3D4E5F6')).toEqual({
      kind: 'account',
      billerId: 'sh-power',
      account: '3100123456',
    });
    expect(directory.lookup('de ad be ef')).toEqual({
      kind: 'staff',
      staffNumber: '1001',
      name: '王老师',
    });
    expect(directory.lookup('CAFEF00D')).toEqual({
      kind: 'technician',
      staffNumber: '9001',
      name: 'Li',
    });
    expect(directory.lookup('01020304')).toBeNull();
  });

  it('defaults to no cards', () => {
    expect(CardDirectoryConfig.parse(undefined)).toEqual([]);
  });

  it('refuses duplicates, bad UIDs, unknown kinds and stray keys, naming the entry', () => {
    const bad = (cards: unknown) => CardDirectoryConfig.safeParse(cards).error?.issues[0];
    const account = { kind: 'account', billerId: 'sh-power', account: '1' };
    expect(
      bad([
        { uid: 'DEADBEEF', ...account },
        { uid: 'de:ad:be:ef', ...account },
      ]),
    ).toMatchObject({ path: [1, 'uid'], message: 'card DEADBEEF listed twice' });
    expect(bad([{ uid: 'XYZ12345', ...account }])?.path).toEqual([0, 'uid']);
    expect(bad([{ uid: '010203', ...account }])?.path).toEqual([0, 'uid']);
    expect(bad([{ uid: '01020304', kind: 'admin', name: 'A' }])).toBeDefined();
    expect(bad([{ uid: '01020304', ...account, pin: '1234' }])).toBeDefined();
    expect(bad([{ uid: '01020304', kind: 'account', billerId: 'sh-power' }])).toBeDefined();
  });

  it('refuses the former staff and technician cards, saying where people are listed now', () => {
    for (const kind of ['staff', 'technician']) {
      const r = CardDirectoryConfig.safeParse([{ uid: 'DEADBEEF', kind, name: 'A' }]);
      expect(r.error?.issues[0]).toMatchObject({ path: [0] });
      expect(r.error?.issues[0]?.message).toContain('listed under people');
    }
  });

  it('shows at most the last 4 hex digits of a UID', () => {
    expect(uidTail('04:c0:ff:ee:00:00:01')).toBe('0001');
    expect(uidTail('DEADBEEF')).toBe('BEEF');
  });
});
