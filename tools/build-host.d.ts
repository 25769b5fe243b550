/** Bundles a host entry (default src/main.ts) into an ESM file (default dist/host/main.mjs). */
export function buildHost(entry?: string, outfile?: string): Promise<void>;
