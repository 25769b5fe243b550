// How a test or benchmark becomes the kiosk's screen without a browser: it redeems a launch
// address as the kiosk's browser does (GET /?launch=TICKET → 303 with the pass cookie) and
// then opens the KioskApi WebSocket from the page's origin with that cookie.
import WebSocket from 'ws';
import { WS_PATH } from '../../src/api/kiosk-api';

export interface KioskPass {
  /** The page's origin, e.g. http://127.0.0.1:40123 */
  origin: string;
  /** The Cookie header a page that redeemed the launch would send. */
  cookie: string;
}

/** The host answered, but did not take the launch address. */
export class LaunchRefused extends Error {
  override name = 'LaunchRefused';
}

export async function redeemLaunch(launchUrl: string): Promise<KioskPass> {
  const res = await fetch(launchUrl, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
  const setCookie = res.headers.get('set-cookie');
  await res.arrayBuffer();
  if (res.status !== 303 || !setCookie) {
    throw new LaunchRefused(`the launch address was not redeemed: HTTP ${res.status}`);
  }
  return { origin: new URL(launchUrl).origin, cookie: setCookie.split(';')[0] ?? '' };
}

/** A KioskApi socket as the kiosk page opens it (not yet open when returned). */
export function kioskSocket(pass: KioskPass): WebSocket {
  return new WebSocket(`${pass.origin.replace(/^http/, 'ws')}${WS_PATH}`, {
    origin: pass.origin,
    headers: { cookie: pass.cookie },
  });
}
