// The scanner's face: all that code outside drivers/scanner/ may use. The host hears scans
// through Scanner, whatever the link; the HID seam is here for the in-process emulator. Report
// parsing and reassembly stay behind it (lint: kiosk/layer-imports); tests may still reach in.
export type { Scanner, ScannerDiagnosis, ScannerEvents } from './scanner';
export { LineScanner, type LineScannerOptions } from './line-scanner';
export { HidPosScanner, type HidPosScannerOptions } from './hid-pos-scanner';
export type { HidPosStats } from './hid-pos-assembler';
export {
  describeHidTarget,
  HidUnavailableError,
  type HidDeviceInfo,
  type HidDeviceLike,
  type HidOpener,
  type HidTarget,
} from './hid-device';
