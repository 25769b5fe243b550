// The VAT invoice's actors (src/host/vat-invoice-actors.ts) over the community room against the
// gateway simulator over HTTP: the register's answer, its 404 and a bad check character as the
// screens' problems; the pickup points; a request accepted, accepted for later with the gateway
// away, and refused for good (period_not_paid, already_invoiced) with the code on the receipt.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActor, fromPromise, toPromise, type AnyActorLogic } from 'xstate';
import type { CommunityRoom } from '../../src/community';
import { taxIdCheckCharacter } from '../../src/community/checks';
import type { BillerChoice, LookupResult } from '../../src/flows/session-types';
import type { InvoiceRequestInput } from '../../src/flows/vat-invoice/vat-invoice-machine';
import { vatInvoiceLogic } from '../../src/host/vat-invoice-actors';
import { DEMO_COMMUNITY, DEMO_TAX_IDS } from '../../sim/gateway/community-seed';
import type { GatewaySim } from '../../sim/gateway/server';
import { jpeg } from '../community/fixtures';
import { roomOnSimulator, type RoomOnSimulator } from '../community/room-on-simulator';

let opened: RoomOnSimulator;
let sim: GatewaySim;
let room: CommunityRoom;

beforeEach(async () => {
  opened = await roomOnSimulator('vat-invoice', {
    community: DEMO_COMMUNITY,
    onDuty: () => null,
    audit: () => undefined,
    timeoutMs: 1_000,
    answerWaitMs: 1_500,
  });
  ({ sim, room } = opened);
});

afterEach(() => opened.close());

/** The bill lookups are the session's (tested with it); stand-ins here. */
const bills = {
  loadBillers: fromPromise<BillerChoice[]>(async () => []),
  lookUpBills: fromPromise<LookupResult, { billerId: string; account: string }>(async () => ({
    ok: false,
    problem: 'gateway_unavailable',
  })),
};

const actors = () => vatInvoiceLogic(() => room, bills).implementations.actors;

async function run<T>(logic: unknown, input?: unknown): Promise<T> {
  return (await toPromise(
    createActor(logic as AnyActorLogic, input === undefined ? {} : { input }).start(),
  )) as T;
}

const TAX_ID = DEMO_TAX_IDS[0] ?? '';

async function request(overrides: Partial<InvoiceRequestInput> = {}) {
  const title = await run<{ ok: boolean; buyer?: InvoiceRequestInput['buyer'] }>(
    actors().invoiceTitle,
    { taxId: TAX_ID },
  );
  if (!title.ok || !title.buyer) throw new Error('no title');
  const input: InvoiceRequestInput = {
    billerId: 'sh-power',
    account: '3100123456',
    periods: ['2026-10'],
    type: 'special',
    buyer: title.buyer,
    delivery: { pickupPointId: 'pp-wukang-committee' },
    phone: '13800138000',
    evidence: [],
    ...overrides,
  };
  return run<unknown>(actors().requestInvoice, input);
}

function evidence(): string {
  const r = room.stagePhoto({ mime: 'image/jpeg', bytes: jpeg() });
  if (!r.ok) throw new Error(r.message);
  return String(r.value.photoId);
}

describe('the VAT invoice actors against the simulator', () => {
  it('the register: the company, a 404 as not_in_register, a bad check character never asked', async () => {
    expect(await run(actors().invoiceTitle, { taxId: TAX_ID })).toEqual({
      ok: true,
      buyer: expect.objectContaining({ taxId: TAX_ID, name: '上海武康餐饮管理有限公司' }),
    });
    const unknown = `91310104MA1FP3QW8${taxIdCheckCharacter('91310104MA1FP3QW8') ?? ''}`;
    expect(await run(actors().invoiceTitle, { taxId: unknown })).toEqual({
      ok: false,
      problem: 'not_in_register',
    });
    const asked = sim.requests({ route: 'GET /v1/invoice-titles' }).length;
    expect(await run(actors().invoiceTitle, { taxId: `${TAX_ID.slice(0, 17)}Y` })).toEqual({
      ok: false,
      problem: 'tax_id_check',
    });
    expect(sim.requests({ route: 'GET /v1/invoice-titles' })).toHaveLength(asked);
  });

  it('the pickup points near the community, in both languages', async () => {
    const r = await run<{ ok: boolean; points?: { id: string }[] }>(actors().pickupPoints);
    expect(r.ok).toBe(true);
    expect(r.points?.map((p) => p.id)).toContain('pp-wukang-committee');
  });

  it('a request with payment evidence: accepted, its serial the receipt’s reference', async () => {
    const r = await request({ evidence: [evidence()] });
    expect(r).toMatchObject({ ok: true, state: 'accepted', rejectCode: null });
    const serial = (r as { serial: string }).serial;
    expect(serial).toMatch(/-\d{8}-\d{6}$/);
    expect((r as { qr: string }).qr).toBe(serial);
  });

  it('a month not paid through the gateway, without evidence: refused for good', async () => {
    expect(await request({ periods: ['2026-07'] })).toMatchObject({
      ok: true,
      state: 'rejected',
      rejectCode: 'period_not_paid',
    });
  });

  it('a month invoiced already: refused for good', async () => {
    await request({ evidence: [evidence()] });
    expect(await request({ evidence: [evidence()] })).toMatchObject({
      ok: true,
      state: 'rejected',
      rejectCode: 'already_invoiced',
    });
  });

  it('the gateway away: accepted for later, with its serial', async () => {
    const title = await run<{ ok: boolean; buyer?: InvoiceRequestInput['buyer'] }>(
      actors().invoiceTitle,
      { taxId: TAX_ID },
    );
    // Every request dropped before the gateway acts: as if it were away.
    sim.setFaults([{ route: '*', kind: 'drop_before_commit' }]);
    const r = await run<unknown>(actors().requestInvoice, {
      billerId: 'sh-power',
      account: '3100123456',
      periods: ['2026-10'],
      type: 'normal',
      buyer: title.buyer,
      delivery: { email: 'caiwu@wukang.example' },
      phone: '13800138000',
      evidence: [evidence()],
    } satisfies Partial<InvoiceRequestInput>);
    expect(r).toMatchObject({ ok: true, state: 'pending' });
  });

  it('a mobile that is not one: back to the mobile, nothing journalled', async () => {
    expect(await request({ phone: '12345678901' })).toEqual({
      ok: false,
      problem: 'invalid_mobile',
      field: 'phone',
    });
    expect(room.waiting()).toEqual([]);
  });
});
