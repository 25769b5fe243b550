// The kiosk's bank-card client against the scripted module: outcomes pass through checked and
// masked, and after an unknown outcome the reference is queried before anything else, so no
// customer is charged twice.
import { describe, expect, it } from 'vitest';
import { BankCardClient, maskPan } from '../../drivers/card-reader/bank-card-client';
import { BankCardModuleEmulator } from '../../sim/devices/bank-card-module-emulator';

function setup(options: ConstructorParameters<typeof BankCardClient>[1] = {}) {
  const module = new BankCardModuleEmulator();
  const client = new BankCardClient(module, {
    payTimeoutMs: 50,
    callTimeoutMs: 50,
    queryIntervalMs: 0,
    ...options,
  });
  const ops = () => module.calls.map((c) => c.op);
  return { module, client, ops };
}

describe('BankCardClient', () => {
  it('passes approvals and declines through', async () => {
    const { module, client, ops } = setup();
    module.script = ['approve', 'decline'];
    await expect(client.pay(41109, 'KIOSK-20261126-000001-1')).resolves.toEqual({
      result: 'approved',
      authCode: '100001',
      maskedPan: '622848******1234',
    });
    await expect(client.pay(41109, 'KIOSK-20261126-000002-1')).resolves.toMatchObject({
      result: 'declined',
    });
    expect(ops()).toEqual(['pay', 'pay']);
  });

  it('queries after an unknown outcome, and reports the money taken without paying again', async () => {
    const { module, client, ops } = setup();
    module.script = ['unknownThenApproved'];
    const ref = 'KIOSK-20261126-000003-1';
    await expect(client.pay(41109, ref)).resolves.toMatchObject({ result: 'approved' });
    expect(ops()).toEqual(['pay', 'query']);
    expect(module.charges(ref)).toBe(1);
  });

  it('after an unknown outcome the module denies, reports declined', async () => {
    const { module, client, ops } = setup();
    module.script = ['unknownThenDeclined'];
    await expect(client.pay(100, 'R-1')).resolves.toMatchObject({ result: 'declined' });
    module.script = ['unknownNotFound'];
    await expect(client.pay(100, 'R-2')).resolves.toEqual({
      result: 'declined',
      reason: 'not charged: the module has no record of it',
    });
    expect(ops()).toEqual(['pay', 'query', 'pay', 'query']);
  });

  it('treats a module that never answers as unknown, and finds out by query', async () => {
    const { module, client, ops } = setup();
    module.script = [{ timeout: true, charged: true }];
    await expect(client.pay(100, 'R-3')).resolves.toMatchObject({ result: 'approved' });
    expect(ops()).toEqual(['pay', 'query']);
    expect(module.charges('R-3')).toBe(1);
  });

  it('stays unknown while queries say unknown; the next pay of that reference queries first', async () => {
    const { module, client, ops } = setup({ queryAttempts: 2 });
    module.script = ['unknownThenApproved'];
    module.queryUnknownTimes = 2;
    await expect(client.pay(100, 'R-4')).resolves.toMatchObject({ result: 'unknown' });
    expect(client.isUnsettled('R-4')).toBe(true);
    // The customer (or the flow) tries again under the same reference: the module did charge.
    await expect(client.pay(100, 'R-4')).resolves.toMatchObject({ result: 'approved' });
    expect(ops()).toEqual(['pay', 'query', 'query', 'query']);
    expect(module.charges('R-4')).toBe(1);
    expect(client.isUnsettled('R-4')).toBe(false);
  });

  it('pays again under an unknown reference only when the module never took it', async () => {
    const { module, client, ops } = setup({ queryAttempts: 1 });
    module.script = ['unknownNotFound'];
    module.queryUnknownTimes = 1;
    await expect(client.pay(100, 'R-5')).resolves.toMatchObject({ result: 'unknown' });
    await expect(client.pay(100, 'R-5')).resolves.toMatchObject({ result: 'approved' });
    expect(ops()).toEqual(['pay', 'query', 'query', 'pay']);
    expect(module.charges('R-5')).toBe(1);
  });

  it('resolves a reference by queries alone (at start, for attempts left open)', async () => {
    const { module, client, ops } = setup();
    await expect(client.resolve('R-never')).resolves.toEqual({ result: 'notFound' });
    module.script = ['approve'];
    await client.pay(100, 'R-6');
    await expect(client.resolve('R-6')).resolves.toMatchObject({ result: 'approved' });
    expect(ops()).toEqual(['query', 'pay', 'query']);
  });

  it('masks the card number even when the module sends it whole', async () => {
    const { module, client } = setup();
    module.maskedPan = '6228480012345678901';
    await expect(client.pay(100, 'R-7')).resolves.toMatchObject({
      maskedPan: '622848*********8901',
    });
    expect(maskPan('**** **** **** 1234')).toBe('**** **** **** 1234');
    expect(maskPan('6228 4800 1234 5678 901')).toBe('6228 48** **** ***8 901');
  });

  it('turns a throw or an answer outside the contract into unknown, then queries', async () => {
    const { module, client } = setup({ queryAttempts: 1 });
    module.pay = async () => {
      throw new Error('serial port closed');
    };
    await expect(client.pay(100, 'R-8')).resolves.toEqual({
      result: 'declined',
      reason: expect.stringMatching(/not charged/),
    });
    module.query = async () => ({ result: 'maybe' }) as never;
    await expect(client.resolve('R-8')).resolves.toEqual({
      result: 'unknown',
      reason: 'query: answer outside the contract',
    });
  });

  it('cancels, and refuses bad requests before they reach the module', async () => {
    const { module, client, ops } = setup();
    await client.pay(100, 'R-9');
    await expect(client.cancel('R-9')).resolves.toEqual({ result: 'cancelled' });
    expect(module.charges('R-9')).toBe(0);
    await expect(client.pay(0, 'R-10')).resolves.toMatchObject({ result: 'declined' });
    await expect(client.pay(1.5, 'R-10')).resolves.toMatchObject({ result: 'declined' });
    await expect(client.pay(100, 'bad ref!')).resolves.toMatchObject({ result: 'declined' });
    expect(ops()).toEqual(['pay', 'cancel']);
  });
});
