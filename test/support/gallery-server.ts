// The built screen gallery (dist/gallery: the real renderer fed fixture snapshots) over HTTP,
// cacheable, for the tests that open its pages in Chromium.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

export const GALLERY = path.resolve(import.meta.dirname, '../../dist/gallery');
/** Where the UX tests serve axe beside the gallery (`serveGallery({ [AXE_PATH]: AXE_SOURCE })`). */
export const AXE_PATH = '/__axe.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

/**
 * Serves dist/gallery, and `scripts` (path → source) beside it, such as axe: a script Chromium
 * has cached compiles once, not per page. Resolves with the server and its origin.
 */
export async function serveGallery(
  scripts: Record<string, string> = {},
): Promise<{ server: Server; origin: string }> {
  if (!existsSync(path.join(GALLERY, 'index.html'))) {
    throw new Error('dist/gallery is missing: run `npm run build` first');
  }
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = path.join(GALLERY, pathname);
    const headers = { 'cache-control': 'max-age=3600' };
    const script = scripts[pathname];
    if (script !== undefined) {
      res.writeHead(200, { ...headers, 'content-type': 'text/javascript' }).end(script);
    } else if (file.startsWith(GALLERY) && existsSync(file) && statSync(file).isFile()) {
      const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, { ...headers, 'content-type': type }).end(readFileSync(file));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, origin: `http://127.0.0.1:${port}` };
}
