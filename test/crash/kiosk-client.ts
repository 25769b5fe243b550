// The customer's side of the KioskApi over the real WebSocket, as the renderer speaks it: the
// page's origin, the per-launch token, snapshots in, user events out. When the host dies every
// pending wait fails with HostGone, which the loop expects after each kill.
import type WebSocket from 'ws';
import { HostMessage, type Snapshot, type UserEvent } from '../../src/api/kiosk-api';
import { kioskSocket, LaunchRefused, redeemLaunch } from '../support/kiosk-pass';

/** The host went away (the loop killed it): the customer's session ends here. */
export class HostGone extends Error {
  override name = 'HostGone';
}

/** The host is alive but did not do what a customer waits for: a harness or kiosk failure. */
export class StuckError extends Error {
  override name = 'StuckError';
}

type Waiter = (s: Snapshot | null) => void;

export class KioskClient {
  private latestSnapshot: Snapshot | null = null;
  private readonly waiters = new Set<Waiter>();
  private readonly listeners = new Set<(s: Snapshot) => void>();
  private closed = false;
  /** Every screen name this connection saw, in order (consecutive repeats dropped). */
  readonly screens: string[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      let json: unknown;
      try {
        json = JSON.parse(String(data));
      } catch {
        return this.fail(`a host message is not JSON: ${String(data).slice(0, 200)}`);
      }
      const parsed = HostMessage.safeParse(json);
      if (!parsed.success) return this.fail(`unparseable host message: ${String(data)}`);
      const m = parsed.data;
      if (m.type === 'rejected') return this.fail(`the host rejected a message: ${m.reason}`);
      if (this.latestSnapshot && m.snapshot.seq <= this.latestSnapshot.seq) return;
      this.latestSnapshot = m.snapshot;
      if (this.screens.at(-1) !== m.snapshot.screen.name) this.screens.push(m.snapshot.screen.name);
      for (const l of this.listeners) l(m.snapshot);
      for (const w of this.waiters) w(m.snapshot);
    });
    ws.on('close', () => {
      this.closed = true;
      for (const w of this.waiters) w(null);
    });
    ws.on('error', () => undefined); // a close follows
  }

  /** A protocol error is a harness failure: remembered and raised by the next wait. */
  private protocolError: string | null = null;
  private fail(message: string): void {
    this.protocolError = message;
    for (const w of this.waiters) w(this.latestSnapshot);
  }

  /** Redeems a launch address (the host's one-time ticket) and connects as the kiosk page. */
  static async connect(launchUrl: string, timeoutMs = 5_000): Promise<KioskClient> {
    let pass;
    try {
      pass = await redeemLaunch(launchUrl);
    } catch (err) {
      const message = `KioskApi launch failed: ${(err as Error).message}`;
      throw err instanceof LaunchRefused ? new StuckError(message) : new HostGone(message);
    }
    const url = new URL(launchUrl).origin;
    return new Promise((resolve, reject) => {
      const ws = kioskSocket(pass);
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new StuckError(`KioskApi connection to ${url} not open within ${timeoutMs} ms`));
      }, timeoutMs);
      ws.once('open', () => {
        clearTimeout(timer);
        resolve(new KioskClient(ws));
      });
      ws.once('unexpected-response', (_req, res) => {
        clearTimeout(timer);
        reject(new StuckError(`KioskApi connection refused: HTTP ${res.statusCode}`));
      });
      ws.once('error', (err) => {
        clearTimeout(timer);
        reject(new HostGone(`KioskApi connection failed: ${err.message}`));
      });
    });
  }

  get latest(): Snapshot | null {
    return this.latestSnapshot;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  onSnapshot(listener: (s: Snapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  send(...events: UserEvent[]): void {
    if (this.closed) throw new HostGone('the KioskApi connection is closed');
    for (const event of events) this.ws.send(JSON.stringify({ type: 'event', event }));
  }

  /** The first snapshot (the latest, or one to come) that `pred` accepts. */
  waitFor(pred: (s: Snapshot) => boolean, what: string, timeoutMs = 10_000): Promise<Snapshot> {
    return new Promise((resolve, reject) => {
      const check: Waiter = (s) => {
        if (this.protocolError) return done(() => reject(new StuckError(this.protocolError ?? '')));
        if (s && pred(s)) return done(() => resolve(s));
        if (this.closed)
          return done(() => reject(new HostGone(`host gone while waiting for ${what}`)));
      };
      const timer = setTimeout(
        () =>
          done(() =>
            reject(
              new StuckError(
                `no ${what} within ${timeoutMs} ms; screens seen: ${this.screens.slice(-8).join(' → ')}; last snapshot: ${JSON.stringify(this.latestSnapshot)}`,
              ),
            ),
          ),
        timeoutMs,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      this.waiters.add(check);
      check(this.latestSnapshot);
    });
  }

  close(): void {
    this.ws.terminate();
  }
}
