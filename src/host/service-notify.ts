// Tells systemd how the host is doing (sd_notify): READY=1 once it serves the kiosk, WATCHDOG=1
// every half WatchdogSec from a timer — so only while the event loop runs: a host stuck in a
// loop stops pinging and systemd restarts it — and STOPPING=1 on the way out. Node cannot send
// a unix datagram itself, so each message goes through the systemd-notify tool, which waits
// until the service manager has taken it (the unit needs NotifyAccess=all for a child's
// message). Outside systemd (no $NOTIFY_SOCKET) every call is a no-op; a message that cannot
// be sent is logged, never thrown.
import { execFile } from 'node:child_process';

/** Sends one notification, e.g. 'WATCHDOG=1'. */
export type Notifier = (message: string) => Promise<void>;

export function systemdNotifyTool(env: NodeJS.ProcessEnv = process.env): Notifier {
  return (message) =>
    new Promise((resolve, reject) => {
      execFile('systemd-notify', [message], { env, timeout: 5_000 }, (err) =>
        err ? reject(err) : resolve(),
      );
    });
}

export interface ServiceNotify {
  ready(): void;
  stopping(): void;
  /** Stops the watchdog pings. */
  close(): void;
}

/** The watchdog period systemd asks of this process, in ms, or null when none. */
export function watchdogIntervalMs(env: NodeJS.ProcessEnv, pid: number): number | null {
  const usec = Number(env.WATCHDOG_USEC);
  if (!Number.isSafeInteger(usec) || usec <= 0) return null;
  // WATCHDOG_PID names the process the watchdog is for; a child that inherited it is not.
  if (env.WATCHDOG_PID !== undefined && env.WATCHDOG_PID !== String(pid)) return null;
  return Math.max(1, Math.floor(usec / 2 / 1000));
}

export function startServiceNotify(o: {
  log: { warn(message: string): void };
  env?: NodeJS.ProcessEnv;
  pid?: number;
  notify?: Notifier;
}): ServiceNotify {
  const env = o.env ?? process.env;
  if (!env.NOTIFY_SOCKET) return { ready() {}, stopping() {}, close() {} };
  const notify = o.notify ?? systemdNotifyTool(env);
  let failing = false;
  const send = (message: string) =>
    notify(message).then(
      () => {
        failing = false;
      },
      (err: Error) => {
        // One line per run of failures, not one per ping.
        if (!failing) o.log.warn(`could not tell systemd ${message}: ${err.message}`);
        failing = true;
      },
    );

  let pinging = false;
  const interval = watchdogIntervalMs(env, o.pid ?? process.pid);
  const timer =
    interval === null
      ? null
      : setInterval(() => {
          if (pinging) return; // the last ping has not gone yet: do not pile them up
          pinging = true;
          void send('WATCHDOG=1').finally(() => (pinging = false));
        }, interval);
  timer?.unref();

  let readySent = false;
  return {
    ready() {
      if (readySent) return;
      readySent = true;
      void send('READY=1');
    },
    stopping() {
      void send('STOPPING=1');
    },
    close() {
      if (timer) clearInterval(timer);
    },
  };
}
