// The lines the crash host prints on stdout, and the terminal it plays.
export const READY_PREFIX = 'CRASH-HOST-READY ';
/** Printed once the bill acceptor is online: only then may a customer choose to pay in cash. */
export const ACCEPTOR_ONLINE_LINE = 'CRASH-HOST-ACCEPTOR-ONLINE';
export const TERMINAL_ID = 'SH-XH-WK-0007';

export interface HostReady {
  pid: number;
  /** e.g. http://127.0.0.1:40123/ */
  kioskUrl: string;
  /** A one-time address that makes its redeemer the kiosk's screen (KioskClient.connect). */
  launchUrl: string;
  /** The control server, e.g. http://127.0.0.1:40124/, and its token ('' without one). */
  controlUrl: string;
  controlToken: string;
}

/** The Asia/Shanghai business day (YYYY-MM-DD) of an instant (fixed UTC+08:00, no DST). */
export const shanghaiDay = (ms: number): string =>
  new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
