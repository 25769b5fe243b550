// What a technician (and the heartbeat) sees of any device, whatever its kind: who drives it on
// which port, what the device says it is, its status, what the driver has counted since it was
// built, and its last events. Event texts are the driver's own words: never a scanned code, a
// card UID in full or anything else a customer presented.
import type { DeviceStatus } from './device';

/** As the heartbeat names the devices (contracts/collection-gateway.md). */
export type DeviceKind = 'billAcceptor' | 'printer' | 'scanner' | 'cardReader';

export type DriverName = 'id003' | 'ssp' | 'escpos' | 'serial-line' | 'hid-pos' | 'pcsc';

export type DeviceEventLevel = 'info' | 'warn' | 'error';

export interface DeviceEvent {
  /** Wall-clock time, epoch ms (for people reading it; durations use the monotonic clock). */
  at: number;
  level: DeviceEventLevel;
  text: string;
}

export interface DeviceDiagnosis {
  kind: DeviceKind;
  driver: DriverName;
  /** Where the driver talks to the device: a serial path, a HID target, a PC/SC reader. */
  port: string;
  /** What the device reported it is; null where the protocol does not say or it has not yet. */
  model: string | null;
  firmware: string | null;
  status: DeviceStatus;
  /** Why the status is what it is, in the driver's words; null when all is well. */
  detail: string | null;
  /** Counts since the driver was built: notes, jobs, scans, cards, reconnects, faults, errors… */
  counters: Record<string, number>;
  /** The last DIAGNOSIS_EVENTS status changes, reconnects, faults and errors, newest last. */
  events: DeviceEvent[];
}

export const DIAGNOSIS_EVENTS = 20;

interface Slot extends DeviceEvent {
  /** How many times in a row this event happened (folded into one slot). */
  times: number;
}

/**
 * The last `capacity` events in a fixed array, overwriting the oldest. An event that repeats the
 * newest one (same level and text: a port that keeps failing to open) is folded into it, its
 * time moved on and its text marked "(×n)", so a flapping line cannot push everything else out.
 */
export class EventRing {
  private readonly slots: (Slot | undefined)[];
  /** Index of the next slot to write. */
  private next = 0;
  private size = 0;

  constructor(
    readonly capacity = DIAGNOSIS_EVENTS,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity ${capacity} must be a positive integer`);
    }
    this.slots = new Array<Slot | undefined>(capacity);
  }

  add(level: DeviceEventLevel, text: string): void {
    const at = this.now();
    const newest =
      this.size > 0 ? this.slots[(this.next + this.capacity - 1) % this.capacity] : undefined;
    if (newest && newest.level === level && newest.text === text) {
      newest.times++;
      newest.at = at;
      return;
    }
    this.slots[this.next] = { at, level, text, times: 1 };
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** Copies, oldest first. */
  list(): DeviceEvent[] {
    const out: DeviceEvent[] = [];
    const first = (this.next + this.capacity - this.size) % this.capacity;
    for (let i = 0; i < this.size; i++) {
      const slot = this.slots[(first + i) % this.capacity];
      if (!slot) continue;
      const text = slot.times > 1 ? `${slot.text} (×${slot.times})` : slot.text;
      out.push({ at: slot.at, level: slot.level, text });
    }
    return out;
  }
}

/** The logger shapes the drivers take (pino fits them all). */
export interface DeviceLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error?(obj: object, msg: string): void;
}

export interface RecordingLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const LEVEL_OF: Readonly<Record<DeviceStatus, DeviceEventLevel>> = {
  online: 'info',
  busy: 'info',
  offline: 'warn',
  noDevice: 'warn',
  userError: 'warn',
  hardwareError: 'error',
};

/**
 * A driver's record for diagnose(): its events, and the counters every driver keeps alike —
 * `reconnects` (back online after the device was lost), `faults` (entries into hardwareError or
 * userError), `warnings` and `errors` (events at those levels). A driver adds its own with
 * count(). Never throws.
 */
export class DeviceHistory {
  readonly events: EventRing;
  private readonly common = { reconnects: 0, faults: 0, warnings: 0, errors: 0 };
  private readonly own: Record<string, number> = {};
  private last: { status: DeviceStatus; detail: string | null } | null = null;
  private wasOnline = false;
  private lost = false;

  /** `counters`: the driver's own counters, reported from 0 before anything happened. */
  constructor(counters: readonly string[] = [], now: () => number = Date.now) {
    this.events = new EventRing(DIAGNOSIS_EVENTS, now);
    for (const name of counters) this.own[name] = 0;
  }

  /** The driver starts (again): coming online now is not a reconnect. */
  started(): void {
    this.wasOnline = false;
    this.lost = false;
  }

  /** A status as the driver publishes it; recorded when the status or its detail changed. */
  status(status: DeviceStatus, detail: string | null): void {
    const prev = this.last;
    if (prev && prev.status === status && prev.detail === detail) return;
    this.last = { status, detail };
    const changed = prev?.status !== status;
    if (changed && (status === 'hardwareError' || status === 'userError')) this.common.faults++;
    if (status === 'offline' || status === 'noDevice') this.lost ||= this.wasOnline;
    let text = `${status}${detail ? `: ${detail}` : ''}`;
    if (status === 'online' && changed) {
      if (this.lost) {
        this.common.reconnects++;
        text = 'online again (reconnected)';
      }
      this.wasOnline = true;
      this.lost = false;
    }
    this.add(LEVEL_OF[status], text);
  }

  info(text: string): void {
    this.add('info', text);
  }

  warn(text: string): void {
    this.add('warn', text);
  }

  error(text: string): void {
    this.add('error', text);
  }

  /** Adds to one of the driver's own counters (created at 0 on first use). */
  count(name: string, by = 1): void {
    this.own[name] = (this.own[name] ?? 0) + by;
  }

  /** The driver's own counters, then the common ones. */
  counters(): Record<string, number> {
    return { ...this.own, ...this.common };
  }

  /**
   * The driver's logger, which also records every warning and error it logs. Only the message
   * goes into the event (the drivers' messages are fixed words); the object, which may carry an
   * error or a value, goes to the log alone.
   */
  logger(inner?: DeviceLogger): RecordingLogger {
    return {
      info: (obj, msg) => inner?.info(obj, msg),
      warn: (obj, msg) => {
        inner?.warn(obj, msg);
        this.warn(msg);
      },
      error: (obj, msg) => {
        if (inner?.error) inner.error(obj, msg);
        else inner?.warn(obj, msg);
        this.error(msg);
      },
    };
  }

  private add(level: DeviceEventLevel, text: string): void {
    if (level === 'warn') this.common.warnings++;
    if (level === 'error') this.common.errors++;
    this.events.add(level, text);
  }
}

/** Text a device sent (a firmware version, a name) made printable and bounded. */
export function deviceText(raw: string, max = 64): string | null {
  const text = raw
    .replace(/\p{Cc}/gu, '?')
    .trim()
    .slice(0, max);
  return text.length > 0 ? text : null;
}
