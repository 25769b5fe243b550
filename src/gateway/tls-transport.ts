// How the kiosk reaches the gateway over TLS: an undici Agent that trusts only the configured
// CA (gateway.caFile: pinning; without it, the system's CAs) and presents the terminal's client
// certificate when one is configured (mutual TLS). Node's fetch takes no CA of its own; this
// Agent goes to it as the request's dispatcher, so a fetch seam that passes the request on
// (sim/network-switch.ts) keeps the same TLS. undici is kept at the major version Node bundles.
// It is loaded only when a TLS file is configured: a second copy of undici beside Node's own
// costs the host about 30 MB of resident memory (bench P7).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Undici from 'undici';
import type { Agent } from 'undici';

export interface GatewayTlsFiles {
  caFile?: string | undefined;
  clientCertFile?: string | undefined;
  clientKeyFile?: string | undefined;
}

export interface GatewayTransport {
  dispatcher: Agent;
  close(): Promise<void>;
}

export function gatewayTransport(files: GatewayTlsFiles): GatewayTransport {
  const read = (key: keyof GatewayTlsFiles) => {
    const file = files[key];
    if (file === undefined) return undefined;
    try {
      return readFileSync(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new Error(`gateway.${key} ${file} cannot be read (${code})`, { cause: err });
    }
  };
  const ca = read('caFile');
  const cert = read('clientCertFile');
  const key = read('clientKeyFile');
  const undici = createRequire(import.meta.url)('undici') as typeof Undici;
  const dispatcher = new undici.Agent({
    connect: {
      ...(ca ? { ca } : {}),
      ...(cert && key ? { cert, key } : {}),
      rejectUnauthorized: true,
    },
  });
  return { dispatcher, close: () => dispatcher.close() };
}
