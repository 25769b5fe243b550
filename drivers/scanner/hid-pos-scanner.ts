// A QR/barcode scanner in USB HID POS mode (usage page 0x8C) through node-hid: reports are
// reassembled into scans and decoded as UTF-8. Reconnects on its own with backoff, never throws
// into the host, and never logs what was scanned (it may be a wallet payment code).
import { EventEmitter } from 'node:events';
import type { DeviceStatus } from '../device';
import { DeviceHistory, deviceText, type RecordingLogger } from '../diagnosis';
import {
  describeHidTarget,
  type HidDeviceLike,
  type HidOpener,
  type HidTarget,
  HidUnavailableError,
  nodeHidOpener,
} from './hid-device';
import { HidPosAssembler, type HidPosStats } from './hid-pos-assembler';
import { describeScan } from './scan-summary';
import type { Scanner, ScannerDiagnosis, ScannerEvents } from './scanner';

/** Honeywell scanners send HID POS reports only after this feature report (id 0xFE, 0x01). */
export const HONEYWELL_HID_POS_FEATURE = [0xfe, 0x01];

export interface HidPosScannerOptions {
  device: HidTarget;
  /** Default: node-hid. Tests and the in-process emulator pass their own. */
  open?: HidOpener;
  /** Send the Honeywell feature report after each open. */
  honeywell?: boolean;
  maxBytes?: number;
  partialTimeoutMs?: number;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** Times the partial timeout (default: the monotonic clock). */
  monotonic?: () => number;
  logger?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

export class HidPosScanner extends EventEmitter<ScannerEvents> implements Scanner {
  status: DeviceStatus = 'offline';
  detail: string | null = 'not started';
  private readonly assembler: HidPosAssembler;
  private device: HidDeviceLike | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  /** Bumped by stop() and by every loss, so a late callback of an old device does nothing. */
  private generation = 0;
  private stopped = true;
  private readonly history = new DeviceHistory();
  /** Logs, and records every warning as an event (the messages never carry a scan). */
  private readonly log: RecordingLogger;
  /** From the USB descriptor of the device last opened, where the HID stack gives it. */
  private identity: { model: string | null; firmware: string | null } = {
    model: null,
    firmware: null,
  };

  constructor(private readonly o: HidPosScannerOptions) {
    super();
    this.log = this.history.logger(o.logger);
    this.assembler = new HidPosAssembler({
      ...(o.maxBytes !== undefined ? { maxBytes: o.maxBytes } : {}),
      ...(o.partialTimeoutMs !== undefined ? { partialTimeoutMs: o.partialTimeoutMs } : {}),
      ...(o.monotonic ? { monotonic: o.monotonic } : {}),
    });
  }

  get stats(): Readonly<HidPosStats> {
    return this.assembler.stats;
  }

  diagnose(): ScannerDiagnosis {
    return {
      kind: 'scanner',
      driver: 'hid-pos',
      port: describeHidTarget(this.o.device),
      ...this.identity,
      status: this.status,
      detail: this.detail,
      counters: { ...this.assembler.stats, ...this.history.counters() },
      events: this.history.events.list(),
    };
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.history.started();
    await this.open(this.generation);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.closeDevice();
    this.setStatus('offline', 'stopped');
  }

  private async open(generation: number): Promise<void> {
    const target = describeHidTarget(this.o.device);
    let device: HidDeviceLike;
    try {
      device = await (this.o.open ?? nodeHidOpener())(this.o.device);
    } catch (err) {
      if (generation !== this.generation) return;
      if (err instanceof HidUnavailableError) {
        // No point retrying: the binding will not load on a second try either.
        this.setStatus('noDevice', `${err.message}; HID POS scanners cannot be used`);
        return;
      }
      this.setStatus('noDevice', `no HID device ${target}: ${(err as Error).message}`);
      this.retry(generation);
      return;
    }
    if (generation !== this.generation) {
      await safely(() => device.close());
      return;
    }
    this.device = device;
    device.on('error', (err) => this.lost(generation, err.message));
    if (this.o.honeywell) {
      try {
        await device.sendFeatureReport([...HONEYWELL_HID_POS_FEATURE]);
      } catch (err) {
        if (generation !== this.generation) return;
        await this.closeDevice();
        this.setStatus('hardwareError', `HID POS mode not enabled: ${(err as Error).message}`);
        this.retry(generation);
        return;
      }
      if (generation !== this.generation) return;
    }
    device.on('data', (report) => this.onReport(generation, report));
    this.failures = 0;
    this.setStatus('online', null);
    this.log.info({ device: target }, 'hid scanner: open');
    void this.readIdentity(device, generation);
  }

  /** Product name and release from the USB descriptor; nothing when the stack cannot say. */
  private async readIdentity(device: HidDeviceLike, generation: number): Promise<void> {
    if (!device.getDeviceInfo) return;
    try {
      const info = await device.getDeviceInfo();
      if (generation !== this.generation) return;
      const name = [info.manufacturer, info.product]
        .map((s) => (s ? deviceText(s) : null))
        .filter((s): s is string => s !== null)
        .join(' ');
      const release = Number.isInteger(info.release) ? info.release & 0xffff : null;
      this.identity = {
        model: name || null,
        firmware:
          release === null
            ? null
            : `${(release >> 8).toString(16)}.${(release & 0xff).toString(16).padStart(2, '0')}`,
      };
    } catch (err) {
      this.log.info({ err: (err as Error).message }, 'hid scanner: no device info');
    }
  }

  private onReport(generation: number, report: Buffer): void {
    if (generation !== this.generation) return;
    const scan = this.assembler.push(report);
    const malformed = this.assembler.takeMalformedReason();
    if (malformed) this.log.warn({ reason: malformed }, 'hid scanner: report dropped');
    const text = scan?.text.trim();
    if (!text) return;
    this.history.info(`scan read: ${describeScan(text)}`);
    try {
      this.emit('scan', text);
    } catch (err) {
      // A listener's bug must not look like a device failure to node-hid's read loop.
      this.log.warn({ err: (err as Error).message }, 'hid scanner: scan listener threw');
    }
  }

  private lost(generation: number, reason: string): void {
    if (generation !== this.generation || this.stopped) return;
    this.generation++;
    this.assembler.reset();
    void this.closeDevice();
    this.setStatus('offline', `device lost: ${reason}`);
    this.log.warn({ reason }, 'hid scanner: device lost, reopening');
    this.retry(this.generation);
  }

  private retry(generation: number): void {
    if (this.stopped) return;
    const min = this.o.reconnectMinMs ?? 500;
    const delay = Math.min(this.o.reconnectMaxMs ?? 30_000, min * 2 ** this.failures);
    this.failures = Math.min(this.failures + 1, 16);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (generation === this.generation && !this.stopped) void this.open(generation);
    }, delay);
    this.timer.unref?.();
  }

  private async closeDevice(): Promise<void> {
    const device = this.device;
    this.device = null;
    if (device) await safely(() => device.close());
  }

  private setStatus(status: DeviceStatus, detail: string | null): void {
    this.detail = detail;
    this.history.status(status, detail);
    if (status === this.status) return;
    this.status = status;
    try {
      this.emit('status', status);
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'hid scanner: status listener threw');
    }
  }
}

async function safely(fn: () => Promise<void> | void): Promise<void> {
  try {
    await fn();
  } catch {
    // Closing a device that is already gone fails; it is closed either way.
  }
}
