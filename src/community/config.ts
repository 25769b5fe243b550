// The community service point's settings (config `community`, optional: without it the kiosk
// has no care view, no notices and no pickup points, and applications go on as ever).
import { z } from 'zod';

/** Where the committee usually meets, offered on the notices screen (chosen, never typed). */
export const DEFAULT_NOTICE_PLACES = ['社区活动室', '居委会', '小区广场', '社区卫生服务站'];

/**
 * The notices screen's choices for this community: its usual places, and how many buildings it
 * has (the audience tags are `elder`, `volunteer` and `building-1` … `building-N`, the tags
 * residents consent under at the gateway, each of which the staff screens can say in words).
 */
export const NoticeChoices = z
  .object({
    places: z
      .array(z.string().trim().min(1).max(16))
      .min(1)
      .max(8)
      .refine((p) => new Set(p).size === p.length, 'each place once')
      .default(DEFAULT_NOTICE_PLACES),
    buildings: z.number().int().min(1).max(60).default(12),
  })
  .strict();
export type NoticeChoices = z.infer<typeof NoticeChoices>;

/** The audience tags a community's notices may name. */
export function noticeTags(choices: Pick<NoticeChoices, 'buildings'>): string[] {
  return [
    'elder',
    'volunteer',
    ...Array.from({ length: choices.buildings }, (_, i) => `building-${i + 1}`),
  ];
}

export const CommunityConfig = z
  .object({
    /** The committee's community at the gateway (care alerts, notices, pickup points near it). */
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a community id: letters, digits, - and _'),
    /** An upload carries up to 4 MiB: its own timeout, longer than gateway.timeoutMs. */
    uploadTimeoutMs: z.number().int().min(5_000).max(600_000).default(60_000),
    /**
     * How long a resident's submission waits for the gateway's answer before the screen says it
     * was accepted for later (the worker goes on in the background).
     */
    answerWaitMs: z.number().int().min(1_000).max(60_000).default(8_000),
    /** The notices screen's places and buildings (their defaults when absent). */
    notices: NoticeChoices.optional(),
  })
  .strict();
export type CommunityConfig = z.infer<typeof CommunityConfig>;
