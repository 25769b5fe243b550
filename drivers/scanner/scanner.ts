// What the host sees of any QR/barcode scanner, whatever its link: `scan` with the text read
// (trimmed, never empty), `status` on every change of the device status. Scanners never throw
// into the host and reconnect on their own; nothing scanned is logged (it may be a payment code).
import type { EventEmitter } from 'node:events';
import type { DeviceStatus } from '../device';
import type { DeviceDiagnosis } from '../diagnosis';

/** diagnose() of a scanner. Its events say of a scan only its length and character class. */
export interface ScannerDiagnosis extends DeviceDiagnosis {
  kind: 'scanner';
  driver: 'serial-line' | 'hid-pos';
}

export type ScannerEvents = { scan: [text: string]; status: [status: DeviceStatus] };

export interface Scanner extends Pick<EventEmitter<ScannerEvents>, 'on' | 'once' | 'off'> {
  readonly status: DeviceStatus;
  /** Why the status is what it is, for staff and logs, where the driver knows (null: all well). */
  readonly detail?: string | null;
  /** Opens the device. Never rejects: a missing device is a status, retried in the background. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Scans read and dropped, reconnects and the last events, for technicians and the heartbeat. */
  diagnose(): ScannerDiagnosis;
}
