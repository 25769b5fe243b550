// Reads a systemd unit file into its settings: section → key → every value given, in order.
// Enough for the units in deploy/ (no line continuations, no drop-ins).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const DEPLOY_DIR = path.resolve(import.meta.dirname, '../../deploy');

export type Unit = Map<string, Map<string, string[]>>;

export function parseUnit(text: string): Unit {
  const unit: Unit = new Map();
  let section: Map<string, string[]> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line)?.[1];
    if (header) {
      section = new Map();
      unit.set(header, section);
      continue;
    }
    const eq = line.indexOf('=');
    if (!section || eq < 0) throw new Error(`not a unit setting: ${line}`);
    const key = line.slice(0, eq).trim();
    section.set(key, [...(section.get(key) ?? []), line.slice(eq + 1).trim()]);
  }
  return unit;
}

export function readUnit(name: string): Unit {
  return parseUnit(readFileSync(path.join(DEPLOY_DIR, name), 'utf8'));
}

/** The last value of a setting (what systemd uses for single-valued keys). */
export function setting(unit: Unit, section: string, key: string): string | undefined {
  return unit.get(section)?.get(key)?.at(-1);
}

/** Every value of a list setting, split on spaces (After=, SupplementaryGroups=, …). */
export function listSetting(unit: Unit, section: string, key: string): string[] {
  return (unit.get(section)?.get(key) ?? []).flatMap((v) => v.split(/\s+/)).filter(Boolean);
}

export function unitFiles(): string[] {
  return readdirSync(DEPLOY_DIR).filter((f) => /\.(service|socket|timer|target|path)$/.test(f));
}
