// What an injected fault does to one request: when the request is performed (committed), what
// the client gets back, or that it gets nothing at all. See README.md, "Fault injection".
import type { ServerResponse } from 'node:http';
import type { Fault } from './faults';
import { send, sendText } from './http';
import { fail, type Reply } from './reply';

/** How a request ended, seen from the client's side of the socket. */
export type Delivery =
  /** An HTTP answer with this status was sent. */
  | { kind: 'replied'; status: number }
  /** The socket was destroyed without an answer. */
  | { kind: 'dropped' }
  /** No answer, ever: the socket stays open until the client gives up or the simulator closes. */
  | { kind: 'held' }
  /** The client hung up (or the simulator closed) before the answer was ready. */
  | { kind: 'gone' };

/** Cancellable sleeps, so that closing the simulator does not leave delayed requests behind. */
export class Delays {
  private readonly pending = new Set<() => void>();

  /** Resolves true after `ms`, or false as soon as cancelAll() is called. */
  wait(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const cancel = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.pending.delete(cancel);
        resolve(true);
      }, ms);
      this.pending.add(cancel);
    });
  }

  cancelAll(): void {
    for (const cancel of this.pending) cancel();
    this.pending.clear();
  }
}

function unavailable(fault: Fault & { kind: '503' | '429' }): Reply {
  const reply =
    fault.kind === '503'
      ? fail(503, 'service_unavailable', 'simulated fault: the gateway is unavailable')
      : fail(429, 'rate_limited', 'simulated fault: too many requests');
  return { ...reply, headers: { 'retry-after': String(fault.retryAfter) } };
}

const PROXY_PAGE = {
  '503': '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>\n',
  '429': '<html><body><h1>429 Too Many Requests</h1></body></html>\n',
};

/** The answer's JSON cut in half: never valid JSON, as from a truncated or garbled reply. */
function truncated(reply: Reply): string {
  const text = JSON.stringify(reply.body);
  return text.slice(0, Math.ceil(text.length / 2));
}

/** The answer without its first field (agentSerial of a payment, quoteId of a quote, …). */
function withoutFirstField(reply: Reply): unknown {
  const body = reply.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return {};
  return Object.fromEntries(Object.entries(body).slice(1));
}

/**
 * Performs the request under the fault (or none) and answers it. `perform` runs the route
 * handler: that is the commit. A slow request is still performed after its delay when the
 * client has gone meanwhile, as a real server would; only closing the simulator cancels it.
 */
export async function deliver(
  res: ServerResponse,
  fault: Fault | undefined,
  perform: () => Reply,
  delays: Delays,
): Promise<Delivery> {
  const reply = (r: Reply): Delivery => {
    if (res.destroyed) return { kind: 'gone' };
    send(res, r);
    return { kind: 'replied', status: r.status };
  };
  const replyText = (status: number, text: string, headers?: Record<string, string>): Delivery => {
    if (res.destroyed) return { kind: 'gone' };
    sendText(res, status, text, headers);
    return { kind: 'replied', status };
  };
  const drop = (): Delivery => {
    res.destroy();
    return { kind: 'dropped' };
  };
  if (!fault) return reply(perform());
  switch (fault.kind) {
    case '503':
    case '429': {
      if (fault.when === 'after_commit') perform();
      const answer = unavailable(fault);
      return fault.body === 'json'
        ? reply(answer)
        : replyText(answer.status, PROXY_PAGE[fault.kind], {
            ...answer.headers,
            'content-type': 'text/html',
          });
    }
    case 'slow': {
      if (fault.when === 'after_commit') {
        const answer = perform();
        return (await delays.wait(fault.delayMs)) ? reply(answer) : { kind: 'gone' };
      }
      return (await delays.wait(fault.delayMs)) ? reply(perform()) : { kind: 'gone' };
    }
    case 'timeout':
      if (fault.when === 'after_commit') perform();
      return { kind: 'held' };
    case 'drop_before_commit':
      return drop();
    case 'drop_after_commit':
      perform();
      return drop();
    case 'duplicate':
      // Delivered twice, answered once: the client sees the answer to the second delivery.
      perform();
      return reply(perform());
    case 'malformed_json':
      return replyText(200, truncated(perform()));
    case 'bad_schema':
      return replyText(200, JSON.stringify(withoutFirstField(perform())));
  }
}
