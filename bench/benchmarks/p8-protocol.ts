// What P8's driver and its host (p8-host.ts) say to each other over the Node IPC channel: the
// driver puts notes into the emulated acceptor, scans codes and asks for a census; the host
// answers each request by id. Both sides check every message with these schemas.
import { z } from 'zod';

export const P8Request = z.discriminatedUnion('cmd', [
  z.object({ id: z.number().int(), cmd: z.literal('note'), value: z.number().int().positive() }),
  z.object({ id: z.number().int(), cmd: z.literal('scan'), text: z.string().min(1).max(512) }),
  /** Collects all garbage (when the host runs with --expose-gc) and counts what is alive. */
  z.object({ id: z.number().int(), cmd: z.literal('census') }),
  /** Writes a V8 heap snapshot to this file (for finding what grows; not used by the figure). */
  z.object({ id: z.number().int(), cmd: z.literal('heapSnapshot'), file: z.string().min(1) }),
]);
export type P8Request = z.infer<typeof P8Request>;

export const Census = z.object({
  gcForced: z.boolean(),
  /** The journal's size: SQLite's page cache grows with it, up to its cache_size. */
  journalMb: z.number(),
  /** SQLite's page cache limit for the journal connection (PRAGMA cache_size). */
  journalCacheLimitMb: z.number(),
  memoryMb: z.object({
    rss: z.number(),
    heapUsed: z.number(),
    heapTotal: z.number(),
    external: z.number(),
    arrayBuffers: z.number(),
  }),
  /** V8's heap by space: what it holds (size) and what is in use. */
  heapSpacesMb: z.record(z.string(), z.object({ size: z.number(), used: z.number() })),
  /** process.getActiveResourcesInfo() by type: what keeps the event loop alive (unref'd not). */
  activeResources: z.record(z.string(), z.number()),
  handles: z.number(),
  timers: z.number(),
  /** Listeners on every emitter and listener set the host hands out, by where they are. */
  listeners: z.record(z.string(), z.number()),
  listenersTotal: z.number(),
});
export type Census = z.infer<typeof Census>;

export const P8Reply = z.union([
  z.object({ id: z.number().int(), ok: z.literal(true), census: Census.optional() }),
  z.object({ id: z.number().int(), ok: z.literal(false), message: z.string() }),
]);
export type P8Reply = z.infer<typeof P8Reply>;

/** The host's first message: a one-time launch address of its kiosk page. */
export const P8Ready = z.object({
  ready: z.literal(true),
  launchUrl: z.string(),
});
export type P8Ready = z.infer<typeof P8Ready>;
