// Stand-ins shared by the device rigs: a serial cable that can be pulled out of a binding, and
// a bounded wait for a condition.
import type { SerialBinding } from '../../drivers/serial/serial-port';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 5 ms; throws naming `what` after `timeoutMs`. */
export async function waitUntil(
  what: string,
  check: () => boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/**
 * `inner` behind a cable: while it is pulled, writes fail (SerialPortStream takes that as a
 * disconnect and closes the port, as with a real cable) and the port cannot be opened again.
 */
export function withPullableCable(inner: SerialBinding) {
  const cable = { plugged: true, opens: 0, failedOpens: 0 };
  const binding: SerialBinding = {
    list: () => inner.list(),
    async open(options) {
      cable.opens++;
      if (!cable.plugged) {
        cable.failedOpens++;
        throw new Error(`${options.path}: no such device`);
      }
      const port = await inner.open(options);
      const write = port.write.bind(port);
      port.write = async (buffer: Buffer) => {
        if (!cable.plugged) throw new Error('device disconnected');
        await write(buffer);
      };
      return port;
    },
  };
  return { binding, cable };
}
