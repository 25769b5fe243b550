// A stand-in for systemd's notify socket: a unix datagram socket (Node has none, so python3
// holds it) that takes each message, closes the file descriptors sent with it as the service
// manager does (systemd-notify waits for that), and hands the messages over in order.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const MANAGER = `
import array, os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
print("listening", flush=True)
while True:
    data, anc, _flags, _addr = s.recvmsg(4096, socket.CMSG_SPACE(16 * 4))
    for level, kind, payload in anc:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds = array.array("i")
            fds.frombytes(payload[: len(payload) - len(payload) % fds.itemsize])
            for fd in fds:
                os.close(fd)
    for line in data.decode().split("\\n"):
        if line and line != "BARRIER=1":
            print(line, flush=True)
`;

export interface NotifySocket {
  path: string;
  /** The next message (e.g. 'READY=1'), or an error after timeoutMs. */
  next(timeoutMs?: number): Promise<string>;
  close(): void;
}

export async function startNotifySocket(): Promise<NotifySocket> {
  const socketPath = path.join(mkdtempSync(path.join(tmpdir(), 'kiosk-notify-')), 'notify');
  const child = spawn('python3', ['-c', MANAGER, socketPath], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (timeoutMs = 10_000) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('no notification came')), timeoutMs);
    });
    try {
      const line = await Promise.race([lines.next(), timeout]);
      if (line.done) throw new Error('the notify socket closed');
      return line.value;
    } finally {
      clearTimeout(timer);
    }
  };
  if ((await next()) !== 'listening') throw new Error('the notify socket did not start');
  return { path: socketPath, next, close: () => child.kill() };
}
