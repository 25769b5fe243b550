// One customer of the cash crash loop, through the real KioskApi as in the existing loop, but
// paying with a mix of notes put into the acceptor emulator running in its own process. Waits
// are bounded; the host dying at any point ends the customer with HostGone.
import { Key, type Screen, type Snapshot } from '../../src/api/kiosk-api';
import type { AcceptorClient } from './cash-emulator';
import { HostGone, StuckError, type KioskClient } from './kiosk-client';
import type { Rng } from './rng';

export type CashOutcome =
  'paid' | 'pendingSync' | 'partial' | 'nothing_due' | 'biller_paused' | `problem:${string}`;

export interface CashCustomerHooks {
  /** Resolves when the acceptor is online; a customer chooses cash only then. */
  acceptorOnline: Promise<unknown>;
  /** The emulator took a note in. */
  noteInserted(value: number): void;
  /** Resolves when the emulator hands a note back (rejected or returned by the host). */
  nextReturn(): Promise<number>;
}

/** Notes a customer carries, by how often one is taken out of the wallet. */
const WALLET = { 10000: 4, 5000: 3, 2000: 2, 1000: 2 } as const;

const is =
  (...names: Screen['name'][]) =>
  (s: Snapshot) =>
    names.includes(s.screen.name);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function serveCashCustomer(
  k: KioskClient,
  acceptor: AcceptorClient,
  account: { billerId: string; account: string },
  rng: Rng,
  hooks: CashCustomerHooks,
): Promise<CashOutcome> {
  await k.waitFor(is('attract'), 'the attract screen');
  k.send({ type: 'START' });
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
  while (s.screen.name === 'insertCash' && s.screen.collected < s.screen.amountDue) {
    const before = s.screen.collected;
    const value = pickNote(rng, s.screen.acceptedNotes);
    await insert(k, acceptor, value);
    hooks.noteInserted(value);
    // The note is credited, or comes back (the host said return, or the acceptor rejected it).
    const credited = k.waitFor(
      (x) => x.screen.name !== 'insertCash' || x.screen.collected > before,
      `credit for a ${value / 100}-yuan note`,
    );
    credited.catch(() => undefined); // a note that came back leaves this wait to time out
    const outcome = await Promise.race([credited, hooks.nextReturn().then(() => null)]);
    s = outcome ?? k.latest ?? s;
  }
  s = await k.waitFor(
    is('paid', 'pendingSync', 'problem', 'partialCash', 'refundSlip'),
    'the result screen',
  );
  if (s.screen.name === 'partialCash') {
    k.send({ type: 'CONFIRM' });
    await k.waitFor(is('paid', 'pendingSync', 'problem', 'refundSlip'), 'the settled partial');
    return finish(k, 'partial');
  }
  if (s.screen.name === 'paid' || s.screen.name === 'pendingSync') return finish(k, s.screen.name);
  if (s.screen.name === 'problem') return finish(k, `problem:${s.screen.problem}`);
  return finish(k, 'partial');
}

function pickNote(rng: Rng, acceptedNotes: readonly number[]): number {
  const accepted = Object.entries(WALLET).filter(([v]) => acceptedNotes.includes(Number(v)));
  return Number(rng.weighted(Object.fromEntries(accepted.length > 0 ? accepted : [['10000', 1]])));
}

/** Puts one note in as soon as the acceptor takes it (it idles within a few polls). */
async function insert(k: KioskClient, acceptor: AcceptorClient, value: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    // A note goes in only while the kiosk asks for one; a host that died stops the customer.
    if (k.isClosed) throw new HostGone('the host went away before the note went in');
    if (await acceptor.tryInsertNote(value)) return;
    if (Date.now() > deadline) {
      const state = await acceptor.state();
      throw new StuckError(`the acceptor took no note for 10 s (emulator ${state.state})`);
    }
    await sleep(10);
  }
}

function finish(k: KioskClient, outcome: CashOutcome): CashOutcome {
  k.send({ type: 'DONE' });
  return outcome;
}
