// Checks every request at the edge makes before anything else, written so that no input can
// make them throw: the Host header against the kiosk's own names (a page on another site
// cannot rebind a name of its own to 127.0.0.1 and read the kiosk), the Origin of a browser
// request, the request target and the cookie header.
import type { IncomingHttpHeaders } from 'node:http';

/** The names a page of this host may use: the loopback address and localhost, on its port. */
export function ownOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/** The Host header names this host (no DNS rebinding). */
export function hostAllowed(headers: IncomingHttpHeaders, port: number): boolean {
  const host = headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** A browser's request comes from one of this host's own pages (or is no browser's at all). */
export function originAllowed(
  headers: IncomingHttpHeaders,
  origins: readonly string[],
  o: { required: boolean },
): boolean {
  const origin = headers.origin;
  if (origin === undefined) return !o.required;
  return origins.includes(origin);
}

/** The request target's path and query, or null when it is not a path at all. */
export function requestTarget(
  rawUrl: string | undefined,
): { pathname: string; query: URLSearchParams } | null {
  if (!rawUrl || !rawUrl.startsWith('/') || rawUrl.startsWith('//')) return null;
  const url = URL.parse(rawUrl, 'http://127.0.0.1');
  return url ? { pathname: url.pathname, query: url.searchParams } : null;
}

/** One cookie's value from the Cookie header; a malformed header has none. */
export function cookieValue(headers: IncomingHttpHeaders, name: string): string | null {
  const header = headers.cookie;
  if (typeof header !== 'string' || header.length > 4096) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}
