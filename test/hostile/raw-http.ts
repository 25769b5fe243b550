// Requests a browser or fetch would refuse to send: raw bytes on a TCP socket to the target,
// the answer's status line read back (or how the connection ended). Every wait is bounded.
import { connect, type Socket } from 'node:net';

export type RawAnswer = { status: number } | { ended: 'closed' | 'reset' | 'timeout' };

/** Sends `bytes` and returns the first status line's code, or how the connection ended. */
export function rawRequest(
  port: number,
  bytes: Buffer | string,
  timeoutMs = 3_000,
): Promise<RawAnswer> {
  return rawExchange(port, (socket) => socket.write(bytes), timeoutMs);
}

/**
 * Connects, lets `talk` write whatever it likes, whenever it likes (it may destroy the socket:
 * a client giving up), and returns the first status line's code, or how the connection ended.
 */
export function rawExchange(
  port: number,
  talk: (socket: Socket) => void,
  timeoutMs = 3_000,
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let settled = false;
    const done = (a: RawAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(a);
    };
    const timer = setTimeout(() => done({ ended: 'timeout' }), timeoutMs);
    socket.on('error', () => done({ ended: 'reset' }));
    socket.on('close', () => {
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      done(m ? { status: Number(m[1]) } : { ended: 'closed' });
    });
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (m && text.includes('\r\n\r\n')) done({ status: Number(m[1]) });
    });
    socket.on('connect', () => talk(socket));
  });
}

/** A GET with these raw header lines (no validation: that is the point). */
export function rawGet(target: string, headerLines: string[]): string {
  return `GET ${target} HTTP/1.1\r\n${headerLines.join('\r\n')}\r\n\r\n`;
}

/**
 * Opens `count` sockets that send a first line and then nothing (slow clients); `allClosed`
 * resolves once the server has dropped every one of them.
 */
export async function slowClients(
  port: number,
  count: number,
): Promise<{ sockets: Socket[]; allClosed: Promise<unknown> }> {
  const sockets: Socket[] = [];
  const closed: Promise<unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const s = connect(port, '127.0.0.1');
    closed.push(new Promise((r) => s.on('close', r)));
    s.on('error', () => undefined);
    s.resume(); // read what the server says, so that its close arrives
    s.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    sockets.push(s);
  }
  await new Promise((r) => setTimeout(r, 100));
  return { sockets, allClosed: Promise.all(closed) };
}
