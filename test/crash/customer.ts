// One customer at the kiosk, as a person would be: start, choose the biller, key the account,
// look at the bills, pay in cash note by note until paid, take the receipt. What money goes in,
// and into which acceptor, is the loop's wallet (control-client.ts: 100-yuan notes into the
// host's own emulator; cash-wallet.ts: a mix of notes into the emulator in its own process).
// Waits are bounded; the host dying at any point ends the customer with HostGone.
import { Key, type Screen, type Snapshot } from '../../src/api/kiosk-api';
import { HostGone, StuckError, type KioskClient } from './kiosk-client';

export type CustomerOutcome =
  | 'paid'
  | 'pendingSync'
  | 'needs_staff'
  | 'partial'
  | 'nothing_due'
  | 'biller_paused'
  | `problem:${string}`;

/** The money side of a customer: which note comes out of the wallet, and where it goes in. */
export interface Wallet {
  /** The next note, of the notes the kiosk accepts now. */
  pickNote(acceptedNotes: readonly number[]): number;
  /** One note into the acceptor; false while it will not take one (not idling yet). */
  tryInsertNote(value: number): Promise<boolean>;
  /** The acceptor's state, named when it takes no note for 10 s. */
  acceptorState(): Promise<string>;
  /** Between tries at an acceptor that is not idling yet. */
  retryMs: number;
  /**
   * Resolves when the acceptor hands a note back (rejected, or returned by the host): the
   * customer then goes on without its credit. Without it, every note must be credited.
   */
  nextReturn?(): Promise<unknown>;
  /** The visit may end short (partial cash, a refund slip); without it those screens fail it. */
  mayEndShort?: boolean;
}

export interface CustomerHooks {
  /** Resolves when the acceptor is online; a customer chooses cash only then. */
  acceptorOnline: Promise<unknown>;
  wallet: Wallet;
  /** The acceptor took a note in. */
  noteInserted?(value: number): void;
}

const is =
  (...names: Screen['name'][]) =>
  (s: Snapshot) =>
    names.includes(s.screen.name);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function serveCustomer(
  k: KioskClient,
  account: { billerId: string; account: string },
  hooks: CustomerHooks,
): Promise<CustomerOutcome> {
  const { wallet } = hooks;
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
    return `problem:${s.screen.problem}`;
  }
  if (s.screen.name === 'problem') {
    const problem = s.screen.problem;
    return finish(k, problem === 'nothing_due' ? 'nothing_due' : `problem:${problem}`);
  }

  await hooks.acceptorOnline;
  k.send({ type: 'PAY_CASH' });
  await k.waitFor(is('confirm', 'problem'), 'the confirm screen');
  k.send({ type: 'CONFIRM' });
  s = await k.waitFor(is('insertCash', 'problem'), 'the insert-cash screen');
  let inserted = 0;
  while (s.screen.name === 'insertCash' && s.screen.collected < s.screen.amountDue) {
    const before = s.screen.collected;
    const value = wallet.pickNote(s.screen.acceptedNotes);
    await insert(k, wallet, value);
    hooks.noteInserted?.(value);
    const credited = k.waitFor(
      (x) => x.screen.name !== 'insertCash' || x.screen.collected > before,
      `credit for note ${++inserted} (${value / 100} yuan)`,
    );
    if (!wallet.nextReturn) {
      s = await credited;
      continue;
    }
    // The note is credited, or comes back (the host said return, or the acceptor rejected it).
    credited.catch(() => undefined); // a note that came back leaves this wait to time out
    const outcome = await Promise.race([credited, wallet.nextReturn().then(() => null)]);
    s = outcome ?? k.latest ?? s;
  }
  const ends: Screen['name'][] = ['paid', 'pendingSync', 'problem'];
  if (wallet.mayEndShort) ends.push('partialCash', 'refundSlip');
  s = await k.waitFor(is(...ends), 'the result screen');
  if (s.screen.name === 'partialCash') {
    k.send({ type: 'CONFIRM' });
    await k.waitFor(is('paid', 'pendingSync', 'problem', 'refundSlip'), 'the settled partial');
    return finish(k, 'partial');
  }
  if (s.screen.name === 'refundSlip') return finish(k, 'partial');
  if (s.screen.name === 'paid' || s.screen.name === 'pendingSync') return finish(k, s.screen.name);
  if (s.screen.name === 'problem') {
    return finish(
      k,
      s.screen.problem === 'payment_needs_staff' ? 'needs_staff' : `problem:${s.screen.problem}`,
    );
  }
  throw new StuckError(`unexpected screen ${s.screen.name}`);
}

/**
 * Puts one note in as soon as the acceptor takes it. It answers "not now" until it is idling
 * (enabled, no note inside), which it is within a few polls; the bound is for a machine under load.
 */
async function insert(k: KioskClient, wallet: Wallet, value: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    // A note goes in only while the kiosk asks for one; a host that died stops the customer.
    if (k.isClosed) throw new HostGone('the host went away before the note went in');
    if (await wallet.tryInsertNote(value)) return;
    if (Date.now() > deadline) {
      throw new StuckError(
        `the acceptor took no note for 10 s on the insert-cash screen (emulator ${await wallet.acceptorState()})`,
      );
    }
    await sleep(wallet.retryMs);
  }
}

function finish(k: KioskClient, outcome: CustomerOutcome): CustomerOutcome {
  k.send({ type: 'DONE' });
  return outcome;
}
