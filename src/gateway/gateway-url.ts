// Where a request goes: the API path under the configured base URL, whose own path (a prefix
// such as https://host/collect/, behind an operator's proxy) is kept. new URL('/v1/…', base)
// would drop it.

/** `https://h/collect/` or `https://h/collect` + `/v1/billers` → `https://h/collect/v1/billers`. */
export function gatewayUrl(baseUrl: string, pathWithQuery: string): URL {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  return new URL(`${prefix}${pathWithQuery}`, base.origin);
}
