// The reversal port against the gateway simulator: reversed, 409 too_late after the day cut,
// 404 not_found, an unknown outcome (the reply lost after the gateway reversed it) that a query
// then settles, and a query that tells reversed from still written off.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatewayClient } from '../../src/gateway/client';
import { gatewayReversalPort, type ReversalPort } from '../../src/gateway/reversal-port';
import { DEMO_TERMINALS } from '../../sim/gateway/seed';
import { isoShanghai } from '../../sim/gateway/shanghai-time';
import { HOUR, paymentFor, startTestSim, type TestSim } from '../sim/sim-fixture';

const TERMINAL = 'SH-XH-WK-0007';

let sim: TestSim;
let port: ReversalPort;
let serialNo = 0;

beforeEach(async () => {
  sim = await startTestSim();
  const client = new GatewayClient({
    baseUrl: sim.sim.url,
    terminalId: TERMINAL,
    secret: DEMO_TERMINALS[TERMINAL] ?? '',
    timeoutMs: 2_000,
    clock: () => sim.now().getTime(),
  });
  port = gatewayReversalPort(client);
});
afterEach(() => sim.close());

/** A cash payment written off at the simulator now; returns its serial. */
async function writtenOff(): Promise<string> {
  const quote = await sim.quote('sh-gas', '50012345');
  const serial = `${TERMINAL}-20261126-${String(800000 + ++serialNo)}`;
  const res = await sim.post(
    '/v1/payments',
    paymentFor(quote, serial, quote.totalDue, isoShanghai(sim.now())),
  );
  expect(res.status).toBe(200);
  return serial;
}

describe('gatewayReversalPort', () => {
  it('reverses a write-off of the same day; the query then says reversed', async () => {
    const serial = await writtenOff();
    expect(await port.query(serial)).toEqual({ kind: 'written_off' });
    expect(await port.reverse(serial, 'wrong_account')).toEqual({ kind: 'reversed' });
    expect(await port.query(serial)).toEqual({ kind: 'reversed' });
  });

  it('says too_late after the day cut', async () => {
    const serial = await writtenOff();
    sim.advance(12 * HOUR);
    expect(await port.reverse(serial, 'wrong_account')).toMatchObject({ kind: 'too_late' });
    expect(await port.query(serial)).toEqual({ kind: 'written_off' });
  });

  it('says not_found for a serial the gateway never committed', async () => {
    expect(await port.reverse(`${TERMINAL}-20261126-899999`, 'x')).toMatchObject({
      kind: 'not_found',
    });
    expect(await port.query(`${TERMINAL}-20261126-899999`)).toEqual({ kind: 'not_found' });
  });

  it('a lost reply is unknown, and the query finds it reversed', async () => {
    const serial = await writtenOff();
    sim.sim.setFaults([
      { route: 'POST /v1/payments/:serial/reversal', kind: 'drop_after_commit', times: 1 },
    ]);
    expect(await port.reverse(serial, 'wrong_account')).toMatchObject({ kind: 'unknown' });
    expect(await port.query(serial)).toEqual({ kind: 'reversed' });
  });

  it('a 503 before commit is unknown, and the query finds it still written off', async () => {
    const serial = await writtenOff();
    sim.sim.setFaults([{ route: 'POST /v1/payments/:serial/reversal', kind: '503', times: 1 }]);
    expect(await port.reverse(serial, 'wrong_account')).toEqual({
      kind: 'unknown',
      reason: 'service_unavailable',
    });
    expect(await port.query(serial)).toEqual({ kind: 'written_off' });
  });
});
