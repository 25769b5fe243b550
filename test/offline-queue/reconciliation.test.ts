// Daily reconciliation (offline-queue/reconciliation.ts, payments.md §6 invariant 12): the
// journal against the gateway's view of one business day. Hand-made GatewayDays for every kind
// of difference (长款 / 短款), the run summary, which days still need a run, and one day
// reconciled end to end against the real gateway simulator over HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaymentRow } from '../../offline-queue/payment-journal';
import { PENDING_SYNC_STATES, type PaymentState } from '../../offline-queue/payment-states';
import {
  daysToReconcile,
  reconcileDay,
  type Difference,
  type GatewayDay,
} from '../../offline-queue/reconciliation';
import { StaffItems } from '../../offline-queue/staff-items';
import type { SyncSettled } from '../../offline-queue/sync-worker';
import { startGatewaySim, type GatewaySim } from '../../sim/gateway/server';
import { GatewayClient } from '../../src/gateway/client';
import { gatewayWriteOffPort } from '../../src/gateway/write-off-port';
import { cashPaymentRequest } from '../../src/host/payment-request';
import { businessDate, businessDay } from '../../src/time/shanghai';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';
import {
  capturedPayment,
  newPayment,
  openTestJournal,
  outboxRowOf,
  paymentInState,
  RecordingPort,
  staffRows,
  tempDir,
  testClock,
  testWorker,
  transitionsOf,
  workerPass,
  writtenOffOutcome,
  moveAlong,
  type TempDir,
  type TestJournal,
} from './journal-fixture';

const DAY = '2026-11-26';
const OTHER_DAY = '2026-11-25';

let tmp: TempDir;
let t: TestJournal;
let staff: StaffItems;

beforeEach(() => {
  tmp = tempDir('kiosk-recon-');
  t = openTestJournal(tmp.file('journal.sqlite'));
  staff = new StaffItems(t.db, t.clock);
});
afterEach(() => {
  if (t.db.open) t.close();
  tmp.remove();
});

/** A cash payment written off by the sync worker; the gateway put it on `day`. */
async function writtenOff(notes: readonly number[], day = DAY): Promise<PaymentRow> {
  const id = capturedPayment(t, notes);
  const port = new RecordingPort();
  port.onSubmit = (serial) => writtenOffOutcome(serial, day);
  await workerPass(t, port);
  const p = t.journal.get(id);
  expect(p.state).toBe('WRITTEN_OFF');
  return p;
}

/** A captured payment whose write-off reply never came (WRITEOFF_UNKNOWN, outbox open). */
async function unknownOutcome(notes: readonly number[]): Promise<PaymentRow> {
  const id = capturedPayment(t, notes);
  const port = new RecordingPort();
  port.onSubmit = () => ({ kind: 'unknown', reason: 'timeout' });
  await workerPass(t, port);
  const p = t.journal.get(id);
  expect(p.state).toBe('WRITEOFF_UNKNOWN');
  return p;
}

type GatewayRecord = GatewayDay['records'][number];

function record(
  p: PaymentRow | string,
  amount: number,
  status: GatewayRecord['status'] = 'written_off',
): GatewayRecord {
  return {
    agentSerial: typeof p === 'string' ? p : p.agentSerial,
    amount,
    status,
    writtenOffAt: `${DAY}T14:05:41.000+08:00`,
  };
}

/** The gateway's day: count and total cover the written-off records, as the contract says. */
function gatewayDay(records: GatewayRecord[], day = DAY): GatewayDay {
  const kept = records.filter((r) => r.status === 'written_off');
  return {
    date: day,
    count: kept.length,
    total: kept.reduce((s, r) => s + r.amount, 0),
    records,
  };
}

function reconcile(gateway: GatewayDay, day = DAY, s: StaffItems = staff) {
  return reconcileDay({
    db: t.db,
    journal: t.journal,
    outbox: t.outbox,
    staff: s,
    day,
    gateway,
    clock: t.clock,
  });
}

interface RunRow {
  day: string;
  at: number;
  gateway_count: number;
  gateway_total: number;
  kiosk_count: number;
  kiosk_total: number;
  differences: number;
}

function runRow(day = DAY): RunRow | undefined {
  return t.db.prepare('SELECT * FROM reconciliation_run WHERE day = ?').get(day) as
    RunRow | undefined;
}

function writtenOffDayOf(id: number): string | null {
  const row = t.db.prepare('SELECT written_off_day FROM payment WHERE id = ?').get(id) as {
    written_off_day: string | null;
  };
  return row.written_off_day;
}

describe('reconcileDay: payments that match', () => {
  it('a written-off payment the gateway has with the same amount → RECONCILED, no staff item', async () => {
    const p = await writtenOff([10000, 10000]);
    t.clock.advance(86_400_000);
    const result = reconcile(gatewayDay([record(p, 20000)]));

    expect(result).toEqual({ matched: 1, differences: [] });
    expect(t.journal.get(p.id).state).toBe('RECONCILED');
    expect(transitionsOf(t, p.id).slice(-2)).toEqual([
      'WRITEOFF_SENT→WRITTEN_OFF',
      'WRITTEN_OFF→RECONCILED',
    ]);
    expect(t.journal.events(p.id).at(-1)?.type).toBe('reconciled');
    expect(staffRows(t)).toEqual([]);
  });

  it('a RECEIPTED payment reconciles too', async () => {
    const p = await writtenOff([5000]);
    moveAlong(t, p.id, ['RECEIPTED']);
    expect(reconcile(gatewayDay([record(p, 5000)]))).toEqual({ matched: 1, differences: [] });
    expect(t.journal.get(p.id).state).toBe('RECONCILED');
  });

  it('a WRITEOFF_UNKNOWN payment the gateway has → WRITTEN_OFF then RECONCILED, written_off_day set, outbox row closed', async () => {
    const p = await unknownOutcome([10000, 5000]);
    expect(outboxRowOf(t, p.id)?.done_at).toBeNull();
    expect(writtenOffDayOf(p.id)).toBeNull();
    t.clock.advance(3_600_000);

    const result = reconcile(gatewayDay([record(p, 15000)]));

    expect(result).toEqual({ matched: 1, differences: [] });
    expect(t.journal.get(p.id).state).toBe('RECONCILED');
    expect(transitionsOf(t, p.id).slice(-3)).toEqual([
      'WRITEOFF_SENT→WRITEOFF_UNKNOWN',
      'WRITEOFF_UNKNOWN→WRITTEN_OFF',
      'WRITTEN_OFF→RECONCILED',
    ]);
    expect(t.journal.events(p.id).map((e) => e.type)).toContain('written_off_by_reconciliation');
    expect(writtenOffDayOf(p.id)).toBe(DAY);
    expect(outboxRowOf(t, p.id)?.done_at).toBe(t.clock());
    expect(t.outbox.nextDueAt()).toBeNull();
    expect(runRow()).toMatchObject({ kiosk_count: 1, kiosk_total: 15000, differences: 0 });

    // The worker has nothing left to ask about it.
    const port = new RecordingPort();
    t.clock.advance(3_600_000);
    await workerPass(t, port);
    expect(port.calls).toEqual([]);
  });

  it.each<PaymentState>(['WRITEOFF_SENT', 'AWAIT_RECON'])(
    'a %s payment the gateway has is settled the same way',
    (state) => {
      const id = paymentInState(t, state, { notes: [10000] });
      const p = t.journal.get(id);
      expect(reconcile(gatewayDay([record(p, 10000)]))).toEqual({ matched: 1, differences: [] });
      expect(t.journal.get(id).state).toBe('RECONCILED');
      expect(writtenOffDayOf(id)).toBe(DAY);
      expect(outboxRowOf(t, id)?.done_at).toBe(t.clock());
    },
  );

  it('a pending payment the gateway does not list stays pending for the worker: not a difference, not counted', async () => {
    const p = await unknownOutcome([10000]);
    const result = reconcile(gatewayDay([]));
    expect(result).toEqual({ matched: 0, differences: [] });
    expect(t.journal.get(p.id).state).toBe('WRITEOFF_UNKNOWN');
    expect(PENDING_SYNC_STATES).toContain(t.journal.get(p.id).state);
    expect(outboxRowOf(t, p.id)?.done_at).toBeNull();
    expect(staffRows(t)).toEqual([]);
    expect(runRow()).toMatchObject({ kiosk_count: 0, kiosk_total: 0, differences: 0 });
  });

  it("payments written off on another day are not this day's business", async () => {
    const other = await writtenOff([10000], OTHER_DAY);
    expect(reconcile(gatewayDay([]))).toEqual({ matched: 0, differences: [] });
    expect(t.journal.get(other.id).state).toBe('WRITTEN_OFF');
    expect(staffRows(t)).toEqual([]);
  });
});

describe('reconcileDay: differences (长款 / 短款)', () => {
  function expectDifference(d: Difference | undefined, expected: Difference): void {
    expect(d).toEqual(expected);
  }

  it('kiosk-only: written off in the journal, absent at the gateway → DISCREPANCY + staff item 长款', async () => {
    const p = await writtenOff([10000, 2000]);
    const result = reconcile(gatewayDay([]));

    const expected: Difference = {
      kind: 'kiosk_only',
      label: '长款',
      agentSerial: p.agentSerial,
      kioskAmount: 12000,
      gatewayAmount: 0,
    };
    expect(result.matched).toBe(0);
    expectDifference(result.differences[0], expected);
    expect(result.differences).toHaveLength(1);
    expect(t.journal.get(p.id).state).toBe('DISCREPANCY');
    expect(transitionsOf(t, p.id).at(-1)).toBe('WRITTEN_OFF→DISCREPANCY');
    const items = staffRows(t);
    expect(items).toMatchObject([
      {
        kind: 'discrepancy',
        payment_id: p.id,
        amount: 12000,
        reason: 'kiosk_only',
        closed_at: null,
      },
    ]);
    expect(JSON.parse(items[0]?.detail_json ?? 'null')).toEqual(expected);
    expect(staff.openItems()[0]?.detail).toMatchObject({ label: '长款' });
  });

  it('gateway-only: a serial the kiosk never journalled → staff item 短款 with paymentId null', () => {
    const serial = 'SH-XH-WK-0007-20261126-000999';
    const result = reconcile(gatewayDay([record(serial, 30000)]));
    const expected: Difference = {
      kind: 'gateway_only',
      label: '短款',
      agentSerial: serial,
      kioskAmount: 0,
      gatewayAmount: 30000,
    };
    expect(result).toEqual({ matched: 0, differences: [expected] });
    expect(staff.openItems()).toMatchObject([
      { kind: 'discrepancy', paymentId: null, amount: 30000, reason: 'gateway_only' },
    ]);
    expect(staff.openItems()[0]?.detail).toEqual(expected);
  });

  it('gateway-only but reversed at the gateway: no money either side, nothing to report', () => {
    const result = reconcile(
      gatewayDay([record('SH-XH-WK-0007-20261126-000998', 500, 'reversed')]),
    );
    expect(result).toEqual({ matched: 0, differences: [] });
    expect(staffRows(t)).toEqual([]);
  });

  it('amount mismatch, kiosk holds more → 长款; kiosk holds less → 短款; staff see the gap', async () => {
    const more = await writtenOff([10000, 10000]);
    const less = await writtenOff([10000]);
    const result = reconcile(gatewayDay([record(more, 15000), record(less, 12000)]));

    expect(result.matched).toBe(0);
    expect(result.differences).toEqual([
      {
        kind: 'amount_mismatch',
        label: '长款',
        agentSerial: more.agentSerial,
        kioskAmount: 20000,
        gatewayAmount: 15000,
      },
      {
        kind: 'amount_mismatch',
        label: '短款',
        agentSerial: less.agentSerial,
        kioskAmount: 10000,
        gatewayAmount: 12000,
      },
    ]);
    expect(t.journal.get(more.id).state).toBe('DISCREPANCY');
    expect(t.journal.get(less.id).state).toBe('DISCREPANCY');
    expect(staffRows(t).map((s) => [s.payment_id, s.amount, s.reason])).toEqual([
      [more.id, 5000, 'amount_mismatch'],
      [less.id, 2000, 'amount_mismatch'],
    ]);
  });

  it('the gateway reversed a payment the kiosk wrote off → DISCREPANCY 长款 for the whole amount', async () => {
    const p = await writtenOff([5000, 5000]);
    const result = reconcile(gatewayDay([record(p, 10000, 'reversed')]));
    expect(result.differences).toEqual([
      {
        kind: 'reversed_at_gateway',
        label: '长款',
        agentSerial: p.agentSerial,
        kioskAmount: 10000,
        gatewayAmount: 0,
      },
    ]);
    expect(t.journal.get(p.id).state).toBe('DISCREPANCY');
    expect(staffRows(t)).toMatchObject([
      { kind: 'discrepancy', payment_id: p.id, amount: 10000, reason: 'reversed_at_gateway' },
    ]);
  });

  it('a gateway write-off of a payment the kiosk refunded in cash is reported (短款), not skipped', async () => {
    // The kiosk was told "rejected" and handed the money back; the gateway lists it written off.
    const id = capturedPayment(t, [10000]);
    const port = new RecordingPort();
    port.onSubmit = () => ({ kind: 'rejected', code: 'quote_expired', message: 'expired' });
    await workerPass(t, port);
    moveAlong(t, id, ['MANUAL_REFUND']);
    const p = t.journal.get(id);

    const result = reconcile(gatewayDay([record(p, 10000)]));

    // Every record appears exactly once, and every difference reaches staff (invariant 12).
    expect(result.differences.map((d) => [d.agentSerial, d.label, d.gatewayAmount])).toEqual([
      [p.agentSerial, '短款', 10000],
    ]);
    expect(staffRows(t).filter((s) => s.kind === 'discrepancy')).toHaveLength(1);
  });
});

describe('reconcileDay: the run', () => {
  it('writes the reconciliation_run row: gateway and kiosk counts and totals, differences, time', async () => {
    const matching = await writtenOff([10000, 10000]);
    const kioskOnly = await writtenOff([5000]);
    const mismatch = await writtenOff([2000]);
    const reversed = await writtenOff([1000]);
    await writtenOff([10000], OTHER_DAY);
    const pending = await unknownOutcome([10000, 5000]);
    t.clock.advance(86_400_000);

    const gateway = gatewayDay([
      record(matching, 20000),
      record(mismatch, 2500),
      record(reversed, 1000, 'reversed'),
      record(pending, 15000),
      record('SH-XH-WK-0007-20261126-000777', 700),
    ]);
    expect(gateway).toMatchObject({ count: 4, total: 38200 });
    const result = reconcile(gateway);

    expect(result.matched).toBe(2);
    expect(result.differences.map((d) => d.kind).sort()).toEqual([
      'amount_mismatch',
      'gateway_only',
      'kiosk_only',
      'reversed_at_gateway',
    ]);
    expect(t.journal.get(kioskOnly.id).state).toBe('DISCREPANCY');
    expect(runRow()).toEqual({
      day: DAY,
      at: t.clock(),
      gateway_count: 4,
      gateway_total: 38200,
      // The kiosk's write-offs of the day: the five with written_off_day = DAY.
      kiosk_count: 5,
      kiosk_total: 20000 + 5000 + 2000 + 1000 + 15000,
      differences: 4,
    });
    expect(staffRows(t)).toHaveLength(4);
  });

  it('is one transaction: a failure half-way leaves no state change, no staff item and no run row', async () => {
    const a = await writtenOff([10000]);
    const b = await writtenOff([5000]);
    const pending = await unknownOutcome([2000]);
    class FailingStaff extends StaffItems {
      override open(): number {
        throw new Error('disk full');
      }
    }
    const before = t.db.prepare('SELECT id, state, written_off_day FROM payment').all();

    expect(() =>
      reconcile(
        gatewayDay([record(a, 10000), record(pending, 2000)]),
        DAY,
        new FailingStaff(t.db, t.clock),
      ),
    ).toThrow(/disk full/);

    expect(t.db.prepare('SELECT id, state, written_off_day FROM payment').all()).toEqual(before);
    expect(t.journal.get(b.id).state).toBe('WRITTEN_OFF');
    expect(outboxRowOf(t, pending.id)?.done_at).toBeNull();
    expect(staffRows(t)).toEqual([]);
    expect(runRow()).toBeUndefined();
  });

  it('running the same day again reports nothing new: no duplicate staff item, the run row keeps its figures', async () => {
    const matching = await writtenOff([10000]);
    await writtenOff([5000]);
    const gateway = gatewayDay([
      record(matching, 10000),
      record('SH-XH-WK-0007-20261126-000555', 3000),
    ]);
    const first = reconcile(gateway);
    expect(first.differences).toHaveLength(2);
    const items = staffRows(t);
    const row = runRow();

    t.clock.advance(60_000);
    reconcile(gateway);

    expect(staffRows(t)).toEqual(items);
    expect(runRow()?.differences).toBe(row?.differences);
  });
});

describe('daysToReconcile', () => {
  const at = (iso: string) => Date.parse(iso);

  function setDays(id: number, o: { collectedAt?: number; writtenOffDay?: string }): void {
    t.db
      .prepare(
        'UPDATE payment SET collected_at = coalesce(?, collected_at), written_off_day = coalesce(?, written_off_day) WHERE id = ?',
      )
      .run(o.collectedAt ?? null, o.writtenOffDay ?? null, id);
  }

  it('on an empty journal: only yesterday', () => {
    expect(daysToReconcile(t.db, '2026-11-26', '2026-11-25')).toEqual(['2026-11-25']);
  });

  it('lists past days with written-off or collected payments plus yesterday; never today or later; not days already run', () => {
    const a = paymentInState(t, 'WRITTEN_OFF');
    setDays(a, { collectedAt: at('2026-11-20T10:00:00+08:00'), writtenOffDay: '2026-11-21' });
    const b = paymentInState(t, 'AWAIT_RECON');
    setDays(b, { collectedAt: at('2026-11-23T09:00:00+08:00') });
    const today = paymentInState(t, 'WRITTEN_OFF');
    setDays(today, { collectedAt: at('2026-11-26T08:00:00+08:00'), writtenOffDay: '2026-11-26' });
    // Created on a past day but never collected: nothing to reconcile for it.
    t.journal.create(newPayment());
    paymentInState(t, 'ABANDONED');

    expect(daysToReconcile(t.db, '2026-11-26', '2026-11-25')).toEqual([
      '2026-11-20',
      '2026-11-21',
      '2026-11-23',
      '2026-11-25',
    ]);

    reconcile(gatewayDay([], '2026-11-20'), '2026-11-20');
    reconcile(gatewayDay([], '2026-11-25'), '2026-11-25');
    expect(daysToReconcile(t.db, '2026-11-26', '2026-11-25')).toEqual(['2026-11-21', '2026-11-23']);
  });

  it('collected days are Shanghai business days, not UTC days', () => {
    const late = paymentInState(t, 'WRITEOFF_UNKNOWN');
    setDays(late, { collectedAt: at('2026-11-23T23:59:59.999+08:00') });
    const early = paymentInState(t, 'WRITEOFF_UNKNOWN');
    setDays(early, { collectedAt: at('2026-11-24T00:00:00.000+08:00') });
    expect(daysToReconcile(t.db, '2026-11-26', '2026-11-25')).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
    ]);
    // The same as the host's businessDate.
    expect(businessDate(at('2026-11-23T23:59:59.999+08:00'))).toBe('2026-11-23');
  });
});

describe('reconcileDay against the real gateway simulator', () => {
  let sim: GatewaySim;

  beforeEach(async () => {
    sim = await startGatewaySim({ dbPath: ':memory:', port: 0 });
  });
  afterEach(() => sim.close());

  it('a real quote paid through the SyncWorker and the gateway port reconciles: RECONCILED, zero differences', async () => {
    const client = new GatewayClient({
      baseUrl: sim.url,
      terminalId: 'SH-XH-WK-0007',
      secret: DEMO_TERMINALS['SH-XH-WK-0007'] ?? '',
      timeoutMs: 5_000,
    });
    t.close();
    t = openTestJournal(tmp.file('live.sqlite'), testClock(Date.now()));
    staff = new StaffItems(t.db, t.clock);

    const quoted = await client.queryBills({ billerId: 'sh-power', account: '3100123456' });
    if (!quoted.ok) throw new Error(`quote failed: ${JSON.stringify(quoted)}`);
    const quote = quoted.body;
    const p = t.journal.create(
      newPayment({
        businessDay: businessDay(t.clock()),
        billerId: quote.billerId,
        account: quote.account,
        quoteId: quote.quoteId,
        quoteJson: JSON.stringify(quote),
        amountDue: quote.totalDue,
      }),
    );
    t.journal.startCollecting(p.id);
    const notes = Math.ceil(quote.totalDue / 10000);
    for (let i = 0; i < notes; i++) {
      t.journal.recordStacked(p.id, t.journal.recordEscrow(p.id, 10000));
    }
    const collected = t.journal.get(p.id);
    t.journal.captureFunds(p.id, cashPaymentRequest(t.journal, collected, t.clock()));

    const worker = testWorker(t, gatewayWriteOffPort(client));
    try {
      const settled = new Promise<SyncSettled>((resolve) => worker.once('settled', resolve));
      worker.kick();
      expect(await settled).toEqual({ paymentId: p.id, state: 'WRITTEN_OFF' });
    } finally {
      await worker.stop();
    }
    const day = writtenOffDayOf(p.id);
    expect(day).toBe(businessDate(Date.now()));

    const reply = await client.reconciliation(day ?? '');
    if (!reply.ok) throw new Error(`reconciliation failed: ${JSON.stringify(reply)}`);
    expect(reply.body.records).toEqual([
      expect.objectContaining({
        agentSerial: p.agentSerial,
        amount: notes * 10000,
        status: 'written_off',
      }),
    ]);

    const result = reconcile(reply.body, day ?? '');
    expect(result).toEqual({ matched: 1, differences: [] });
    expect(t.journal.get(p.id).state).toBe('RECONCILED');
    expect(runRow(day ?? '')).toMatchObject({
      gateway_count: 1,
      gateway_total: notes * 10000,
      kiosk_count: 1,
      kiosk_total: notes * 10000,
      differences: 0,
    });
    expect(staffRows(t)).toEqual([]);
  });
});
