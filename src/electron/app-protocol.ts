// Resolves app://kiosk/<path> to a file of the built renderer, refusing anything outside it.
import path from 'node:path';
import { isTrustedUrl } from './trusted-url';

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
