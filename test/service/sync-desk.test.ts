// Payments waiting to sync, against the gateway simulator: the list with age, attempts and the
// last error; "try now" as a request to the sync worker, which keeps the gateway's Retry-After
// and queries before it re-sends after an unknown outcome.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthenticatedPerson } from '../../src/service/authenticator';
import { can } from '../../src/service/roles';
import { auditOf, captured, openDesk, people, type Desk } from './staff-fixture';

let desk: Desk;
let wang: AuthenticatedPerson;

beforeEach(async () => {
  desk = await openDesk();
  ({ wang } = await people(desk));
});
afterEach(() => desk.close());

describe('payments waiting to sync', () => {
  it('lists age and last error; try now waits out a Retry-After, then the worker queries first', async () => {
    desk.sim.sim.setFaults([{ route: 'POST /v1/payments', kind: '503', retryAfter: 30, times: 1 }]);
    const p = await captured(desk);
    await desk.sync();
    desk.advance(5_000);
    const list = desk.services.waitingToSync(wang);
    expect(list).toMatchObject({
      ok: true,
      payments: [
        {
          agentSerial: p.agentSerial,
          billerName: '国网上海市电力公司',
          account: '3100****56',
          method: 'cash',
          amount: p.collected,
          state: 'WRITEOFF_UNKNOWN',
          ageMs: 5_000,
          attempts: 1,
          lastError: 'service_unavailable',
          retryAfterUntil: desk.clock() + 25_000,
        },
      ],
    });

    // Within the gateway's Retry-After: asked, but the worker waits.
    const early = desk.services.tryNow(wang, p.agentSerial);
    expect(early).toEqual({
      ok: true,
      requested: [],
      waiting: [{ agentSerial: p.agentSerial, until: desk.clock() + 25_000 }],
    });
    await desk.sync();
    expect(desk.sim.sim.requests({ serial: p.agentSerial })).toHaveLength(1);

    desk.advance(26_000);
    expect(desk.services.tryNow(wang)).toEqual({
      ok: true,
      requested: [p.agentSerial],
      waiting: [],
    });
    await desk.sync();
    expect(desk.journal.get(p.id).state).toBe('WRITTEN_OFF');
    expect(desk.sim.sim.requests({ serial: p.agentSerial }).map((r) => r.route)).toEqual([
      'POST /v1/payments',
      'GET /v1/payments/:serial',
      'POST /v1/payments',
    ]);
    expect(desk.requests).toEqual([
      { op: 'retryNow', paymentId: p.id },
      { op: 'retryNow', paymentId: undefined },
    ]);
    expect(desk.services.waitingToSync(wang)).toEqual({ ok: true, payments: [] });
    expect(desk.services.tryNow(wang, p.agentSerial)).toEqual({
      ok: false,
      reason: 'not_waiting',
      why: 'WRITTEN_OFF',
    });
    expect(desk.services.tryNow(wang, 'SH-XH-WK-0007-20261126-999999')).toEqual({
      ok: false,
      reason: 'no_such_payment',
    });
    expect(
      [...auditOf(desk, 'sync.view'), ...auditOf(desk, 'sync.try_now')].map((r) => r.detail),
    ).toEqual([
      { count: 1 },
      { count: 0 },
      { requested: 0, waitingRetryAfter: 1 },
      { requested: 1, waitingRetryAfter: 0 },
      { outcome: 'refused', reason: 'not_waiting', why: 'WRITTEN_OFF' },
      { outcome: 'refused', reason: 'no_such_payment' },
    ]);
  });

  it('refuses a role that may not ask', async () => {
    await desk.reopen({ can: (role, action) => action !== 'sync.try_now' && can(role, action) });
    ({ wang } = await people(desk));
    expect(desk.services.tryNow(wang)).toEqual({ ok: false, reason: 'not_allowed' });
    expect(desk.requests).toEqual([]);
    expect(desk.services.waitingToSync(wang)).toMatchObject({ ok: true });
  });
});
