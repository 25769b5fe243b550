// No staff action at any step loses or duplicates money: random interleavings of a resident's
// notes and taps, a call for staff, a member of staff signing in over her visit and acting for
// her (back, cancel, hand back), locks and card removals; then the visit is let to end. The
// session's stand-in effects record what happened to the payment: money taken is written off
// or refunded exactly once, never both, never abandoned; a visit with nothing taken is
// abandoned once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise, waitFor, type EventObject } from 'xstate';
import type { Key } from '../../src/api/kiosk-api';
import { sessionMachine } from '../../src/flows/session-machine';
import type {
  BillerChoice,
  CashInInput,
  InfoContent,
  ReceiptOutcome,
  RefundSlipOutcome,
  ScanLookupResult,
  SessionEvent,
  StartResult,
} from '../../src/flows/session-types';
import type { AuditLog } from '../../src/service/audit-log';
import type { AuthResult, AuthenticatedPerson } from '../../src/service/authenticator';
import { startStaffDesk } from '../../src/service/staff-desk';
import { NO_ASSISTED, NO_RECEIPTS, STUB_TOOLS } from './desk-stubs';
import { POWER, QUOTE } from '../flows/session-fixtures';

const TIMING = { writeOffWaitMs: 60_000, doneScreenMs: 60_000, partialCashWaitMs: 60_000 };
const STAFF = {
  staffNumber: '1001',
  name: '王芳',
  role: 'staff',
} as unknown as AuthenticatedPerson;
const PIN = '731604';

type Step =
  | { kind: 'note'; what: 'escrow' | 'stack' | 'return' }
  | {
      kind: 'resident';
      event: 'CANCEL' | 'CONTINUE' | 'CONFIRM' | 'CALL_STAFF' | 'MORE_TIME' | 'DONE' | 'TIMED_OUT';
    }
  | { kind: 'staff'; what: 'signIn' | 'back' | 'cancel' | 'handBack' | 'lock' | 'cardOff' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constantFrom('escrow', 'stack', 'return').map((what) => ({ kind: 'note' as const, what })),
  fc
    .constantFrom('CANCEL', 'CONTINUE', 'CONFIRM', 'CALL_STAFF', 'MORE_TIME', 'DONE', 'TIMED_OUT')
    .map((event) => ({ kind: 'resident' as const, event })),
  fc
    .constantFrom('signIn', 'back', 'cancel', 'handBack', 'lock', 'cardOff')
    .map((what) => ({ kind: 'staff' as const, what })),
);

async function visit(steps: Step[], allowsPartial: boolean) {
  const effects = { captured: 0, refunded: 0, abandoned: 0, stacked: 0 };
  let cash: ((e: SessionEvent) => void) | undefined;
  let settle: ((e: SessionEvent) => void) | undefined;
  const biller: BillerChoice = { ...POWER, allowsPartial };
  const session = createActor(
    sessionMachine.provide({
      actors: {
        loadBillers: fromPromise(async () => [biller]),
        lookUpScan: fromPromise<ScanLookupResult, { text: string }>(async () => ({
          ok: true,
          biller,
          quote: QUOTE,
        })),
        startPayment: fromPromise(async (): Promise<StartResult> => ({ ok: true, paymentId: 42 })),
        cashIn: fromCallback<EventObject, CashInInput>(({ sendBack }) => {
          cash = sendBack;
          return () => (cash = undefined);
        }),
        captureFunds: fromPromise(async () => {
          effects.captured++;
          return undefined;
        }),
        watchWriteOff: fromCallback<EventObject, { paymentId: number }>(({ sendBack }) => {
          settle = sendBack;
        }),
        receipt: fromPromise(async (): Promise<ReceiptOutcome> => ({
          prepaidCredited: 0,
          receiptLines: [],
          printed: true,
          eReceiptUrl: null,
        })),
        abandonPayment: fromPromise(async () => {
          effects.abandoned++;
          return undefined;
        }),
        refundPartial: fromPromise(async (): Promise<RefundSlipOutcome> => {
          effects.refunded++;
          return { amount: effects.stacked, slipLines: [], printed: true };
        }),
        loadInfo: fromPromise(async (): Promise<InfoContent[]> => []),
      },
    }),
    { input: TIMING },
  ).start();
  const desk = startStaffDesk({
    authenticate: async (_c, pin): Promise<AuthResult> =>
      pin === PIN ? { ok: true, person: STAFF } : { ok: false, reason: 'wrong_pin' },
    audit: { append: () => undefined } as unknown as AuditLog,
    assisted: NO_ASSISTED,
    receipts: NO_RECEIPTS,
    tools: STUB_TOOLS,
    session: { snapshot: () => session.getSnapshot(), send: (e) => session.send(e) },
    monotonic: () => performance.now(),
    log: { info: () => undefined, warn: () => undefined },
  });
  const tick = () => new Promise((r) => setTimeout(r, 0));
  // The resident's taps reach her visit only while no mode is up (as the host routes them).
  const resident = (e: SessionEvent) => {
    if (!desk.isActive()) session.send(e);
  };
  let escrow = false;

  session.send({ type: 'SCANNED', text: 'bill' });
  await waitFor(session, (s) => s.value.customer === 'bills');
  session.send({ type: 'PAY_CASH' });
  session.send({ type: 'CONFIRM' });
  await waitFor(session, (s) => s.value.customer === 'insertCash');

  for (const st of steps) {
    if (st.kind === 'note') {
      if (!cash) continue;
      if (st.what === 'escrow' && !escrow) {
        escrow = true;
        cash({ type: 'NOTE_ESCROWED' });
      } else if (st.what === 'stack' && escrow) {
        escrow = false;
        effects.stacked += 10_000;
        cash({ type: 'NOTE_STACKED', collected: effects.stacked });
      } else if (st.what === 'return' && escrow) {
        escrow = false;
        cash({ type: 'NOTE_RETURNED' });
      }
    } else if (st.kind === 'resident') {
      resident({ type: st.event });
    } else if (st.what === 'signIn') {
      desk.cardPresented('04A1B2C3');
      for (const d of PIN) desk.handle({ type: 'STAFF_KEY', key: d as Key });
    } else if (st.what === 'lock') desk.handle({ type: 'STAFF_LOCK' });
    else if (st.what === 'cardOff') desk.cardRemoved();
    else desk.handle({ type: 'STAFF_HELP', action: st.what });
    await tick();
  }

  // Let the visit end: the note in escrow lands, staff leave, and time runs out.
  if (escrow && cash) {
    effects.stacked += 10_000;
    cash({ type: 'NOTE_STACKED', collected: effects.stacked });
  }
  desk.handle({ type: 'STAFF_LOCK' });
  for (let i = 0; i < 12 && session.getSnapshot().value.customer !== 'attract'; i++) {
    const c = session.getSnapshot().value.customer;
    if (c === 'writingOff') settle?.({ type: 'WRITE_OFF_SETTLED', state: 'WRITTEN_OFF' });
    else if (c === 'partialCash') session.send({ type: 'CONFIRM' });
    else session.send({ type: c === 'insertCash' ? 'TIMED_OUT' : 'DONE' });
    await tick();
    await tick();
  }
  desk.stop();
  const end = session.getSnapshot().value.customer;
  session.stop();
  return { effects, end };
}

describe('staff actions and the money of a visit (property)', () => {
  it('money taken is written off or refunded exactly once, whatever staff do and when', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), fc.boolean(), async (steps, partial) => {
        const { effects, end } = await visit(steps, partial);
        expect(end).toBe('attract');
        if (effects.stacked > 0) {
          expect(effects.captured + effects.refunded).toBe(1);
          expect(effects.abandoned).toBe(0);
          // Part payment written off only where the biller takes it; else a refund slip.
          if (effects.refunded === 1) expect(partial).toBe(false);
        } else {
          expect(effects.captured + effects.refunded).toBe(0);
          expect(effects.abandoned).toBe(1);
        }
      }),
      { numRuns: 150 },
    );
  });
});
