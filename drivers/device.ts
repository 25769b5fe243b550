// The device model shared by every driver, after XFS4IoT: one common status, a class status per
// device kind, and events. Drivers reconnect on their own and never throw into the host.

export type DeviceStatus =
  'online' | 'offline' | 'hardwareError' | 'busy' | 'noDevice' | 'userError';

export interface DeviceStatusListener<T> {
  (status: T): void;
}
