// PINs (src/service/pin-hash.ts): 6 digits exactly, weak ones refused, hashed with scrypt and a
// random salt, the parameters kept with the hash, compared in constant time. Cheap parameters
// here, the production ones once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hashPin,
  paramsProblem,
  pinProblem,
  PRODUCTION_PIN_HASH,
  verifyPin,
  weakerThan,
} from '../../src/service/pin-hash';
import { TEST_PIN_HASH } from './service-fixture';

describe('pinProblem', () => {
  it('6 digits exactly', () => {
    for (const pin of [
      '',
      '12345',
      '1234567',
      '12 456',
      '１３５７９２',
      'abcdef',
      '13579x',
      ' 135792',
    ])
      expect(pinProblem(pin), JSON.stringify(pin)).toBe('format');
    expect(pinProblem('135792')).toBeNull();
    expect(pinProblem('082746')).toBeNull();
  });

  it('refuses one digit repeated, runs up or down (wrapping), fixed steps and short patterns', () => {
    for (const pin of ['000000', '111111', '999999']) expect(pinProblem(pin)).toBe('same_digit');
    for (const pin of ['123456', '012345', '456789', '654321', '987654', '890123', '210987'])
      expect(pinProblem(pin), pin).toBe('sequence');
    for (const pin of ['135791', '246802', '975319']) expect(pinProblem(pin), pin).toBe('sequence');
    for (const pin of ['121212', '909090', '123123', '770770'])
      expect(pinProblem(pin), pin).toBe('pattern');
  });

  it("refuses a PIN that holds the person's staff number or is held in it", () => {
    expect(pinProblem('810016', '1001')).toBe('staff_number');
    expect(pinProblem('420017', '00420017')).toBe('staff_number');
    expect(pinProblem('810016', '2002')).toBeNull();
  });

  it('any PIN it accepts is 6 digits, neither one repeated digit nor a fixed step nor periodic', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{6}$/), (pin) => {
        const digits = [...pin].map(Number);
        const steps = digits.slice(1).map((d, i) => (d - (digits[i] ?? 0) + 10) % 10);
        const fixedStep = steps.every((s) => s === steps[0]);
        const periodic = pin.slice(0, 2).repeat(3) === pin || pin.slice(0, 3).repeat(2) === pin;
        expect(pinProblem(pin) === null).toBe(!fixedStep && !periodic);
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses about 1% of all 6-digit PINs, no more', () => {
    let refused = 0;
    for (let i = 0; i < 1_000_000; i += 1) {
      if (pinProblem(String(i).padStart(6, '0')) !== null) refused += 1;
    }
    // 100 fixed steps (10 first digits × 10 steps); of the 100 period-2 PINs, 80 more (steps 0
    // and 5 repeat every 2); of the 1,000 period-3 PINs, 990 more (only step 0 repeats every 3).
    expect(refused).toBe(100 + 80 + 990);
  });
});

describe('hashPin and verifyPin', () => {
  it('a random 16-byte salt per hash, 32 bytes of hash, the parameters beside them', async () => {
    const a = await hashPin('135792', TEST_PIN_HASH);
    const b = await hashPin('135792', TEST_PIN_HASH);
    expect(a).toMatchObject({ scheme: 'scrypt', n: 16, r: 1, p: 1 });
    expect(a.salt).toHaveLength(16);
    expect(a.hash).toHaveLength(32);
    expect(a.salt.equals(b.salt)).toBe(false);
    expect(a.hash.equals(b.hash)).toBe(false);
    expect(a.hash.toString('hex')).not.toContain(Buffer.from('135792').toString('hex'));
  });

  it('the right PIN verifies; any other, an odd string or a tampered hash does not', async () => {
    const stored = await hashPin('135792', TEST_PIN_HASH);
    expect(await verifyPin('135792', stored)).toBe(true);
    expect(await verifyPin('135793', stored)).toBe(false);
    expect(await verifyPin('135792 ', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
    const tampered = { ...stored, hash: Buffer.from(stored.hash) };
    tampered.hash[0] = (tampered.hash[0] ?? 0) ^ 1;
    expect(await verifyPin('135792', tampered)).toBe(false);
    expect(await verifyPin('135792', { ...stored, hash: stored.hash.subarray(0, 16) })).toBe(false);
  });

  it('verifies with the parameters stored with the hash, whatever new hashes use', async () => {
    const old = await hashPin('135792', { n: 8, r: 1, p: 1 });
    expect(await verifyPin('135792', old)).toBe(true);
    expect(weakerThan(old, TEST_PIN_HASH)).toBe(true);
    expect(weakerThan(TEST_PIN_HASH, TEST_PIN_HASH)).toBe(false);
    expect(weakerThan(TEST_PIN_HASH, PRODUCTION_PIN_HASH)).toBe(true);
  });

  it('refuses parameters outside what the journal accepts', async () => {
    expect(paramsProblem(PRODUCTION_PIN_HASH)).toBeNull();
    expect(paramsProblem({ n: 1000, r: 8, p: 1 })).toMatch(/power of two/);
    expect(paramsProblem({ n: 2 ** 21, r: 8, p: 1 })).toMatch(/power of two/);
    expect(paramsProblem({ n: 16, r: 0, p: 1 })).toMatch(/r must/);
    expect(paramsProblem({ n: 16, r: 1, p: 17 })).toMatch(/p must/);
    await expect(hashPin('135792', { n: 1000, r: 8, p: 1 })).rejects.toThrow(RangeError);
  });

  it('production: N = 2^15, r = 8, p = 1, and it works (past Node’s default memory cap)', async () => {
    expect(PRODUCTION_PIN_HASH).toEqual({ n: 32768, r: 8, p: 1 });
    const t0 = performance.now();
    const stored = await hashPin('135792');
    const ms = performance.now() - t0;
    expect(stored).toMatchObject({ n: 32768, r: 8, p: 1 });
    expect(await verifyPin('135792', stored)).toBe(true);
    expect(await verifyPin('135790', stored)).toBe(false);
    // Slow on purpose: far slower than the test parameters (a figure, not a benchmark).
    expect(ms).toBeGreaterThan(5);
  });
});
