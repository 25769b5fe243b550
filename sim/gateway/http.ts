// node:http plumbing: bounded body reading and JSON replies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Reply } from './reply';

/** Request bodies above this are answered 413 before anything else. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The whole body, or 'too_large' as soon as it exceeds the limit (the rest is discarded). */
export function readBody(
  req: IncomingMessage,
  limit = MAX_BODY_BYTES,
): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume();
      resolve('too_large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.resume();
      resolve('too_large');
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function send(res: ServerResponse, reply: Reply): void {
  sendText(res, reply.status, JSON.stringify(reply.body), reply.headers);
}

/** A reply whose body is sent as given, labelled JSON (fault injection sends broken JSON). */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
