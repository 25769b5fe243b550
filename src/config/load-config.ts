// Loads the config file, applies environment overrides and validates the result.
// Overrides: KIOSK_<PATH> with "__" between keys, e.g. KIOSK_SERVER__PORT=8731 sets server.port.
// A value that parses as JSON is used as such (numbers, booleans); otherwise it is a string.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { KioskConfig } from './schema';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const PREFIX = 'KIOSK_';

function camel(segment: string): string {
  return segment.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Applies KIOSK_* variables to a parsed config object; returns which key came from which var. */
export function applyEnvOverrides(
  config: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): Map<string, string> {
  const sources = new Map<string, string>();
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith(PREFIX) || raw === undefined) continue;
    const keys = name.slice(PREFIX.length).split('__').map(camel);
    let node: Record<string, unknown> = config;
    for (const key of keys.slice(0, -1)) {
      const next = node[key];
      if (typeof next !== 'object' || next === null) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[keys[keys.length - 1] as string] = parseValue(raw);
    sources.set(keys.join('.'), name);
  }
  return sources;
}

/** Reads, overrides and validates; throws ConfigError with a one-line message naming the bad key. */
export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): KioskConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file ${file}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`config file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`config file ${file} must hold a JSON object`);
  }
  const sources = applyEnvOverrides(raw as Record<string, unknown>, env);
  const parsed = KioskConfig.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join('.') || '(root)';
    const from = sources.get(key) ? ` (from ${sources.get(key)})` : ` (in ${file})`;
    throw new ConfigError(`config error at ${key}: ${issue?.message ?? 'invalid'}${from}`);
  }
  return resolvePaths(parsed.data, path.dirname(path.resolve(file)));
}

/** Relative file paths in the config are relative to the config file's folder. */
function resolvePaths(config: KioskConfig, base: string): KioskConfig {
  const abs = (p: string) => (p === ':memory:' || path.isAbsolute(p) ? p : path.resolve(base, p));
  return {
    ...config,
    journal: { ...config.journal, path: abs(config.journal.path) },
    logging: { ...config.logging, dir: abs(config.logging.dir) },
    server: {
      ...config.server,
      ...(config.server.launchTicketFile
        ? { launchTicketFile: abs(config.server.launchTicketFile) }
        : {}),
    },
    simulation: {
      ...config.simulation,
      gateway: config.simulation.gateway && {
        ...config.simulation.gateway,
        dbPath: abs(config.simulation.gateway.dbPath),
      },
    },
  };
}
