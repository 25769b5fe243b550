// Model-based tests of the session statechart (xstate/graph, built into xstate 5): the UX rules
// R8 (≤5 screens to confirm, ≤6 choices a screen) and R9 (confirm before money moves) of
// ux-electron.md §1.3, the write-off order (no paid without capturing), a way out of every
// waiting screen, and crash equivalence (payments.md §6 invariant 9) along three paths: cash
// paid in full, partial cash refunded by slip, and QR through the wallet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getAdjacencyMap,
  getShortestPaths,
  getSimplePaths,
  type AdjacencyMap,
  type StatePath,
} from 'xstate/graph';
import { sessionMachine, WAITS_FOR_CUSTOMER } from '../../src/flows/session-machine';
import { type SessionEvent } from '../../src/flows/session-types';
import { screenOf } from '../../src/flows/session-view';
import { tempDir, type TempDir } from '../offline-queue/journal-fixture';
import {
  GLOBAL_USER_EVENTS,
  MODEL_QUOTE,
  modelEvents,
  modelTraversal,
  NOTE,
  screensShown,
  stateOf,
  USER_EVENT_TYPES,
  type ModelSnapshot,
} from './session-model-graph';
import {
  ledgerOf,
  recoverAndSettle,
  runPath,
  snapshotJournal,
  writtenOffAndRefunded,
  type Aftermath,
  type Ledger,
} from './session-model-journal';
import {
  CASH_PATH,
  PARTIAL_REFUND_PATH,
  QR_PATH,
  type SessionPath,
  type WalletStates,
} from './session-model-paths';

type Path = StatePath<ModelSnapshot, SessionEvent>;
type Adjacency = AdjacencyMap<ModelSnapshot, SessionEvent>;

const MONEY_STATES = new Set(['insertCash', 'qrPay']);

/** The states a path passes through, the start included. */
function statesOf(path: Path, start: ModelSnapshot): ModelSnapshot[] {
  const states = path.steps.map((s) => s.state);
  return states[0] === start ? states : [start, ...states];
}

/** Serialized states reachable from the start without entering a state named in `avoid`. */
function reachableAvoiding(adj: Adjacency, start: string, avoid: ReadonlySet<string>): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    const node = adj[key as keyof Adjacency];
    if (!node) continue;
    for (const { state } of Object.values(node.transitions)) {
      const next = serialized(state);
      if (seen.has(next) || avoid.has(stateOf(state))) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}

const keyOf = new WeakMap<ModelSnapshot, string>();
/** The full model's key of a snapshot (as getAdjacencyMap serialized it). */
function serialized(s: ModelSnapshot): string {
  let key = keyOf.get(s);
  if (key === undefined) {
    key = modelTraversal({ staff: true }).serializeState(s);
    keyOf.set(s, key);
  }
  return key;
}

describe('the session model (xstate/graph)', () => {
  const start = sessionMachine.getInitialSnapshot(
    {} as Parameters<typeof sessionMachine.getInitialSnapshot>[0],
    modelTraversal().input,
  );
  let simple: Path[];
  let full: Adjacency;
  let startKey: string;

  beforeAll(() => {
    simple = getSimplePaths(sessionMachine, modelTraversal({ small: true })) as Path[];
    full = getAdjacencyMap(sessionMachine, modelTraversal({ staff: true })) as Adjacency;
    startKey = Object.keys(full)[0] as string;
  });

  it('enumerates the small model: every simple path from attract, reaching money and paid', () => {
    const ending = (v: string) => simple.filter((p) => stateOf(p.state) === v).length;
    console.info(
      `session model: ${simple.length} simple paths (small model); ${Object.keys(full).length} states in the full model; ` +
        `to insertCash ${ending('insertCash')}, qrPay ${ending('qrPay')}, paid ${ending('paid')}`,
    );
    expect(simple.length).toBeGreaterThan(500);
    for (const v of ['confirm', 'insertCash', 'qrPay', 'capturing', 'paid', 'pendingSync']) {
      expect(ending(v), `paths ending in ${v}`).toBeGreaterThan(0);
    }
    expect(stateOf(start)).toBe('attract');
    expect(JSON.parse(startKey)[0]).toBe('attract');
  });

  it('R9: every path into insertCash or qrPay passes through confirm first', () => {
    let checked = 0;
    for (const path of simple) {
      const values = statesOf(path, start).map(stateOf);
      const firstMoney = values.findIndex((v) => MONEY_STATES.has(v));
      if (firstMoney < 0) continue;
      checked++;
      expect(values.slice(0, firstMoney), values.join(' → ')).toContain('confirm');
    }
    expect(checked).toBeGreaterThan(0);
    // And on the full model (every state, all event variants), as reachability: with confirm
    // removed, no money state can be reached at all.
    const avoiding = reachableAvoiding(full, startKey, new Set(['confirm']));
    const money = [...avoiding].filter((k) => MONEY_STATES.has(JSON.parse(k)[0]));
    expect(money).toEqual([]);
    expect(Object.keys(full).some((k) => MONEY_STATES.has(JSON.parse(k)[0]))).toBe(true);
  });

  it('R8: the shortest keyed path from attract to confirm shows ≤ 5 screens', () => {
    const keyed = getShortestPaths(sessionMachine, {
      ...modelTraversal({ small: true }),
      filterEvents: (_s, e) => e.type !== 'SCANNED' && e.type !== 'ACCOUNT_CARD',
    }) as Path[];
    const toConfirm = keyed.filter((p) => stateOf(p.state) === 'confirm');
    expect(toConfirm.length).toBeGreaterThan(0);
    const screens = toConfirm.map((p) => screensShown(statesOf(p, start)));
    const fewest = screens.reduce((a, b) => (b.length < a.length ? b : a));
    expect(fewest).toEqual(['attract', 'chooseBiller', 'enterAccount', 'bills', 'confirm']);
    for (const s of screens) expect(s.length, s.join(' → ')).toBeLessThanOrEqual(5);

    // With a scanned bill or an account card it is shorter still.
    const any = (getShortestPaths(sessionMachine, modelTraversal({ small: true })) as Path[])
      .filter((p) => stateOf(p.state) === 'confirm')
      .map((p) => screensShown(statesOf(p, start)));
    expect(Math.min(...any.map((s) => s.length))).toBeLessThanOrEqual(5);
  });

  it('no path reaches paid without capturing (nor pendingSync)', () => {
    let checked = 0;
    for (const path of simple) {
      const values = statesOf(path, start).map(stateOf);
      for (const end of ['paid', 'pendingSync']) {
        const at = values.indexOf(end);
        if (at < 0) continue;
        checked++;
        expect(values.slice(0, at), values.join(' → ')).toContain('capturing');
      }
    }
    expect(checked).toBeGreaterThan(0);
    const avoiding = reachableAvoiding(full, startKey, new Set(['capturing']));
    expect(
      [...avoiding].filter((k) => ['paid', 'pendingSync', 'writingOff'].includes(JSON.parse(k)[0])),
    ).toEqual([]);
  });

  it('every state the customer waits in has a way out: CALL_STAFF everywhere, and CANCEL/BACK or an explained exception', () => {
    const withoutCancel = new Set<string>();
    let waiting = 0;
    for (const { state, transitions } of Object.values(full)) {
      if (!state.hasTag(WAITS_FOR_CUSTOMER)) continue;
      waiting++;
      const helped = transitions[JSON.stringify({ type: 'CALL_STAFF' }) as keyof typeof transitions]
        ?.state as ModelSnapshot;
      expect(helped, stateOf(state)).toBeDefined();
      expect(screenOf(helped).name, stateOf(state)).toBe('staffHelp');
      if (!state.can({ type: 'CANCEL' }) && !state.can({ type: 'BACK' })) {
        withoutCancel.add(
          `${stateOf(state)}${stateOf(state) === 'qrPay' ? `:${state.context.qr.step}` : ''}`,
        );
      }
    }
    expect(waiting).toBeGreaterThan(50);
    // qrPay while cancelling: the wallet is already being told to stop. (partialCash: CANCEL,
    // which staff answering her call send, settles the money as the screen says.)
    expect([...withoutCancel].sort()).toEqual(['qrPay:cancelling']);
    for (const { state } of Object.values(full)) {
      if (stateOf(state) === 'partialCash') expect(state.can({ type: 'CONFIRM' })).toBe(true);
    }
  });

  it('R8: ≤ 6 customer choices on every screen (user events that do something, globals excluded)', () => {
    const most = new Map<string, { n: number; events: string[] }>();
    for (const { state } of Object.values(full)) {
      const choices = new Set(
        modelEvents(state, { staff: true })
          .filter((e) => USER_EVENT_TYPES.has(e.type) && !GLOBAL_USER_EVENTS.has(e.type))
          .filter((e) => state.can(e))
          .map((e) => e.type),
      );
      const screen = screenOf(state).name;
      const key = `${screen} (${stateOf(state)})`;
      if ((most.get(key)?.n ?? -1) < choices.size) {
        most.set(key, { n: choices.size, events: [...choices].sort() });
      }
      expect(choices.size, `${key}: ${[...choices].join(', ')}`).toBeLessThanOrEqual(6);
    }
    console.info(
      'choices per screen (most seen): ' + [...most].map(([k, v]) => `${k}=${v.n}`).join(', '),
    );
  });
});

interface CrashCase {
  path: SessionPath;
  /** What the uninterrupted run ends with; `shown` is the state after each step. */
  uninterrupted(final: Ledger, shown: string[]): void;
  /** What the steps run before the crash (`done`) imply once recovered and settled. */
  afterCrash(done: string[], after: Aftermath): void;
}

const times = (done: string[], name: string) => done.filter((n) => n === name).length;

const CRASH_CASES: CrashCase[] = [
  {
    path: CASH_PATH,
    uninterrupted: (final) =>
      expect(final).toMatchObject({
        payments: [{ state: 'RECEIPTED', collected: 20_000 }],
        cashBox: { total: 20_000 },
        notesByState: { stacked: 2 },
        openStaffItems: 0,
      }),
    // Notes stacked before the crash are written off; a note in escrow goes to staff review;
    // nothing taken means the payment is abandoned.
    afterCrash: (done, { settled }) => {
      const stacked = times(done, 'note stacked');
      const escrowed = times(done, 'note escrowed');
      expect(settled.cashBox.total).toBe(stacked * NOTE);
      expect(settled.notesByState.unknown ?? 0).toBe(escrowed - stacked);
      expect(settled.openStaffItems).toBe(escrowed - stacked);
      if (!done.includes('CONFIRM')) expect(settled.payments).toEqual([]);
      else if (stacked === 0) expect(settled.byState).toEqual({ ABANDONED: 1 });
      else expect(['WRITTEN_OFF', 'RECEIPTED']).toContain(settled.payments[0]?.state);
    },
  },
  {
    path: PARTIAL_REFUND_PATH,
    uninterrupted: (final, shown) => {
      expect(shown).toEqual(expect.arrayContaining(['partialCash', 'refundSlip']));
      expect(final).toMatchObject({
        payments: [{ method: 'cash', state: 'MANUAL_REFUND', collected: NOTE, writeOffs: 0 }],
        cashBox: { total: NOTE },
        notesByState: { stacked: 1 },
        openStaffItems: 1,
        refundSlipsOwed: NOTE,
      });
    },
    // Cash short of the amount due goes back by refund slip whether the kiosk settled it
    // (refundPartial) or recovery sent it and the gateway refused it; it is never written off.
    afterCrash: (done, { settled }) => {
      const stacked = times(done, 'note stacked');
      const inEscrow = times(done, 'note escrowed') - stacked;
      expect(settled.cashBox.total).toBe(stacked * NOTE);
      expect(settled.notesByState.unknown ?? 0).toBe(inEscrow);
      expect(settled.refundSlipsOwed).toBe(stacked * NOTE);
      expect(settled.openStaffItems).toBe(inEscrow + (stacked > 0 ? 1 : 0));
      expect(settled.payments.map((p) => p.writeOffs)).not.toContain(1);
      if (!done.includes('CONFIRM')) expect(settled.payments).toEqual([]);
      else if (stacked === 0) expect(settled.byState).toEqual({ ABANDONED: 1 });
      else expect(settled.byState).toEqual({ MANUAL_REFUND: 1 });
    },
  },
  {
    path: QR_PATH,
    uninterrupted: (final, shown) => {
      expect(shown).toEqual(expect.arrayContaining(['qrPay', 'writingOff', 'paid']));
      expect(final).toMatchObject({
        payments: [{ method: 'qr', state: 'RECEIPTED', collected: MODEL_QUOTE.totalDue }],
        qrAttempts: [{ state: 'success', amount: MODEL_QUOTE.totalDue }],
        cashBox: { total: 0 },
        openStaffItems: 0,
      });
    },
    // Paid in the wallet before the crash (known to the kiosk or not): written off once.
    // Otherwise the attempt is cancelled and the payment abandoned. No cash moves.
    afterCrash: (done, { recovered, settled }) => {
      const scanned = done.includes('payment code scanned');
      const paid = done.includes('customer confirms in the wallet');
      expect(settled.cashBox.total).toBe(0);
      expect(settled.notesByState).toEqual({});
      expect(settled.openStaffItems).toBe(0);
      if (!done.includes('CONFIRM')) expect(settled.payments).toEqual([]);
      else if (!scanned)
        expect(settled).toMatchObject({ byState: { ABANDONED: 1 }, qrAttempts: [] });
      else if (!paid) {
        expect(settled.byState).toEqual({ ABANDONED: 1 });
        expect(settled.qrAttempts).toMatchObject([{ state: 'cancelled' }]);
      } else {
        expect(['WRITTEN_OFF', 'RECEIPTED']).toContain(settled.payments[0]?.state);
        expect(settled.payments[0]).toMatchObject({
          collected: MODEL_QUOTE.totalDue,
          writeOffs: 1,
        });
        expect(settled.qrAttempts).toMatchObject([{ state: 'success' }]);
      }
      // An attempt the kiosk had not seen end is not guessed at: the payment is unknown until
      // the wallet is asked.
      if (scanned && !done.includes('kiosk polls: paid'))
        expect(recovered.byState).toEqual({ PAYMENT_UNKNOWN: 1 });
    },
  },
];

const OPEN_QR = new Set(['pending', 'user_paying']);

describe.each(CRASH_CASES.map((c) => [c.path.name, c] as const))(
  'crash equivalence along the %s path (payments.md §6 invariant 9)',
  (name, { path, uninterrupted, afterCrash }) => {
    let tmp: TempDir;
    /** The uninterrupted run, its journal and wallet copied after each step k and recovered. */
    const reference: {
      walletAtCrash: WalletStates;
      recovered: Ledger;
      settled: Ledger;
      walletSettled: WalletStates;
    }[] = [];
    const shown: string[] = [];
    let finalLedger: Ledger;

    beforeAll(async () => {
      tmp = tempDir('kiosk-session-model-');
      const copies: { file: string; wallet: WalletStates }[] = [];
      const run = await runPath(
        path,
        tmp.file('uninterrupted.sqlite'),
        path.steps.length,
        (i, r) => {
          const copy = tmp.file(`uninterrupted-${i}.sqlite`);
          snapshotJournal(r.t, copy);
          copies.push({ file: copy, wallet: r.wallet.states() });
          shown.push(r.state());
        },
      );
      finalLedger = ledgerOf(run.t);
      run.crash();
      for (const copy of copies) {
        const { t, recovered, settled, wallet } = await recoverAndSettle(
          copy.file,
          copy.wallet,
          path,
        );
        reference.push({
          walletAtCrash: copy.wallet,
          recovered,
          settled,
          walletSettled: wallet.states(),
        });
        t.close();
      }
    });
    afterAll(() => tmp.remove());

    it(`the uninterrupted ${name} run ends back at attract with the expected ledger`, () => {
      expect(shown.at(-1)).toBe('attract');
      uninterrupted(finalLedger, shown);
    });

    // k = number of steps run before the kiosk dies (0 … all of them).
    const points = ['nothing', ...path.steps.map((s) => s.name)].map(
      (last, k) => [k, last] as const,
    );
    it.each(points)(
      'killed after %i steps (%s): recovery reaches the uninterrupted ledger',
      async (k) => {
        const ref = reference[k];
        const file = tmp.file(`crash-${k}.sqlite`);
        const run = await runPath(path, file, k);
        const walletAtCrash = run.wallet.states();
        run.crash();
        expect(walletAtCrash, 'the wallet at the crash').toEqual(ref?.walletAtCrash);

        const after = await recoverAndSettle(file, walletAtCrash, path);
        const { t, recovered, settled, wallet } = after;
        expect(recovered, `after ${k} steps, recovered`).toEqual(ref?.recovered);
        expect(settled, `after ${k} steps, settled`).toEqual(ref?.settled);
        expect(wallet.states(), `after ${k} steps, the wallet settled`).toEqual(ref?.walletSettled);

        // Money conservation: every note in the box is a stacked note of a payment, and the
        // payments hold exactly those notes and what the wallet took.
        const walletPaid = settled.qrAttempts.filter((a) => a.state === 'success');
        expect(settled.cashBox.total).toBe(settled.stackedNotesTotal);
        expect(settled.collectedTotal).toBe(
          settled.stackedNotesTotal + walletPaid.reduce((s, a) => s + a.amount, 0),
        );
        // Written off at most once, never also refunded, and a QR payment only once the wallet
        // says it was paid.
        expect(writtenOffAndRefunded(t)).toEqual([]);
        const walletSays = wallet.states();
        for (const p of settled.payments) {
          expect(p.writeOffs).toBeLessThanOrEqual(1);
          if (p.method !== 'qr' || p.writeOffs === 0) continue;
          const paidBy = settled.qrAttempts.filter(
            (a) => a.paymentId === p.id && walletSays[a.qrPaymentId]?.status === 'success',
          );
          expect(paidBy, `payment ${p.id} written off`).toHaveLength(1);
        }
        // Every attempt ends, as the wallet has it; one left open was asked about first, and no
        // payment was sent to the wallet again.
        for (const a of settled.qrAttempts) {
          expect(['success', 'cancelled', 'refunded']).toContain(a.state);
          expect(walletSays[a.qrPaymentId]?.status).toBe(a.state);
        }
        for (const a of recovered.qrAttempts.filter((q) => OPEN_QR.has(q.state)))
          expect(wallet.calls.find((c) => c.endsWith(a.qrPaymentId))).toBe(
            `status ${a.qrPaymentId}`,
          );
        expect(wallet.calls.filter((c) => c.startsWith('micropay'))).toEqual([]);
        // Never more than the uninterrupted run took.
        expect(settled.cashBox.total).toBeLessThanOrEqual(finalLedger.cashBox.total);
        expect(settled.collectedTotal).toBeLessThanOrEqual(finalLedger.collectedTotal);

        afterCrash(
          path.steps.slice(0, k).map((s) => s.name),
          after,
        );
        t.close();
      },
    );
  },
);
