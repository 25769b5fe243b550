// Which card is whose: a card UID stands for a bill account (a resident's card, from
// devices.cardReader.cards: pay without typing the number) or for a person (people.ts: a member
// of staff or a technician, whose card opens their mode together with their PIN). The reader
// driver only reads UIDs; deciding whose they are is the host's (moved from drivers/).
// Export `CardDirectoryConfig` for the host's config schema.
import { z } from 'zod';
import { CardUid, normaliseUid } from './card-uid';
import { People, type PeopleConfig } from './people';
import type { Role } from './roles';

export { CardUid } from './card-uid';

const AccountCard = z
  .object({
    uid: CardUid,
    kind: z.literal('account'),
    billerId: z.string().min(1),
    account: z.string().min(1).max(64),
  })
  .strict();
type AccountCard = z.infer<typeof AccountCard>;

/**
 * The shape of staff and technician cards before people had staff numbers and PINs: refused,
 * naming where they went, rather than read as cards that open nothing.
 */
const FormerPersonCard = z
  .object({ kind: z.enum(['staff', 'technician']) })
  .loose()
  .superRefine((_, ctx) => {
    ctx.addIssue({
      code: 'custom',
      message:
        'staff and technician cards are listed under people (staffNumber, name, role, cardUid), not devices.cardReader.cards',
    });
  });

/** Account cards. People's cards are listed with the people (people.ts). */
export const CardDirectoryConfig = z
  .array(z.discriminatedUnion('kind', [AccountCard, FormerPersonCard]))
  .superRefine((cards, ctx) => {
    const seen = new Set<string>();
    cards.forEach((card, i) => {
      if (!('uid' in card) || typeof card.uid !== 'string') return;
      if (seen.has(card.uid))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'uid'],
          message: `card ${card.uid} listed twice`,
        });
      seen.add(card.uid);
    });
  })
  .transform((cards) => cards.filter((card): card is AccountCard => card.kind === 'account'))
  .default([]);
export type CardDirectoryConfig = z.infer<typeof CardDirectoryConfig>;

export type CardIdentity =
  | { kind: 'account'; billerId: string; account: string }
  | { kind: Role; staffNumber: string; name: string };

export class CardDirectory {
  private readonly accounts: ReadonlyMap<string, CardIdentity>;
  private readonly people: People;

  /**
   * `cards` as parsed by CardDirectoryConfig, `people` by PeopleConfig. A UID both an account's
   * and a person's is refused by the config (schema.ts); here the person's card would win.
   */
  constructor(cards: CardDirectoryConfig, people: PeopleConfig) {
    this.accounts = new Map(cards.map(({ uid, ...identity }) => [uid, identity]));
    this.people = new People(people);
  }

  /** Null for a card the kiosk does not know. */
  lookup(uid: string): CardIdentity | null {
    const person = this.people.byCard(uid);
    if (person) return { kind: person.role, staffNumber: person.staffNumber, name: person.name };
    return this.accounts.get(normaliseUid(uid)) ?? null;
  }
}
