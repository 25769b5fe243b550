// Browser-mode transport of the KioskApi: a WebSocket to the host that served this page,
// admitted by the page's pass (an HttpOnly cookie the kiosk's own launch gave this browser;
// the page never sees it). Reconnects on its own; every message is validated against the
// shared schema.
import {
  HostMessage,
  WS_PATH,
  type KioskApi,
  type RendererMessage,
  type Snapshot,
  type UserEvent,
} from '../../src/api/kiosk-api';

const RETRY_MS = [250, 500, 1000, 2000, 4000];
const RELOAD_AFTER_FAILURES = 3;
/** Close codes of the host (src/edge/kiosk-socket.ts). */
const REPLACED = 4001;
const BUSY = 4009;
const BUSY_RETRY_MS = 5000;

export class WsKioskApi implements KioskApi {
  private socket: WebSocket | null = null;
  private latest: Snapshot | null = null;
  private readonly listeners = new Set<(s: Snapshot) => void>();
  private failures = 0;

  constructor(private readonly location: Pick<Location, 'host' | 'protocol'>) {
    this.open();
  }

  subscribe(listener: (s: Snapshot) => void): () => void {
    this.listeners.add(listener);
    if (this.latest) listener(this.latest);
    return () => this.listeners.delete(listener);
  }

  send(event: UserEvent): void {
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    this.socket.send(JSON.stringify({ type: 'event', event } satisfies RendererMessage));
  }

  private open(): void {
    const scheme = this.location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${this.location.host}${WS_PATH}`);
    this.socket = ws;
    ws.onopen = () => {
      this.failures = 0;
      this.latest = null; // the host may have restarted: its sequence starts again
    };
    ws.onmessage = (e: MessageEvent<string>) => {
      const parsed = HostMessage.safeParse(JSON.parse(e.data));
      if (!parsed.success || parsed.data.type !== 'snapshot') return;
      const snap = parsed.data.snapshot;
      if (this.latest && snap.seq <= this.latest.seq) return;
      this.latest = snap;
      for (const l of this.listeners) l(snap);
    };
    ws.onclose = (e: CloseEvent) => {
      // Another launch took the screen: the reload shows this window is no longer the kiosk.
      if (e.code === REPLACED) return window.location.reload();
      // The same browser shows the kiosk in another tab: wait for it to close.
      if (e.code === BUSY) return void setTimeout(() => this.open(), BUSY_RETRY_MS);
      const delay = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)];
      setTimeout(
        () => (this.failures >= RELOAD_AFTER_FAILURES ? this.reloadIfHostIsBack() : this.open()),
        delay,
      );
    };
  }

  /**
   * The socket keeps failing: the host may have restarted, or no longer take this page's pass.
   * Once the host answers again, reload: the page comes back as the kiosk, or says it is not.
   */
  private reloadIfHostIsBack(): void {
    fetch(window.location.href, { cache: 'no-store' })
      .then(() => window.location.reload())
      .catch(() => this.open());
  }
}
