// Splits a POLL reply (after its OK byte) into events. A validator's events carry at most one
// data byte, a channel; an unknown event code is skipped on its own so the rest still counts.
import { EVENTS_WITH_CHANNEL } from './codes';

export interface SspEvent {
  code: number;
  /** The channel byte of events that carry one (0 = not known); null otherwise. */
  channel: number | null;
}

export function parseEvents(bytes: Uint8Array): SspEvent[] {
  const events: SspEvent[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const code = bytes[i] ?? 0;
    if (EVENTS_WITH_CHANNEL.has(code)) {
      events.push({ code, channel: bytes[i + 1] ?? 0 });
      i++;
    } else {
      events.push({ code, channel: null });
    }
  }
  return events;
}
