// Settings that are allowed but unsafe in service: the host logs each at every start, so a lab
// switch left on in a real terminal is seen in its logs from the first minute.
import type { KioskConfig } from './schema';

export function configWarnings(config: KioskConfig): string[] {
  const warnings: string[] = [];
  if (config.gateway.labPlainHttp) {
    warnings.push(
      `LAB TERMINAL: gateway.labPlainHttp is on; the gateway ${config.gateway.baseUrl} is reached over plain http, its replies unauthenticated and payment codes in clear. Never take real money like this.`,
    );
  }
  return warnings;
}
