// Serves the built renderer from one folder. Refuses paths outside it; never throws, whatever
// the path (a malformed escape, a NUL byte, a name too long for the file system).
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

export interface StaticReply {
  status: number;
  type: string;
  body: Buffer | string;
}

const notFound: StaticReply = { status: 404, type: 'text/plain; charset=utf-8', body: 'not found' };

/** The file of the renderer at this URL path (already split from its query). */
export async function serveStatic(root: string, pathname: string): Promise<StaticReply> {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname).replace(/^\/+/, '') || 'index.html';
  } catch {
    return { status: 400, type: 'text/plain; charset=utf-8', body: 'bad path' };
  }
  const base = path.resolve(root);
  const file = path.resolve(base, rel);
  if (!file.startsWith(base + path.sep)) {
    return { status: 403, type: 'text/plain; charset=utf-8', body: 'forbidden' };
  }
  try {
    const data = await readFile(file);
    return {
      status: 200,
      type: TYPES[path.extname(file)] ?? 'application/octet-stream',
      body: data,
    };
  } catch {
    return notFound;
  }
}
