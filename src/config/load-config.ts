// Loads the config file, applies environment overrides (env-overrides.ts), validates the result
// and reads the files it names (the terminal secret, TLS files). Every error is one line naming
// the key and the rule, and the variable when the value came from one; never a value: a config
// holds the terminal secret.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { applyEnvOverrides, variableAdding, variableFor, type EnvSources } from './env-overrides';
import { parseJsonText } from './json-text';
import { assertPrivate, assertReadable, ConfigFileError, readPrivateText } from './private-file';
import { KioskConfig, KioskConfigFile, TerminalSecret } from './schema';

export { applyEnvOverrides } from './env-overrides';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads, overrides and validates; throws ConfigError with a one-line message naming the bad key. */
export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): KioskConfig {
  const raw = readConfigObject(file);
  const sources = applyEnvOverrides(raw, env);
  const parsed = KioskConfigFile.safeParse(raw);
  if (!parsed.success) throw schemaError(parsed.error.issues[0], file, sources);
  const config = resolvePaths(parsed.data, path.dirname(path.resolve(file)));
  const checked = fileChecker(file, sources);
  const { secretFile, secret: inline, ...terminal } = config.terminal;
  const secret = secretFile ? secretFromFile(secretFile, checked) : (inline ?? '');
  const { caFile, clientCertFile, clientKeyFile } = config.gateway;
  if (caFile) checked('gateway.caFile', () => assertReadable(caFile));
  if (clientCertFile) checked('gateway.clientCertFile', () => assertReadable(clientCertFile));
  if (clientKeyFile) checked('gateway.clientKeyFile', () => assertPrivate(clientKeyFile));

  const final = KioskConfig.safeParse({ ...config, terminal: { ...terminal, secret } });
  if (!final.success) throw schemaError(final.error.issues[0], file, sources);
  return final.data;
}

function readConfigObject(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file ${file}: ${(err as Error).message}`);
  }
  const json = parseJsonText(text);
  if (!json.ok) throw new ConfigError(`config file ${file} is not valid JSON at ${json.where}`);
  const raw = json.value;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`config file ${file} must hold a JSON object`);
  }
  return raw as Record<string, unknown>;
}

/** Runs a check of a file the config names; its failure becomes a ConfigError at that key. */
type FileCheck = <T>(key: string, check: () => T) => T;

function fileChecker(file: string, sources: EnvSources): FileCheck {
  return (key, check) => {
    try {
      return check();
    } catch (err) {
      if (!(err instanceof ConfigFileError)) throw err;
      const from = variableFor(sources, key);
      throw new ConfigError(
        `config error at ${key}: ${err.message}${from ? ` (from ${from})` : ` (in ${file})`}`,
      );
    }
  };
}

/** The secret in terminal.secretFile: a private file holding a strong secret. */
function secretFromFile(secretFile: string, checked: FileCheck): string {
  return checked('terminal.secretFile', () => {
    const secret = readPrivateText(secretFile);
    const strength = TerminalSecret.safeParse(secret);
    if (strength.success) return secret;
    const rule = strength.error.issues[0]?.message ?? 'is not a usable secret';
    throw new ConfigFileError(`${secretFile}: ${rule}`);
  });
}

type Issue = { code: string; path: PropertyKey[]; message: string; keys?: string[] } | undefined;

/** The first schema issue as one line; an unknown key from a variable names the variable. */
function schemaError(issue: Issue, file: string, sources: EnvSources): ConfigError {
  const key = issue?.path.map(String).join('.') ?? '';
  if (issue?.code === 'unrecognized_keys') {
    for (const unknown of issue.keys ?? []) {
      const name = variableAdding(sources, key ? `${key}.${unknown}` : unknown);
      if (name) {
        return new ConfigError(
          `config error: ${name} names no setting (${key ? `${key} has no key ${unknown}` : `no section ${unknown}`})`,
        );
      }
    }
  }
  const from = variableFor(sources, key);
  return new ConfigError(
    `config error at ${key || '(root)'}: ${issue?.message ?? 'invalid'}${from ? ` (from ${from})` : ` (in ${file})`}`,
  );
}

/** Relative file paths in the config are relative to the config file's folder. */
function resolvePaths(config: KioskConfigFile, base: string): KioskConfigFile {
  const abs = (p: string) => (p === ':memory:' || path.isAbsolute(p) ? p : path.resolve(base, p));
  const absOpt = (p: string | undefined) => (p === undefined ? undefined : abs(p));
  const { caFile, clientCertFile, clientKeyFile } = config.gateway;
  return {
    ...config,
    terminal: { ...config.terminal, secretFile: absOpt(config.terminal.secretFile) },
    gateway: {
      ...config.gateway,
      caFile: absOpt(caFile),
      clientCertFile: absOpt(clientCertFile),
      clientKeyFile: absOpt(clientKeyFile),
    },
    journal: { ...config.journal, path: abs(config.journal.path) },
    logging: { ...config.logging, dir: abs(config.logging.dir) },
    service: { ...config.service, bundleDir: absOpt(config.service.bundleDir) },
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
