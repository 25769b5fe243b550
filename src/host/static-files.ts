// Serves the built renderer from one folder, with the per-launch API token injected into
// index.html. Refuses paths outside the folder.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { TOKEN_META } from '../api/kiosk-api';

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

export async function serveStatic(
  root: string,
  urlPath: string,
  token: string,
): Promise<StaticReply> {
  const clean = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  const rel = clean === '/' ? 'index.html' : clean.replace(/^\/+/, '');
  const file = path.resolve(root, rel);
  if (!file.startsWith(path.resolve(root) + path.sep)) {
    return { status: 403, type: 'text/plain', body: 'forbidden' };
  }
  try {
    const data = await readFile(file);
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    if (rel !== 'index.html') return { status: 200, type, body: data };
    const meta = `<meta name="${TOKEN_META}" content="${token}">`;
    return { status: 200, type, body: data.toString('utf8').replace('<head>', `<head>${meta}`) };
  } catch {
    return { status: 404, type: 'text/plain', body: 'not found' };
  }
}
