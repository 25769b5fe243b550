// People from config (src/service/people.ts) and their place in the kiosk's config: staff
// numbers of 4 to 8 digits, one person per staff number and per card, and a card is an account's
// or a person's, never both.
import { describe, expect, it } from 'vitest';
import { KioskConfig } from '../../src/config/schema';
import { People, PeopleConfig } from '../../src/service/people';
import { testConfig } from '../support/kiosk-fixture';

const PEOPLE = [
  { staffNumber: '1001', name: '王老师', role: 'staff', cardUid: 'de:ad:be:ef' },
  { staffNumber: '00420017', name: 'Li', role: 'technician' },
];

describe('People', () => {
  const people = new People(PeopleConfig.parse(PEOPLE));

  it('finds a person by staff number or by card, whatever the spelling of the UID', () => {
    expect(people.byStaffNumber('1001')).toEqual({
      staffNumber: '1001',
      name: '王老师',
      role: 'staff',
    });
    expect(people.byCard('DEADBEEF')).toBe(people.byStaffNumber('1001'));
    expect(people.byStaffNumber('00420017')?.role).toBe('technician');
    expect(people.byStaffNumber('420017')).toBeNull(); // leading zeros are part of the number
    expect(people.byStaffNumber('9999')).toBeNull();
    expect(people.byCard('CAFEF00D')).toBeNull();
    expect(people.all().map((p) => p.staffNumber)).toEqual(['1001', '00420017']);
  });

  it('never hands out a card UID with a person', () => {
    expect(Object.keys(people.byCard('DEADBEEF') ?? {})).toEqual(['staffNumber', 'name', 'role']);
  });

  it('defaults to nobody', () => {
    expect(PeopleConfig.parse(undefined)).toEqual([]);
  });

  it('refuses bad staff numbers, roles, duplicates and stray keys, naming the entry', () => {
    const first = (people: unknown) => PeopleConfig.safeParse(people).error?.issues[0];
    const person = { staffNumber: '1001', name: 'A', role: 'staff' };
    for (const staffNumber of ['123', '123456789', '12a4', ' 1001', 1001]) {
      expect(first([{ ...person, staffNumber }])?.path, String(staffNumber)).toEqual([
        0,
        'staffNumber',
      ]);
    }
    expect(first([{ ...person, role: 'admin' }])?.path).toEqual([0, 'role']);
    expect(first([{ ...person, name: '' }])?.path).toEqual([0, 'name']);
    expect(first([{ ...person, pin: '135792' }])).toBeDefined();
    expect(first([{ ...person, pinHash: 'x' }])).toBeDefined();
    expect(first([{ ...person, cardUid: '0102' }])?.path).toEqual([0, 'cardUid']);
    expect(first([person, { ...person, name: 'B' }])).toMatchObject({
      path: [1, 'staffNumber'],
      message: 'staff number 1001 listed twice',
    });
    expect(
      first([
        { ...person, cardUid: 'DEADBEEF' },
        { ...person, staffNumber: '1002', cardUid: 'de-ad-be-ef' },
      ]),
    ).toMatchObject({ path: [1, 'cardUid'], message: 'card DEADBEEF given to two people' });
  });
});

describe('people in the kiosk config', () => {
  const withCards = (people: unknown, cards: unknown[] = []) =>
    KioskConfig.safeParse({
      ...testConfig('/tmp/kiosk-people-test'),
      devices: {
        billAcceptor: { driver: 'id003', port: 'sim://bill-acceptor' },
        cardReader: { driver: 'pcsc', reader: 'sim://card-reader', cards },
      },
      people,
    });

  it('a top-level people list, empty by default', () => {
    expect(testConfig('/tmp/kiosk-people-test').people).toEqual([]);
    const r = withCards(PEOPLE);
    expect(r.success).toBe(true);
    expect(r.data?.people[0]?.cardUid).toBe('DEADBEEF');
  });

  it('refuses a card that is both an account card and a person', () => {
    const r = withCards(PEOPLE, [
      { uid: 'DEADBEEF', kind: 'account', billerId: 'sh-power', account: '3100123456' },
    ]);
    expect(r.error?.issues).toEqual([
      expect.objectContaining({
        path: ['people', 0, 'cardUid'],
        message: 'card DEADBEEF is also an account card',
      }),
    ]);
  });

  it('refuses the former staff cards under the card reader, saying where people go', () => {
    const r = withCards([], [{ uid: 'DEADBEEF', kind: 'technician', name: 'Li' }]);
    expect(r.error?.issues[0]?.path).toEqual(['devices', 'cardReader', 'cards', 0]);
    expect(r.error?.issues[0]?.message).toMatch(/listed under people/);
  });
});
