// Browser-mode transport of the KioskApi: a WebSocket to the host that served this page,
// authenticated with the per-launch token the host put in the page. Reconnects on its own;
// every message is validated against the shared schema.
import {
  HostMessage,
  TOKEN_META,
  WS_PATH,
  type KioskApi,
  type RendererMessage,
  type Snapshot,
  type UserEvent,
} from '../../src/api/kiosk-api';

const RETRY_MS = [250, 500, 1000, 2000, 4000];
const RELOAD_AFTER_FAILURES = 3;

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
    const token =
      document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META}"]`)?.content ?? '';
    const scheme = this.location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(
      `${scheme}://${this.location.host}${WS_PATH}?token=${encodeURIComponent(token)}`,
    );
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
    ws.onclose = () => {
      const delay = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)];
      setTimeout(
        () => (this.failures >= RELOAD_AFTER_FAILURES ? this.reloadIfHostIsBack() : this.open()),
        delay,
      );
    };
  }

  /**
   * A restarted host has a new per-launch token, so this page can no longer connect. Once the
   * host answers again, reload to get a page with the new token; until then keep trying.
   */
  private reloadIfHostIsBack(): void {
    fetch(window.location.href, { cache: 'no-store' })
      .then((res) => (res.ok ? window.location.reload() : this.open()))
      .catch(() => this.open());
  }
}
