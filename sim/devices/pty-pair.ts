// A pair of linked pseudo-terminals made by socat, as a null-modem cable: the host opens one
// end like a serial device, an emulator the other. socat replaces stale links of the same name
// and removes its links when it stops.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface PtyPair {
  /** The end the kiosk opens (devices.billAcceptor.port). */
  hostPath: string;
  /** The end the emulator opens. */
  devicePath: string;
  socatPid: number;
  /** Resolves when socat exits, for whatever reason. */
  exited: Promise<number | null>;
  close(): Promise<void>;
}

export async function openPtyPair(hostPath: string, devicePath: string): Promise<PtyPair> {
  const end = (link: string) => `pty,raw,echo=0,link=${link}`;
  // -d -d: socat reports on stderr when both ptys exist and the transfer loop runs. Its own
  // process group: a Ctrl-C meant for the runner must not cut the cable under it.
  const socat = spawn('socat', ['-d', '-d', end(hostPath), end(devicePath)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => socat.once('exit', resolve));
  let said = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail('no pty pair within 5 s'), 5_000);
    const fail = (why: string) => {
      clearTimeout(timer);
      socat.kill('SIGKILL');
      reject(new Error(`socat: ${why}${said ? `\n${said}` : ''}`));
    };
    socat.once('error', (err) => fail(`cannot start (${err.message}); is socat installed?`));
    void exited.then((code) => fail(`exited with ${code}`));
    createInterface({ input: socat.stderr }).on('line', (line) => {
      said = `${said}${line}\n`.slice(-2000);
      if (line.includes('starting data transfer loop')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    hostPath,
    devicePath,
    socatPid: socat.pid ?? -1,
    exited,
    async close() {
      if (socat.exitCode !== null || socat.signalCode !== null) return;
      socat.kill('SIGTERM');
      await exited;
    },
  };
}
