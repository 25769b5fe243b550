// Is a terminal secret fit to sign payments? It must not be a placeholder and must carry at least
// 32 bytes (256 bits) of entropy by a conservative estimate:
// - hex: 4 bits a character (64 characters = `openssl rand -hex 32`);
// - base64 / base64url: 6 bits a character (43 characters, padding aside = `openssl rand -base64 32`);
// - anything else: the Shannon entropy of its own characters, times its length (so a random
//   printable secret needs about 50 characters or more).
// The first two also need characters spread like random ones (Shannon ≥ 3 bits a character),
// so a long run of few characters does not pass as hex. Answers name the rule, never the secret.

export const MIN_SECRET_BITS = 256;

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const RANDOM_LOOKING_BITS_PER_CHAR = 3;
/**
 * Words that mark a value someone meant to replace, where a word starts (so that random base64
 * seldom trips it: about once in 10 000 secrets, which are then simply made again). Fillers such
 * as xxxx or 0000 are not listed: too common in random text, and too poor in entropy to pass.
 */
const PLACEHOLDER =
  /(?:^|[^a-z])(?:change[-_ ]?me|example|placeholder|provision|secret|demo|password|passwd|sample|dummy|replace|todo|fixme)/i;
/** Letters only, with or without separators: words, which an attacker guesses first. */
const WORDS = /^[\p{L} ._-]+$/u;

/** Why this secret may not sign payments, or null when it may. */
export function secretProblem(secret: string): string | null {
  if (secret.length === 0) return 'is empty';
  if (PLACEHOLDER.test(secret) || /^(.)\1*$/s.test(secret))
    return 'looks like a placeholder; provision a random one (openssl rand -hex 32)';
  if (/^(.+)\1+$/s.test(secret)) return 'repeats a shorter pattern; provision a random one';
  if (WORDS.test(secret)) return 'is made of words; provision a random one (openssl rand -hex 32)';
  const bits = estimatedBits(secret);
  if (bits < MIN_SECRET_BITS) {
    return `has about ${Math.floor(bits)} bits of entropy, under the ${MIN_SECRET_BITS} (32 random bytes) required; e.g. openssl rand -hex 32`;
  }
  return null;
}

function estimatedBits(secret: string): number {
  const shannon = shannonBitsPerChar(secret);
  const encoded = secret.replace(/=+$/, '');
  if (HEX.test(secret))
    return shannon >= RANDOM_LOOKING_BITS_PER_CHAR ? secret.length * 4 : shannon * secret.length;
  if (BASE64.test(secret))
    return shannon >= RANDOM_LOOKING_BITS_PER_CHAR ? encoded.length * 6 : shannon * encoded.length;
  return shannon * [...secret].length;
}

/** The Shannon entropy of the secret's own character frequencies, in bits a character. */
function shannonBitsPerChar(secret: string): number {
  const chars = [...secret];
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
