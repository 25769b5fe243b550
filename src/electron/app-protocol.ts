// The app:// scheme the renderer is loaded from (never file://): its privileges, and how a
// request becomes a response. app://kiosk/<path> resolves to a file of the built renderer,
// refusing anything outside it; every response carries the app's security headers.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CustomScheme } from 'electron';
import { withAppSecurityHeaders } from './app-headers';
import { outOfServiceFile } from './out-of-service-page';
import { isTrustedUrl } from './trusted-url';

/** Standard and secure like https (so the page is a secure context); CSP is never bypassed. */
export const APP_SCHEME: CustomScheme = {
  scheme: 'app',
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

export function resolveAppFile(uiDir: string, url: string): string | null {
  if (!isTrustedUrl(url)) return null;
  const { pathname } = new URL(url);
  let rel: string;
  try {
    rel = decodeURIComponent(pathname).replace(/^\/+/, '') || 'index.html';
  } catch {
    return null;
  }
  const root = path.resolve(uiDir);
  const file = path.resolve(root, rel);
  return file.startsWith(root + path.sep) ? file : null;
}

/** Answers one app:// request; `fetchFile` reads a file:// URL (Electron's net.fetch). */
export async function handleAppRequest(
  uiDir: string,
  url: string,
  fetchFile: (fileUrl: string) => Promise<Response>,
): Promise<Response> {
  const page = isTrustedUrl(url) ? outOfServiceFile(new URL(url).pathname) : null;
  if (page) {
    return withAppSecurityHeaders(
      new Response(page.body, { status: 200, headers: { 'content-type': page.type } }),
    );
  }
  const file = resolveAppFile(uiDir, url);
  const response = file
    ? await fetchFile(pathToFileURL(file).toString()).catch(
        () => new Response('not found', { status: 404 }),
      )
    : new Response('not found', { status: 404 });
  return withAppSecurityHeaders(response);
}
