// The kiosk's own page, as the hostile suite's witness: it became the screen through the
// kiosk's launch ticket and must keep working through every case. `probe()` proves the host
// still reads and answers it (an invalid message is answered `rejected`); a case that closed
// the socket on purpose (a flood) is followed by a reconnect, which the one-screen rule allows.
import type WebSocket from 'ws';
import type { HostMessage, Snapshot, UserEvent } from '../../src/api/kiosk-api';
import { kioskSocket, type KioskPass } from '../support/kiosk-pass';

export class Screen {
  private ws: WebSocket | null = null;
  private readonly waiters = new Set<(m: HostMessage | null) => void>();
  latest: Snapshot | null = null;
  /** Close codes the host sent this screen, in order. */
  readonly closes: number[] = [];

  constructor(readonly pass: KioskPass) {}

  /** Opens the socket if it is not open; resolves with the first snapshot. */
  async open(timeoutMs = 5_000): Promise<void> {
    if (this.ws && this.ws.readyState === this.ws.OPEN) return;
    const ws = kioskSocket(this.pass);
    this.ws = ws;
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as HostMessage;
      if (m.type === 'snapshot') this.latest = m.snapshot;
      for (const w of this.waiters) w(m);
    });
    ws.on('close', (code) => {
      this.closes.push(code);
      for (const w of this.waiters) w(null);
    });
    ws.on('error', () => undefined); // the close follows
    await this.next((m) => m?.type === 'snapshot', 'a first snapshot', timeoutMs);
  }

  send(event: UserEvent | unknown): void {
    this.ws?.send(JSON.stringify({ type: 'event', event }));
  }

  sendRaw(data: string | Buffer): void {
    this.ws?.send(data);
  }

  /**
   * The host answers this screen: an invalid message comes back `rejected`. A socket the host
   * closed for the message before (too big, too fast) may close only after the probe went out,
   * on a loaded machine: then a new socket is opened and asked once more — the host still
   * serving a fresh screen is what the probe proves.
   */
  async probe(timeoutMs = 5_000): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      await this.open(timeoutMs);
      const answered = this.next((m) => m?.type === 'rejected', 'an answer to a probe', timeoutMs);
      this.ws?.send('probe: not JSON');
      try {
        await answered;
        return;
      } catch (err) {
        const closed = err instanceof Error && err.message.includes('socket closed');
        if (!closed || attempt > 0) throw err;
      }
    }
  }

  /** The next message `accept` takes (null: the socket closed). */
  next(accept: (m: HostMessage | null) => boolean, what: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`the kiosk screen got no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const check = (m: HostMessage | null) => {
        if (m === null && !accept(null)) {
          clearTimeout(timer);
          this.waiters.delete(check);
          return reject(new Error(`the kiosk screen's socket closed waiting for ${what}`));
        }
        if (!accept(m)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  /** Waits for a snapshot `accept` takes (already shown, or to come). */
  async until(
    accept: (s: Snapshot) => boolean,
    what: string,
    timeoutMs = 10_000,
  ): Promise<Snapshot> {
    if (this.latest && accept(this.latest)) return this.latest;
    await this.next((m) => m?.type === 'snapshot' && accept(m.snapshot), what, timeoutMs);
    if (!this.latest) throw new Error(`no snapshot for ${what}`);
    return this.latest;
  }

  close(): void {
    this.ws?.close();
  }
}
