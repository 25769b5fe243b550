// The options both acceptor drivers take, and what their links need of them once each
// protocol's defaults are filled in.
import type { PortSettings } from '../../serial/reopening-port';
import type { SerialBinding, SerialOptions } from '../../serial/serial-port';
import type { DriverLogger } from './driver-logger';
import { SILENT_LOGGER } from './driver-logger';

export interface AcceptorOptions {
  /** The serial line; the protocol's own settings unless overridden. */
  port: { path: string } & Partial<Omit<SerialOptions, 'path'>>;
  /** An emulator binding; default is the platform binding. */
  binding?: SerialBinding;
  pollIntervalMs?: number;
  /** How long to wait for a reply. */
  responseTimeoutMs?: number;
  /** Reopen backoff after the port fails, doubling from min to max (default 500 ms – 30 s). */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  logger?: DriverLogger;
}

/** What a protocol's link is built from. */
export interface LineOptions extends PortSettings {
  responseTimeoutMs: number;
  logger: DriverLogger;
}

/** The protocol's line settings and reply timeout, unless the options say otherwise. */
export interface LineDefaults {
  serial: Omit<SerialOptions, 'path'>;
  responseTimeoutMs: number;
}

export function lineOptions(options: AcceptorOptions, defaults: LineDefaults): LineOptions {
  return {
    port: { ...defaults.serial, ...options.port },
    binding: options.binding,
    responseTimeoutMs: options.responseTimeoutMs ?? defaults.responseTimeoutMs,
    reconnectMinMs: options.reconnectMinMs ?? 500,
    reconnectMaxMs: options.reconnectMaxMs ?? 30_000,
    logger: options.logger ?? SILENT_LOGGER,
  };
}
