// The logger both acceptor drivers take (pino fits), and the silent one they use without it.
import type { PortLogger } from '../../serial/reopening-port';

export interface DriverLogger extends PortLogger {
  error(obj: object, msg: string): void;
}

export const SILENT_LOGGER: DriverLogger = { info: () => {}, warn: () => {}, error: () => {} };
