// The seam between the HID POS driver and the HID stack: open a device by vendor/product id or
// hidraw path, receive input reports, send feature reports, close. The real one is node-hid 3,
// loaded only when first needed, so a machine without a working native binding still starts
// (the scanner then reports `noDevice` with the reason).
export type HidTarget = { vendorId: number; productId: number } | { path: string };

export interface HidDeviceLike {
  /** Input reports, the report id first (as node-hid gives them for numbered reports). */
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  /** A read failed: on Linux, the device was unplugged. */
  on(event: 'error', listener: (err: Error) => void): unknown;
  /** `data[0]` is the report id. */
  sendFeatureReport(data: number[]): Promise<number> | number;
  /** The USB descriptor's strings and release number (node-hid has it; a fake may not). */
  getDeviceInfo?(): Promise<HidDeviceInfo>;
  close(): Promise<void> | void;
}

export type HidOpener = (target: HidTarget) => Promise<HidDeviceLike>;

/** The part of node-hid's device info the driver reports. */
export interface HidDeviceInfo {
  manufacturer?: string | undefined;
  product?: string | undefined;
  /** bcdDevice: the device's release number, e.g. 0x0102 for 1.02. */
  release: number;
}

/** The HID stack itself cannot load (no native binding, no libudev): retrying will not help. */
export class HidUnavailableError extends Error {
  override readonly name = 'HidUnavailableError';
}

export function describeHidTarget(target: HidTarget): string {
  if ('path' in target) return target.path;
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return `${hex(target.vendorId)}:${hex(target.productId)}`;
}

/** The part of node-hid the opener uses. */
export interface NodeHidModule {
  getHidapiVersion(): string;
  HIDAsync: {
    open(path: string): Promise<HidDeviceLike>;
    open(vendorId: number, productId: number): Promise<HidDeviceLike>;
  };
}

export function nodeHidOpener(
  load: () => Promise<NodeHidModule> = () => import('node-hid'),
): HidOpener {
  return async (target) => {
    let hid: NodeHidModule;
    try {
      hid = await load();
      // node-hid loads its native binding on first use; this forces it, so a binding that
      // cannot load is told apart from a device that is not there.
      hid.getHidapiVersion();
    } catch (err) {
      throw new HidUnavailableError(`node-hid cannot load: ${(err as Error).message}`);
    }
    return 'path' in target
      ? hid.HIDAsync.open(target.path)
      : hid.HIDAsync.open(target.vendorId, target.productId);
  };
}
