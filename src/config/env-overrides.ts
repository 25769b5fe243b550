// Environment overrides: KIOSK_<PATH> with "__" between keys, e.g. KIOSK_SERVER__PORT=8731 sets
// server.port. A value that parses as JSON is used as such (numbers, booleans, objects);
// otherwise it is a string. The variable behind each key is remembered, so that an error is
// blamed on the variable, not on the file.

const PREFIX = 'KIOSK_';
/** Read by the Electron shell itself (which file, which renderer): not config keys. */
export const LAUNCHER_VARIABLES: readonly string[] = ['KIOSK_CONFIG', 'KIOSK_UI_DIR'];

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

/** Key path ("gateway.baseUrl") → the variable that set it. */
export type EnvSources = Map<string, string>;

/** Applies KIOSK_* variables to a parsed config object; returns which key came from which var. */
export function applyEnvOverrides(
  config: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): EnvSources {
  const sources: EnvSources = new Map();
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith(PREFIX) || raw === undefined || LAUNCHER_VARIABLES.includes(name))
      continue;
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

/** The variable that set this key or a section holding it, if one did. */
export function variableFor(sources: EnvSources, key: string): string | undefined {
  for (const [path, name] of sources) {
    if (key === path || key.startsWith(`${path}.`)) return name;
  }
  return undefined;
}

/** The variable that brought in an unknown key (itself, or a key under it), if one did. */
export function variableAdding(sources: EnvSources, key: string): string | undefined {
  for (const [path, name] of sources) {
    if (path === key || path.startsWith(`${key}.`)) return name;
  }
  return undefined;
}
