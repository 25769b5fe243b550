/**
 * Bundles a host entry (default src/main.ts) into an ESM file (default dist/host/main.mjs);
 * relative paths are from the repository's root.
 */
export function buildHost(entry?: string, outfile?: string): Promise<void>;
