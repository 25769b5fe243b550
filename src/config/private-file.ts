// Files the config names: a secret (terminal.secretFile, gateway.clientKeyFile) must be readable
// by its owner only; any must be readable. Errors name the file and its mode, never its content.
import { accessSync, constants, readFileSync, statSync } from 'node:fs';

export class ConfigFileError extends Error {
  override name = 'ConfigFileError';
}

const OWNER_ONLY = 0o077; // bits that must be clear: none for the group, none for others

function codeOf(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? 'unreadable';
}

/** Throws unless the file exists and this process may read it. */
export function assertReadable(file: string): void {
  try {
    accessSync(file, constants.R_OK);
  } catch (err) {
    throw new ConfigFileError(`${file} cannot be read (${codeOf(err)})`);
  }
}

/** Throws unless the file is readable, a regular file, and neither group nor others may read it. */
export function assertPrivate(file: string): void {
  assertReadable(file);
  const stat = statSync(file);
  if (!stat.isFile()) throw new ConfigFileError(`${file} is not a file`);
  const mode = stat.mode & 0o777;
  if ((mode & OWNER_ONLY) !== 0) {
    const shown = mode.toString(8).padStart(4, '0');
    throw new ConfigFileError(
      `${file} is open to others (mode ${shown}); it must be 0600 (chmod 600 ${file})`,
    );
  }
}

/** A private file's text, trimmed (a trailing newline is not part of a secret). */
export function readPrivateText(file: string): string {
  assertPrivate(file);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new ConfigFileError(`${file} cannot be read (${codeOf(err)})`);
  }
}
