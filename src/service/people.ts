// The people who may enter the kiosk's staff and technician modes, from config: a staff number
// (4 to 8 digits), a name, a role and optionally a card. A card alone never lets anyone in: entry
// needs the card and the person's PIN, or the staff number and the PIN (authenticator.ts).
import { z } from 'zod';
import { CardUid, normaliseUid } from './card-uid';
import { ROLES, type Role } from './roles';

export const StaffNumber = z.string().regex(/^[0-9]{4,8}$/, 'a staff number is 4 to 8 digits');

export const PersonConfig = z
  .object({
    staffNumber: StaffNumber,
    /** As staff know the person; the log keeps its first and last character only. */
    name: z.string().min(1).max(64),
    role: z.enum(ROLES),
    /** The person's card, if they have one. */
    cardUid: CardUid.optional(),
  })
  .strict();
export type PersonConfig = z.infer<typeof PersonConfig>;

export const PeopleConfig = z
  .array(PersonConfig)
  .superRefine((people, ctx) => {
    const numbers = new Set<string>();
    const cards = new Set<string>();
    people.forEach((person, i) => {
      if (numbers.has(person.staffNumber))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'staffNumber'],
          message: `staff number ${person.staffNumber} listed twice`,
        });
      numbers.add(person.staffNumber);
      if (person.cardUid === undefined) return;
      if (cards.has(person.cardUid))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'cardUid'],
          message: `card ${person.cardUid} given to two people`,
        });
      cards.add(person.cardUid);
    });
  })
  .default([]);
export type PeopleConfig = z.infer<typeof PeopleConfig>;

/** A person as the service modes know them (never their card: it is only a way in). */
export interface Person {
  staffNumber: string;
  name: string;
  role: Role;
}

export class People {
  private readonly byNumber: ReadonlyMap<string, Person>;
  private readonly byUid: ReadonlyMap<string, Person>;

  /** `people` as parsed by PeopleConfig. */
  constructor(people: PeopleConfig) {
    const byNumber = new Map<string, Person>();
    const byUid = new Map<string, Person>();
    for (const { staffNumber, name, role, cardUid } of people) {
      const person: Person = Object.freeze({ staffNumber, name, role });
      byNumber.set(staffNumber, person);
      if (cardUid !== undefined) byUid.set(cardUid, person);
    }
    this.byNumber = byNumber;
    this.byUid = byUid;
  }

  /** Null for a staff number nobody has. */
  byStaffNumber(staffNumber: string): Person | null {
    return this.byNumber.get(staffNumber) ?? null;
  }

  /** Null for a card that is no person's (an account card, an unknown card). */
  byCard(uid: string): Person | null {
    return this.byUid.get(normaliseUid(uid)) ?? null;
  }

  all(): Person[] {
    return [...this.byNumber.values()];
  }
}
