// P8's customers: the visits a kiosk sees in a day, each a complete session from the attract
// screen back to it, driven over the real KioskApi WebSocket as the renderer drives it. Money
// goes in through the emulated acceptor and codes through the emulated scanner (P8Devices).
import { Key, type Screen, type Snapshot, type UserEvent } from '../../src/api/kiosk-api';
import { KioskClient, StuckError } from '../../test/crash/kiosk-client';
import type { Rng } from '../../test/crash/rng';

/** Where the host's KioskApi is: a one-time launch address of its kiosk page. */
export interface KioskAddress {
  launchUrl: string;
}

/**
 * The one place that connects a customer's screen to the KioskApi: it redeems the launch
 * address as the kiosk's browser does and opens the socket with the page's pass.
 */
export function connectCustomer(host: KioskAddress): Promise<KioskClient> {
  return KioskClient.connect(host.launchUrl);
}

/** The emulated devices at the host's far end, and new bills at the biller. */
export interface P8Devices {
  /** One note into the acceptor; false while it takes none (not idling yet). */
  insertNote(value: number): Promise<boolean>;
  scan(text: string): Promise<void>;
  /** The account has something to pay (the gateway issues a bill when none is unpaid). */
  ensureDue(account: Account): void;
}

export interface Account {
  billerId: string;
  account: string;
}

export interface Visit {
  k: KioskClient;
  d: P8Devices;
  rng: Rng;
}

/** Accounts that stay payable: bills are issued for them whenever none is unpaid. */
export const PAYABLE: readonly Account[] = [
  { billerId: 'sh-power', account: '3100123456' },
  { billerId: 'sh-power', account: '3100000001' },
  { billerId: 'sh-water', account: '210012345' },
  { billerId: 'sh-water', account: '210000001' },
  { billerId: 'sh-gas', account: '50012345' },
  { billerId: 'sh-gas', account: '50000001' },
  { billerId: 'sh-telecom', account: '13301234567' },
  { billerId: 'sh-telecom', account: '13300000001' },
];
const LOCKED: Account = { billerId: 'sh-power', account: '3100999999' };
/** Fully paid, and no bill is ever issued for it here. */
const NOTHING_DUE: Account = { billerId: 'sh-cabletv', account: '880000000001' };
/** The bill's printed code, as the simulator's scan patterns read it (sim/gateway/seed.ts). */
const BILL_CODE_PREFIX: Readonly<Record<string, string>> = {
  'sh-power': 'SGCC:',
  'sh-water': 'SHWATER:',
  'sh-gas': 'SHGAS:',
  'sh-telecom': 'CTSH:',
};

const is =
  (...names: Screen['name'][]) =>
  (s: Snapshot) =>
    names.includes(s.screen.name);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Each kind of visit, its share of the day, and how it goes. Each resolves with its ending. */
export const VISITS = {
  /** Types the account, pays in notes, takes the receipt (shown on screen: P8 has no printer). */
  cash: { weight: 18, run: (v: Visit) => payCash(v, 'keys') },
  /** Scans the bill's code at the attract screen, pays in notes. */
  cashScannedBill: { weight: 8, run: (v: Visit) => payCash(v, 'scan') },
  /** Pays with a wallet payment code; some first meet a refusal and show another code. */
  qr: { weight: 16, run: payQr },
  /** Chooses QR, then gives up before showing a code. */
  qrCancelled: { weight: 4, run: cancelQr },
  /** Puts in less than due, stops, and takes the refund slip. */
  partialCashRefund: { weight: 6, run: (v: Visit) => partialCash(v, 'confirms') },
  /** Puts in less than due and walks away: the kiosk settles it and returns to attract. */
  partialCashWalkAway: { weight: 3, run: (v: Visit) => partialCash(v, 'walksAway') },
  unknownAccount: { weight: 6, run: unknownAccount },
  lockedAccount: { weight: 4, run: (v: Visit) => accountProblem(v, LOCKED, 'account_locked') },
  nothingDue: { weight: 4, run: (v: Visit) => accountProblem(v, NOTHING_DUE, 'nothing_due') },
  junkScan: { weight: 5, run: junkScan },
  paymentCodeAtAttract: { weight: 3, run: paymentCodeAtAttract },
  /** Calls staff, is helped, goes on or gives up. */
  helpCall: { weight: 8, run: helpCall },
  /** Reads the information centre (sometimes in English, in large type). */
  infoCentre: { weight: 10, run: infoCentre },
} satisfies Record<string, { weight: number; run(v: Visit): Promise<string> }>;
export type VisitKind = keyof typeof VISITS;

// ── the steps ────────────────────────────────────────────────────────────────────────────────

async function atAttract(k: KioskClient): Promise<Extract<Screen, { name: 'attract' }>> {
  const s = await k.waitFor(is('attract'), 'the attract screen');
  if (s.screen.name !== 'attract') throw new StuckError('not at attract');
  return s.screen;
}

/** Ends the visit: DONE (or CANCEL) where the screen needs it, then back at attract. */
async function leave(k: KioskClient, ...events: UserEvent[]): Promise<void> {
  k.send(...events);
  await atAttract(k);
}

async function chooseBiller(k: KioskClient, billerId: string): Promise<void> {
  k.send({ type: 'START' });
  const s = await k.waitFor(
    (x) => x.screen.name === 'chooseBiller' && x.screen.billers.length > 0,
    'the biller list',
  );
  if (s.screen.name === 'chooseBiller' && !s.screen.billers.some((b) => b.id === billerId))
    throw new StuckError(`biller ${billerId} is not offered`);
  k.send({ type: 'CHOOSE_BILLER', billerId });
  await k.waitFor(is('enterAccount'), 'the keypad');
}

/** Keys the account and submits it: the bills, or the keypad with a problem. */
async function keyAccount(k: KioskClient, a: Account, digits = a.account): Promise<Snapshot> {
  await chooseBiller(k, a.billerId);
  k.send(...[...digits].map((d) => ({ type: 'KEY' as const, key: Key.parse(d) })), {
    type: 'SUBMIT_ACCOUNT',
  });
  return k.waitFor(
    (x) =>
      is('bills', 'problem')(x) || (x.screen.name === 'enterAccount' && x.screen.problem !== null),
    'the bills',
  );
}

/** Scans the bill's code at the attract screen: the bills. */
async function scanBill(v: Visit, a: Account): Promise<Snapshot> {
  await v.d.scan(`${BILL_CODE_PREFIX[a.billerId] ?? ''}${a.account}`);
  return v.k.waitFor(is('bills', 'problem'), 'the bills of the scanned code');
}

async function toBills(v: Visit, a: Account, how: 'keys' | 'scan') {
  v.d.ensureDue(a);
  const s = how === 'keys' ? await keyAccount(v.k, a) : await scanBill(v, a);
  if (s.screen.name !== 'bills')
    throw new StuckError(`no bills for ${a.billerId} ${a.account}: ${JSON.stringify(s.screen)}`);
  return s.screen;
}

/** Chooses the method and confirms: the insert-cash or QR screen. */
async function confirm(k: KioskClient, method: 'cash' | 'qr'): Promise<Snapshot> {
  k.send({ type: method === 'cash' ? 'PAY_CASH' : 'PAY_QR' });
  await k.waitFor(is('confirm'), 'the confirm screen');
  k.send({ type: 'CONFIRM' });
  // The acceptor is offered the notes the payment can take a moment after the screen appears.
  return k.waitFor(
    (x) =>
      is('qrPay', 'problem')(x) ||
      (x.screen.name === 'insertCash' && x.screen.acceptedNotes.length > 0),
    'the payment screen',
  );
}

/** Puts a note in as soon as the acceptor takes it, and waits for its credit. */
async function insertNote(v: Visit, value: number, collectedBefore: number): Promise<Snapshot> {
  const deadline = Date.now() + 10_000;
  while (!(await v.d.insertNote(value))) {
    if (Date.now() > deadline) throw new StuckError(`the acceptor took no note for 10 s`);
    await sleep(10);
  }
  return v.k.waitFor(
    (x) => x.screen.name !== 'insertCash' || x.screen.collected > collectedBefore,
    `the credit of a ${value / 100}-yuan note`,
  );
}

/** The smallest note that covers what is left, else the largest: as people pay. */
function noteFor(accepted: readonly number[], left: number): number {
  const covering = accepted.filter((n) => n >= left).sort((a, b) => a - b);
  const note = covering[0] ?? Math.max(...accepted);
  if (!Number.isFinite(note)) throw new StuckError('the acceptor takes no notes');
  return note;
}

/** A wallet payment code (付款码); its last digit scripts the simulated wallet's customer. */
function paymentCode(rng: Rng, lastDigit: number): string {
  const digits = (n: number) => Array.from({ length: n }, () => String(rng.int(0, 9))).join('');
  switch (rng.int(0, 2)) {
    case 0:
      return `13${digits(15)}${lastDigit}`; // WeChat: 18 digits, 10–15
    case 1:
      return `28${digits(17)}${lastDigit}`; // Alipay: 16–24 digits, 25–30
    default:
      return `62${digits(16)}${lastDigit}`; // UnionPay: 19 digits, 62
  }
}

async function result(k: KioskClient): Promise<string> {
  const s = await k.waitFor(is('paid', 'pendingSync', 'problem'), 'the result screen');
  const ending = s.screen.name === 'problem' ? `problem:${s.screen.problem}` : s.screen.name;
  await leave(k, { type: 'DONE' });
  return ending;
}

// ── the visits ───────────────────────────────────────────────────────────────────────────────

async function payCash(v: Visit, how: 'keys' | 'scan'): Promise<string> {
  await atAttract(v.k);
  await toBills(v, v.rng.pick(PAYABLE), how);
  let s = await confirm(v.k, 'cash');
  while (s.screen.name === 'insertCash' && s.screen.collected < s.screen.amountDue) {
    const note = noteFor(s.screen.acceptedNotes, s.screen.amountDue - s.screen.collected);
    s = await insertNote(v, note, s.screen.collected);
  }
  return result(v.k);
}

async function payQr(v: Visit): Promise<string> {
  await atAttract(v.k);
  await toBills(v, v.rng.pick(PAYABLE), v.rng.next() < 0.5 ? 'keys' : 'scan');
  const s = await confirm(v.k, 'qr');
  if (s.screen.name !== 'qrPay') throw new StuckError(`no QR screen: ${s.screen.name}`);
  const r = v.rng.next();
  // 0: pays at once; 1: pays after confirming in the wallet; 3: insufficient funds, refused.
  if (r < 0.15) {
    await v.d.scan(paymentCode(v.rng, 3));
    await v.k.waitFor(
      (x) => x.screen.name === 'qrPay' && x.screen.refused && x.screen.step === 'showYourCode',
      'the refusal',
    );
  }
  await v.d.scan(paymentCode(v.rng, r < 0.4 ? 1 : 0));
  return result(v.k);
}

async function cancelQr(v: Visit): Promise<string> {
  await atAttract(v.k);
  await toBills(v, v.rng.pick(PAYABLE), 'keys');
  const s = await confirm(v.k, 'qr');
  if (s.screen.name !== 'qrPay') throw new StuckError(`no QR screen: ${s.screen.name}`);
  await leave(v.k, { type: 'CANCEL' });
  return 'cancelled';
}

async function partialCash(v: Visit, then: 'confirms' | 'walksAway'): Promise<string> {
  await atAttract(v.k);
  await toBills(v, v.rng.pick(PAYABLE), 'keys');
  const s = await confirm(v.k, 'cash');
  if (s.screen.name !== 'insertCash') throw new StuckError(`no cash screen: ${s.screen.name}`);
  const { acceptedNotes, amountDue } = s.screen;
  const smaller = acceptedNotes.filter((n) => n < amountDue).sort((a, b) => a - b);
  await insertNote(v, v.rng.pick(smaller.slice(0, 3)), 0);
  v.k.send({ type: 'CANCEL' });
  await v.k.waitFor(is('partialCash'), 'the partial-cash screen');
  if (then === 'confirms') v.k.send({ type: 'CONFIRM' });
  // Walked away: the kiosk settles the money after its wait, and the slip's screen times out.
  await v.k.waitFor(is('refundSlip'), 'the refund slip');
  if (then === 'confirms') await leave(v.k, { type: 'DONE' });
  else await atAttract(v.k);
  return `refundSlip:${then}`;
}

async function unknownAccount(v: Visit): Promise<string> {
  await atAttract(v.k);
  // Ten digits no one holds, or too few digits for the biller.
  const digits =
    v.rng.next() < 0.7
      ? `39${String(v.rng.int(0, 99_999_999)).padStart(8, '0')}`
      : String(v.rng.int(1000, 99_999));
  const s = await keyAccount(v.k, { billerId: 'sh-power', account: digits });
  return endAtKeypad(v.k, s);
}

async function accountProblem(v: Visit, a: Account, expected: string): Promise<string> {
  await atAttract(v.k);
  const s = await keyAccount(v.k, a);
  const ending = await endAtKeypad(v.k, s);
  if (ending !== expected) throw new StuckError(`expected ${expected}, got ${ending}`);
  return ending;
}

/** A typing mistake stays on the keypad; an account the kiosk cannot take has its own screen. */
async function endAtKeypad(k: KioskClient, s: Snapshot): Promise<string> {
  if (s.screen.name === 'enterAccount' && s.screen.problem) {
    await leave(k, { type: 'CANCEL' });
    return s.screen.problem;
  }
  if (s.screen.name === 'problem') {
    await leave(k, { type: 'DONE' });
    return s.screen.problem;
  }
  throw new StuckError(`expected a problem for the account, got ${JSON.stringify(s.screen)}`);
}

async function junkScan(v: Visit): Promise<string> {
  await atAttract(v.k);
  await v.d.scan(`JUNK-${v.rng.int(0, 1e9)}`);
  return problemScreen(v.k);
}

async function paymentCodeAtAttract(v: Visit): Promise<string> {
  await atAttract(v.k);
  await v.d.scan(paymentCode(v.rng, 0));
  return problemScreen(v.k);
}

async function problemScreen(k: KioskClient): Promise<string> {
  const s = await k.waitFor(is('problem'), 'the problem screen');
  await leave(k, { type: 'DONE' });
  return s.screen.name === 'problem' ? s.screen.problem : 'problem';
}

async function helpCall(v: Visit): Promise<string> {
  await atAttract(v.k);
  const onBills = v.rng.next() < 0.5;
  if (onBills) await toBills(v, v.rng.pick(PAYABLE), 'keys');
  else await chooseBiller(v.k, v.rng.pick(PAYABLE).billerId);
  v.k.send({ type: 'CALL_STAFF' });
  await v.k.waitFor(is('staffHelp'), 'staff help');
  // Staff help, then the customer carries on by herself (or withdraws the call) and gives up.
  v.k.send({ type: v.rng.next() < 0.5 ? 'CONTINUE_ALONE' : 'CANCEL_CALL' });
  await v.k.waitFor(is('bills', 'enterAccount'), 'the screen under staff help');
  await leave(v.k, { type: 'CANCEL' });
  return onBills ? 'helped:bills' : 'helped:keypad';
}

async function infoCentre(v: Visit): Promise<string> {
  const attract = await atAttract(v.k);
  const english = v.rng.next() < 0.3;
  if (english)
    v.k.send({ type: 'SET_LOCALE', locale: 'en' }, { type: 'SET_TEXT_SCALE', scale: 1.5 });
  const first = v.rng.pick(attract.highlights).id;
  v.k.send({ type: 'OPEN_INFO', topicId: first });
  await v.k.waitFor((x) => x.screen.name === 'info' && x.screen.topic?.id === first, 'the topic');
  v.k.send({ type: 'BACK' });
  const list = await v.k.waitFor(
    (x) => x.screen.name === 'info' && x.screen.topic === null,
    'the topic list',
  );
  if (list.screen.name === 'info' && v.rng.next() < 0.5) {
    const second = v.rng.pick(list.screen.topics).id;
    v.k.send({ type: 'OPEN_INFO', topicId: second });
    await v.k.waitFor((x) => x.screen.name === 'info' && x.screen.topic?.id === second, 'a topic');
    v.k.send({ type: 'BACK' });
  }
  await leave(v.k, { type: 'BACK' });
  return english ? 'read:en' : 'read:zh-CN';
}
