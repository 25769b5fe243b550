// dist/gallery (and axe) over HTTP on 127.0.0.1, cacheable, so that Chromium compiles axe once,
// not per page: for the UX suite's screens and parts.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { AXE_SOURCE } from './ux-checks';

export const GALLERY = path.resolve(import.meta.dirname, '../../dist/gallery');
export const AXE_PATH = '/__axe.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

export async function serveGallery(): Promise<{ server: Server; origin: string }> {
  if (!existsSync(path.join(GALLERY, 'index.html'))) {
    throw new Error('dist/gallery is missing: run `npm run build` first');
  }
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = path.join(GALLERY, pathname);
    const headers = { 'cache-control': 'max-age=3600' };
    if (pathname === AXE_PATH) {
      res.writeHead(200, { ...headers, 'content-type': 'text/javascript' }).end(AXE_SOURCE);
    } else if (file.startsWith(GALLERY) && existsSync(file) && statSync(file).isFile()) {
      const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, { ...headers, 'content-type': type }).end(readFileSync(file));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, origin: `http://127.0.0.1:${port}` };
}
