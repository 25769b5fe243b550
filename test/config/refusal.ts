// The message of the ConfigError that loading a config file throws (the test fails if it loads).
import { expect } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config';

export function refusal(f: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    loadConfig(f, env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('the config was accepted');
}
