// One customer at the kiosk, as a person would be: start, choose the biller, key the account,
// look at the bills, pay in cash with 100-yuan notes until paid, take the receipt. Waits are
// bounded; the host dying at any point ends the customer with HostGone.
import { Key, type Screen, type Snapshot } from '../../src/api/kiosk-api';
import type { ControlClient } from './control-client';
import { StuckError, type KioskClient } from './kiosk-client';

export const NOTE = 10_000;

export type CustomerOutcome =
  'paid' | 'pendingSync' | 'needs_staff' | 'nothing_due' | 'biller_paused' | `problem:${string}`;

export interface CustomerHooks {
  /** The acceptor took a note in (the control API said ok). */
  noteInserted?(count: number): void;
  /** Resolves when the acceptor is online; a customer chooses cash only then. */
  acceptorOnline: Promise<unknown>;
}

const is =
  (...names: Screen['name'][]) =>
  (s: Snapshot) =>
    names.includes(s.screen.name);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function serveCustomer(
  k: KioskClient,
  control: ControlClient,
  account: { billerId: string; account: string },
  hooks: CustomerHooks,
): Promise<CustomerOutcome> {
  await k.waitFor(is('attract'), 'the attract screen');
  k.send({ type: 'START' });
  // While the billers load the screen is already chooseBiller, with an empty list.
  let s = await k.waitFor(
    (x) =>
      x.screen.name === 'problem' ||
      (x.screen.name === 'chooseBiller' && x.screen.billers.length > 0),
    'the biller list',
  );
  if (s.screen.name === 'problem') return finish(k, `problem:${s.screen.problem}`);
  if (s.screen.name === 'chooseBiller') {
    const biller = s.screen.billers.find((b) => b.id === account.billerId);
    if (!biller) throw new StuckError(`biller ${account.billerId} is not offered`);
    if (biller.paused) {
      k.send({ type: 'CANCEL' });
      return 'biller_paused';
    }
  }
  k.send(
    { type: 'CHOOSE_BILLER', billerId: account.billerId },
    ...[...account.account].map((d) => ({ type: 'KEY' as const, key: Key.parse(d) })),
    { type: 'SUBMIT_ACCOUNT' },
  );
  s = await k.waitFor(
    (x) =>
      is('bills', 'problem')(x) || (x.screen.name === 'enterAccount' && x.screen.problem !== null),
    'the bills',
  );
  if (s.screen.name === 'enterAccount') {
    k.send({ type: 'CANCEL' });
    return s.screen.problem === 'nothing_due' ? 'nothing_due' : `problem:${s.screen.problem}`;
  }
  if (s.screen.name === 'problem') return finish(k, `problem:${s.screen.problem}`);

  await hooks.acceptorOnline;
  k.send({ type: 'PAY_CASH' });
  await k.waitFor(is('confirm', 'problem'), 'the confirm screen');
  k.send({ type: 'CONFIRM' });
  s = await k.waitFor(is('insertCash', 'problem'), 'the insert-cash screen');
  let inserted = 0;
  while (s.screen.name === 'insertCash' && s.screen.collected < s.screen.amountDue) {
    const before = s.screen.collected;
    // The acceptor answers "not now" until it is idling (enabled, no note inside). It idles
    // within a few 100 ms polls; the bounds below are for a machine under load.
    const deadline = Date.now() + 10_000;
    while (!(await control.tryInsertNote(NOTE))) {
      if (Date.now() > deadline) {
        const state = await control.state();
        throw new StuckError(
          `the acceptor took no note for 10 s on the insert-cash screen (emulator ${state.billAcceptor.state})`,
        );
      }
      await sleep(25);
    }
    hooks.noteInserted?.(++inserted);
    s = await k.waitFor(
      (x) => x.screen.name !== 'insertCash' || x.screen.collected > before,
      `credit for note ${inserted}`,
    );
  }
  s = await k.waitFor(is('paid', 'pendingSync', 'problem'), 'the result screen');
  if (s.screen.name === 'paid') return finish(k, 'paid');
  if (s.screen.name === 'pendingSync') return finish(k, 'pendingSync');
  if (s.screen.name === 'problem') {
    return finish(
      k,
      s.screen.problem === 'payment_needs_staff' ? 'needs_staff' : `problem:${s.screen.problem}`,
    );
  }
  throw new StuckError(`unexpected screen ${s.screen.name}`);
}

function finish(k: KioskClient, outcome: CustomerOutcome): CustomerOutcome {
  k.send({ type: 'DONE' });
  return outcome;
}
