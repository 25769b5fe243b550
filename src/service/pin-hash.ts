// PINs: exactly 6 digits, never weak, kept only as a slow salted hash. Node's own scrypt
// (memory-hard: each guess costs N·r·128 bytes of memory as well as time), a 16-byte random salt
// per hash, and the parameters stored with the hash so they can be raised later without
// invalidating PINs already set (a PIN is rehashed at its next good entry). Comparison in
// constant time.
//
// Six digits are a million PINs: no hash makes a stolen journal safe for long. The hash makes
// each guess cost tens of milliseconds and 32 MiB; the lockout (lockout.ts) is what protects the
// kiosk itself, and the journal is private to the kiosk's user (offline-queue/open-journal.ts).
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const PIN_LENGTH = 6;

export interface PinHashParams {
  /** CPU/memory cost, a power of two. */
  n: number;
  /** Block size. */
  r: number;
  /** Parallelism. */
  p: number;
}

/**
 * Production: N = 2^15, r = 8, p = 1 (32 MiB, and some 80 ms a hash on a development machine).
 * Tests pass cheaper parameters; never lower these for a terminal.
 */
export const PRODUCTION_PIN_HASH: Readonly<PinHashParams> = Object.freeze({
  n: 2 ** 15,
  r: 8,
  p: 1,
});

export const SALT_BYTES = 16;
export const HASH_BYTES = 32;

export interface PinHash extends PinHashParams {
  scheme: 'scrypt';
  salt: Buffer;
  hash: Buffer;
}

/** What makes a PIN unacceptable. */
export type PinProblem =
  /** Not exactly 6 digits. */
  | 'format'
  /** 111111. */
  | 'same_digit'
  /** 123456, 654321, 890123, 135791: each digit a fixed step from the last. */
  | 'sequence'
  /** 121212, 123123. */
  | 'pattern'
  /** Holds the person's staff number, or is held in it. */
  | 'staff_number';

/** Why this PIN may not be set, or null when it may. */
export function pinProblem(pin: string, staffNumber?: string): PinProblem | null {
  if (!/^[0-9]{6}$/.test(pin)) return 'format';
  const digits = [...pin].map(Number);
  const stepOf = (i: number) => ((digits[i] ?? 0) - (digits[i - 1] ?? 0) + 10) % 10;
  const step = stepOf(1);
  if (digits.every((_, i) => i === 0 || stepOf(i) === step))
    return step === 0 ? 'same_digit' : 'sequence';
  if (pin.slice(0, 2).repeat(3) === pin || pin.slice(0, 3).repeat(2) === pin) return 'pattern';
  if (staffNumber && (pin.includes(staffNumber) || staffNumber.includes(pin)))
    return 'staff_number';
  return null;
}

/** Parameters this module accepts (and the journal's CHECKs): anything else is refused. */
export function paramsProblem(params: PinHashParams): string | null {
  const { n, r, p } = params;
  if (!Number.isInteger(n) || n < 2 || n > 2 ** 20 || (n & (n - 1)) !== 0)
    return 'N must be a power of two from 2 to 2^20';
  if (!Number.isInteger(r) || r < 1 || r > 32) return 'r must be 1 to 32';
  if (!Number.isInteger(p) || p < 1 || p > 16) return 'p must be 1 to 16';
  return null;
}

function derive(pin: string, salt: Buffer, params: PinHashParams): Promise<Buffer> {
  const problem = paramsProblem(params);
  if (problem) return Promise.reject(new RangeError(`scrypt parameters: ${problem}`));
  const options: ScryptOptions = {
    N: params.n,
    r: params.r,
    p: params.p,
    // scrypt needs 128·N·r bytes (and a little more); Node's default cap (32 MiB) is just
    // short of N = 2^15, r = 8.
    maxmem: Math.max(32 * 1024 * 1024, 256 * params.n * params.r * params.p),
  };
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, HASH_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** A new salted hash of a PIN (which the caller has checked with pinProblem). */
export async function hashPin(
  pin: string,
  params: PinHashParams = PRODUCTION_PIN_HASH,
): Promise<PinHash> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(pin, salt, params);
  return { scheme: 'scrypt', n: params.n, r: params.r, p: params.p, salt, hash };
}

/** Whether the PIN is the one hashed, with the parameters stored beside the hash. */
export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  if (!/^[0-9]{6}$/.test(pin)) return false;
  if (stored.hash.length !== HASH_BYTES || stored.salt.length !== SALT_BYTES) return false;
  const candidate = await derive(pin, stored.salt, stored);
  return timingSafeEqual(candidate, stored.hash);
}

/** Whether a stored hash is cheaper than these parameters (then rehash it at the next entry). */
export function weakerThan(stored: PinHashParams, wanted: PinHashParams): boolean {
  return stored.n * stored.r * stored.p < wanted.n * wanted.r * wanted.p || stored.n < wanted.n;
}
