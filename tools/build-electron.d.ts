export function buildElectron(outdir?: string): Promise<void>;
