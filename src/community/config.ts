// The community service point's settings (config `community`, optional: without it the kiosk
// has no care view, no notices and no pickup points, and applications go on as ever).
import { z } from 'zod';

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
  })
  .strict();
export type CommunityConfig = z.infer<typeof CommunityConfig>;
