// What the diagnostic bundle does to everything it takes in, so that it holds no secret and no
// person's data: the log's own rules (src/host/log-redaction.ts, docs/LOGGING.md) applied to the
// config and, again, to every log line; secrets written as "<removed>" in the config; and the
// values the config itself names as secret or personal (the terminal secret, people's names,
// card UIDs, card accounts) looked for and masked wherever they are: in free text before the
// log's net (which would mask only a secret's runs of digits, leaving the rest), and in every
// file of the bundle once more at the end.
import { applyRule, isIssuedId, redactText, ruleOf, type Rule } from '../host/log-redaction';
import { maskAccount, maskName } from '../receipts/mask';

/** What the bundle's config says in place of a secret. */
export const REMOVED = '<removed>';

/** Beyond the log's list, secrets a config may name (a client key's passphrase). */
const MORE_SECRET_ENDINGS = ['passphrase', 'credential', 'credentials', 'privatekey', 'secretkey'];

/** What the log writes in place of what it may not write: left as it is when read again. */
const MARKER =
  /^(?:\[(?:redacted|\d+ characters|\d+ bytes|circular|too deep|unreadable)\]|<removed>)$/;

/** An error's class name as pino writes it (`type` and `name` alike): not a person's name. */
const CLASS_NAME = /^[A-Za-z_$][\w$]*$/;

const MAX_DEPTH = 16;

function fieldRule(key: string): Rule | null {
  const rule = ruleOf(key);
  if (rule) return rule;
  const k = key.toLowerCase().replace(/[-_]/g, '');
  return MORE_SECRET_ENDINGS.some((e) => k.endsWith(e)) ? 'secret' : null;
}

export interface TreeRedaction {
  value: unknown;
  /** The texts that were removed as secrets (to be looked for elsewhere too). */
  secrets: string[];
}

/** What is done to free text before the log's net (KnownValues: a secret masked whole). */
export type FreeTextStep = (text: string) => string;

const asItIs: FreeTextStep = (text) => text;

/**
 * A copy of a JSON value with the log's field rules applied at any depth (a field's rule holds
 * for everything inside it), free text through `before` and then netted, and secrets replaced
 * by `secretAs`. What the log already wrote in place of a value (`[redacted]`,
 * `[15 characters]`) is kept as it is.
 */
export function redactTree(
  value: unknown,
  secretAs: string,
  before: FreeTextStep = asItIs,
): TreeRedaction {
  const secrets: string[] = [];
  const walk = (v: unknown, key: string | null, inherited: Rule | null, depth: number): unknown => {
    const rule = (key === null ? null : fieldRule(key)) ?? inherited;
    if (rule === 'secret' && v !== undefined && v !== null) {
      collectTexts(v, secrets, 0);
      return secretAs;
    }
    switch (typeof v) {
      case 'string':
        if (MARKER.test(v)) return v;
        if (rule) return applyRule(rule, v);
        return key !== null && isIssuedId(key) ? v : redactText(before(v));
      case 'number':
      case 'bigint':
        return rule === 'account' || rule === 'name' || rule === 'paymentCode'
          ? applyRule(rule, String(v))
          : v;
      case 'object':
        break;
      default:
        return v;
    }
    if (v === null) return null;
    if (depth >= MAX_DEPTH) return '[too deep]';
    if (Array.isArray(v)) return v.map((item: unknown) => walk(item, key, rule, depth + 1));
    const obj = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(obj)) {
      const className =
        k === 'name' && typeof item === 'string' && obj.type === item && CLASS_NAME.test(item);
      out[k] = className ? item : walk(item, k, rule, depth + 1);
    }
    return out;
  };
  return { value: walk(value, null, null, 0), secrets };
}

function collectTexts(v: unknown, into: string[], depth: number): void {
  if (typeof v === 'string') {
    if (v.length >= 8 && !MARKER.test(v)) into.push(v);
  } else if (typeof v === 'object' && v !== null && depth < MAX_DEPTH) {
    for (const item of Object.values(v)) collectTexts(item, into, depth + 1);
  }
}

/**
 * One log line read again: a JSON line through the field rules (secrets as the log writes them,
 * `[redacted]`), anything else through the net for free text; free text through `before` first.
 */
export function redactLogLine(line: string, before: FreeTextStep = asItIs): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return redactText(before(line));
  }
  if (typeof parsed !== 'object' || parsed === null) return redactText(before(line));
  return JSON.stringify(redactTree(parsed, '[redacted]', before).value);
}

/** What the bundle's config needs of the kiosk's config to know what to look for. */
export interface KnownValuesSource {
  terminal: { secret: string };
  people: readonly { name: string; cardUid?: string | undefined }[];
  devices: { cardReader?: { cards: readonly { uid: string; account: string }[] } | undefined };
}

/**
 * The values the config names as secret or personal, each with what may stand in its place,
 * looked for in every text of the bundle (case aside, as JSON writes them too).
 */
export class KnownValues {
  private readonly replacement = new Map<string, string>();
  private pattern: RegExp | null = null;

  /** From the kiosk's config, and any further secrets found while redacting it. */
  static of(config: KnownValuesSource, moreSecrets: readonly string[] = []): KnownValues {
    const known = new KnownValues();
    for (const secret of [config.terminal.secret, ...moreSecrets]) known.add(secret, REMOVED, 8);
    for (const person of config.people) {
      known.add(person.name, maskName(person.name), 2);
      if (person.cardUid !== undefined) known.add(person.cardUid, maskAccount(person.cardUid), 8);
    }
    for (const card of config.devices.cardReader?.cards ?? []) {
      known.add(card.uid, maskAccount(card.uid), 8);
      known.add(card.account, maskAccount(card.account), 7);
    }
    return known;
  }

  /** `value` (at least `min` characters) is written as `as`. */
  add(value: string, as: string, min: number): void {
    if (Array.from(value).length < min || value === as) return;
    // Every file of the bundle is JSON or JSON lines: what stands in must not end a string.
    const inJson = JSON.stringify(as).slice(1, -1);
    for (const form of [value, JSON.stringify(value).slice(1, -1)]) {
      this.replacement.set(form.toLowerCase(), inJson);
    }
    this.pattern = null;
  }

  /** `text` with every known value in it replaced, and how many were. */
  scrub(text: string): { text: string; count: number } {
    if (this.replacement.size === 0) return { text, count: 0 };
    this.pattern ??= new RegExp(
      [...this.replacement.keys()]
        .sort((a, b) => b.length - a.length)
        .map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'giu',
    );
    let count = 0;
    const out = text.replace(this.pattern, (found) => {
      count++;
      return this.replacement.get(found.toLowerCase()) ?? REMOVED;
    });
    return { text: out, count };
  }
}
