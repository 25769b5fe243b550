// P8's count of what is alive inside the host: memory, the resources that keep the event loop
// running (handles, timers) and the listeners on every emitter and listener set reachable from
// the objects the host hands out. Runs inside the host process (p8-host.ts).
import { EventEmitter } from 'node:events';
import { getHeapSpaceStatistics } from 'node:v8';
import type { Census } from './p8-protocol';

const MB = 1024 * 1024;
const round1 = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

/** Collections named like these hold subscribers (the host's and drivers' own listener sets). */
const LISTENER_SET = /listener|observer|waiter|subscri|handler|transmitter/i;
const MAX_DEPTH = 6;
const MAX_OBJECTS = 50_000;

/** V8's gc extension (node --expose-gc) with its options. */
type Gc = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;
const globalWithGc = globalThis as { gc?: Gc };

export function census(
  roots: Record<string, unknown>,
): Omit<Census, 'journalMb' | 'journalCacheLimitMb'> {
  const gc = globalWithGc.gc;
  // The most thorough collection V8 has: everything unreachable is freed and its pooled pages
  // are given back, as its memory reducer does when the process idles. What stays is held.
  gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  const m = process.memoryUsage();
  const activeResources: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo())
    activeResources[type] = (activeResources[type] ?? 0) + 1;
  const timers = (activeResources.Timeout ?? 0) + (activeResources.Immediate ?? 0);
  const total = Object.values(activeResources).reduce((a, b) => a + b, 0);
  const listeners = listenerCounts({ process, ...roots });
  return {
    gcForced: gc !== undefined,
    memoryMb: {
      rss: round1(m.rss),
      heapUsed: round1(m.heapUsed),
      heapTotal: round1(m.heapTotal),
      external: round1(m.external),
      arrayBuffers: round1(m.arrayBuffers),
    },
    heapSpacesMb: Object.fromEntries(
      getHeapSpaceStatistics().map((sp) => [
        sp.space_name,
        { size: round1(sp.space_size), used: round1(sp.space_used_size) },
      ]),
    ),
    activeResources,
    handles: total - timers,
    timers,
    listeners,
    listenersTotal: Object.values(listeners).reduce((a, b) => a + b, 0),
  };
}

/**
 * Walks own data properties breadth-first from the roots (getters are not called) and counts,
 * at the shortest path to each: every EventEmitter's listeners per event, and the size of every
 * Set, Map or array held under a listener-like name. Counts of zero are left out.
 */
function listenerCounts(roots: Record<string, unknown>): Record<string, number> {
  const counts: Record<string, number> = {};
  const seen = new WeakSet<object>();
  let queue: { path: string; value: unknown }[] = Object.entries(roots).map(([path, value]) => ({
    path,
    value,
  }));
  for (let depth = 0; depth <= MAX_DEPTH && queue.length > 0; depth++) {
    const next: typeof queue = [];
    for (const { path, value } of queue) {
      if (!isWalkable(value) || seen.has(value)) continue;
      seen.add(value);
      if (value instanceof EventEmitter) {
        for (const event of value.eventNames()) {
          const n = value.listenerCount(event);
          if (n > 0) counts[`${path}:${String(event)}`] = n;
        }
      }
      const name = path.slice(path.lastIndexOf('.') + 1);
      if (LISTENER_SET.test(name)) {
        const size = sizeOf(value);
        if (size !== null && size > 0) counts[path] = size;
      }
      if (Array.isArray(value) || ArrayBuffer.isView(value)) continue; // data, not structure
      for (const key of Reflect.ownKeys(value)) {
        const d = Object.getOwnPropertyDescriptor(value, key);
        if (d && 'value' in d) next.push({ path: `${path}.${String(key)}`, value: d.value });
      }
      if (value instanceof Map) {
        for (const [k, v] of value) next.push({ path: `${path}[${String(k)}]`, value: v });
      }
    }
    if (next.length > MAX_OBJECTS) next.length = MAX_OBJECTS;
    queue = next;
  }
  return counts;
}

/** Objects only: functions lead to prototypes and methods, which hold no subscribers. */
function isWalkable(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function sizeOf(value: object): number | null {
  if (value instanceof Set || value instanceof Map) return value.size;
  if (Array.isArray(value)) return value.length;
  return null;
}
