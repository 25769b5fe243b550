// A USB HID POS scanner (usage page 0x8C), in process: it turns a scanned text into the exact
// 64-byte input reports a Honeywell/Zebra-style scanner sends, and hands the driver a fake
// node-hid device through the driver's `open` seam. Scripting: scan, raw reports, unplug, plug
// in, and (like a Honeywell) silence until feature report FE 01 arrives.
import { EventEmitter } from 'node:events';
import {
  describeHidTarget,
  type HidDeviceInfo,
  type HidDeviceLike,
  type HidOpener,
  type HidTarget,
} from '../../drivers/scanner/hid-device';

const REPORT_ID = 0x02;
const REPORT_LENGTH = 64;
const CHUNK = 56;

/** The input reports for one scan: report id, length, AIM id, ≤56 data bytes, ..., more flag. */
export function hidPosReports(text: string | Buffer, aim = ']Q1'): Buffer[] {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const reports: Buffer[] = [];
  let at = 0;
  do {
    const chunk = bytes.subarray(at, at + CHUNK);
    at += chunk.length;
    const report = Buffer.alloc(REPORT_LENGTH);
    report[0] = REPORT_ID;
    report[1] = chunk.length;
    report.write(aim.slice(0, 3), 2, 'latin1');
    chunk.copy(report, 5);
    report[63] = at < bytes.length ? 1 : 0;
    reports.push(report);
  } while (at < bytes.length);
  return reports;
}

export interface HidScannerEmulatorOptions {
  vendorId?: number;
  productId?: number;
  path?: string;
  /** Like a Honeywell: no scan reports until feature report FE 01 after each open. */
  needsFeatureReport?: boolean;
  /** What node-hid's getDeviceInfo() reports (placeholders, not copied from a device). */
  info?: HidDeviceInfo;
}

class FakeHidDevice extends EventEmitter implements HidDeviceLike {
  closed = false;
  hidPosMode: boolean;
  constructor(
    private readonly owner: HidScannerEmulator,
    needsFeature: boolean,
  ) {
    super();
    this.hidPosMode = !needsFeature;
  }
  async sendFeatureReport(data: number[]): Promise<number> {
    if (this.closed || !this.owner.plugged) throw new Error('could not send feature report');
    this.owner.featureReports.push([...data]);
    if (data[0] === 0xfe && data[1] === 0x01) this.hidPosMode = true;
    return data.length;
  }
  async getDeviceInfo(): Promise<HidDeviceInfo> {
    if (this.closed || !this.owner.plugged) throw new Error('could not get device info');
    return { ...this.owner.info };
  }
  async close(): Promise<void> {
    this.closed = true;
    this.removeAllListeners('data');
  }
}

export class HidScannerEmulator {
  readonly vendorId: number;
  readonly productId: number;
  readonly path: string;
  readonly info: HidDeviceInfo;
  plugged = true;
  opens = 0;
  readonly featureReports: number[][] = [];
  private device: FakeHidDevice | null = null;

  constructor(private readonly o: HidScannerEmulatorOptions = {}) {
    this.vendorId = o.vendorId ?? 0x0c2e;
    this.productId = o.productId ?? 0x0b8f;
    this.path = o.path ?? '/dev/hidraw-emulated';
    this.info = o.info ?? {
      manufacturer: 'Kiosk Sim',
      product: 'HID POS Scanner',
      release: 0x0100,
    };
  }

  /** Pass as the driver's `open` option. Fails as node-hid does for an absent device. */
  readonly open: HidOpener = async (target: HidTarget) => {
    const matches =
      'path' in target
        ? target.path === this.path
        : target.vendorId === this.vendorId && target.productId === this.productId;
    if (!this.plugged || !matches)
      throw new Error(`cannot open device ${describeHidTarget(target)}`);
    this.opens++;
    this.device = new FakeHidDevice(this, this.o.needsFeatureReport ?? false);
    return this.device;
  };

  /** True while the driver has the device open. */
  get isOpen(): boolean {
    return this.device !== null && !this.device.closed;
  }

  /** A customer scans `text`: its reports, in order. False when no one would receive them. */
  scan(text: string | Buffer, aim = ']Q1'): boolean {
    return this.sendRaw(...hidPosReports(text, aim));
  }

  /** Input reports as they are (garbage, other report ids, split scans). */
  sendRaw(...reports: Buffer[]): boolean {
    const d = this.device;
    if (!d || d.closed || !this.plugged || !d.hidPosMode) return false;
    for (const r of reports) d.emit('data', Buffer.from(r));
    return true;
  }

  /** The cable is pulled: the read loop fails as hidraw's does, and opening fails. */
  unplug(): void {
    this.plugged = false;
    const d = this.device;
    if (d && !d.closed) d.emit('error', new Error('could not read from HID device'));
  }

  plugIn(): void {
    this.plugged = true;
  }
}
