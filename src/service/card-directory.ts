// Which card is whose, from config: a card UID stands for a bill account (a resident's card:
// pay without typing the number) or for a member of staff or a technician (their modes). The
// reader driver only reads UIDs; deciding whose they are is the host's (moved from drivers/).
// Export `CardDirectoryConfig` for the host's config schema.
import { z } from 'zod';

/** A UID as written in config: hex, any case, with or without `:`, `-` or spaces. */
export const CardUid = z
  .string()
  .transform((s) => s.replace(/[\s:-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^(?:[0-9A-F]{2}){4,10}$/, 'a card UID is 4 to 10 bytes of hex'));

const AccountCard = z
  .object({
    uid: CardUid,
    kind: z.literal('account'),
    billerId: z.string().min(1),
    account: z.string().min(1).max(64),
  })
  .strict();

const PersonCard = z
  .object({
    uid: CardUid,
    kind: z.enum(['staff', 'technician']),
    name: z.string().min(1).max(64),
  })
  .strict();

export const CardDirectoryConfig = z
  .array(z.union([AccountCard, PersonCard]))
  .superRefine((cards, ctx) => {
    const seen = new Set<string>();
    cards.forEach((card, i) => {
      if (seen.has(card.uid))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'uid'],
          message: `card ${card.uid} listed twice`,
        });
      seen.add(card.uid);
    });
  })
  .default([]);
export type CardDirectoryConfig = z.infer<typeof CardDirectoryConfig>;

export type CardIdentity =
  | { kind: 'account'; billerId: string; account: string }
  | { kind: 'staff' | 'technician'; name: string };

export class CardDirectory {
  private readonly byUid: ReadonlyMap<string, CardIdentity>;

  /** `cards` as parsed by CardDirectoryConfig. */
  constructor(cards: CardDirectoryConfig) {
    this.byUid = new Map(cards.map(({ uid, ...identity }) => [uid, identity]));
  }

  /** Null for a card the kiosk does not know. */
  lookup(uid: string): CardIdentity | null {
    return this.byUid.get(uid.replace(/[\s:-]/g, '').toUpperCase()) ?? null;
  }
}
