// One renderer's KioskApi WebSocket once it is admitted: the latest snapshot at once, then user
// events in. Every message is bounded in size (the ws server's maxPayload) and rate, parsed
// with the shared schema, and answered `rejected` when it is not a valid message; a socket
// that floods, sends too much or stops answering pings is closed. Errors on the socket are
// handled here, so nothing a client sends can reach the process as an unhandled error.
import type { WebSocket } from 'ws';
import { RendererMessage, type HostMessage, type Snapshot, type UserEvent } from '../api/kiosk-api';
import type { RefusalLog } from './refusal-log';

/** Close codes the renderer acts on (4000–4999 are the application's). */
export const CLOSE = {
  /** Too many messages, or one too large: a page never does that. */
  policy: 1008,
  tooLarge: 1009,
  /** A new launch of the kiosk page replaced this one: it has no pass any more. */
  replaced: 4001,
  /** The kiosk's screen is already connected (the same browser, another tab). */
  busy: 4009,
  /** The host is stopping. */
  goingAway: 1001,
} as const;

/**
 * A token bucket. A person taps a few times a second; scripted customers (the crash loops,
 * bench P8) run whole sessions in 150 ms. Far above both, far below a runaway page.
 */
const RATE = { perSecond: 200, burst: 400 };
const PING_EVERY_MS = 15_000;

export interface SocketDeps {
  latest(): Snapshot;
  onEvent(event: UserEvent): void;
  refusals: RefusalLog;
  monotonic: () => number;
}

export function serveSocket(ws: WebSocket, d: SocketDeps): void {
  const send = (m: HostMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  };
  let tokens = RATE.burst;
  let refilledAt = d.monotonic();
  let alive = true;
  // ws reports a frame over maxPayload, a bad frame or a reset here: close, never throw.
  ws.on('error', (err) => {
    d.refusals.note('socket_error', { reason: err.message.slice(0, 100) });
    ws.terminate();
  });
  ws.on('pong', () => (alive = true));
  const ping = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, PING_EVERY_MS);
  ping.unref();
  ws.on('close', () => clearInterval(ping));

  send({ type: 'snapshot', snapshot: d.latest() });
  ws.on('message', (data, isBinary) => {
    const now = d.monotonic();
    tokens = Math.min(RATE.burst, tokens + ((now - refilledAt) / 1000) * RATE.perSecond);
    refilledAt = now;
    if (tokens < 1) {
      d.refusals.note('message_flood');
      ws.close(CLOSE.policy, 'too many messages');
      return;
    }
    tokens -= 1;
    const reason = isBinary ? 'message is not text' : null;
    let json: unknown;
    try {
      if (reason) throw new Error(reason);
      json = JSON.parse(String(data));
    } catch {
      send({ type: 'rejected', reason: reason ?? 'message is not JSON' });
      d.refusals.note('message_not_json');
      return;
    }
    const parsed = RendererMessage.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const why = `${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'invalid'}`;
      d.refusals.note('message_invalid', { reason: why.slice(0, 200) });
      send({ type: 'rejected', reason: why });
      return;
    }
    try {
      d.onEvent(parsed.data.event);
    } catch (err) {
      // A fault of the host's own, met on a valid event: logged, and the page told.
      d.refusals.note('event_failed', { reason: (err as Error).message.slice(0, 200) });
      send({ type: 'rejected', reason: 'event not accepted now' });
    }
  });
}
