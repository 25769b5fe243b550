// The renderer is loaded from app://kiosk/ and nothing else is trusted. URLs are parsed, never
// prefix-matched (a prefix check lets app://kiosk.attacker through).

export const APP_ORIGIN = 'app://kiosk';
/** The one page the kiosk window loads. */
export const APP_URL = `${APP_ORIGIN}/index.html`;

export function isTrustedUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === 'app:' &&
    url.host === 'kiosk' &&
    url.username === '' &&
    url.password === '' &&
    url.port === ''
  );
}
