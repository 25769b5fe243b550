// The mode machine with a stand-in check: sign-in by card or staff number, the PIN never kept
// after a check, lockout and unknown answers shown, and every way out (lock, card removed).
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import type { AuthResult, AuthenticatedPerson, Credential } from '../../src/service/authenticator';
import { staffModeMachine } from '../../src/service/staff-mode-machine';

const WANG = { staffNumber: '1001', name: '王芳', role: 'staff' } as unknown as AuthenticatedPerson;

function start(answer: (c: Credential, pin: string) => AuthResult) {
  const asked: { credential: Credential; pin: string }[] = [];
  const actor = createActor(
    staffModeMachine.provide({
      actors: {
        authenticate: fromPromise<AuthResult, { credential: Credential; pin: string }>(
          async ({ input }) => {
            asked.push(input);
            return answer(input.credential, input.pin);
          },
        ),
      },
    }),
  ).start();
  const pin = (digits: string) => {
    for (const d of digits) actor.send({ type: 'STAFF_KEY', key: d as '1' });
  };
  return { actor, asked, pin };
}

const rightPin = (_c: Credential, pin: string): AuthResult =>
  pin === '246810' ? { ok: true, person: WANG } : { ok: false, reason: 'wrong_pin', triesLeft: 4 };

describe('the staff mode machine', () => {
  it('a card then its PIN opens the mode; the sixth digit checks at once', async () => {
    const k = start(rightPin);
    k.actor.send({ type: 'STAFF_CARD', uid: '04A1B2C3' });
    expect(k.actor.getSnapshot().value).toEqual({ signIn: 'pin' });
    k.pin('246810');
    await waitFor(k.actor, (s) => s.matches('open'));
    expect(k.asked).toEqual([{ credential: { card: '04A1B2C3' }, pin: '246810' }]);
    expect(k.actor.getSnapshot().context).toMatchObject({ pin: '', person: WANG });
  });

  it('staff number then PIN, without a reader; a short staff number goes nowhere', async () => {
    const k = start(rightPin);
    k.actor.send({ type: 'STAFF_SIGN_IN' });
    k.pin('100');
    k.actor.send({ type: 'STAFF_SUBMIT' });
    expect(k.actor.getSnapshot().value).toEqual({ signIn: 'staffNumber' });
    k.pin('1');
    k.actor.send({ type: 'STAFF_SUBMIT' });
    k.pin('246810');
    await waitFor(k.actor, (s) => s.matches('open'));
    expect(k.asked[0]?.credential).toEqual({ staffNumber: '1001' });
  });

  it('a wrong PIN is cleared and says how many tries are left; a lock says until when', async () => {
    let tries = 0;
    const k = start(() =>
      ++tries < 2
        ? { ok: false, reason: 'wrong_pin', triesLeft: 4 }
        : { ok: false, reason: 'locked', triesLeft: 0, lockedUntil: 1_000_000 },
    );
    k.actor.send({ type: 'STAFF_CARD', uid: '04A1B2C3' });
    k.pin('111112');
    await waitFor(k.actor, (s) => s.context.problem === 'wrong_pin');
    expect(k.actor.getSnapshot().context).toMatchObject({ pin: '', triesLeft: 4 });
    k.pin('111113');
    await waitFor(k.actor, (s) => s.context.problem === 'locked');
    expect(k.actor.getSnapshot().context.lockedUntil).toBe(1_000_000);
    expect(k.actor.getSnapshot().matches('open')).toBe(false);
  });

  it('a failing check is no entry', async () => {
    const k = start(() => {
      throw new Error('database gone');
    });
    k.actor.send({ type: 'STAFF_CARD', uid: '04A1B2C3' });
    k.pin('246810');
    await waitFor(k.actor, (s) => s.context.problem !== null);
    expect(k.actor.getSnapshot().value).toEqual({ signIn: 'pin' });
  });

  it('closes on leave and on the auto-lock; an open mode leaves a card taken away to its lock', async () => {
    for (const out of [{ type: 'STAFF_LOCK' }, { type: 'LOCKED' }] as const) {
      const k = start(rightPin);
      k.actor.send({ type: 'STAFF_CARD', uid: '04A1B2C3' });
      k.pin('246810');
      await waitFor(k.actor, (s) => s.matches('open'));
      k.actor.send(out);
      expect(k.actor.getSnapshot().value, out.type).toBe('closed');
      expect(k.actor.getSnapshot().context.person).toBeNull();
    }
    // The auto-lock judges a removal (it may be a card lent for an approval) and says LOCKED.
    const k = start(rightPin);
    k.actor.send({ type: 'STAFF_CARD', uid: '04A1B2C3' });
    k.pin('246810');
    await waitFor(k.actor, (s) => s.matches('open'));
    k.actor.send({ type: 'CARD_REMOVED' });
    expect(k.actor.getSnapshot().matches('open')).toBe(true);
  });

  it('a sign-in by card ends when its card is taken away before the PIN', () => {
    const k = start(rightPin);
    k.actor.send({ type: 'STAFF_CARD', uid: '04A1B2C3' });
    k.pin('246');
    k.actor.send({ type: 'CARD_REMOVED' });
    expect(k.actor.getSnapshot().value).toBe('closed');
    expect(k.actor.getSnapshot().context.pin).toBe('');
  });

  it('a mode opened by staff number ignores a card taken away', async () => {
    const k = start(rightPin);
    k.actor.send({ type: 'STAFF_SIGN_IN' });
    k.pin('1001');
    k.actor.send({ type: 'STAFF_SUBMIT' });
    k.pin('246810');
    await waitFor(k.actor, (s) => s.matches('open'));
    k.actor.send({ type: 'CARD_REMOVED' });
    expect(k.actor.getSnapshot().matches('open')).toBe(true);
  });
});
